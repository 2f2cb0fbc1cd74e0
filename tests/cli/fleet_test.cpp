// `migrate fleet` (README "Fleet: many databases at once"): one command over a handful of
// targets, each a database of the parameter's dialect bound into the config as -x tenant=NAME.
// The 300-target runs, Ctrl-C and the benchmark are in fleet_scale_test.cpp (another file).
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/e2e.h"
#include "migrate/config/config.h"
#include "migrate/config/url.h"
#include "migrate/runtime/version_table.h"

namespace migrate::test {
namespace {

constexpr const char* kFirst = "aaaaaaaaaaaa";
constexpr const char* kHead = "bbbbbbbbbbbb";

class Fleet : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    revision("a.yaml", kFirst, "",
             "  - create_table: {name: widget, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n");
    revision("b.yaml", kHead, kFirst,
             "  - add_column: {table: widget, column: {name: label, type: string(40)}}\n");
  }

  // `n` tenants: on SQLite a file each under data/ (created by migrate on first use), on a
  // server a database each; the config's URL names the tenant as %(x.tenant)s.
  std::vector<std::string> tenants(std::size_t n, const std::string& extra_config = "") {
    std::vector<std::string> names;
    std::string url_template;
    if (Url::parse(url()).host()) {
      for (std::size_t i = 0; i < n; ++i) {
        const std::string url_i = db().create_database(dir());
        const auto query = url_i.find('?');
        const auto slash = url_i.rfind('/', query);
        names.push_back(url_i.substr(
            slash + 1, query == std::string::npos ? std::string::npos : query - slash - 1));
        url_template = url_i.substr(0, slash + 1) + "%(x.tenant)s" +
                       (query == std::string::npos ? "" : url_i.substr(query));
      }
    } else {
      std::filesystem::create_directories(dir() / "data");
      for (std::size_t i = 0; i < n; ++i) names.push_back("t" + std::to_string(i));
      url_template = "sqlite:///%(here)s/data/%(x.tenant)s.db";
    }
    write_file(dir() / "alembic.ini", "[alembic]\nscript_location = migrations\nsqlalchemy.url = " +
                                          url_template + "\n" + extra_config);
    return names;
  }

  void targets_file(const std::vector<std::string>& names, const std::string& file = "t.txt") {
    std::string text;
    for (const auto& name : names) text += name + "\n";
    write_file(dir() / file, text);
  }

  // The heads of one tenant, as `migrate current` prints them ("" for base).
  std::string heads_of(const std::string& tenant) const {
    const Result result = migrate({"current", "-x", "tenant=" + tenant});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out.substr(0, result.out.find_first_of(" \n"));
  }

  // Leaves `tenant` where upgrading it fails: widget exists, the version table says base.
  void break_tenant(const std::string& tenant) const {
    ASSERT_EQ(migrate({"upgrade", kFirst, "-x", "tenant=" + tenant}).exit_code, 0);
    ASSERT_EQ(migrate({"stamp", "base", "-x", "tenant=" + tenant}).exit_code, 0);
  }

  static std::vector<nlohmann::json> records(const std::string& jsonl) {
    std::vector<nlohmann::json> list;
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) list.push_back(nlohmann::json::parse(line));
    }
    return list;
  }
  std::vector<nlohmann::json> report(const std::string& file = "r.jsonl") const {
    return records(read_file(dir() / file));
  }
  static std::map<std::string, std::string> status_by_target(
      const std::vector<nlohmann::json>& list) {
    std::map<std::string, std::string> by;
    for (const auto& r : list) by[r["target"]] = r["status"];
    return by;
  }
  static std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
  }
};

TEST_P(Fleet, UpgradesEveryTargetReportsEachAndARerunIsNoop) {
  const auto names = tenants(3);
  targets_file(names);
  const Result run =
      migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "-j", "2", "--report", "r.jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("upgraded"), std::string::npos) << run.out;
  const auto list = report();
  ASSERT_EQ(list.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(list[i]["target"], names[i]);  // in the targets' order
    EXPECT_EQ(list[i]["status"], "upgraded");
    EXPECT_EQ(list[i]["from"], nlohmann::json::array());
    EXPECT_EQ(list[i]["to"], nlohmann::json::array({kHead}));
    EXPECT_TRUE(list[i]["error"].is_null());
    EXPECT_TRUE(list[i]["duration_ms"].is_number());
    EXPECT_EQ(heads_of(names[i]), kHead);
  }
  const Result again =
      migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--format", "jsonl"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const auto& r : records(again.out)) EXPECT_EQ(r["status"], "noop");
}

TEST_P(Fleet, DuplicateTargetsRunOnceAndStdinIsAList) {
  const auto names = tenants(2);
  const std::string text = names[0] + "\n# a comment\n\n" + names[1] + "\n" + names[0] + "\n";
  std::vector<std::string> argv{MIGRATE_BINARY, "fleet", "upgrade",  "head",
                                "--targets",    "-",     "--format", "jsonl"};
  const Result run = run_program(
      argv, RunOptions{.cwd = dir(), .env = {{"MIGRATE_CONFIG", ""}}, .stdin_text = text});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto list = records(run.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["target"], names[0]);
  EXPECT_EQ(list[1]["target"], names[1]);
}

TEST_P(Fleet, AFailureStopsNewTargetsAndTheRestAreNotAttempted) {
  const auto names = tenants(4);
  break_tenant(names[1]);
  targets_file(names);
  const Result run =
      migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--report", "r.jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(count_of(run.err, "FAILED: "), 1u) << run.err;
  EXPECT_NE(run.err.find("FAILED: " + names[1] + ": "), std::string::npos) << run.err;
  const auto by = status_by_target(report());
  EXPECT_EQ(by.at(names[0]), "upgraded");
  EXPECT_EQ(by.at(names[1]), "failed");
  EXPECT_EQ(by.at(names[2]), "not_attempted");
  EXPECT_EQ(by.at(names[3]), "not_attempted");
  EXPECT_EQ(heads_of(names[2]), "");
}

TEST_P(Fleet, MaxFailuresAllRunsEveryTargetAndOnlyFailedRerunsTheFailures) {
  const auto names = tenants(3);
  break_tenant(names[0]);
  targets_file(names);
  const Result run = migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--max-failures",
                              "all", "--report", "r.jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  auto by = status_by_target(report());
  EXPECT_EQ(by.at(names[0]), "failed");
  EXPECT_EQ(by.at(names[1]), "upgraded");
  EXPECT_EQ(by.at(names[2]), "upgraded");
  // Repaired by hand (widget is there: say so), then only the failed target runs again.
  ASSERT_EQ(migrate({"stamp", kFirst, "-x", "tenant=" + names[0]}).exit_code, 0);
  const Result rerun = migrate({"fleet", "upgrade", "head", "--from-report", "r.jsonl", "--only",
                                "failed", "--format", "jsonl"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  const auto list = records(rerun.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["target"], names[0]);
  EXPECT_EQ(list[0]["status"], "upgraded");
  EXPECT_EQ(list[0]["from"], nlohmann::json::array({kFirst}));
}

TEST_P(Fleet, AFailedCanaryStopsTheRestWhateverMaxFailuresSays) {
  const auto names = tenants(3);
  break_tenant(names[0]);
  targets_file(names);
  const Result run = migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--canary", "1",
                              "--max-failures", "all", "-j", "2", "--format", "jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  const auto by = status_by_target(records(run.out));
  EXPECT_EQ(by.at(names[0]), "failed");
  EXPECT_EQ(by.at(names[1]), "not_attempted");
  EXPECT_EQ(by.at(names[2]), "not_attempted");
}

TEST_P(Fleet, ShardsSplitTheTargetsWithoutOverlap) {
  const auto names = tenants(6);
  targets_file(names);
  std::set<std::string> seen;
  std::size_t total = 0;
  for (const std::string shard : {"1/2", "2/2"}) {
    const Result run = migrate(
        {"fleet", "upgrade", "head", "--targets", "t.txt", "--shard", shard, "--format", "jsonl"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const auto& r : records(run.out)) {
      seen.insert(r["target"].get<std::string>());
      ++total;
    }
  }
  EXPECT_EQ(total, names.size());
  EXPECT_EQ(seen.size(), names.size());
  // Stable: the same share on the next run.
  const Result first =
      migrate({"fleet", "current", "--targets", "t.txt", "--shard", "1/2", "--format", "jsonl"});
  const Result second =
      migrate({"fleet", "current", "--targets", "t.txt", "--shard", "1/2", "--format", "jsonl"});
  EXPECT_EQ(status_by_target(records(first.out)), status_by_target(records(second.out)));
  EXPECT_EQ(migrate({"fleet", "current", "--targets", "t.txt", "--shard", "3/2"}).exit_code, 1);
}

TEST_P(Fleet, GlobBindsEachFileStem) {
  const auto names = tenants(2);
  std::filesystem::create_directories(dir() / "list");
  for (const auto& name : names) write_file(dir() / "list" / (name + ".tenant"), "");
  const Result run =
      migrate({"fleet", "upgrade", "head", "--targets-glob", "list/*.tenant", "--format", "jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto by = status_by_target(records(run.out));
  ASSERT_EQ(by.size(), 2u);
  for (const auto& name : names) EXPECT_EQ(by.at(name), "upgraded");
}

TEST_P(Fleet, SqlListsTheTargetsOnTheConfigsDatabase) {
  const auto names = tenants(2);
  // The query runs on the URL as the command line's -x leaves it: here the first tenant's.
  const std::string sql = "SELECT '" + names[0] + "' UNION ALL SELECT '" + names[1] + "'";
  const Result run = migrate({"-x", "tenant=" + names[0], "fleet", "upgrade", "head",
                              "--targets-sql", sql, "--format", "jsonl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto by = status_by_target(records(run.out));
  ASSERT_EQ(by.size(), 2u);
  EXPECT_EQ(by.at(names[1]), "upgraded");
}

TEST_P(Fleet, TheFleetSectionOfTheConfigGivesTargetsAndSettings) {
  const auto names = tenants(3, "\n[fleet]\ntargets = t.txt\njobs = 2\nmax_failures = all\n");
  targets_file(names);
  break_tenant(names[0]);
  const Result run = migrate({"fleet", "upgrade", "head", "--format", "jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  const auto by = status_by_target(records(run.out));
  EXPECT_EQ(by.at(names[0]), "failed");
  EXPECT_EQ(by.at(names[2]), "upgraded");  // max_failures = all from [fleet]
}

TEST_P(Fleet, TargetsSharingOneVersionTableAreRefusedBeforeAnythingRuns) {
  write_config();  // one URL for every target: both names would migrate one database
  write_file(dir() / "t.txt", "one\ntwo\n");
  const Result run = migrate({"fleet", "upgrade", "head", "--targets", "t.txt"});
  EXPECT_TRUE(failed_with(run, "same version table"));
  EXPECT_TRUE(versions().empty());
}

TEST_P(Fleet, StampCurrentAndStatusAggregate) {
  const auto names = tenants(3);
  targets_file(names);
  const Result pending = migrate({"fleet", "status", "--targets", "t.txt", "--format", "jsonl"});
  EXPECT_EQ(pending.exit_code, 3) << pending.err;
  for (const auto& r : records(pending.out)) EXPECT_EQ(r["status"], "pending");
  ASSERT_EQ(migrate({"upgrade", "head", "-x", "tenant=" + names[0]}).exit_code, 0);
  const Result current = migrate({"fleet", "current", "--targets", "t.txt"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_NE(current.out.find("      1  " + std::string(kHead)), std::string::npos) << current.out;
  EXPECT_NE(current.out.find("      2  base"), std::string::npos) << current.out;
  const Result stamp =
      migrate({"fleet", "stamp", kFirst, "--targets", "t.txt", "--format", "jsonl"});
  ASSERT_EQ(stamp.exit_code, 0) << stamp.err;
  const auto by = status_by_target(records(stamp.out));
  EXPECT_EQ(by.at(names[0]), "stamped");  // moved down from head
  EXPECT_EQ(by.at(names[1]), "stamped");
  EXPECT_EQ(heads_of(names[1]), kFirst);
}

TEST_P(Fleet, JsonIsOneDocumentWithASummary) {
  const auto names = tenants(2);
  targets_file(names);
  ASSERT_EQ(migrate({"upgrade", "head", "-x", "tenant=" + names[0]}).exit_code, 0);
  const Result run =
      migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto doc = nlohmann::json::parse(run.out);
  EXPECT_EQ(doc["schema"], "migrate.fleet/1");
  EXPECT_EQ(doc["command"], "upgrade head");
  EXPECT_EQ(doc["summary"]["total"], 2);
  EXPECT_EQ(doc["summary"]["noop"], 1);
  EXPECT_EQ(doc["summary"]["upgraded"], 1);
  EXPECT_EQ(doc["ok"], true);
  EXPECT_EQ(doc["targets"].size(), 2u);
}

TEST_P(Fleet, ATargetThatCannotConnectIsUnreachable) {
  const auto names = tenants(2);
  // A name the URL cannot reach: a directory that does not exist, or no such database.
  targets_file({names[0], "no_such/../../tenant"});
  const Result run = migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--max-failures",
                              "all", "--format", "jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  const auto by = status_by_target(records(run.out));
  EXPECT_EQ(by.at(names[0]), "upgraded");
  EXPECT_EQ(by.at("no_such/../../tenant"), "unreachable");
  EXPECT_NE(run.err.find("FAILED: no_such/../../tenant: unreachable: "), std::string::npos)
      << run.err;
}

TEST_P(Fleet, ALockHeldByAnotherRunEndsAsLockTimeout) {
  const auto names = tenants(1);
  // On SQLite the lock is its write lock; --lock-wait bounds the busy timeout (60 s here).
  ASSERT_EQ(migrate({"upgrade", kFirst, "-x", "tenant=" + names[0]}).exit_code, 0);
  // Another run holds the target's migration lock for the whole fleet run.
  GlobalOptions global;
  global.config_file = dir() / "alembic.ini";
  global.x["tenant"] = names[0];
  const Url target = Url::parse(Config::load(global).url());
  const Dialect& dialect = dialects::find(target);
  auto holder = dialect.connect(target);
  VersionTable table(dialect, TableName{std::nullopt, "alembic_version"});
  table.resolve_schema(*holder);
  const auto lock = dialect.lock(*holder, table.lock_key());
  const bool transaction_lock = capabilities().lock == LockKind::transaction;
  if (transaction_lock) holder->begin();
  targets_file(names);
  const Result run = migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--lock-wait",
                              "300ms", "--format", "jsonl"});
  if (transaction_lock) holder->rollback();
  EXPECT_EQ(run.exit_code, 1);
  const auto list = records(run.out);
  ASSERT_EQ(list.size(), 1u) << run.err;
  EXPECT_EQ(list[0]["status"], "lock_timeout") << run.err;
  EXPECT_NE(run.err.find("FAILED: " + names[0] + ": lock_timeout: "), std::string::npos) << run.err;
}

TEST_P(Fleet, JobsBeyondTheServersFreeConnectionsAreRefused) {
  if (!Url::parse(url()).host()) GTEST_SKIP() << "SQLite has no connection limit";
  const auto names = tenants(1);
  std::string many = names[0] + "\n";  // the first target is where -j is checked
  for (int i = 0; i < 5000; ++i) many += "tenant_" + std::to_string(i) + "\n";
  write_file(dir() / "t.txt", many);
  const Result run = migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "-j", "5000"});
  EXPECT_TRUE(failed_with(run, "-j 5000 needs 5000 connections"));
}

TEST_P(Fleet, UsageMistakesFailBeforeAnyTarget) {
  const auto names = tenants(1);
  targets_file(names);
  EXPECT_TRUE(failed_with(migrate({"fleet", "upgrade", "head"}), "fleet needs targets"));
  EXPECT_TRUE(failed_with(migrate({"fleet", "frob", "--targets", "t.txt"}), "fleet runs one of"));
  EXPECT_TRUE(
      failed_with(migrate({"fleet", "upgrade", "--targets", "t.txt"}), "takes one revision"));
  EXPECT_TRUE(
      failed_with(migrate({"fleet", "upgrade", "head", "--targets", "t.txt", "--only", "failed"}),
                  "--from-report"));
  EXPECT_EQ(heads_of(names[0]), "");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Fleet, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
