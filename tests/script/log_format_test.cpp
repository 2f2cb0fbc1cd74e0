// log_format.h: lines exactly as Alembic prints them (SPEC §9).
#include "migrate/script/log_format.h"

#include <map>

#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::rev;

ScriptInfo info(const Revision& r, const std::string& message) {
  ScriptInfo s;
  s.revision = r;
  s.path = "migrations/versions/" + r.id + ".yaml";
  s.message = message;
  s.doc = message + "\n\nRevision ID: " + r.id + "\n";
  return s;
}

class LogFormat : public ::testing::Test {
 protected:
  LogFormat()
      : g_(graph({rev("ae1027a6acf"), rev("1975ea83b712", {"ae1027a6acf"}),
                  rev("b2", {"ae1027a6acf"}, {}, {"shop"}), rev("d4"),
                  rev("c3", {"1975ea83b712", "b2"}, {"d4"}), rev("e5", {}, {"c3"})})) {
    for (const Revision& r : g_.revisions()) scripts_[r.id] = info(r, "msg " + r.id);
  }
  const ScriptInfo& at(const std::string& id) { return scripts_.at(id); }
  std::string history(const std::string& id, const std::set<std::string>* current = nullptr) {
    return format_revision(g_, at(id),
                           {.include_branches = true,
                            .include_doc = true,
                            .include_parents = true,
                            .current = current});
  }

  RevisionGraph g_;
  std::map<std::string, ScriptInfo> scripts_;
};

TEST_F(LogFormat, HistoryLines) {
  EXPECT_EQ(history("ae1027a6acf"), "<base> -> ae1027a6acf (branchpoint), msg ae1027a6acf");
  EXPECT_EQ(history("1975ea83b712"), "ae1027a6acf -> 1975ea83b712, msg 1975ea83b712");
  EXPECT_EQ(history("b2"), "ae1027a6acf -> b2 (shop), msg b2");
  EXPECT_EQ(history("c3"),
            "1975ea83b712, b2 (d4) -> c3 (shop) (effective head) (mergepoint), "
            "msg c3");
  EXPECT_EQ(history("e5"), "<base> (c3) -> e5 (head), msg e5");
  const std::set<std::string> current = {"b2"};
  EXPECT_EQ(history("b2", &current), "ae1027a6acf -> b2 (shop) (current), msg b2");
}

TEST_F(LogFormat, HeadsAndCurrentLines) {
  // heads: include_branches, no tree indicators.
  FormatOptions heads{.include_branches = true, .tree_indicators = false};
  EXPECT_EQ(format_revision(g_, at("c3"), heads), "c3 (shop) (effective head)");
  EXPECT_EQ(format_revision(g_, at("e5"), heads), "e5 (head)");
  // current: the defaults.
  EXPECT_EQ(format_revision(g_, at("c3"), {}), "c3 (effective head) (mergepoint)");
  EXPECT_EQ(format_revision(g_, at("ae1027a6acf"), {}), "ae1027a6acf (branchpoint)");
  EXPECT_EQ(
      format_revision(g_, at("1975ea83b712"), {.tree_indicators = false, .head_indicators = false}),
      "1975ea83b712");
}

TEST_F(LogFormat, VerboseEntryAsInTheSpec) {
  RevisionGraph g = graph({rev("ae1027a6acf"), rev("1975ea83b712", {"ae1027a6acf"})});
  ScriptInfo s;
  s.revision = g.at("1975ea83b712");
  s.path = "migrations/versions/1975ea83b712_create_account_table.yaml";
  s.message = "create account table";
  s.doc =
      "create account table\n\nRevision ID: 1975ea83b712\nRevises: ae1027a6acf\n"
      "Create Date: 2026-11-23 12:00:00.000000\n";
  EXPECT_EQ(format_revision(g, s, {.verbose = true}),
            "Rev: 1975ea83b712 (head)\n"
            "Parent: ae1027a6acf\n"
            "Path: migrations/versions/1975ea83b712_create_account_table.yaml\n"
            "\n"
            "    create account table\n"
            "    \n"
            "    Revision ID: 1975ea83b712\n"
            "    Revises: ae1027a6acf\n"
            "    Create Date: 2026-11-23 12:00:00.000000\n");
  EXPECT_EQ(short_doc(s), "create account table");
}

TEST_F(LogFormat, VerboseEntryForMergesBranchesAndLabels) {
  const std::set<std::string> current = {"c3"};
  EXPECT_EQ(format_revision(g_, at("c3"), {.verbose = true, .current = &current}),
            "Rev: c3 (head) (mergepoint) (current)\n"
            "Merges: 1975ea83b712, b2\n"
            "Also depends on: d4\n"
            "Branch names: shop\n"
            "Path: migrations/versions/c3.yaml\n"
            "\n"
            "    msg c3\n"
            "    \n"
            "    Revision ID: c3\n");
  EXPECT_EQ(format_revision(g_, at("ae1027a6acf"), {.verbose = true}),
            "Rev: ae1027a6acf (branchpoint)\n"
            "Parent: <base>\n"
            "Branches into: 1975ea83b712, b2\n"
            "Path: migrations/versions/ae1027a6acf.yaml\n"
            "\n"
            "    msg ae1027a6acf\n"
            "    \n"
            "    Revision ID: ae1027a6acf\n");
}

TEST_F(LogFormat, VerboseEntryOfAScriptWithoutCommentIsBuiltFromItsFields) {
  ScriptInfo bare = at("d4");
  bare.doc.clear();
  bare.create_date = "2026-11-23 12:00:00.000000";
  EXPECT_EQ(format_revision(g_, bare, {.verbose = true}),
            "Rev: d4 (head)\n"
            "Parent: <base>\n"
            "Path: migrations/versions/d4.yaml\n"
            "\n"
            "    msg d4\n"
            "    \n"
            "    Revision ID: d4\n"
            "    Revises:\n"
            "    Create Date: 2026-11-23 12:00:00.000000\n");
  ScriptInfo merge = at("c3");
  merge.doc.clear();
  merge.message.clear();
  const std::string entry = format_revision(g_, merge, {.verbose = true});
  EXPECT_TRUE(
      entry.ends_with("Path: migrations/versions/c3.yaml\n\n"
                      "    Revision ID: c3\n    Revises: 1975ea83b712, b2\n"))
      << entry;
}

TEST_F(LogFormat, DocFallsBackToMessage) {
  ScriptInfo s = at("e5");
  s.doc.clear();
  s.message = "from the message field";
  EXPECT_EQ(short_doc(s), "from the message field");
  s.doc = "  first line\nsecond line\n\nthird paragraph";
  EXPECT_EQ(short_doc(s), "first line\nsecond line");
}

TEST_F(LogFormat, BranchPoints) {
  auto lookup = [this](const std::string& id) -> const ScriptInfo& { return at(id); };
  EXPECT_EQ(format_branch_point(g_, at("ae1027a6acf"), lookup, false),
            "ae1027a6acf (branchpoint)\n"
            "            -> 1975ea83b712\n"
            "            -> b2 (shop)\n");
  EXPECT_EQ(format_branch_point(g_, at("ae1027a6acf"), lookup, true).substr(0, 29),
            "Rev: ae1027a6acf (branchpoint");
  EXPECT_NE(format_branch_point(g_, at("ae1027a6acf"), lookup, true)
                .find("            -> b2 (shop), msg b2\n"),
            std::string::npos);
}

TEST_F(LogFormat, StepLines) {
  EXPECT_EQ(format_step(at("1975ea83b712"), Direction::up),
            "upgrade ae1027a6acf -> 1975ea83b712, msg 1975ea83b712");
  EXPECT_EQ(format_step(at("ae1027a6acf"), Direction::up),
            "upgrade  -> ae1027a6acf, msg ae1027a6acf");
  EXPECT_EQ(format_step(at("1975ea83b712"), Direction::down),
            "downgrade 1975ea83b712 -> ae1027a6acf, msg 1975ea83b712");
  EXPECT_EQ(format_step(at("c3"), Direction::down), "downgrade c3 -> 1975ea83b712, b2, msg c3");
  ScriptInfo silent = at("d4");
  silent.doc.clear();
  silent.message.clear();
  EXPECT_EQ(format_step(silent, Direction::up), "upgrade  -> d4");
  EXPECT_EQ(format_stamp_step({{"d1", "c2"}, {"e"}, true, false}), "stamp_revision d1, c2 -> e");
  EXPECT_EQ(format_stamp_step({{"a"}, {}, false, true}), "stamp_revision a -> ");
}

}  // namespace
}  // namespace migrate
