// Seeing a live run: --echo-sql prints each statement with its duration, every run ends with a
// summary line, a terminal gets one redrawn "[k/n]" line, and a run queued behind another's
// lock says so after a second instead of looking hung.
#include <chrono>
#include <regex>
#include <thread>

#include "cli/e2e.h"

// RunOptions are built naming only the fields that matter.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::test {
namespace {

class LiveRun : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    revision("a.yaml", "aaaaaaaaaaaa", "",
             "  - create_table: {name: account, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - add_column: {table: account, column: {name: email, type: string(100)}}\n");
  }
  // The last line of a run's stderr.
  static std::string last_line(const std::string& err) {
    const auto end = err.find_last_not_of('\n');
    if (end == std::string::npos) return {};
    const auto start = err.rfind('\n', end);
    return err.substr(start == std::string::npos ? 0 : start + 1,
                      end - (start == std::string::npos ? 0 : start + 1) + 1);
  }
};

TEST_P(LiveRun, EchoSqlPrintsEachStatementWithItsDuration) {
  const Result result = migrate({"upgrade", "head", "--echo-sql"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::regex_search(result.err, std::regex(R"(\n  \[\d+\.\d ms\] CREATE TABLE)")))
      << result.err;
  EXPECT_TRUE(std::regex_search(result.err,
                                std::regex(R"(\n  \[\d+\.\d ms\] INSERT INTO \S*alembic_version)")))
      << result.err;
  const Result stamp = migrate({"stamp", "--echo-sql", "aaaaaaaaaaaa"});
  ASSERT_EQ(stamp.exit_code, 0) << stamp.err;
  EXPECT_TRUE(std::regex_search(stamp.err, std::regex(R"(\n  \[\d+\.\d ms\] (DELETE|UPDATE))")))
      << stamp.err;
  // Without it, no statement is shown.
  ASSERT_EQ(migrate({"downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(migrate({"upgrade", "head"}).err.find(" ms] "), std::string::npos);
}

TEST_P(LiveRun, EveryRunEndsWithOneSummaryLine) {
  const Result up = migrate({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(
      std::regex_match(last_line(up.err), std::regex(R"(Applied 2 migrations in \d+\.\d s)")))
      << up.err;
  EXPECT_NE(up.err.find("Running upgrade aaaaaaaaaaaa -> bbbbbbbbbbbb, b.yaml\n"),
            std::string::npos)
      << "the Alembic lines stay as they were";
  EXPECT_EQ(last_line(migrate({"upgrade", "head"}).err),
            "Nothing to do: the database is at bbbbbbbbbbbb");
  EXPECT_TRUE(std::regex_match(last_line(migrate({"downgrade", "-1"}).err),
                               std::regex(R"(Reverted 1 migration in \d+\.\d s)")));
  EXPECT_EQ(migrate({"-q", "upgrade", "head"}).err, "") << "-q silences it too";
}

TEST_P(LiveRun, ATerminalGetsOneRedrawnProgressLine) {
  // script(1) runs the command on a pseudo-terminal, as a person at a shell would.
  const std::string command = std::string(MIGRATE_BINARY) + " upgrade head";
  const Result result =
      run_program({"/usr/bin/script", "-qec", command, "/dev/null"},
                  RunOptions{.cwd = dir(), .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}}});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find("\r[1/2] Running upgrade  -> aaaaaaaaaaaa, a.yaml\x1b[K"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\r[2/2] Running upgrade aaaaaaaaaaaa -> bbbbbbbbbbbb, b.yaml\x1b[K"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\x1b[K\r\nApplied 2 migrations"), std::string::npos) << result.out;
}

TEST_P(LiveRun, ARunWaitingForAnotherRunsLockSaysSo) {
  // c keeps the lock for about three seconds.
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - execute:\n"
           "      postgresql: \"SELECT pg_sleep(3)\"\n"
           "      mysql: \"DO SLEEP(3)\"\n"
           "      sqlite: \"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE "
           "x < 40000000) SELECT count(*) FROM n\"\n");
  const RunOptions options{.cwd = dir(),
                           .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                           .stdin_text = std::nullopt};
  const Running first = start_program({MIGRATE_BINARY, "upgrade", "head"}, options);
  // Once the first run prints c's line, it holds the lock.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (read_file(first.err_file).find("-> cccccccccccc") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const Result second = migrate({"upgrade", "head"});
  const Result first_result = wait_program(first);
  EXPECT_EQ(first_result.exit_code, 0) << first_result.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(std::regex_search(second.err, std::regex("Waiting for the .*lock.*another run")))
      << second.err;
  EXPECT_EQ(last_line(second.err), "Nothing to do: the database is at cccccccccccc");
}

INSTANTIATE_TEST_SUITE_P(Dialects, LiveRun, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
