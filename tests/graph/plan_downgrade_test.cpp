// plan.h, downgrade: Alembic's test_version_traversal.py and test_revision.py downgrade cases,
// and the rows after each plan.
#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::Ids;
using test::rev;

void expect_downgrade(const RevisionGraph& g, const Ids& current, std::string_view target,
                      const Ids& steps, const Ids& rows) {
  SCOPED_TRACE("downgrade " + std::string(target));
  DowngradePlan plan = downgrade_plan(g, current, target);
  EXPECT_EQ(test::ids(plan.steps), steps);
  for (const MigrationStep& s : plan.steps) EXPECT_EQ(s.direction, Direction::down);
  EXPECT_EQ(test::run(g, current, plan.steps), test::sorted(rows));
}

RevisionGraph chain() {
  return graph({rev("a"), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"c"}), rev("e", {"d"})});
}

TEST(PlanDowngrade, LinearPath) {
  RevisionGraph g = chain();
  expect_downgrade(g, {"e"}, "c", {"e", "d"}, {"c"});
  expect_downgrade(g, {"c"}, "base", {"c", "b", "a"}, {});
  expect_downgrade(g, {"c"}, "-1", {"c"}, {"b"});
  expect_downgrade(g, {"e"}, "-3", {"e", "d", "c"}, {"b"});
  expect_downgrade(g, {"d"}, "a+2", {"d"}, {"c"});
  expect_downgrade(g, {"d"}, "c-2", {"d", "c", "b"}, {"a"});
  expect_downgrade(g, {"a"}, "-1", {"a"}, {});
}

TEST(PlanDowngrade, NothingToDo) {
  RevisionGraph g = chain();
  expect_downgrade(g, {}, "base", {}, {});
  expect_downgrade(g, {"a"}, "a", {}, {"a"});  // Alembic #838
  expect_downgrade(g, {"e"}, "e", {}, {"e"});  // Alembic #839
}

TEST(PlanDowngrade, TargetNotBelowCurrentIsAnError) {
  RevisionGraph g = chain();
  EXPECT_ERROR(downgrade_plan(g, {}, "b"),
               "Destination b is not a valid downgrade target from current head(s)");
  EXPECT_ERROR(downgrade_plan(g, {"b"}, "c"),
               "Destination c is not a valid downgrade target from current head(s) (b)");
  EXPECT_ERROR(downgrade_plan(g, {"b"}, "-5"), "Relative revision -5 didn't produce 5 migrations");
}

RevisionGraph branched() {  // BranchedPathTest
  return graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {}, {"c1branch"}), rev("d1", {"c1"}),
                rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"})});
}

TEST(PlanDowngrade, Branches) {
  RevisionGraph g = branched();
  expect_downgrade(g, {"d1", "d2"}, "a", {"d1", "c1", "d2", "c2", "b"}, {"a"});
  expect_downgrade(g, {"d2", "d1"}, "base+2", {"d1", "c1", "d2", "c2"}, {"b"});
  expect_downgrade(g, {"d2", "d1"}, "c2branch@base+2", {"d2", "c2"}, {"d1"});
  expect_downgrade(g, {"d2", "d1"}, "c2", {"d2"}, {"d1", "c2"});
  expect_downgrade(g, {"d2", "d1"}, "c2branch@base+3", {"d2"}, {"d1", "c2"});
  expect_downgrade(g, {"d1", "d2"}, "c1branch@-1", {"d1"}, {"c1", "d2"});
  expect_downgrade(g, {"d2", "c1"}, "d2-1", {"d2"}, {"c1", "c2"});
  expect_downgrade(g, {"c1", "d2"}, "c1branch@b", {"c1"}, {"d2"});
  expect_downgrade(g, {"c1", "d2"}, "c2branch@b", {"d2", "c2"}, {"c1"});
  expect_downgrade(g, {"d1", "d2"}, "c2@b", {"d2", "c2"}, {"d1"});
  expect_downgrade(g, {"d1", "d2"}, "d1@b", {"d1", "c1"}, {"d2"});
  expect_downgrade(g, {"d1", "d2"}, "c1branch@head-1", {"d1"}, {"c1", "d2"});
  expect_downgrade(g, {"d1", "c2"}, "c2", {}, {"d1", "c2"});
  expect_downgrade(g, {"d1", "c2"}, "d1", {}, {"d1", "c2"});
  // One head: -1 is not ambiguous.
  expect_downgrade(g, {"d1"}, "-1", {"d1"}, {"c1"});
}

TEST(PlanDowngrade, AcrossMergePointUnmerges) {
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}), rev("d1", {"c1"}),
                           rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"}),
                           rev("e", {"d1", "d2"}), rev("f", {"e"})});
  expect_downgrade(g, {"f"}, "b", {"f", "e", "d1", "c1", "d2", "c2"}, {"b"});
  // Down to one parent of a merge: the merge goes, the other parent's branch stays.
  expect_downgrade(g, {"f"}, "d2", {"f", "e"}, {"d1", "d2"});
  // -1 from the merge alone is not ambiguous: the merge goes and both parents are heads again.
  expect_downgrade(g, {"e"}, "-1", {"e"}, {"d1", "d2"});
  // Further than one step down from a merge still is.
  EXPECT_ERROR(downgrade_plan(g, {"e"}, "-2"),
               "e is a merge point; candidates: d1 (target 'd1-1'), d2 (target 'd2-1')");
}

TEST(PlanDowngrade, MinusOneFromAMergeWhoseParentIsBelowTheOther) {
  // a -> b -> m and a -> m: taking m down must leave b (and so a) applied.
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("m", {"a", "b"})});
  expect_downgrade(g, {"m"}, "-1", {"m"}, {"b"});
  // The same through a dependency: m depends on c, which lies above m's parent a.
  RevisionGraph dep = graph({rev("a"), rev("c", {}, {"a"}), rev("d"), rev("m", {"a", "d"}, {"c"})});
  EXPECT_EQ(test::ids(downgrade_plan(dep, {"m"}, "-1").steps), Ids{"m"});
}

TEST(PlanDowngrade, MergepointToOneSide) {
  RevisionGraph g =
      graph({rev("a1"), rev("b1", {"a1"}), rev("c1", {"b1"}), rev("a2"), rev("b2", {"a2"}),
             rev("c2", {"b2"}), rev("d1", {"c1", "c2"}), rev("d2", {"c2"})});
  expect_downgrade(g, {"d2", "d1"}, "b1", {"d1", "c1"}, {"d2", "b1"});
}

TEST(PlanDowngrade, DependenciesGoFirst) {
  // DependsOnBranchTestTwo ("kaboom").
  RevisionGraph g =
      graph({rev("a1"), rev("a2"), rev("a3"), rev("amerge", {"a1", "a2", "a3"}), rev("b1"),
             rev("b2"), rev("bmerge", {"b1", "b2"}), rev("c1"), rev("c2"), rev("c3"),
             rev("cmerge", {"c1", "c2", "c3"}), rev("d1", {}, {"a3", "b2", "c1"})});
  expect_downgrade(g, {"amerge", "bmerge", "cmerge", "d1"}, "b2", {"bmerge"},
                   {"amerge", "b1", "cmerge", "d1"});
  expect_downgrade(g, {"amerge", "d1", "b1", "cmerge"}, "d1@base", {"d1"},
                   {"amerge", "b1", "b2", "cmerge"});
  EXPECT_EQ(test::run(g, {"amerge", "b1", "b2", "cmerge"},
                      downgrade_plan(g, {"amerge", "b1", "b2", "cmerge"}, "base").steps),
            Ids{});
}

TEST(PlanDowngrade, CrissCrossDependencies) {
  // DependsOnBranchTestThree (Alembic #377): b2 may go although a3 implies b1.
  RevisionGraph g = graph({rev("a1"), rev("a2", {"a1"}), rev("b1"), rev("b2", {"b1"}, {"a2"}),
                           rev("b3", {"b2"}), rev("a3", {"a2"}, {"b1"})});
  expect_downgrade(g, {"a3", "b2"}, "b1", {"b2"}, {"a3"});
  // DependsOnBranchTestFour (#789): dependencies are normalized, so a3 is not re-inserted.
  RevisionGraph four =
      graph({rev("a1"), rev("a2", {"a1"}), rev("a3", {"a2"}), rev("b1"), rev("b2", {"b1"}, {"a3"}),
             rev("b3", {"b2"}), rev("b4", {"b3"}, {"a3"})});
  expect_downgrade(four, {"b4"}, "b3", {"b4"}, {"b3"});
  // DependsOnOwnDownrevTest.
  RevisionGraph own = graph({rev("a1"), rev("a2", {"a1"}, {"a1"})});
  expect_downgrade(own, {"a2"}, "a1", {"a2"}, {"a1"});
}

TEST(PlanDowngrade, BranchesWithCrossDependencies) {
  RevisionGraph g = test::cross_dependency_graph();
  const Ids all = {"b1a", "b1b", "d2", "b3"};
  // Going down b_2 leaves the 3 branch alone...
  expect_downgrade(g, all, "b_2@base", {"d2", "c2", "b2", "a2", "base2"}, {"b1a", "b1b", "b3"});
  // ... but b_3 takes down everything that depends on a3 first.
  expect_downgrade(g, all, "b_3@base", {"b1b", "d2", "c2", "b3", "a3", "base3"},
                   {"b1a", "a1b", "b2"});
  expect_downgrade(
      g, all, "base",
      {"b1a", "a1a", "b1b", "a1b", "base1", "d2", "c2", "b2", "a2", "base2", "b3", "a3", "base3"},
      {});
}

TEST(PlanDowngrade, BranchDependingOnAnother) {
  // BranchedPathTestCrossDependencies: d2 depends on c1.
  RevisionGraph g =
      graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {}, {"c1branch"}), rev("d1", {"c1"}),
             rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"}, {"c1"})});
  expect_downgrade(g, {"d1", "d2"}, "c2branch@b", {"d2", "c2"}, {"d1"});
  DowngradePlan plan = downgrade_plan(g, {"d1", "d2"}, "c1branch@b");
  EXPECT_EQ(test::sorted(test::ids(plan.steps)), (Ids{"c1", "d1", "d2"}));
  EXPECT_EQ(test::ids(plan.steps).back(), "c1");
  EXPECT_EQ(test::run(g, {"d1", "d2"}, plan.steps), Ids{"c2"});
}

TEST(PlanDowngrade, EffectiveHead) {
  // MultipleBranchEffectiveHead: y2 depends on x1.
  RevisionGraph g = graph({rev("y1", {}, {}, {"y"}), rev("x1", {}, {}, {"x"}),
                           rev("y2", {"y1"}, {"x1"}), rev("x2", {"x1"})});
  expect_downgrade(g, {"x2", "y2"}, "x@-1", {"x2"}, {"y2"});
  expect_downgrade(g, {"x1", "y2"}, "x@-1", {"y2", "x1"}, {"y1"});
  expect_downgrade(g, {"y2"}, "x@-1", {"y2", "x1"}, {"y1"});
}

}  // namespace
}  // namespace migrate
