// plan.h, targets (SPEC §8): every form, and every ambiguity naming the target that picks each
// candidate.
#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::Ids;
using test::rev;

// Alembic's BranchedPathTest: a -> b -> {c1 (c1branch) -> d1, c2 (c2branch) -> d2}.
RevisionGraph branched() {
  return graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {}, {"c1branch"}), rev("d1", {"c1"}),
                rev("c2", {"b"}, {}, {"c2branch"}), rev("d2", {"c2"})});
}

Ids up(const RevisionGraph& g, Ids current, std::string_view target) {
  return resolve_upgrade_target(g, current, target);
}

TEST(UpgradeTarget, AbsoluteForms) {
  RevisionGraph g = graph({rev("ae1027a6acf"), rev("1975ea83b712", {"ae1027a6acf"})});
  EXPECT_EQ(up(g, {}, "1975ea83b712"), Ids{"1975ea83b712"});
  EXPECT_EQ(up(g, {}, "1975"), Ids{"1975ea83b712"});
  EXPECT_EQ(up(g, {}, "head"), Ids{"1975ea83b712"});
  EXPECT_EQ(up(g, {}, "heads"), Ids{"1975ea83b712"});
  EXPECT_EQ(up(g, {"1975ea83b712"}, "base"), Ids{});
  EXPECT_ERROR(up(g, {}, "ffff"), "Can't locate revision identified by 'ffff'");
  EXPECT_ERROR(up(g, {}, ""), "No upgrade target given");
}

TEST(UpgradeTarget, BranchForms) {
  RevisionGraph g = branched();
  EXPECT_EQ(up(g, {}, "heads"), (Ids{"d1", "d2"}));
  EXPECT_EQ(up(g, {}, "c1branch@head"), Ids{"d1"});
  EXPECT_EQ(up(g, {}, "c2branch@heads"), Ids{"d2"});
  EXPECT_EQ(up(g, {}, "c2branch"), Ids{"c2"});  // a label alone is its revision
  EXPECT_EQ(up(g, {}, "c2branch@c2"), Ids{"c2"});
  EXPECT_EQ(up(g, {}, "d1@head"), Ids{"d1"});  // a revision standing for its branch
  EXPECT_EQ(up(g, {}, "c1branch@base"), Ids{});
  EXPECT_ERROR(up(g, {}, "c2branch@d1"), "Revision d1 is not a member of branch 'c2branch'");
  EXPECT_ERROR(up(g, {}, "nobranch@head"), "identified by 'nobranch'");
}

TEST(UpgradeTarget, SeveralHeadsNeedAChoice) {
  RevisionGraph g = branched();
  const std::string message =
      "Multiple head revisions are present; please specify a specific target revision, "
      "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads";
  EXPECT_ERROR(up(g, {}, "head"), message + " (heads: d1, d2)");
  EXPECT_ERROR(up(g, {}, "b@head"), message);  // b is below both heads
}

TEST(UpgradeTarget, RelativeToCurrent) {
  RevisionGraph g = branched();
  EXPECT_EQ(up(g, {}, "+1"), Ids{"a"});
  EXPECT_EQ(up(g, {}, "+2"), Ids{"b"});
  EXPECT_EQ(up(g, {"c1"}, "+1"), Ids{"d1"});
  EXPECT_EQ(up(g, {}, "base+1"), Ids{"a"});
  EXPECT_ERROR(up(g, {"d1"}, "+5"), "Relative revision +5 didn't produce 5 migrations");
  EXPECT_ERROR(up(g, {"d1"}, "-1"), "Relative revision -1 didn't produce 1 migrations");
}

TEST(UpgradeTarget, RelativeAmbiguityListsTargets) {
  RevisionGraph g = branched();
  EXPECT_ERROR(up(g, {"b"}, "+1"),
               "Relative revision '+1' is ambiguous: b is a branch point; candidates: c1 (target "
               "'c1'), c2 (target 'c2')");
  EXPECT_ERROR(up(g, {}, "+4"),
               "b is a branch point; candidates: c1 (target 'c1+1'), c2 "
               "(target 'c2+1')");
  EXPECT_ERROR(up(g, {"c1", "c2"}, "+1"),
               "Relative revision '+1' is ambiguous: the database is at several revisions (c1, "
               "c2); candidates: c1 (target 'c1+1'), c2 (target 'c2+1')");
  RevisionGraph forest = graph({rev("a1"), rev("a2")});
  EXPECT_ERROR(up(forest, {}, "+1"), "there are several bases; candidates: a1 (target 'a1'), a2");
}

TEST(UpgradeTarget, RelativeToRevisionOrBranch) {
  RevisionGraph g = branched();
  EXPECT_EQ(up(g, {}, "c1+1"), Ids{"d1"});
  EXPECT_EQ(up(g, {}, "d2-1"), Ids{"c2"});
  EXPECT_EQ(up(g, {"b"}, "c2branch@head-1"), Ids{"c2"});
  EXPECT_EQ(up(g, {"c1"}, "c2branch@+1"), Ids{"c2"});  // from the branch point below
  EXPECT_EQ(up(g, {"c1", "c2"}, "c2branch@+1"), Ids{"d2"});
  EXPECT_EQ(up(g, {}, "c2branch@+3"), Ids{"c2"});  // along the branch from base
  EXPECT_ERROR(up(g, {}, "d2+1"), "Walked too far: relative revision 'd2+1'");
}

DowngradeTarget down(const RevisionGraph& g, Ids current, std::string_view target) {
  return resolve_downgrade_target(g, current, target);
}

TEST(DowngradeTarget, Forms) {
  RevisionGraph g = branched();
  DowngradeTarget t = down(g, {"d1"}, "-1");
  EXPECT_EQ(t.revision, "c1");
  EXPECT_EQ(t.branch, "d1");  // -1 keeps to the branch of that head
  EXPECT_EQ(down(g, {"d1"}, "-2").revision, "b");
  EXPECT_EQ(down(g, {"d1"}, "-4").revision, "");  // base
  EXPECT_EQ(down(g, {"d1", "d2"}, "c1branch@-1").revision, "c1");
  EXPECT_EQ(down(g, {"d1", "d2"}, "c1branch@-1").branch, "c1branch");
  EXPECT_EQ(down(g, {"d1"}, "base").revision, "");
  DowngradeTarget labelled_base = down(g, {"d1"}, "c1branch@base");
  EXPECT_EQ(labelled_base.revision, "");
  EXPECT_EQ(labelled_base.branch, "c1branch");
  DowngradeTarget plus = down(g, {"d1", "d2"}, "c2branch@base+2");
  EXPECT_EQ(plus.revision, "b");
  EXPECT_EQ(plus.branch, "c2branch");
  EXPECT_EQ(down(g, {"d1"}, "c1branch@b").branch, "c1branch");
  EXPECT_EQ(down(g, {"d1"}, "d1-2").revision, "b");
}

TEST(DowngradeTarget, Errors) {
  RevisionGraph g = branched();
  EXPECT_ERROR(down(g, {"d1"}, "-5"), "Relative revision -5 didn't produce 5 migrations");
  EXPECT_ERROR(down(g, {}, "-1"), "Relative revision -1 didn't produce 1 migrations");
  EXPECT_ERROR(down(g, {"b"}, "+2"), "Relative revision +2 didn't produce 2 migrations");
  // Alembic only warns here and picks whichever row comes first.
  EXPECT_ERROR(down(g, {"d1", "d2"}, "-1"),
               "Relative revision '-1' is ambiguous: the database is at several heads (d1, d2); "
               "candidates: d1 (target 'd1@-1'), d2 (target 'd2@-1')");
  EXPECT_ERROR(down(g, {"d2"}, "c1branch@-1"), "no current revision is on branch 'c1branch'");
  RevisionGraph merged =
      graph({rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("c", {"b1", "b2"})});
  EXPECT_ERROR(down(merged, {"c"}, "c-2"),
               "c is a merge point; candidates: b1 (target 'b1-1'), b2 (target 'b2-1')");
  EXPECT_ERROR(down(g, {"d1"}, ""), "No downgrade target given");
}

TEST(ResolveRevisions, AsAlembicGetRevisions) {
  RevisionGraph g = branched();
  EXPECT_EQ(resolve_revisions(g, "heads"), (Ids{"d1", "d2"}));
  EXPECT_EQ(resolve_revisions(g, "c1branch@head"), Ids{"d1"});
  EXPECT_EQ(resolve_revisions(g, "c1branch@-1"), Ids{"c1"});
  EXPECT_EQ(resolve_revisions(g, "base"), Ids{});
  EXPECT_EQ(resolve_revisions(g, "c2branch"), Ids{"c2"});
  EXPECT_ERROR(resolve_revisions(g, "head"), "Multiple head revisions are present");
}

}  // namespace
}  // namespace migrate
