// plan.h, upgrade: Alembic's test_version_traversal.py upgrade cases, with the graphs written in
// the order Alembic's tests create them (our file order), and the rows after each plan.
#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::Ids;
using test::rev;

void expect_upgrade(const RevisionGraph& g, const Ids& current, std::string_view target,
                    const Ids& steps, const Ids& rows) {
  SCOPED_TRACE("upgrade " + std::string(target));
  UpgradePlan plan = upgrade_plan(g, current, target);
  EXPECT_EQ(test::ids(plan.steps), steps);
  for (const MigrationStep& s : plan.steps) EXPECT_EQ(s.direction, Direction::up);
  EXPECT_EQ(test::run(g, current, plan.steps), test::sorted(rows));
}

RevisionGraph chain() {  // RevisionPathTest
  return graph({rev("a"), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"c"}), rev("e", {"d"})});
}

TEST(PlanUpgrade, LinearPath) {
  RevisionGraph g = chain();
  expect_upgrade(g, {"c"}, "e", {"d", "e"}, {"e"});
  expect_upgrade(g, {}, "c", {"a", "b", "c"}, {"c"});
  expect_upgrade(g, {}, "head", {"a", "b", "c", "d", "e"}, {"e"});
  expect_upgrade(g, {"a"}, "+2", {"b", "c"}, {"c"});
  expect_upgrade(g, {"a"}, "+1", {"b"}, {"b"});
  expect_upgrade(g, {"b"}, "+3", {"c", "d", "e"}, {"e"});
  expect_upgrade(g, {"a"}, "b+2", {"b", "c", "d"}, {"d"});
  expect_upgrade(g, {"a"}, "d-2", {"b"}, {"b"});
  expect_upgrade(g, {}, "base+1", {"a"}, {"a"});
}

TEST(PlanUpgrade, AlreadyThereOrBelowIsNothing) {
  RevisionGraph g = chain();
  expect_upgrade(g, {"e"}, "head", {}, {"e"});
  expect_upgrade(g, {"e"}, "c", {}, {"e"});
  expect_upgrade(g, {"e"}, "base", {}, {"e"});
  EXPECT_TRUE(plan_upgrade(g, {"d"}, {}).empty());
}

RevisionGraph branched() {  // BranchedPathTest
  return graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {}, {"c1branch"}), rev("d1", {"c1"}),
                rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"})});
}

TEST(PlanUpgrade, Branches) {
  RevisionGraph g = branched();
  expect_upgrade(g, {"b"}, "d1", {"c1", "d1"}, {"d1"});
  expect_upgrade(g, {"a"}, "heads", {"b", "c2", "d2", "c1", "d1"}, {"d1", "d2"});
  expect_upgrade(g, {"b"}, "c2branch@head-1", {"c2"}, {"c2"});
  expect_upgrade(g, {"c1"}, "c2branch@+1", {"c2"}, {"c1", "c2"});
  expect_upgrade(g, {"c1", "c2"}, "c2branch@+1", {"d2"}, {"c1", "d2"});
  expect_upgrade(g, {}, "+1", {"a"}, {"a"});
  // Sideways: from one branch's head to the other branch's head.
  expect_upgrade(g, {"d1"}, "c2branch@head", {"c2", "d2"}, {"d1", "d2"});
  EXPECT_ERROR(upgrade_plan(g, {"c1", "c2"}, "+1"), "the database is at several revisions");
}

TEST(PlanUpgrade, AcrossMergePoint) {
  // MergedPathTest: c2 ... d2 is a new branch, then e merges d1 and d2.
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}), rev("d1", {"c1"}),
                           rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"}),
                           rev("e", {"d1", "d2"}), rev("f", {"e"})});
  expect_upgrade(g, {"b"}, "f", {"c2", "d2", "c1", "d1", "e", "f"}, {"f"});
  expect_upgrade(g, {"d1"}, "e", {"c2", "d2", "e"}, {"e"});
}

TEST(PlanUpgrade, BranchFromMergepoint) {
  RevisionGraph g =
      graph({rev("a1"), rev("b1", {"a1"}), rev("c1", {"b1"}), rev("a2"), rev("b2", {"a2"}),
             rev("c2", {"b2"}), rev("d1", {"c1", "c2"}), rev("d2", {"c2"})});
  expect_upgrade(g, {"d2", "b1"}, "d1", {"c1", "d1"}, {"d2", "d1"});
}

TEST(PlanUpgrade, BranchFromThreeWayMergepoint) {
  RevisionGraph g =
      graph({rev("a1"), rev("b1", {"a1"}), rev("c1", {"b1"}), rev("a2"), rev("b2", {"a2"}),
             rev("c2", {"b2"}), rev("a3"), rev("b3", {"a3"}), rev("c3", {"b3"}),
             rev("d1", {"c1", "c2", "c3"}), rev("d2", {"c2"}), rev("d3", {"c3"})});
  expect_upgrade(g, {"d3", "d2", "b1"}, "d1", {"c1", "d1"}, {"d3", "d2", "d1"});
  expect_upgrade(g, {"d3", "b2", "b1"}, "d1", {"c2", "c1", "d1"}, {"d3", "d1"});
  expect_upgrade(g, {"d3", "d1"}, "d2", {"d2"}, {"d3", "d2", "d1"});
}

TEST(PlanUpgrade, DependenciesComeFirst) {
  // DependsOnBranchLabelTest: c2 depends on c1 through its label.
  RevisionGraph g =
      graph({rev("a1", {}, {}, {"lib1"}), rev("b1", {"a1"}), rev("c1", {"b1"}, {}, {"c1lib"}),
             rev("a2"), rev("b2", {"a2"}), rev("c2", {"b2"}, {"c1lib"}), rev("d1", {"c1"}),
             rev("e1", {"d1"}), rev("f1", {"e1"})});
  expect_upgrade(g, {"a2"}, "c2", {"a1", "b1", "c1", "b2", "c2"}, {"c2"});
  // DependsOnOwnDownrevTest.
  RevisionGraph own = graph({rev("a1"), rev("a2", {"a1"}, {"a1"})});
  expect_upgrade(own, {}, "a2", {"a1", "a2"}, {"a2"});
}

TEST(PlanUpgrade, BranchesWithCrossDependencies) {
  RevisionGraph g = test::cross_dependency_graph();
  expect_upgrade(g, {}, "b_2@head", {"base3", "a3", "base2", "a2", "b2", "c2", "d2"}, {"d2"});
  expect_upgrade(g, {}, "b_3@head", {"base3", "a3", "b3"}, {"b3"});
  expect_upgrade(g, {}, "b1b@head", {"base3", "a3", "base1", "a1b", "b1b"}, {"b1b"});
  // With b3 applied, a3 is implied: only the 2 branch runs, and its first step is a new row.
  expect_upgrade(g, {"b3"}, "b_2@head", {"base2", "a2", "b2", "c2", "d2"}, {"b3", "d2"});
}

TEST(PlanUpgrade, ForestInFileOrder) {
  RevisionGraph g = graph({rev("a1"), rev("b1", {"a1"}), rev("a2"), rev("b2", {"a2"})});
  expect_upgrade(g, {}, "heads", {"a2", "b2", "a1", "b1"}, {"b1", "b2"});
}

TEST(PlanUpgrade, UnknownCurrentRevision) {
  RevisionGraph g = chain();
  EXPECT_ERROR(upgrade_plan(g, {"zzzz"}, "head"), "Can't locate revision identified by 'zzzz'");
  EXPECT_ERROR(plan_upgrade(g, {"a", "c"}, {"e"}),
               "Requested revision c overlaps with other requested revisions a");
}

}  // namespace
}  // namespace migrate
