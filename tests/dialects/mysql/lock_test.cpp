// GET_LOCK as the migration lock (SPEC §13): held for the session, keeping a second connection
// out, and released by the server when the session ends.
#include "dialects/mysql/lock.h"

#include <chrono>
#include <future>

#include "dialects/mysql/quoting.h"
#include "mysql_test_support.h"
#include "support/mariadb_test_url.h"

namespace migrate::mysql {
namespace {

using namespace std::chrono_literals;
using testing::MysqlTest;

TEST(MysqlLockName, LongNamesAreHashedToFit) {
  EXPECT_EQ(lock_name("shop", "alembic_version"), "migrate:shop.alembic_version");
  const std::string long_name = lock_name(std::string(60, 'd'), "alembic_version");
  EXPECT_LE(long_name.size(), 64u);
  EXPECT_EQ(long_name.rfind("migrate:", 0), 0u);
  EXPECT_NE(long_name, lock_name(std::string(61, 'd'), "alembic_version"));
}

TEST_F(MysqlTest, LockKeepsASecondSessionOutUntilReleasedOrTheSessionEnds) {
  auto second = testing::connect(url_);
  auto held = testing::my().lock(*conn_, "alembic_version");
  auto waiter = std::async(std::launch::async,
                           [&] { auto guard = testing::my().lock(*second, "alembic_version"); });
  EXPECT_EQ(waiter.wait_for(500ms), std::future_status::timeout);
  held.reset();
  ASSERT_EQ(waiter.wait_for(10s), std::future_status::ready);
  waiter.get();
  // A session that ends without releasing it (a killed migrate) frees it too.
  auto third = testing::connect(url_);
  const std::string name = lock_name(test::parse_mysql_url(url_).database, "alembic_version");
  EXPECT_EQ(testing::value(*third, "SELECT GET_LOCK(" + quote_literal(name) + ", 0)"), "1");
  third.reset();  // no RELEASE_LOCK: only the session's end
  auto after = std::async(std::launch::async,
                          [&] { auto guard = testing::my().lock(*second, "alembic_version"); });
  ASSERT_EQ(after.wait_for(10s), std::future_status::ready);
  after.get();
}

}  // namespace
}  // namespace migrate::mysql
