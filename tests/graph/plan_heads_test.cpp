// plan.h, the version table: head_change for every case of Alembic's HeadMaintainer, and stamp
// (Alembic's _stamp_revs cases from test_version_traversal.py).
#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::Ids;
using test::rev;

HeadChange up(const RevisionGraph& g, const Ids& rows, const std::string& id) {
  return head_change(g, rows, {id, Direction::up});
}
HeadChange down(const RevisionGraph& g, const Ids& rows, const std::string& id) {
  return head_change(g, rows, {id, Direction::down});
}
using Updates = std::vector<std::pair<std::string, std::string>>;

RevisionGraph twin() {  // TwinMergeTest: b1..b3 off a, merged twice
  return graph({rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("b3", {"a"}),
                rev("c1", {"b1", "b2", "b3"}), rev("c2", {"b1", "b2", "b3"}), rev("d1", {"c1"}),
                rev("d2", {"c2"})});
}

TEST(HeadChange, CreateUpdateAndMerge) {
  RevisionGraph g = twin();
  EXPECT_EQ(up(g, {}, "a").inserts, Ids{"a"});  // from base
  HeadChange plain = up(g, {"a"}, "b1");
  EXPECT_EQ(plain.updates, (Updates{{"a", "b1"}}));
  EXPECT_TRUE(plain.deletes.empty() && plain.inserts.empty());
  EXPECT_EQ(up(g, {"b1"}, "b2").inserts, Ids{"b2"});  // a new branch: a is not a row
  HeadChange merge = up(g, {"b1", "b2", "b3"}, "c2");
  EXPECT_EQ(merge.deletes, (Ids{"b1", "b2"}));
  EXPECT_EQ(merge.updates, (Updates{{"b3", "c2"}}));
  EXPECT_EQ(apply_change({"b1", "b2", "b3"}, merge), Ids{"c2"});
  // Twin merge (Alembic #297): c1 merges branches that are no longer rows, so it is a new row.
  EXPECT_EQ(up(g, {"d2"}, "c1").inserts, Ids{"c1"});
}

TEST(HeadChange, TwinMergeSequence) {
  RevisionGraph g = twin();
  Ids rows = {"a"};
  const std::vector<std::pair<std::string, Ids>> steps = {
      {"b3", {"b3"}}, {"b1", {"b1", "b3"}}, {"b2", {"b1", "b2", "b3"}}, {"c2", {"c2"}},
      {"d2", {"d2"}}, {"c1", {"c1", "d2"}}, {"d1", {"d1", "d2"}}};
  for (const auto& [id, expected] : steps) {
    rows = apply_change(rows, up(g, rows, id));
    EXPECT_EQ(test::sorted(rows), expected) << id;
  }
}

TEST(HeadChange, PartialMerge) {
  // NotQuiteTwinMergeTest: c1 merges b1 and b2, but only b1 is a row (c2 implies b2).
  RevisionGraph g = graph({rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("b3", {"a"}),
                           rev("c1", {"b1", "b2"}), rev("c2", {"b2", "b3"}), rev("d1", {"c1"}),
                           rev("d2", {"c2"})});
  EXPECT_EQ(up(g, {"b1", "d2"}, "c1").updates, (Updates{{"b1", "c1"}}));
  HeadChange merge = up(g, {"b2", "b3"}, "c2");
  EXPECT_EQ(merge.deletes, Ids{"b2"});
  EXPECT_EQ(merge.updates, (Updates{{"b3", "c2"}}));
}

TEST(HeadChange, UnmergeAndDeleteBranch) {
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}), rev("d1", {"c1"}),
                           rev("c2", {"b"}), rev("d2", {"c2"}), rev("e", {"d1", "d2"})});
  HeadChange unmerge = down(g, {"e"}, "e");
  EXPECT_EQ(unmerge.updates, (Updates{{"e", "d2"}}));
  EXPECT_EQ(unmerge.inserts, Ids{"d1"});
  EXPECT_EQ(test::sorted(apply_change({"e"}, unmerge)), (Ids{"d1", "d2"}));
  // b stays implied by d1: c2's row just goes.
  HeadChange gone = down(g, {"c2", "d1"}, "c2");
  EXPECT_EQ(gone.deletes, Ids{"c2"});
  EXPECT_TRUE(gone.updates.empty());
  EXPECT_EQ(down(g, {"c2"}, "c2").updates, (Updates{{"c2", "b"}}));
  EXPECT_EQ(down(g, {"a"}, "a").deletes, Ids{"a"});  // a base
  EXPECT_ERROR(down(g, {"d1"}, "c1"), "Cannot downgrade c1: it is not in the version table (d1)");
  EXPECT_ERROR(up(g, {}, "nope"), "Can't locate revision identified by 'nope'");
}

TEST(HeadChange, Dependencies) {
  // DependsOnBranchTestOne: c2 depends on c1, so taking d1 down leaves c1 implied.
  RevisionGraph one = graph({rev("a1", {}, {}, {"lib1"}), rev("b1", {"a1"}), rev("c1", {"b1"}),
                             rev("a2"), rev("b2", {"a2"}), rev("c2", {"b2"}, {"c1"}),
                             rev("d1", {"c1"}), rev("e1", {"d1"}), rev("f1", {"e1"})});
  EXPECT_EQ(down(one, {"c2", "d1"}, "d1").deletes, Ids{"d1"});
  // A base with dependencies: the dependency no other row implies is put back.
  RevisionGraph kaboom =
      graph({rev("a1"), rev("a2"), rev("a3"), rev("amerge", {"a1", "a2", "a3"}), rev("b1"),
             rev("b2"), rev("bmerge", {"b1", "b2"}), rev("c1"), rev("c2"), rev("c3"),
             rev("cmerge", {"c1", "c2", "c3"}), rev("d1", {}, {"a3", "b2", "c1"})});
  HeadChange d1 = down(kaboom, {"amerge", "d1", "b1", "cmerge"}, "d1");
  EXPECT_EQ(d1.updates, (Updates{{"d1", "b2"}}));
  EXPECT_TRUE(d1.inserts.empty());
  // Upgrading d1 from its dependencies merges their rows.
  HeadChange merge = up(kaboom, {"a3", "b2", "c1"}, "d1");
  EXPECT_EQ(merge.deletes, (Ids{"a3", "b2"}));
  EXPECT_EQ(merge.updates, (Updates{{"c1", "d1"}}));
  // x depends on q, which its parent p already implies: only p is left as a row.
  RevisionGraph implied = graph({rev("q"), rev("p", {"q"}), rev("x", {"p"}, {"q"})});
  EXPECT_EQ(down(implied, {"x"}, "x").updates, (Updates{{"x", "p"}}));
  EXPECT_TRUE(down(implied, {"x"}, "x").inserts.empty());
}

TEST(ApplyChange, DeletesUpdatesInserts) {
  HeadChange change{{"a"}, {{"b", "c"}}, {"d"}};
  EXPECT_EQ(apply_change({"a", "b", "x"}, change), (Ids{"c", "x", "d"}));
  EXPECT_EQ(apply_change({"c"}, {{}, {{"b", "c"}}, {"c"}}), Ids{"c"});  // never twice
}

RevisionGraph merged() {  // MergedPathTest
  return graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}), rev("d1", {"c1"}),
                rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"}), rev("e", {"d1", "d2"}),
                rev("f", {"e"})});
}

TEST(Stamp, AcrossMergePoints) {
  RevisionGraph g = merged();
  EXPECT_EQ(stamp_heads(g, {"e"}, "c2", false), Ids{"c2"});
  EXPECT_EQ(stamp_heads(g, {"e"}, "a", false), Ids{"a"});
  EXPECT_EQ(stamp_heads(g, {"c2"}, "e", false), Ids{"e"});
  EXPECT_EQ(stamp_heads(g, {"b"}, "e", false), Ids{"e"});
  EXPECT_EQ(stamp_heads(g, {"d1", "c2"}, "e", false), Ids{"e"});
  EXPECT_EQ(stamp_heads(g, {"d1", "c2"}, "c2branch@head", false), Ids{"f"});
  std::vector<StampStep> steps = stamp_steps(g, {"d1", "c2"}, {"e"}, false);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].from, (Ids{"d1", "c2"}));
  EXPECT_TRUE(steps[0].upgrade);
  HeadChange change = stamp_change({"d1", "c2"}, steps[0]);
  EXPECT_EQ(change.deletes, Ids{"d1"});
  EXPECT_EQ(change.updates, (Updates{{"c2", "e"}}));
}

TEST(Stamp, Branches) {
  RevisionGraph g =
      graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {}, {"c1branch"}), rev("d1", {"c1"}),
             rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"})});
  EXPECT_EQ(stamp_heads(g, {"d1", "c2"}, "b", false), Ids{"b"});
  EXPECT_EQ(stamp_heads(g, {"d1", "c2"}, "c1branch@base", false), Ids{"c2"});
  EXPECT_EQ(test::sorted(stamp_heads(g, {"d1", "c2"}, "c2branch@head", false)), (Ids{"d1", "d2"}));
  EXPECT_EQ(stamp_heads(g, {"d1"}, "base", false), Ids{});
  EXPECT_EQ(stamp_heads(g, {"d1"}, "d1", false), Ids{"d1"});
  EXPECT_EQ(test::sorted(stamp_heads(g, {"d1"}, "c2", false)), (Ids{"c2", "d1"}));  // new branch
}

TEST(Stamp, HeadsPurgeAndSeveralTargets) {
  RevisionGraph forest = graph({rev("a1"), rev("b1", {"a1"}), rev("a2"), rev("b2", {"a2"})});
  EXPECT_EQ(test::sorted(stamp_heads(forest, {}, "heads", false)), (Ids{"b1", "b2"}));
  EXPECT_TRUE(stamp_steps(forest, {"b1", "b2"}, {"heads"}, false).empty());
  EXPECT_EQ(test::sorted(stamp_heads(forest, {}, "a1 b2", false)), (Ids{"a1", "b2"}));
  EXPECT_EQ(test::sorted(stamp_heads(forest, {"b1"}, "a1,a2", false)), (Ids{"a1", "a2"}));
  EXPECT_EQ(stamp_heads(forest, {"b1", "b2"}, "a1", true), Ids{"a1"});
  EXPECT_EQ(stamp_heads(forest, {"zzzz"}, "a1", true), Ids{"a1"});  // purge ignores old rows
  EXPECT_ERROR(stamp_heads(forest, {}, " ", false), "No stamp target given");
  EXPECT_ERROR(stamp_heads(forest, {}, "nope", false),
               "Can't locate revision identified by 'nope'");
  // DependsOnBranchTestOne: stamping across a dependency.
  RevisionGraph one = graph({rev("a1", {}, {}, {"lib1"}), rev("b1", {"a1"}), rev("c1", {"b1"}),
                             rev("a2"), rev("b2", {"a2"}), rev("c2", {"b2"}, {"c1"}),
                             rev("d1", {"c1"}), rev("e1", {"d1"}), rev("f1", {"e1"})});
  EXPECT_EQ(stamp_heads(one, {"e1", "c2"}, "b1", false), Ids{"b1"});
}

}  // namespace
}  // namespace migrate
