// Derived facts of RevisionGraph::build that Alembic computes with a traversal per revision
// (O(N^2) on a long line); here each is near-linear.
#include <algorithm>
#include <unordered_map>

#include "graph/graph_data.h"

namespace migrate::detail {
namespace {

// Longest path from a base through down_revision: an ancestor always has a smaller depth.
std::vector<std::uint32_t> depths(const GraphData& g, const std::vector<NodeId>& order) {
  std::vector<std::uint32_t> depth(g.size(), 0);
  for (NodeId n : order) {
    for (NodeId p : g.down[n]) depth[n] = std::max(depth[n], depth[p] + 1);
  }
  return depth;
}

}  // namespace

// Alembic's _normalize_depends_on: a dependency d of r is dropped from r's normalized down
// revisions when a proper ancestor of r (through down_revision) also depends on d. Only the other
// dependents of d can be such ancestors, so for each d with several dependents one upward search
// from them, bounded by their largest depth, finds which dependents lie above another.
void derive_normalized_dependencies(GraphData& g, const std::vector<NodeId>& order) {
  const std::vector<std::uint32_t> depth = depths(g, order);
  const Adjacency dependents = g.deps.reversed(g.size());
  std::vector<char> keep(g.deps.targets.size(), 1);
  std::vector<std::uint32_t> visited(g.size(), 0), member(g.size(), 0);
  std::uint32_t stamp = 0;
  std::vector<NodeId> todo;
  for (NodeId d = 0; d < static_cast<NodeId>(g.size()); ++d) {
    auto users = dependents[d];
    if (users.size() < 2) continue;
    ++stamp;
    std::uint32_t max_depth = 0;
    for (NodeId u : users) {
      member[u] = stamp;
      max_depth = std::max(max_depth, depth[u]);
    }
    todo.assign(users.begin(), users.end());
    while (!todo.empty()) {
      NodeId n = todo.back();
      todo.pop_back();
      for (NodeId c : g.next[n]) {
        if (visited[c] == stamp) continue;
        visited[c] = stamp;
        if (member[c] == stamp) {
          // c lies above another dependent of d: drop d from c's normalized dependencies.
          auto list = g.deps[c];
          auto at = std::find(list.begin(), list.end(), d) - list.begin();
          keep[g.deps.offsets[c] + at] = 0;
        }
        if (depth[c] < max_depth) todo.push_back(c);
      }
    }
  }
  std::vector<NodeId> list;
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    list.assign(g.down[n].begin(), g.down[n].end());
    for (std::uint32_t k = g.deps.offsets[n]; k < g.deps.offsets[n + 1]; ++k) {
      NodeId d = g.deps.targets[k];
      if (keep[k] && std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
    }
    g.norm_down.add_list(list);
  }
  g.norm_next = g.norm_down.reversed(g.size());
}

namespace {

class LabelSets {
 public:
  explicit LabelSets(GraphData& g) : g_(g) {
    g_.label_sets.assign(1, {});
    g_.label_set.assign(g_.size(), 0);
  }
  std::uint32_t add(std::uint32_t set, NodeId owner) {
    const std::uint64_t key = (std::uint64_t{set} << 32) | static_cast<std::uint32_t>(owner);
    auto it = added_.find(key);
    if (it != added_.end()) return it->second;
    std::vector<NodeId> owners = g_.label_sets[set];
    auto at = std::lower_bound(owners.begin(), owners.end(), owner);
    if (at != owners.end() && *at == owner) return added_[key] = set;
    owners.insert(at, owner);
    return added_[key] = push(std::move(owners));
  }
  std::uint32_t unite(std::span<const NodeId> parents) {
    std::uint32_t result = g_.label_set[parents.front()];
    for (NodeId p : parents.subspan(1)) {
      std::uint32_t other = g_.label_set[p];
      if (other == result || other == 0) continue;
      if (result == 0) {
        result = other;
        continue;
      }
      const auto& a = g_.label_sets[result];
      const auto& b = g_.label_sets[other];
      std::vector<NodeId> merged;
      std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
      if (merged.size() == a.size()) continue;
      result = merged.size() == b.size() ? other : push(std::move(merged));
    }
    return result;
  }

 private:
  std::uint32_t push(std::vector<NodeId> owners) {
    g_.label_sets.push_back(std::move(owners));
    return static_cast<std::uint32_t>(g_.label_sets.size() - 1);
  }
  GraphData& g_;
  std::unordered_map<std::uint64_t, std::uint32_t> added_;
};

}  // namespace

// Alembic's _add_branches: a revision's labels go to all its descendants (through down_revision)
// and, when everything above it is one plain line (no branch point counting dependents, no merge
// point), down to its ancestors until the first branch or merge point, which is left out.
void derive_branch_labels(GraphData& g, const std::vector<NodeId>& order) {
  LabelSets sets(g);
  for (NodeId n : order) {
    auto parents = g.down[n];
    std::uint32_t set = parents.empty() ? 0 : sets.unite(parents);
    if (!g.revisions[n].branch_labels.empty()) set = sets.add(set, n);
    g.label_set[n] = set;
  }
  // plain_above[n]: n and everything above it form one line without branch or merge points.
  std::vector<char> plain_above(g.size(), 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    NodeId n = *it;
    bool plain = !g.is_merge_point(n) && !g.is_real_branch_point(n);
    if (plain && g.next.degree(n) == 1) plain = plain_above[g.next[n][0]];
    plain_above[n] = plain;
  }
  for (NodeId owner = 0; owner < static_cast<NodeId>(g.size()); ++owner) {
    if (g.revisions[owner].branch_labels.empty() || !plain_above[owner]) continue;
    for (NodeId n = owner; g.down.degree(n) == 1;) {
      n = g.down[n][0];
      if (g.is_real_branch_point(n) || g.is_merge_point(n)) break;
      g.label_set[n] = sets.add(g.label_set[n], owner);
    }
  }
}

namespace {

// A depth-first walk from the real bases up through all_next, iteratively, ranking nodes in
// post-order; `reverse` takes children (and bases) in reverse file order.
std::vector<GraphData::Interval> reachability_walk(const GraphData& g, bool reverse) {
  const auto n_nodes = static_cast<NodeId>(g.size());
  std::vector<GraphData::Interval> out(g.size());
  std::vector<char> state(g.size(), 0);                 // 0 new, 1 open, 2 done
  std::vector<std::pair<NodeId, std::uint32_t>> stack;  // node, children taken
  std::uint32_t rank = 0;
  for (NodeId k = 0; k < n_nodes; ++k) {
    const NodeId root = reverse ? n_nodes - 1 - k : k;
    if (state[root] != 0 || g.all_down.degree(root) != 0) continue;
    stack.push_back({root, 0});
    state[root] = 1;
    while (!stack.empty()) {
      auto& [n, taken] = stack.back();
      auto kids = g.all_next[n];
      if (taken < kids.size()) {
        NodeId c = reverse ? kids[kids.size() - 1 - taken] : kids[taken];
        ++taken;
        if (state[c] == 0) {
          state[c] = 1;
          stack.push_back({c, 0});
        }
        continue;
      }
      std::uint32_t low = rank;
      for (NodeId c : kids) low = std::min(low, out[c].low);
      out[n] = {low, rank++};
      state[n] = 2;
      stack.pop_back();
    }
  }
  return out;
}

}  // namespace

void derive_reachability(GraphData& g) {
  g.reach[0] = reachability_walk(g, false);
  g.reach[1] = reachability_walk(g, true);
}

bool GraphData::has_label_of(NodeId n, NodeId owner) const {
  const auto& owners = label_owners(n);
  return std::binary_search(owners.begin(), owners.end(), owner);
}

}  // namespace migrate::detail
