// SPEC §10: concurrent `migrate upgrade head` runs against one database apply each migration
// exactly once, and every run exits 0.
#include <gtest/gtest.h>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

class Concurrency : public E2E {};

TEST_P(Concurrency, SixUpgradesAtOnceApplyEachMigrationExactlyOnce) {
  // A log table written by every migration shows how often each ran: a second run of any
  // revision would insert a duplicate row (or fail on the CREATE TABLE).
  revision("a.yaml", "aaaaaaaaaaaa", "",
           "  - create_table: {name: applied, columns: [{name: rev, type: string(32)}]}\n"
           "  - execute: \"INSERT INTO applied VALUES ('a')\"\n");
  std::string previous = "aaaaaaaaaaaa";
  for (int i = 1; i <= 20; ++i) {
    const std::string id = "c" + std::string(9, '0') + (i < 10 ? "0" : "") + std::to_string(i);
    revision("b" + std::to_string(100 + i) + ".yaml", id, previous,
             "  - create_table: {name: t" + std::to_string(i) +
                 ", columns: [{name: id, type: integer, primary_key: true}]}\n"
                 "  - execute: \"INSERT INTO applied VALUES ('" +
                 id + "')\"\n");
    previous = id;
  }
  std::vector<Running> runs;
  for (int i = 0; i < 6; ++i) {
    runs.push_back(start_program({MIGRATE_BINARY, "upgrade", "head"},
                                 RunOptions{.cwd = dir(),
                                            .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                                            .stdin_text = std::nullopt}));
  }
  int running_upgrades = 0;
  for (const auto& run : runs) {
    const auto result = wait_program(run);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.err.find("Running upgrade") != std::string::npos) ++running_upgrades;
  }
  EXPECT_GE(running_upgrades, 1);
  const auto rows =
      db().query("SELECT rev, COUNT(*) FROM applied GROUP BY rev HAVING COUNT(*) > 1");
  EXPECT_TRUE(rows.empty()) << "a migration ran twice";
  EXPECT_EQ(db().query("SELECT rev FROM applied").size(), 21u);
  EXPECT_EQ(versions(), std::vector<std::string>{previous});
}

INSTANTIATE_TEST_SUITE_P(Dialects, Concurrency, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
