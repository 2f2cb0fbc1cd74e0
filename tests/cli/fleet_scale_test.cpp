// Issue 15: `migrate fleet` over many targets on every dialect — 300 SQLite files, 300
// PostgreSQL tenant schemas, 50 MariaDB databases. A failing tenant in the middle stops new
// targets (default --max-failures 1) and a rerun touches only what is left; overlapping runs
// and shards migrate each target once; a tenant locked by another run times out alone; SIGINT
// leaves every target migrated or untouched, never in between.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/e2e.h"
#include "cli/fleet_targets.h"

namespace migrate::test {
namespace {

using json = nlohmann::json;

class FleetScale : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    targets_ = make_targets(GetParam(), dir(), url(), db());
  }

  // The scale of issue 15: 300 files or schemas, 50 MariaDB databases (each a CREATE DATABASE
  // with its own directory on the server).
  int scale() const { return GetParam() == "mysql" ? 50 : 300; }

  // Three revisions; each creates a table and logs itself in `applied`, so that a revision run
  // twice on one target shows. `slow` (an `execute` statement) goes into the second, between
  // two revisions that leave tables behind.
  void chain(const std::string& slow = "") const {
    const auto log = [](const char* n) {
      return std::string("  - execute: \"INSERT INTO applied (rev) VALUES ('") + n + "')\"\n";
    };
    revision("f1.yaml", "f00000000001", "",
             "  - create_table: {name: alpha, columns: [{name: id, type: integer, primary_key: "
             "true}]}\n"
             "  - create_table: {name: applied, columns: [{name: rev, type: string(8)}]}\n" +
                 log("1"));
    revision("f2.yaml", "f00000000002", "f00000000001",
             (slow.empty() ? "" : "  - execute: \"" + slow + "\"\n") +
                 "  - create_table: {name: beta, columns: [{name: id, type: integer, "
                 "primary_key: true}]}\n" +
                 log("2"));
    revision("f3.yaml", kFleetHead, "f00000000002",
             "  - create_table: {name: gamma, columns: [{name: id, type: integer, primary_key: "
             "true}]}\n" +
                 log("3"));
  }

  // Creates the targets, points alembic.ini at %(x.tenant)s and lists them in targets.txt.
  void configure(const std::vector<std::string>& names) const {
    targets_->create(names);
    write_file(dir() / "alembic.ini",
               "[alembic]\nscript_location = migrations\n" + targets_->config_lines());
    std::string list;
    for (const auto& name : names) list += name + "\n";
    write_file(dir() / "targets.txt", list);
  }

  Running start_fleet(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{MIGRATE_BINARY, "fleet"};
    argv.insert(argv.end(), args.begin(), args.end());
    return start_program(argv, RunOptions{.cwd = dir(),
                                          .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                                          .stdin_text = std::nullopt});
  }

  // --report FILE: one JSON object per target, by target.
  std::map<std::string, json> report(const std::string& file) const {
    std::map<std::string, json> rows;
    std::istringstream lines(read_file(dir() / file));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      auto row = json::parse(line);
      const std::string target = row.at("target");
      EXPECT_TRUE(rows.emplace(target, std::move(row)).second) << target << " reported twice";
    }
    return rows;
  }

  std::unique_ptr<Targets> targets_;
};

std::vector<std::string> failed_lines(const std::string& err) {
  std::vector<std::string> lines;
  std::istringstream in(err);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("FAILED: ", 0) == 0) lines.push_back(line);
  }
  return lines;
}

// What a fleet builds on: the single-database command, pointed at one tenant by -x, puts its
// tables and its version table into that tenant (schema, database or file) and nowhere else.
TEST_P(FleetScale, SingleCommandMigratesOnlyTheTenantItIsBound) {
  chain();
  const auto names = target_names(3);
  configure(names);
  const auto result = migrate({"upgrade", "head", "-x", "tenant=t002"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto states = targets_->states(names);
  EXPECT_TRUE(untouched(states["t001"])) << describe(states["t001"]);
  EXPECT_TRUE(at_head(states["t002"])) << describe(states["t002"]);
  EXPECT_TRUE(untouched(states["t003"])) << describe(states["t003"]);
  EXPECT_EQ(migrate({"current", "-x", "tenant=t002"}).out, kFleetHead + " (head)\n");
  EXPECT_EQ(migrate({"current", "-x", "tenant=t003"}).out, "");
}

TEST_P(FleetScale, FailingTenantInTheMiddleStopsNewTargetsAndARerunTouchesOnlyWhatIsLeft) {
  chain();
  const auto names = target_names(scale());
  const std::string middle = names[names.size() / 2];
  configure(names);
  targets_->execute_in(middle, "CREATE TABLE alpha (conflict INTEGER)");

  const auto first = migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "4",
                              "--report", "first.jsonl"});
  EXPECT_EQ(first.exit_code, 1) << first.err;
  const auto failed = failed_lines(first.err);
  EXPECT_EQ(failed.size(), 1u) << "one FAILED line, for the failed target only";
  ASSERT_FALSE(failed.empty()) << first.err;
  EXPECT_EQ(failed[0].rfind("FAILED: " + middle + ": ", 0), 0u) << failed[0];

  const auto rows = report("first.jsonl");
  EXPECT_EQ(rows.size(), names.size());
  auto states = targets_->states(names);
  std::size_t not_attempted = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& name = names[i];
    ASSERT_EQ(rows.count(name), 1u) << name << " missing from the report";
    const std::string status = rows.at(name).at("status");
    const auto& state = states[name];
    if (name == middle) {
      EXPECT_EQ(status, "failed");
      EXPECT_NE(rows.at(name).at("error").get<std::string>().find("alpha"), std::string::npos)
          << rows.at(name).dump();
      EXPECT_TRUE(state.versions.empty()) << describe(state);
      EXPECT_EQ(state.tables, std::set<std::string>{"alpha"}) << describe(state);
    } else if (i < names.size() / 2) {  // started before the failure: finished
      EXPECT_EQ(status, "upgraded") << name;
      EXPECT_TRUE(at_head(state)) << name << ": " << describe(state);
    } else if (status == "not_attempted") {
      ++not_attempted;
      EXPECT_TRUE(untouched(state)) << name << ": " << describe(state);
    } else {  // already running when the failure came
      EXPECT_EQ(status, "upgraded") << name;
      EXPECT_TRUE(at_head(state)) << name << ": " << describe(state);
    }
  }
  EXPECT_GE(not_attempted, names.size() / 4) << "no new target may start after the failure";

  // Fixed, the rerun from the report runs the failed and the not attempted targets, and only
  // them: a target the first run finished is held locked and must not be waited for.
  targets_->execute_in(middle, "DROP TABLE alpha");
  auto lock = targets_->hold_lock(names.front());
  const auto second =
      migrate({"fleet", "upgrade", "head", "--from-report", "first.jsonl", "--only",
               "failed,not_attempted", "-j", "4", "--lock-wait", "1s", "--report", "second.jsonl"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  const auto rerun = report("second.jsonl");
  EXPECT_EQ(rerun.size(), not_attempted + 1);
  for (const auto& [name, row] : rerun) {
    EXPECT_EQ(row.at("status"), "upgraded") << row.dump();
    EXPECT_NE(rows.at(name).at("status"), "upgraded") << name << " was done already";
  }

  // Everything at head now: the whole fleet again is a no-op that locks nothing.
  const auto third = migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "4",
                              "--lock-wait", "1s", "--report", "third.jsonl"});
  EXPECT_EQ(third.exit_code, 0) << third.err;
  for (const auto& [name, row] : report("third.jsonl")) {
    EXPECT_EQ(row.at("status"), "noop") << row.dump();
  }
  lock.reset();
  states = targets_->states(names);
  for (const auto& name : names) EXPECT_TRUE(at_head(states[name])) << name;
}

TEST_P(FleetScale, OverlappingRunsAndShardsMigrateEachTargetOnce) {
  chain();
  const auto names = target_names(24);
  configure(names);
  const std::vector<std::string> common{"upgrade",     "head", "--targets",      "targets.txt",
                                        "-j",          "2",    "--max-failures", "all",
                                        "--lock-wait", "60s"};
  std::vector<Running> runs;
  const std::vector<std::vector<std::string>> extra{{"--shard", "1/2", "--report", "s1.jsonl"},
                                                    {"--shard", "2/2", "--report", "s2.jsonl"},
                                                    {"--report", "all.jsonl"}};
  for (const auto& more : extra) {
    auto args = common;
    args.insert(args.end(), more.begin(), more.end());
    runs.push_back(start_fleet(args));
  }
  for (const auto& run : runs) {
    const auto result = wait_program(run);
    EXPECT_EQ(result.exit_code, 0) << result.err;
  }
  const auto s1 = report("s1.jsonl"), s2 = report("s2.jsonl"), all = report("all.jsonl");
  EXPECT_EQ(all.size(), names.size());
  EXPECT_EQ(s1.size() + s2.size(), names.size());
  std::map<std::string, int> upgraded;
  for (const auto* rows : {&s1, &s2, &all}) {
    for (const auto& [name, row] : *rows) {
      const std::string status = row.at("status");
      EXPECT_TRUE(status == "upgraded" || status == "noop") << row.dump();
      if (status == "upgraded") ++upgraded[name];
    }
  }
  const auto states = targets_->states(names);
  for (const auto& name : names) {
    EXPECT_EQ(s1.count(name) + s2.count(name), 1u) << name << " in both shards or neither";
    EXPECT_EQ(upgraded[name], 1) << name << " upgraded by more than one run, or by none";
    EXPECT_TRUE(at_head(states.at(name))) << name << ": " << describe(states.at(name));
  }
}

TEST_P(FleetScale, TenantLockedByAnotherRunTimesOutAndTheOthersComplete) {
  chain();
  const auto names = target_names(8);
  configure(names);
  const std::string locked = "t005";
  auto lock = targets_->hold_lock(locked);
  const auto started = std::chrono::steady_clock::now();
  const auto result =
      migrate({"fleet", "upgrade", "head", "--targets", "targets.txt", "-j", "2", "--lock-wait",
               "1s", "--max-failures", "all", "--report", "report.jsonl"});
  const auto took = std::chrono::steady_clock::now() - started;
  lock.reset();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto failed = failed_lines(result.err);
  ASSERT_EQ(failed.size(), 1u) << result.err;
  EXPECT_EQ(failed[0].rfind("FAILED: " + locked + ": ", 0), 0u) << failed[0];
  EXPECT_LT(took, std::chrono::seconds(30)) << "the lock wait is not bounded by --lock-wait";
  const auto rows = report("report.jsonl");
  const auto states = targets_->states(names);
  for (const auto& name : names) {
    ASSERT_EQ(rows.count(name), 1u) << name;
    if (name == locked) {
      EXPECT_EQ(rows.at(name).at("status"), "lock_timeout") << rows.at(name).dump();
      EXPECT_TRUE(untouched(states.at(name))) << describe(states.at(name));
    } else {
      EXPECT_EQ(rows.at(name).at("status"), "upgraded") << rows.at(name).dump();
      EXPECT_TRUE(at_head(states.at(name))) << name << ": " << describe(states.at(name));
    }
  }
}

TEST_P(FleetScale, SigintMidwayLeavesEveryTargetMigratedOrUntouched) {
  // Each target spends 0.3 s in its second revision, between two that create tables.
  chain(targets_->slow_sql(0.3));
  const auto names = target_names(30);
  configure(names);
  const auto run = start_fleet(
      {"upgrade", "head", "--targets", "targets.txt", "-j", "2", "--report", "report.jsonl"});
  // Interrupt once the first targets are done: the next two are then inside their slow step.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  long done_before = 0;
  while (done_before < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto states = targets_->states(names);
    done_before = std::count_if(states.begin(), states.end(),
                                [](const auto& entry) { return at_head(entry.second); });
  }
  ASSERT_EQ(kill(run.pid, SIGINT), 0);
  const auto result = wait_program(run);
  EXPECT_EQ(result.exit_code, 1) << "an interrupted fleet exits 1 (not killed by the signal)\n"
                                 << result.err;
  const auto states = targets_->states(names);
  const auto rows = report("report.jsonl");
  EXPECT_EQ(rows.size(), names.size()) << "the report lists every target, run or not";
  long migrated = 0, left = 0;
  for (const auto& name : names) {
    const auto& state = states.at(name);
    EXPECT_TRUE(at_head(state) || untouched(state)) << name << " in between: " << describe(state);
    at_head(state) ? ++migrated : ++left;
    if (rows.count(name) == 0) continue;
    const std::string status = rows.at(name).at("status");
    EXPECT_EQ(status, at_head(state) ? "upgraded" : "not_attempted") << name;
  }
  EXPECT_GT(migrated, done_before) << "the targets running at SIGINT did not finish";
  EXPECT_GE(left, 1) << "SIGINT did not stop new targets from starting";
}

INSTANTIATE_TEST_SUITE_P(Dialects, FleetScale, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
