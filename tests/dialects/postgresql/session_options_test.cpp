// When a fleet may switch a PostgreSQL connection to another target's URL instead of logging in
// again, and which settings it then sets (no server).
#include "dialects/postgresql/session_options.h"

#include <gtest/gtest.h>

#include "migrate/config/url.h"

namespace migrate::postgresql {
namespace {

std::optional<SessionOptions> switchable(const std::string& from, const std::string& to) {
  return switchable_options(Url::parse(from), Url::parse(to));
}

TEST(SessionOptions, ReadsEverySpellingTheServerAccepts) {
  EXPECT_EQ(
      parse_session_options("-csearch_path=t1 -c lock_timeout=5s --Statement-Timeout=0"),
      (SessionOptions{{"search_path", "t1"}, {"lock_timeout", "5s"}, {"statement_timeout", "0"}}));
  EXPECT_EQ(parse_session_options(R"(-csearch_path=a\ b)"),
            (SessionOptions{{"search_path", "a b"}}));
  EXPECT_EQ(parse_session_options(""), SessionOptions{});
  // Other server switches (-d 5: debug level) only a login applies.
  EXPECT_EQ(parse_session_options("-d 5"), std::nullopt);
  EXPECT_EQ(parse_session_options("-c"), std::nullopt);
}

TEST(SessionOptions, SwitchesWhenOnlyTheValuesOfTheSameSettingsDiffer) {
  const std::string base = "postgresql://app:pw@db:5433/saas?sslmode=disable&options=";
  EXPECT_EQ(switchable(base + "-csearch_path%3Dt1", base + "-csearch_path%3Dt2"),
            (SessionOptions{{"search_path", "t2"}}));
  EXPECT_EQ(switchable("postgresql://app@db/saas", "postgresql://app@db/saas"), SessionOptions{});
}

TEST(SessionOptions, AnotherLoginOrAnotherSettingNeedsANewConnection) {
  const std::string tail = "?options=-csearch_path%3Dt2";
  const std::string from = "postgresql://app:pw@db:5433/saas?options=-csearch_path%3Dt1";
  EXPECT_EQ(switchable(from, "postgresql://app:pw@db:5433/other" + tail), std::nullopt);
  EXPECT_EQ(switchable(from, "postgresql://bob:pw@db:5433/saas" + tail), std::nullopt);
  EXPECT_EQ(switchable(from, "postgresql://app:pw2@db:5433/saas" + tail), std::nullopt);
  EXPECT_EQ(switchable(from, "postgresql://app:pw@db2:5433/saas" + tail), std::nullopt);
  EXPECT_EQ(switchable(from, "postgresql://app:pw@db:5432/saas" + tail), std::nullopt);
  EXPECT_EQ(switchable(from, "postgresql://app:pw@db:5433/saas" + tail + "&sslmode=require"),
            std::nullopt);
  // A setting only one of them has: the login's default would stay, or be missing.
  EXPECT_EQ(switchable(from,
                       "postgresql://app:pw@db:5433/saas?options=-csearch_path%3Dt2%20"
                       "-clock_timeout%3D1s"),
            std::nullopt);
  EXPECT_EQ(switchable(from, "postgresql://app:pw@db:5433/saas"), std::nullopt);
}

}  // namespace
}  // namespace migrate::postgresql
