// Properties over random graphs (fixed seeds): the bounded reachability search agrees with the
// plain closure, history lists every revision before its parents and dependencies, and upgrading
// to heads then downgrading to base leaves the rows Alembic would.
#include "graph/traversal.h"

#include <map>
#include <random>

#include "graph/graph_fixture.h"

namespace migrate {
namespace {

using test::Ids;
using test::rev;

// Revisions listed in a shuffled file order; parents and dependencies come from a hidden order.
RevisionGraph random_graph(std::mt19937& rng, int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) ids.push_back("r" + std::to_string(1000 + i));
  std::vector<Revision> revisions;
  for (int i = 0; i < count; ++i) {
    Ids down, deps;
    if (i > 0) {
      const int parents = std::uniform_int_distribution<int>(0, 9)(rng) < 7 ? 1 : (i > 1 ? 2 : 0);
      for (int k = 0; k < parents; ++k) {
        std::string p = ids[std::uniform_int_distribution<int>(0, i - 1)(rng)];
        if (std::find(down.begin(), down.end(), p) == down.end()) down.push_back(p);
      }
      if (std::uniform_int_distribution<int>(0, 9)(rng) < 2) {
        deps.push_back(ids[std::uniform_int_distribution<int>(0, i - 1)(rng)]);
      }
    }
    revisions.push_back(rev(ids[i], down, deps));
  }
  std::shuffle(revisions.begin(), revisions.end(), rng);
  return RevisionGraph::build(std::move(revisions));
}

TEST(Traversal, ReachesAgreesWithAncestors) {
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    RevisionGraph graph = random_graph(rng, 2 + round % 25);
    const detail::GraphData& g = graph.data();
    for (detail::NodeId s = 0; s < static_cast<detail::NodeId>(g.size()); ++s) {
      detail::Mask below = detail::ancestors(g, std::span(&s, 1));
      for (detail::NodeId t = 0; t < static_cast<detail::NodeId>(g.size()); ++t) {
        ASSERT_EQ(detail::reaches(g, std::span(&s, 1), t), below[t] != 0)
            << "round " << round << ": " << g.id(t) << " below " << g.id(s);
      }
    }
  }
}

TEST(Traversal, HistoryPutsRevisionsBeforeTheirParents) {
  std::mt19937 rng(11);
  for (int round = 0; round < 40; ++round) {
    RevisionGraph g = random_graph(rng, 1 + round % 30);
    Ids history = history_range(g, {}, "");
    ASSERT_EQ(history.size(), g.size());
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < history.size(); ++i) at[history[i]] = i;
    ASSERT_EQ(at.size(), g.size());
    for (const Revision& r : g.revisions()) {
      for (const std::string& p : r.down_revisions) EXPECT_LT(at[r.id], at[p]);
      for (const std::string& d : g.dependencies(r.id)) EXPECT_LT(at[r.id], at[d]);
    }
  }
}

TEST(Traversal, UpgradeToHeadsThenDowngradeToBase) {
  std::mt19937 rng(13);
  for (int round = 0; round < 40; ++round) {
    RevisionGraph g = random_graph(rng, 1 + round % 30);
    UpgradePlan up = upgrade_plan(g, {}, "heads");
    ASSERT_EQ(up.steps.size(), g.size());
    Ids rows = test::run(g, {}, up.steps);
    EXPECT_EQ(rows, test::sorted(g.real_heads())) << "round " << round;
    EXPECT_TRUE(upgrade_plan(g, rows, "heads").steps.empty());
    DowngradePlan down = downgrade_plan(g, rows, "base");
    EXPECT_EQ(down.steps.size(), g.size());
    EXPECT_EQ(test::run(g, rows, down.steps), Ids{}) << "round " << round;
  }
}

}  // namespace
}  // namespace migrate
