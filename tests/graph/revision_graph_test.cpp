// RevisionGraph: structure (heads, bases, children, labels), id resolution, validation errors
// naming file:line, and linear behaviour on a 100,000-revision chain.
#include "migrate/graph/revision_graph.h"

#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::graph;
using test::Ids;
using test::rev;

Revision located(Revision r, const std::string& file, int line) {
  r.source = {file, line};
  r.down_revision_source = {file, line + 1};
  r.depends_on_source = {file, line + 2};
  return r;
}

TEST(RevisionGraph, LinearChain) {
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("c", {"b"})});
  EXPECT_EQ(g.size(), 3u);
  EXPECT_EQ(g.heads(), Ids{"c"});
  EXPECT_EQ(g.real_heads(), Ids{"c"});
  EXPECT_EQ(g.bases(), Ids{"a"});
  EXPECT_EQ(g.children("a"), Ids{"b"});
  EXPECT_TRUE(g.contains("b"));
  EXPECT_FALSE(g.contains("d"));
  EXPECT_EQ(g.at("b").down_revisions, Ids{"a"});
  EXPECT_TRUE(g.is_head("c"));
  EXPECT_FALSE(g.is_head("b"));
  EXPECT_ERROR(g.at("zz"), "Can't locate revision identified by 'zz'");
  EXPECT_TRUE(graph({}).heads().empty());
}

TEST(RevisionGraph, HeadsAndBasesFollowFileOrder) {
  // Alembic's APITest: heads in revision-map (here: file) order.
  RevisionGraph g = graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}), rev("c2", {"b"})});
  EXPECT_EQ(g.heads(), (Ids{"c1", "c2"}));
  EXPECT_EQ(g.children("b"), (Ids{"c1", "c2"}));
  RevisionGraph swapped = graph({rev("c2", {"b"}), rev("a"), rev("c1", {"b"}), rev("b", {"a"})});
  EXPECT_EQ(swapped.heads(), (Ids{"c2", "c1"}));
  EXPECT_EQ(swapped.children("b"), (Ids{"c2", "c1"}));
  RevisionGraph forest = graph({rev("a"), rev("b", {"a"}), rev("c"), rev("d", {"c"})});
  EXPECT_EQ(forest.bases(), (Ids{"a", "c"}));
}

TEST(RevisionGraph, DependenciesAreNotParents) {
  RevisionGraph g = test::cross_dependency_graph();
  EXPECT_EQ(g.heads(), (Ids{"b1a", "b1b", "d2", "b3"}));
  EXPECT_EQ(g.real_heads(), (Ids{"b1a", "b1b", "d2", "b3"}));
  EXPECT_EQ(g.bases(), (Ids{"base1", "base2", "base3"}));
  EXPECT_EQ(g.children("a3"), Ids{"b3"});
  EXPECT_EQ(g.dependencies("c2"), Ids{"a3"});
  EXPECT_FALSE(g.is_branch_point("a3"));
}

TEST(RevisionGraph, EffectiveHeadIsOnlyDependedOn) {
  RevisionGraph g = graph({rev("a"), rev("b", {}, {"a"})});
  EXPECT_EQ(g.heads(), (Ids{"a", "b"}));
  EXPECT_EQ(g.real_heads(), Ids{"b"});
  EXPECT_TRUE(g.is_head("a"));
  EXPECT_FALSE(g.is_real_head("a"));
}

TEST(RevisionGraph, DependsOnResolvesIdsLabelsAndPrefixes) {
  RevisionGraph g = graph({rev("aaaa1111", {}, {}, {"lib"}), rev("bbbb2222"),
                           rev("cccc3333", {}, {"lib", "bbbb", "aaaa1111", "bbbb2222"})});
  EXPECT_EQ(g.dependencies("cccc3333"), (Ids{"aaaa1111", "bbbb2222"}));
  EXPECT_EQ(g.at("cccc3333").depends_on.size(), 4u);  // as written, for display
}

TEST(RevisionGraph, BranchLabelsSpreadAsInAlembic) {
  // Alembic's LabeledBranchTest: a label covers its line, down to the base when it is plain.
  RevisionGraph g = graph({
      rev("a", {}, {}, {"abranch"}),
      rev("b", {"a"}),
      rev("somelongername", {"b"}),
      rev("c", {"somelongername"}),
      rev("d"),
      rev("e", {"d"}, {}, {"ebranch"}),
      rev("someothername", {"e"}),
      rev("f", {"someothername"}),
  });
  for (const char* id : {"a", "b", "somelongername", "c"}) {
    EXPECT_EQ(g.branch_labels(id), Ids{"abranch"}) << id;
  }
  for (const char* id : {"d", "e", "someothername", "f"}) {
    EXPECT_EQ(g.branch_labels(id), Ids{"ebranch"}) << id;
  }
  // A label stops at the branch point below it, and goes no lower when its own line branches.
  RevisionGraph branched =
      graph({rev("a"), rev("b", {"a"}), rev("c1", {"b"}, {}, {"x"}), rev("d1", {"c1"}),
             rev("c2", {"b"}, {}, {"y"}), rev("d2", {"c2"}), rev("e2", {"c2"})});
  EXPECT_EQ(branched.branch_labels("d1"), Ids{"x"});
  EXPECT_TRUE(branched.branch_labels("b").empty());
  EXPECT_EQ(branched.branch_labels("e2"), Ids{"y"});
  EXPECT_TRUE(branched.branch_labels("a").empty());
}

TEST(RevisionGraph, BranchAndMergePoints) {
  RevisionGraph g = graph({rev("a"), rev("b1", {"a"}), rev("b2", {"a"}), rev("c", {"b1", "b2"})});
  EXPECT_TRUE(g.is_branch_point("a"));
  EXPECT_TRUE(g.is_merge_point("c"));
  EXPECT_FALSE(g.is_merge_point("b1"));
  EXPECT_EQ(g.heads(), Ids{"c"});
}

TEST(RevisionGraph, ResolveId) {
  RevisionGraph g = graph({rev("ae1027a6acf"), rev("1975ea83b712", {"ae1027a6acf"}, {}, {"shop"}),
                           rev("19aa00000000", {"ae1027a6acf"}), rev("abc")});
  EXPECT_EQ(g.resolve_id("1975ea83b712"), "1975ea83b712");
  EXPECT_EQ(g.resolve_id("ae10"), "ae1027a6acf");
  EXPECT_EQ(g.resolve_id("shop"), "1975ea83b712");
  EXPECT_EQ(g.resolve_id("abc"), "abc");
  EXPECT_ERROR(g.resolve_id("19"),
               "Multiple revisions start with '19': 1975ea83b712, 19aa00000000");
  EXPECT_ERROR(g.resolve_id("zz"), "Can't locate revision identified by 'zz'");
  EXPECT_ERROR(g.resolve_id("ab"), "Can't locate revision identified by 'ab'");  // ids <= 3 chars
  EXPECT_ERROR(g.resolve_id(""), "Can't locate revision identified by ''");
}

TEST(RevisionGraphErrors, BadIdsNameFileAndLine) {
  auto build_one = [](std::string id) {
    return graph({located(rev(std::move(id)), "versions/x.yaml", 6)});
  };
  EXPECT_ERROR(build_one(""), "versions/x.yaml:6: revision id is empty");
  EXPECT_ERROR(
      build_one(std::string(33, 'a')),
      "versions/x.yaml:6: revision id '" + std::string(33, 'a') + "' is longer than 32 characters");
  EXPECT_NO_THROW(build_one(std::string(32, 'a')));
  EXPECT_ERROR(build_one("a@b"), "versions/x.yaml:6: revision id 'a@b' contains '@'");
  EXPECT_ERROR(build_one("a-b"), "contains '-'");
  EXPECT_ERROR(build_one("a+b"), "contains '+'");
  EXPECT_ERROR(build_one("a:b"), "contains ':'");
  EXPECT_ERROR(build_one("a b"), "contains whitespace");
  EXPECT_ERROR(build_one("a\tb"), "contains whitespace");
  // Without a file the message still names the revision.
  EXPECT_ERROR(graph({rev("a-b")}), "revision id 'a-b' contains '-'");
}

TEST(RevisionGraphErrors, DuplicateIdNamesBothFiles) {
  EXPECT_ERROR(graph({located(rev("a1"), "v/one.yaml", 6), located(rev("a1"), "v/two.yaml", 7)}),
               "v/two.yaml:7: duplicate revision id 'a1'; a1 (v/one.yaml:6) has the same id");
}

TEST(RevisionGraphErrors, MissingParentAndDependency) {
  EXPECT_ERROR(graph({located(rev("b", {"a"}), "v/b.yaml", 6)}),
               "v/b.yaml:7: down_revision 'a' of revision b names no revision");
  EXPECT_ERROR(graph({located(rev("b", {}, {"nope"}), "v/b.yaml", 6)}),
               "v/b.yaml:8: depends_on 'nope' of revision b names no revision or branch label");
  EXPECT_ERROR(graph({rev("abcd1"), rev("abcd2"), located(rev("c", {}, {"abcd"}), "v/c.yaml", 1)}),
               "v/c.yaml:3: depends_on 'abcd' of revision c is ambiguous: it starts abcd1, abcd2");
  EXPECT_ERROR(graph({rev("b", {"a", "a"}), rev("a")}), "names 'a' twice");
}

TEST(RevisionGraphErrors, BranchLabels) {
  EXPECT_ERROR(graph({rev("a", {}, {}, {"x"}), located(rev("b", {}, {}, {"x"}), "v/b.yaml", 6)}),
               "v/b.yaml:6: branch label 'x' of revision b is already used by revision a");
  EXPECT_ERROR(graph({rev("a"), rev("b", {}, {}, {"a"})}),
               "branch label 'a' of revision b is already the id of revision a");
  EXPECT_ERROR(graph({rev("a", {}, {}, {"x@y"})}), "branch label 'x@y' of revision a is not valid");
}

TEST(RevisionGraphErrors, LoopsAndCycles) {
  EXPECT_ERROR(graph({located(rev("a", {"a"}), "v/a.yaml", 6)}),
               "v/a.yaml:7: Self-loop is detected in revisions (a)");
  EXPECT_ERROR(graph({rev("a", {}, {"a"})}), "Dependency self-loop is detected in revisions (a)");
  // Alembic's test_revision_map_lower_simple_cycle: d and e hang off the cycle and are not in it.
  EXPECT_ERROR(graph({located(rev("a", {"c"}), "v/a.yaml", 6), rev("b", {"a"}), rev("c", {"b"}),
                      rev("d", {"c"}), rev("e", {"d"})}),
               "v/a.yaml:6: Cycle is detected in revisions (a, b, c): a -> c -> b -> a through "
               "down_revision; revisions: a (v/a.yaml:6)");
  EXPECT_ERROR(
      graph({rev("a"), rev("b", {"a"}), rev("c", {"b", "e"}), rev("d", {"c"}), rev("e", {"d"})}),
      "Cycle is detected in revisions (c, d, e)");
  EXPECT_ERROR(graph({rev("a", {}, {"c"}), rev("b", {"a"}), rev("c", {"b"})}),
               "Dependency cycle is detected in revisions (a, b, c): a -> c -> b -> a through "
               "down_revision and depends_on");
}

TEST(RevisionGraph, HundredThousandChainIsLinear) {
  constexpr int kCount = 100000;
  std::vector<Revision> revisions;
  revisions.reserve(kCount);
  auto id = [](int i) { return "r" + std::to_string(1000000 + i); };
  for (int i = 0; i < kCount; ++i) {
    revisions.push_back(i == 0 ? rev(id(i)) : rev(id(i), {id(i - 1)}));
  }
  RevisionGraph g = graph(std::move(revisions));
  EXPECT_EQ(g.heads(), Ids{id(kCount - 1)});
  Ids history = history_range(g, {}, "");
  ASSERT_EQ(history.size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(history.front(), id(kCount - 1));
  EXPECT_EQ(history.back(), id(0));
  std::vector<MigrationStep> steps = plan_upgrade(g, {}, g.heads());
  ASSERT_EQ(steps.size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(steps.front().revision, id(0));
  EXPECT_EQ(plan_downgrade(g, g.heads(), resolve_downgrade_target(g, g.heads(), "base")).size(),
            static_cast<std::size_t>(kCount));
}

}  // namespace
}  // namespace migrate
