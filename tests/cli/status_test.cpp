// `status` (SPEC §15): one screen on where the database stands, and an exit status a pipeline
// can act on: 0 up to date, 3 migrations pending, 1 drift (an edited or missing script, or a
// migration left part-way).
#include <nlohmann/json.hpp>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

class Status : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    revision("a.yaml", "aaaaaaaaaaaa", "",
             "  - create_table: {name: account, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - add_column: {table: account, column: {name: email, type: string(100)}}\n");
    revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
             "  - add_column: {table: account, column: {name: age, type: integer}}\n");
  }
  // The lines of `section` ("Pending, ...:") up to the next one.
  static std::vector<std::string> section(const std::string& out, const std::string& title) {
    std::vector<std::string> lines;
    auto at = out.find("\n" + title + "\n");
    if (at == std::string::npos) return {"<no section " + title + ">"};
    at += title.size() + 2;
    while (at < out.size() && out.compare(at, 2, "  ") == 0) {
      const auto end = out.find('\n', at);
      lines.push_back(out.substr(at + 2, end - at - 2));
      at = end + 1;
    }
    return lines;
  }
};

TEST_P(Status, PendingMigrationsExitThreeInUpgradeOrder) {
  ASSERT_EQ(migrate({"upgrade", "aaaaaaaaaaaa"}).exit_code, 0);
  const Result result = migrate({"status"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(result.err, "") << "pending is no failure";
  EXPECT_EQ(section(result.out, "Current:"), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(section(result.out, "Heads:"),
            std::vector<std::string>{"cccccccccccc, c.yaml (pending)"});
  EXPECT_EQ(section(result.out, "Pending, in the order 'upgrade heads' runs them:"),
            (std::vector<std::string>{"upgrade aaaaaaaaaaaa -> bbbbbbbbbbbb, b.yaml",
                                      "upgrade bbbbbbbbbbbb -> cccccccccccc, c.yaml"}));
  const auto recent = section(result.out, "Last migrations, newest first:");
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_NE(recent[0].find("  upgrade    aaaaaaaaaaaa  success  "), std::string::npos) << recent[0];
  EXPECT_TRUE(result.out.ends_with("\nStatus: 2 migrations pending; run 'migrate upgrade heads'\n"))
      << result.out;
}

TEST_P(Status, UpToDateExitsZero) {
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  const Result result = migrate({"status"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(section(result.out, "Pending, in the order 'upgrade heads' runs them:"),
            std::vector<std::string>{"none"});
  EXPECT_EQ(section(result.out, "Problems:"),
            std::vector<std::string>{"none (3 applied scripts checked against the history)"});
  EXPECT_EQ(section(result.out, "Last migrations, newest first:").size(), 3u);
  EXPECT_TRUE(result.out.ends_with("\nStatus: up to date\n")) << result.out;
  EXPECT_EQ(
      section(migrate({"status", "--last", "1"}).out, "Last migrations, newest first:").size(), 1u);
}

TEST_P(Status, AnEditedScriptIsDriftAndExitsOne) {
  ASSERT_EQ(migrate({"upgrade", "bbbbbbbbbbbb"}).exit_code, 0);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - add_column: {table: account, column: {name: email, type: string(200)}}\n");
  const Result result = migrate({"status"});
  EXPECT_TRUE(failed_with(result, "The database has drifted from the scripts: 1 edited script"));
  const auto problems = section(result.out, "Problems:");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("edited: bbbbbbbbbbbb (migrations/versions/b.yaml): ", 0), 0u);
  EXPECT_TRUE(result.out.ends_with("\nStatus: drift\n")) << result.out;
}

TEST_P(Status, AMigrationLeftPartWayIsDrift) {
  if (capabilities().transactional_ddl) {
    GTEST_SKIP() << "DDL rolls back here: nothing is ever left part-way";
  }
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - add_column: {table: account, column: {name: age, type: integer}}\n"
           "  - add_column: {table: account, column: {name: broken, type: nosuchtype}}\n");
  EXPECT_EQ(migrate({"upgrade", "head"}).exit_code, 1);
  const Result result = migrate({"status"});
  EXPECT_TRUE(failed_with(result,
                          "the upgrade of cccccccccccc was left part-way (1 statement "
                          "applied)"));
  EXPECT_EQ(section(result.out, "Current:"),
            (std::vector<std::string>{"bbbbbbbbbbbb",
                                      "cccccccccccc (partial upgrade, 1 statement applied)"}));
}

TEST_P(Status, AnAlembicDatabaseIsUnknownButNotDrift) {
  ASSERT_EQ(migrate({"stamp", "head"}).exit_code, 0);
  const Result result = migrate({"status"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto problems = section(result.out, "Problems:");
  ASSERT_EQ(problems.size(), 2u) << result.out;
  EXPECT_EQ(problems[1].rfind("unknown: 3 applied revisions have no history row", 0), 0u);
  EXPECT_EQ(section(result.out, "Last migrations, newest first:"),
            std::vector<std::string>{"none recorded"});
}

TEST_P(Status, JsonSaysTheSameForAPipeline) {
  ASSERT_EQ(migrate({"upgrade", "aaaaaaaaaaaa"}).exit_code, 0);
  const Result result = migrate({"--format", "json", "status"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  const auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["schema"], "migrate.status/1");
  EXPECT_EQ(doc["state"], "pending");
  EXPECT_EQ(doc["exit_code"], 3);
  ASSERT_EQ(doc["current"].size(), 1u);
  EXPECT_EQ(doc["current"][0]["revision"], "aaaaaaaaaaaa");
  EXPECT_EQ(doc["partial"], nullptr);
  ASSERT_EQ(doc["heads"].size(), 1u);
  EXPECT_EQ(doc["heads"][0]["applied"], false);
  ASSERT_EQ(doc["pending"].size(), 2u);
  EXPECT_EQ(doc["pending"][0]["revision"], "bbbbbbbbbbbb");
  EXPECT_EQ(doc["problems"], nlohmann::json::array());
  ASSERT_EQ(doc["recent"].size(), 1u);
  EXPECT_EQ(doc["recent"][0]["revision"], "aaaaaaaaaaaa");
  EXPECT_EQ(doc["recent"][0]["direction"], "upgrade");
  EXPECT_EQ(doc["recent"][0]["outcome"], "success");
  EXPECT_EQ(doc["recent"][0]["migrate_version"], MIGRATE_VERSION);
  EXPECT_TRUE(doc["recent"][0]["duration_ms"].is_number_integer());

  std::filesystem::remove(dir() / "migrations" / "versions" / "c.yaml");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", "  []\n");
  const Result drift = migrate({"--format", "json", "status"});
  EXPECT_TRUE(failed_with(drift, "1 edited script"));
  const auto drifted = nlohmann::json::parse(drift.out);
  EXPECT_EQ(drifted["state"], "drift");
  EXPECT_EQ(drifted["exit_code"], 1);
  EXPECT_EQ(drifted["problems"][0]["kind"], "edited");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Status, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
