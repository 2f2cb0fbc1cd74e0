// `migrate test` (SPEC §15), end to end on every dialect: a clean history passes; a downgrade
// that fails, one that leaves a column behind, an extra head and a target schema the heads do
// not build each fail naming what is at fault; and the configured database is never touched.
// On a server, --url names it, so that the scratch database is made there.
#include <nlohmann/json.hpp>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

using nlohmann::json;

const char* kAccount =
    "  - create_table: {name: account, columns: [{name: id, type: integer, primary_key: true}]}\n";
const char* kAddEmail =
    "  - add_column: {table: account, column: {name: email, type: string(100)}}\n";

class TestCommand : public E2E {
 protected:
  // a creates account; b adds account.email, c creates tag (two branches from a); m merges them.
  void history() const {
    revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail);
    revision("c.yaml", "cccccccccccc", "aaaaaaaaaaaa",
             "  - create_table: {name: tag, columns: [{name: id, type: integer, primary_key: "
             "true}, {name: label, type: string(20)}]}\n"
             "  - create_index: {name: ix_tag_label, table: tag, columns: [label]}\n");
    revision("m.yaml", "dddddddddddd", "[bbbbbbbbbbbb, cccccccccccc]", "  []\n");
  }
  // `migrate test --url <the test database's URL>`: a scratch database on that server.
  Result test(std::vector<std::string> args = {}) const {
    args.insert(args.begin(), {"test", "--url", url()});
    return migrate(args);
  }
};

// Every FAILED line of stderr but the last, which is the summary.
std::vector<std::string> failure_lines(const Result& result) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while ((at = result.err.find("FAILED: test: ", at)) != std::string::npos) {
    const auto end = result.err.find('\n', at);
    lines.push_back(result.err.substr(at, end - at));
    at = end;
  }
  if (!lines.empty()) lines.pop_back();
  return lines;
}

TEST_P(TestCommand, CleanHistoryWithBranchesAndAMergePasses) {
  history();
  const Result result = test();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("FAILED"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("4 checks passed, 1 skipped, 0 failed; 0 failures over 4 revisions"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("Skipped target_schema: no target_schema is configured"),
            std::string::npos)
      << result.err;
}

TEST_P(TestCommand, ADowngradeThatFailsIsNamed) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail,
           "  - execute: \"DROP TABLE no_such_table\"\n");
  const Result result = test();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  ASSERT_EQ(failure_lines(result).size(), 1u) << result.err;
  EXPECT_TRUE(failure_lines(result)[0].starts_with("FAILED: test: bbbbbbbbbbbb: downgrade failed:"))
      << result.err;
  EXPECT_NE(failure_lines(result)[0].find("no_such_table"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("1 failed (stairway)"), std::string::npos) << result.err;
}

TEST_P(TestCommand, ADowngradeThatLeavesAColumnBehindIsNamed) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail, "  []\n");
  const Result result = test();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto lines = failure_lines(result);
  ASSERT_FALSE(lines.empty()) << result.err;
  // The stairway fails too: upgrading again adds the column a second time.
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "FAILED: test: bbbbbbbbbbbb: downgrade left a trace: added column "
                      "'account.email'"),
            lines.end())
      << result.err;
}

// SQL the runner cannot see into is compared on the whole schema, so its trace is found too.
TEST_P(TestCommand, ATraceLeftByExecuteSqlIsFound) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - execute: \"CREATE TABLE audit (id integer)\"\n", "  []\n");
  const Result result = test();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto lines = failure_lines(result);
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "FAILED: test: bbbbbbbbbbbb: downgrade left a trace: added table 'audit'"),
            lines.end())
      << result.err;
}

TEST_P(TestCommand, TwoHeadsFailUnlessConfigured) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail);
  revision("c.yaml", "cccccccccccc", "aaaaaaaaaaaa",
           "  - create_table: {name: tag, columns: [{name: id, type: integer, primary_key: "
           "true}]}\n");
  Result result = test();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  ASSERT_EQ(failure_lines(result).size(), 1u) << result.err;
  EXPECT_TRUE(failure_lines(result)[0].starts_with(
      "FAILED: test: 2 heads (bbbbbbbbbbbb, cccccccccccc) where 1 is expected"))
      << result.err;

  write_config("test_heads = 2\n");
  result = test();
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

// The schema the history above builds, with `extra` columns in account.
std::string declared(const std::string& extra) {
  return R"y(tables:
  - name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: string(100)}
)y" + extra +
         R"y(  - name: tag
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: label, type: string(20)}
    indexes:
      - {name: ix_tag_label, columns: [label]}
)y";
}

TEST_P(TestCommand, TargetSchemaIsComparedAtHead) {
  history();
  write_file(dir() / "schema.yaml", declared("      - {name: nickname, type: string(50)}\n"));
  write_config("target_schema = schema.yaml\n");
  const Result result = test();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  ASSERT_EQ(failure_lines(result).size(), 1u) << result.err;
  const std::string line = failure_lines(result)[0];
  EXPECT_TRUE(line.starts_with(
      "FAILED: test: dddddddddddd: the schema at head differs from target_schema "))
      << line;
  EXPECT_TRUE(line.ends_with("schema.yaml: added column 'account.nickname'")) << line;

  write_file(dir() / "schema.yaml", declared(""));
  const Result matching = test();
  EXPECT_EQ(matching.exit_code, 0) << matching.err;
  EXPECT_NE(matching.err.find("5 checks passed, 0 skipped"), std::string::npos) << matching.err;
}

TEST_P(TestCommand, ALintErrorFailsNamingTheRevisionAndTheRule) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - add_column: {table: account, column: {name: n, type: integer, nullable: false}}\n");
  const Result result = test();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  ASSERT_EQ(failure_lines(result).size(), 1u) << result.err;
  const std::string line = failure_lines(result)[0];
  EXPECT_TRUE(line.starts_with("FAILED: test: bbbbbbbbbbbb: ")) << line;
  EXPECT_NE(line.find("error: not-null-column-without-default"), std::string::npos) << line;
  // An ignored rule is no failure, as in `migrate lint`.
  write_config("lint_ignore = not-null-column-without-default\n");
  EXPECT_EQ(test().exit_code, 0);
}

TEST_P(TestCommand, TheConfiguredDatabaseIsNotTouched) {
  history();
  ASSERT_EQ(migrate({"upgrade", "aaaaaaaaaaaa"}).exit_code, 0);
  const auto tables = db().tables();
  // With --url the scratch database is beside it on the same server; without, SQLite in memory.
  EXPECT_EQ(test().exit_code, 0);
  const Result in_memory = migrate({"test"});
  EXPECT_EQ(in_memory.exit_code, 0) << in_memory.err;
  EXPECT_NE(in_memory.err.find("in memory (no --url)"), std::string::npos) << in_memory.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(db().tables(), tables);
}

TEST_P(TestCommand, JsonReportsEachCheckAndFailure) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", kAddEmail,
           "  - execute: \"DROP TABLE no_such_table\"\n");
  const Result result = test({"--format", "json"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const json report = json::parse(result.out);
  EXPECT_EQ(report["schema"], "migrate.test/1");
  EXPECT_EQ(report["revisions"], 2);
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["exit_code"], 1);
  ASSERT_EQ(report["checks"].size(), 5u);
  EXPECT_EQ(report["checks"][1]["name"], "stairway");
  EXPECT_EQ(report["checks"][1]["status"], "failed");
  EXPECT_EQ(report["checks"][4]["name"], "lint");
  EXPECT_EQ(report["checks"][4]["status"], "passed");
  ASSERT_EQ(report["failures"].size(), 1u);
  EXPECT_EQ(report["failures"][0]["check"], "stairway");
  EXPECT_EQ(report["failures"][0]["revision"], "bbbbbbbbbbbb");
}

INSTANTIATE_TEST_SUITE_P(Dialects, TestCommand, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
