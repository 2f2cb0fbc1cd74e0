// plan.h, read-only commands: `history -r` order and ranges (Alembic's test_revision.py
// iteration cases, file order standing for map order), `heads`, `current`, `branches`.
#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::Ids;
using test::rev;

Ids history(const RevisionGraph& g, std::string_view range, const Ids& current = {}) {
  return history_range(g, current, range);
}

TEST(History, DiamondAndBranches) {
  RevisionGraph diamond = graph(
      {rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("c", {"b1", "b2"}), rev("d", {"c"})});
  EXPECT_EQ(history(diamond, "a:d"), (Ids{"d", "c", "b1", "b2", "a"}));
  RevisionGraph long_short = graph({rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("c1", {"b1"}),
                                    rev("d11", {"c1"}), rev("d12", {"c1"})});
  EXPECT_EQ(history(long_short, ""), (Ids{"b2", "d11", "d12", "c1", "b1", "a"}));
  EXPECT_EQ(history(graph({}), ""), Ids{});
}

RevisionGraph multiple_branches() {
  return graph({rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("cb1", {"b1"}),
                rev("cb2", {"b2"}), rev("d1cb1", {"cb1"}), rev("d2cb1", {"cb1"}),
                rev("d1cb2", {"cb2"}), rev("d2cb2", {"cb2"}), rev("d3cb2", {"cb2"}),
                rev("d1d2cb2", {"d1cb2", "d2cb2"})});
}

TEST(History, MultipleBranches) {
  RevisionGraph g = multiple_branches();
  EXPECT_EQ(history(g, "a:d1d2cb2"), (Ids{"d1d2cb2", "d1cb2", "d2cb2", "cb2", "b2", "a"}));
  EXPECT_EQ(history(g, "a:d3cb2"), (Ids{"d3cb2", "cb2", "b2", "a"}));
  EXPECT_EQ(history(g, "base:d3cb2"), (Ids{"d3cb2", "cb2", "b2", "a"}));
  EXPECT_ERROR(history(g, "d1cb1:b1"),
               "Requested range d1cb1:b1 does not refer to ancestor/descendant revisions along "
               "the same branch");
  EXPECT_ERROR(history(g, "b1:d2cb2"), "does not refer to ancestor/descendant revisions");
}

TEST(History, BranchTravelling) {
  RevisionGraph g =
      graph({rev("a1"), rev("a2", {"a1"}), rev("a3", {"a2"}), rev("b1", {"a3"}), rev("b2", {"a3"}),
             rev("cb1", {"b1"}), rev("cb2", {"b2"}), rev("db1", {"cb1"}), rev("db2", {"cb2"}),
             rev("e1b1", {"db1"}), rev("fe1b1", {"e1b1"}), rev("e2b1", {"db1"}),
             rev("e2b2", {"db2"}), rev("merge", {"e2b1", "e2b2"})});
  EXPECT_EQ(history(g, "a1:merge"), (Ids{"merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2",
                                         "b2", "a3", "a2", "a1"}));
  EXPECT_EQ(history(g, "b1:merge"), (Ids{"merge", "e2b1", "db1", "cb1", "b1"}));
  EXPECT_EQ(history(g, "a2:merge"),
            (Ids{"merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2"}));
  EXPECT_EQ(history(g, "a1:heads"), (Ids{"fe1b1", "e1b1", "merge", "e2b1", "db1", "cb1", "b1",
                                         "e2b2", "db2", "cb2", "b2", "a3", "a2", "a1"}));
  EXPECT_EQ(history(g, "base:fe1b1"), (Ids{"fe1b1", "e1b1", "db1", "cb1", "b1", "a3", "a2", "a1"}));
}

TEST(History, MultipleBases) {
  RevisionGraph g =
      graph({rev("base1"), rev("base2"), rev("base3"), rev("a1a", {"base1"}), rev("a1b", {"base1"}),
             rev("a2", {"base2"}), rev("a3", {"base3"}), rev("b1a", {"a1a"}), rev("b1b", {"a1b"}),
             rev("b2", {"a2"}), rev("b3", {"a3"}), rev("c2", {"b2"}), rev("d2", {"c2"}),
             rev("mergeb3d2", {"b3", "d2"})});
  const Ids all = {"b1a", "a1a",   "b1b", "a1b", "base1", "mergeb3d2", "b3",
                   "a3",  "base3", "d2",  "c2",  "b2",    "a2",        "base2"};
  EXPECT_EQ(history(g, ""), all);
  EXPECT_EQ(history(g, "base:heads"), all);
  EXPECT_EQ(history(g, ":"), all);
  EXPECT_EQ(history(g, "c2:"), (Ids{"mergeb3d2", "d2", "c2"}));
  EXPECT_EQ(history(g, "base3:b3"), (Ids{"b3", "a3", "base3"}));
}

TEST(History, LabelledBranches) {
  RevisionGraph g =
      graph({rev("a", {}, {}, {"abranch"}), rev("b", {"a"}), rev("somelongername", {"b"}),
             rev("c", {"somelongername"}), rev("d"), rev("e", {"d"}, {}, {"ebranch"}),
             rev("someothername", {"e"}), rev("f", {"someothername"})});
  const Ids e_line = {"f", "someothername", "e", "d"};
  EXPECT_EQ(history(g, "ebranch@base:heads"), e_line);
  EXPECT_EQ(history(g, "abranch@base:"), (Ids{"c", "somelongername", "b", "a"}));
  EXPECT_EQ(history(g, ":ebranch@head"), e_line);
  EXPECT_EQ(history(g, "ebranch@head:heads"), Ids{"f"});
  EXPECT_EQ(history(g, "ebranch@d:heads"), e_line);
  EXPECT_EQ(history(g, "e@base:heads"), e_line);  // a revision standing for its branch
  EXPECT_EQ(history(g, "ebranch@-2:heads"), (Ids{"f", "someothername", "e"}));
  EXPECT_EQ(history(g, "base:ebranch@+2"), (Ids{"e", "d"}));
}

TEST(History, CrossDependencies) {
  RevisionGraph two = graph({
      rev("base1", {}, {}, {"b_1"}),
      rev("a1", {"base1"}),
      rev("b1", {"a1"}),
      rev("c1", {"b1"}),
      rev("base2", {}, {"b_1"}, {"b_2"}),
      rev("a2", {"base2"}),
      rev("b2", {"a2"}),
      rev("c2", {"b2"}),
      rev("d2", {"c2"}),
      rev("base3", {}, {}, {"b_3"}),
      rev("a3", {"base3"}),
      rev("b3", {"a3"}),
      rev("c3", {"b3"}, {"b2"}),
      rev("d3", {"c3"}),
  });
  EXPECT_EQ(two.heads(), (Ids{"c1", "d2", "d3"}));
  EXPECT_EQ(history(two, ""), (Ids{"c1", "b1", "a1", "d2", "c2", "d3", "c3", "b3", "a3", "base3",
                                   "b2", "a2", "base2", "base1"}));
  EXPECT_EQ(history(two, ":b_3@head"),
            (Ids{"d3", "c3", "b3", "a3", "base3", "b2", "a2", "base2", "base1"}));
  EXPECT_EQ(history(two, "b_2@base:heads"), (Ids{"d2", "c2", "b2", "a2", "base2", "base1"}));
  RevisionGraph three = graph({rev("base1"), rev("a1", {"base1"}), rev("b1", {"a1"}),
                               rev("c2", {}, {"a1"}), rev("c3", {"c2"})});
  EXPECT_EQ(history(three, ""), (Ids{"b1", "c3", "c2", "a1", "base1"}));
  RevisionGraph dupe = graph({rev("user_foo"), rev("user", {"user_foo"}, {"user_foo"})});
  EXPECT_EQ(history(dupe, ""), (Ids{"user", "user_foo"}));
}

TEST(History, CurrentEnds) {
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"c"})});
  EXPECT_EQ(history(g, "current:", {"b"}), (Ids{"d", "c", "b"}));
  EXPECT_EQ(history(g, ":current", {"b"}), (Ids{"b", "a"}));
  EXPECT_EQ(history(g, "current:current", {"b"}), Ids{"b"});
  EXPECT_EQ(history(g, ":current", {}), (Ids{"d", "c", "b", "a"}));  // no rows: whole range
  EXPECT_EQ(history(g, "b:c"), (Ids{"c", "b"}));
  EXPECT_EQ(history(g, " b:c "), (Ids{"c", "b"}));
  EXPECT_ERROR(history(g, "b"), "History range requires [start]:[end], [start]:, or :[end]");
  EXPECT_ERROR(history(g, "a:b:c"), "History range requires");
  EXPECT_ERROR(history(g, "zzzz:"), "Can't locate revision identified by 'zzzz'");
}

TEST(ReadOnly, HeadsCurrentAndBranchPoints) {
  RevisionGraph g = graph({rev("y1", {}, {}, {"y"}), rev("x1", {}, {}, {"x"}),
                           rev("y2", {"y1"}, {"x1"}), rev("x2", {"x1"}), rev("z", {}, {"y2"})});
  EXPECT_EQ(heads_for_display(g, false), (Ids{"y2", "x2", "z"}));
  EXPECT_EQ(heads_for_display(g, true), (Ids{"x2", "z"}));
  // y2 implies x1 through depends_on: `current` shows it as a branch tip.
  EXPECT_EQ(all_current(g, {"y2"}), (Ids{"x1", "y2"}));
  EXPECT_EQ(all_current(g, {"y2", "x2"}), (Ids{"y2", "x2"}));
  EXPECT_EQ(all_current(g, {}), Ids{});
  EXPECT_EQ(branch_points(multiple_branches()), (Ids{"cb1", "cb2", "a"}));
}

}  // namespace
}  // namespace migrate
