// --format json: every reporting command prints one document that a pipeline can parse, with a
// versioned schema name; a failure is a document too, beside the usual FAILED line. And
// `--sql current:END`, a dry run from where the database stands.
#include <nlohmann/json.hpp>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

using nlohmann::json;

class Json : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    // a, then two branches from it: b and c.
    revision("a.yaml", "aaaaaaaaaaaa", "",
             "  - create_table: {name: account, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - add_column: {table: account, column: {name: email, type: string(100)}}\n");
    revision("c.yaml", "cccccccccccc", "aaaaaaaaaaaa",
             "  - create_table: {name: tag, columns: [{name: id, type: integer, "
             "primary_key: true}]}\n",
             "", "branch_labels: [tags]\n");
  }
  // Runs `migrate --format json ARGS...`; the document on stdout, which must be the only line.
  json document(std::vector<std::string> args, int exit_code = 0) const {
    args.insert(args.begin(), {"--format", "json"});
    const Result result = migrate(args);
    EXPECT_EQ(result.exit_code, exit_code) << result.err;
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
    return json::parse(result.out);
  }
};

TEST_P(Json, GraphCommandsDescribeEachRevision) {
  const json history = document({"history"});
  EXPECT_EQ(history["schema"], "migrate.history/1");
  ASSERT_EQ(history["revisions"].size(), 3u);
  const json& a = history["revisions"][2];
  EXPECT_EQ(a["revision"], "aaaaaaaaaaaa");
  EXPECT_EQ(a["message"], "a.yaml");
  EXPECT_EQ(a["down_revisions"], json::array());
  EXPECT_EQ(a["is_branch_point"], true);
  EXPECT_EQ(a["is_head"], false);
  EXPECT_FALSE(a.contains("is_current")) << "only with -i";

  const json heads = document({"heads"});
  EXPECT_EQ(heads["schema"], "migrate.heads/1");
  std::vector<std::string> ids;
  for (const auto& r : heads["revisions"]) ids.push_back(r["revision"]);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"bbbbbbbbbbbb", "cccccccccccc"}));

  const json branches = document({"branches"});
  EXPECT_EQ(branches["schema"], "migrate.branches/1");
  ASSERT_EQ(branches["branch_points"].size(), 1u);
  EXPECT_EQ(branches["branch_points"][0]["children"].size(), 2u);

  const json show = document({"show", "tags@head"});
  EXPECT_EQ(show["schema"], "migrate.show/1");
  EXPECT_EQ(show["revisions"][0]["branch_labels"], json::array({"tags"}));
  EXPECT_EQ(show["revisions"][0]["down_revisions"], json::array({"aaaaaaaaaaaa"}));
}

TEST_P(Json, RunsReportTheirStepsAndWhereTheDatabaseStands) {
  const json up = document({"upgrade", "bbbbbbbbbbbb"});
  EXPECT_EQ(up["schema"], "migrate.run/1");
  EXPECT_EQ(up["command"], "upgrade");
  ASSERT_EQ(up["steps"].size(), 2u);
  EXPECT_EQ(up["steps"][0]["revision"], "aaaaaaaaaaaa");
  EXPECT_EQ(up["steps"][0]["direction"], "upgrade");
  EXPECT_EQ(up["steps"][0]["message"], "a.yaml");
  EXPECT_GE(up["steps"][1]["duration_ms"].get<double>(), 0.0);
  EXPECT_EQ(up["heads"], json::array({"bbbbbbbbbbbb"}));

  const json current = document({"current"});
  EXPECT_EQ(current["schema"], "migrate.current/1");
  EXPECT_EQ(current["revisions"][0]["revision"], "bbbbbbbbbbbb");
  EXPECT_TRUE(current["partial"].is_null());

  const json history = document({"history", "-i"});
  EXPECT_EQ(history["revisions"][0]["is_current"].get<bool>(),
            history["revisions"][0]["revision"] == "bbbbbbbbbbbb");

  const json nothing = document({"upgrade", "bbbbbbbbbbbb"});
  EXPECT_EQ(nothing["steps"], json::array()) << "already there";

  const json down = document({"downgrade", "-1"});
  EXPECT_EQ(down["steps"][0]["direction"], "downgrade");
  EXPECT_EQ(down["heads"], json::array({"aaaaaaaaaaaa"}));

  const json stamp = document({"stamp", "cccccccccccc"});
  EXPECT_EQ(stamp["command"], "stamp");
  EXPECT_EQ(stamp["steps"][0]["direction"], "stamp");
  EXPECT_EQ(stamp["heads"], json::array({"cccccccccccc"}));
  EXPECT_EQ(versions(), std::vector<std::string>{"cccccccccccc"});
}

TEST_P(Json, AFailureIsADocumentOnStdoutAndAFailedLineOnStderr) {
  revision("d.yaml", "dddddddddddd", "bbbbbbbbbbbb",
           "  - execute: \"INSERT INTO missing_table VALUES (1)\"\n");
  const Result result = migrate({"upgrade", "dddddddddddd"}, {{"MIGRATE_FORMAT", "json"}});
  EXPECT_EQ(result.exit_code, 1);
  const json error = json::parse(result.out);
  EXPECT_EQ(error["schema"], "migrate.error/1");
  EXPECT_EQ(error["exit_code"], 1);
  EXPECT_NE(error["error"].get<std::string>().find("missing_table"), std::string::npos);
  EXPECT_TRUE(failed_with(result, "missing_table"));
  // A usage error is one too, with its own exit code.
  const Result usage = migrate({"--format", "json", "frobnicate"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(json::parse(usage.out)["exit_code"], 2);
}

TEST_P(Json, RevisionSaysWhatItWrote) {
  const json written =
      document({"revision", "-m", "add tags", "--rev-id", "eeeeeeeeeeee", "--head", "tags@head"});
  EXPECT_EQ(written["schema"], "migrate.revision/1");
  EXPECT_EQ(written["revision"], "eeeeeeeeeeee");
  EXPECT_TRUE(std::filesystem::exists(written["path"].get<std::string>()));
}

TEST_P(Json, BadFormatsAreRefused) {
  EXPECT_EQ(migrate({"--format", "xml", "heads"}).exit_code, 2);
  EXPECT_TRUE(failed_with(migrate({"heads"}, {{"MIGRATE_FORMAT", "xml"}}),
                          "MIGRATE_FORMAT must be text or json"));
  EXPECT_TRUE(failed_with(migrate({"--format", "json", "upgrade", "--sql", "head"}),
                          "--sql prints SQL on stdout"));
}

TEST_P(Json, SqlFromCurrentIsADryRunFromWhereTheDatabaseStands) {
  ASSERT_EQ(migrate({"upgrade", "aaaaaaaaaaaa"}).exit_code, 0);
  const Result result = migrate({"upgrade", "--sql", "current:bbbbbbbbbbbb"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("-- Running upgrade aaaaaaaaaaaa -> bbbbbbbbbbbb"), std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("-> aaaaaaaaaaaa"), std::string::npos) << "a is applied already";
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"}) << "nothing changed";
  EXPECT_EQ(db().columns("account"), std::vector<std::string>{"id"});
}

INSTANTIATE_TEST_SUITE_P(Dialects, Json, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
