// `migrate fleet` keeps one connection per worker (README "Fleet: many databases at once"):
// each target still gets its tables and version table in its own schema, database or file and
// nowhere else, and a target whose run fails does not spoil the next one on that connection. A
// second Ctrl-C cuts the statements running short and rolls their targets back. The -j check
// looks at every server the targets are on, not only the first target's.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/e2e.h"
#include "cli/fleet_targets.h"
#include "migrate/config/url.h"

namespace migrate::test {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

class FleetReuse : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    targets_ = make_targets(GetParam(), dir(), url(), db());
  }

  // Three revisions, each a table and a row in `applied`; `slow` goes first into the second,
  // `last` (a statement) at the very end of the third.
  void chain(const std::string& slow = "", const std::string& last = "") const {
    const auto log = [](const char* n) {
      return std::string("  - execute: \"INSERT INTO applied (rev) VALUES ('") + n + "')\"\n";
    };
    const auto table = [](const char* name) {
      return std::string("  - create_table: {name: ") + name +
             ", columns: [{name: id, type: integer, primary_key: true}]}\n";
    };
    revision("f1.yaml", kFleetFirst, "",
             table("alpha") +
                 "  - create_table: {name: applied, columns: [{name: rev, type: string(8)}]}\n" +
                 log("1"));
    revision("f2.yaml", "f00000000002", kFleetFirst,
             (slow.empty() ? "" : "  - execute: \"" + slow + "\"\n") + table("beta") + log("2"));
    revision("f3.yaml", kFleetHead, "f00000000002",
             table("gamma") + log("3") + (last.empty() ? "" : "  - execute: \"" + last + "\"\n"));
  }

  void configure(const std::vector<std::string>& names) const {
    targets_->create(names);
    write_file(dir() / "alembic.ini",
               "[alembic]\nscript_location = migrations\n" + targets_->config_lines());
    std::string list;
    for (const auto& name : names) list += name + "\n";
    write_file(dir() / "targets.txt", list);
  }

  std::map<std::string, json> report(const std::string& file) const {
    std::map<std::string, json> rows;
    std::istringstream lines(read_file(dir() / file));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) rows[json::parse(line).at("target")] = json::parse(line);
    }
    return rows;
  }

  // Where a target whose second revision failed is left: nothing of its run where DDL is
  // transactional; otherwise the first revision, committed on its own, and nothing of the
  // second (the statement that failed or was cut short came before the second's table).
  bool left_before_second(const TargetState& state, const std::set<std::string>& extra) const {
    std::set<std::string> tables = extra;
    if (capabilities().transactional_ddl) {
      return state.versions.empty() && state.tables == tables;
    }
    tables.insert({"alpha", "applied"});
    return state.versions == std::vector<std::string>{kFleetFirst} && state.tables == tables &&
           state.applied == 1;
  }

  std::unique_ptr<Targets> targets_;
};

// -j 1: one worker, so every target after the first runs on the connection the one before it
// used (pre-flight's, then the previous run's) wherever the dialect can switch it. Each
// target's last migration points the session elsewhere (search_path, default database): a
// connection handed on without a reset would put the next target's tables there.
TEST_P(FleetReuse, OneWorkerKeepsEveryTargetInItsOwnPlaceAndAFailureSpoilsNoOther) {
  chain("", targets_->session_change_sql());
  const auto names = target_names(5);
  configure(names);
  const std::string broken = "t003";
  targets_->execute_in(broken, "CREATE TABLE beta (conflict INTEGER)");

  const auto first = migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "1",
                              "--max-failures", "all", "--report", "first.jsonl"});
  EXPECT_EQ(first.exit_code, 1) << first.err;
  auto rows = report("first.jsonl");
  auto states = targets_->states(names);
  for (const auto& name : names) {
    ASSERT_EQ(rows.count(name), 1u) << name;
    if (name == broken) {
      EXPECT_EQ(rows.at(name).at("status"), "failed") << rows.at(name).dump();
      EXPECT_TRUE(left_before_second(states[name], {"beta"})) << describe(states[name]);
    } else {
      EXPECT_EQ(rows.at(name).at("status"), "upgraded") << rows.at(name).dump();
      EXPECT_TRUE(at_head(states[name])) << name << ": " << describe(states[name]);
    }
  }
  // Nothing anywhere else: not in the database the config names outside the targets (the
  // public schema, the server's default database).
  for (const auto& table : db().tables()) {
    EXPECT_TRUE(kFleetTables.count(table) == 0 && table.rfind("alembic", 0) != 0)
        << table << " landed outside every target";
  }

  // Repaired, the rerun finishes the failed target on a reused connection too (on MySQL from
  // its first revision, which had committed).
  targets_->execute_in(broken, "DROP TABLE beta");
  const auto second = migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "1",
                               "--report", "second.jsonl"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  rows = report("second.jsonl");
  states = targets_->states(names);
  for (const auto& name : names) {
    EXPECT_EQ(rows.at(name).at("status"), name == broken ? "upgraded" : "noop") << name;
    EXPECT_TRUE(at_head(states[name])) << name << ": " << describe(states[name]);
  }
  EXPECT_EQ(migrate({"current", "-x", "tenant=" + broken}).out, kFleetHead + " (head)\n");
}

// A migration may put a session setting back to its login value (RESET search_path). For a
// target's run that must be the target's own value, whatever connection the worker had before:
// a connection switched from another tenant's login would send the tables to that tenant.
TEST_P(FleetReuse, AMigrationThatResetsASessionSettingStaysInItsOwnTarget) {
  if (targets_->restore_session_sql().empty()) {
    GTEST_SKIP() << "the URL sets no session setting a migration could reset";
  }
  chain(targets_->restore_session_sql());
  const auto names = target_names(4);
  configure(names);
  const auto run = migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  auto states = targets_->states(names);
  for (const auto& name : names) {
    EXPECT_TRUE(at_head(states[name])) << name << ": " << describe(states[name]);
  }
}

// The first Ctrl-C only stops new targets; the second cuts the statements running short (each
// would take 30 s) and rolls their targets back. On MySQL, whose DDL commits statement by
// statement, a migration is the unit: the interrupted target keeps its first revision, which
// had committed, and nothing of the second.
TEST_P(FleetReuse, SecondCtrlCCutsTheRunningStatementsShortAndRollsTheirTargetsBack) {
  chain(targets_->slow_sql(30));
  const auto names = target_names(4);
  configure(names);
  const auto run = start_program({MIGRATE_BINARY, "fleet", "upgrade", "head", "--targets",
                                  "targets.txt", "-j", "2", "--report", "report.jsonl"},
                                 RunOptions{.cwd = dir(),
                                            .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                                            .stdin_text = std::nullopt});
  // t001 and t002 start at once and are soon inside their 30 s statement.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  ASSERT_EQ(kill(run.pid, SIGINT), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(kill(run.pid, SIGINT), 0);
  const auto interrupted = Clock::now();
  const auto result = wait_program(run);
  EXPECT_LT(Clock::now() - interrupted, std::chrono::seconds(10))
      << "the second Ctrl-C did not cut the running statements short";
  EXPECT_EQ(result.exit_code, 1) << result.err;

  const auto rows = report("report.jsonl");
  const auto states = targets_->states(names);
  for (const std::string name : {"t001", "t002"}) {
    EXPECT_NE(result.err.find("FAILED: " + name + ": interrupted"), std::string::npos)
        << result.err;
    ASSERT_EQ(rows.count(name), 1u) << name;
    EXPECT_EQ(rows.at(name).at("status"), "failed") << rows.at(name).dump();
    EXPECT_TRUE(left_before_second(states.at(name), {}))
        << name << ": " << describe(states.at(name));
  }
  for (const std::string name : {"t003", "t004"}) {
    ASSERT_EQ(rows.count(name), 1u) << name;
    EXPECT_EQ(rows.at(name).at("status"), "not_attempted") << rows.at(name).dump();
    EXPECT_TRUE(untouched(states.at(name))) << name << ": " << describe(states.at(name));
  }
}

// A second PostgreSQL server with room for 2 connections (max_connections 5, 3 reserved for
// superusers), after a first target on the test's roomy server: -j 3 would take 3 connections
// on the small one. The other dialects have no second server in the fixtures (README).
TEST_P(FleetReuse, JobsAreCheckedOnEveryServerTheTargetsAreOn) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "needs a second server of the dialect";
  const TempDir second;
  const std::string script = std::string(MIGRATE_SOURCE_DIR) + "/tests/pg_cluster.sh";
  const RunOptions env{.cwd = dir(), .env = {{"PG_MAX_CONNECTIONS", "5"}}, .stdin_text = {}};
  const auto started =
      run_program({"/bin/bash", script, "start", (second.path() / "pg").string()}, env);
  ASSERT_EQ(started.exit_code, 0) << started.err;
  const std::shared_ptr<void> stop(nullptr, [&](void*) {
    run_program({"/bin/bash", script, "stop", (second.path() / "pg").string()}, env);
  });
  // Both servers take the same login, so that the targets (host:port/database) carry no password.
  const Url roomy = Url::parse(url());
  const std::string password = roomy.password().value_or("");
  std::string small_url = read_file(second.path() / "pg" / "url");
  small_url.erase(small_url.find_last_not_of(" \n") + 1);
  const auto set_password =
      run_program({"/usr/bin/psql", "-X", "-q", "-c",
                   "ALTER USER postgres PASSWORD '" + password + "'", small_url},
                  env);
  ASSERT_EQ(set_password.exit_code, 0) << set_password.err;
  const std::string small_port = std::to_string(Url::parse(small_url).port().value_or(0));
  write_file(dir() / "alembic.ini",
             "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://postgres:" +
                 password + "@%(x.tenant)s\n");
  chain();
  // Three targets on the small server: one database, three sessions told apart by name.
  std::string list =
      "127.0.0.1:" + std::to_string(roomy.port().value_or(5432)) + "/" + roomy.database() + "\n";
  for (const char* name : {"a", "b", "c"}) {
    list += "127.0.0.1:" + small_port + "/postgres?application_name=" + name + "\n";
  }
  write_file(dir() / "targets.txt", list);

  const auto refused = migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "3"});
  EXPECT_TRUE(failed_with(refused, "-j 3 needs 3 connections to postgresql://postgres:***@"))
      << refused.err;
  EXPECT_NE(refused.err.find("which has 2 free"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find(password), std::string::npos) << "a password printed";
  EXPECT_TRUE(db().tables().empty()) << "the first target was changed before the check";

  const auto fits = migrate({"fleet", "current", "--targets", "targets.txt", "-j", "2"});
  EXPECT_EQ(fits.exit_code, 0) << fits.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, FleetReuse, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
