#include "graph/traversal.h"

#include <algorithm>
#include <unordered_set>

#include "migrate/core/error.h"

namespace migrate::detail {
namespace {

Mask closure(const GraphData& g, std::span<const NodeId> seeds, const Adjacency& edges) {
  Mask seen(g.size(), 0);
  std::vector<NodeId> todo;
  for (NodeId s : seeds) {
    if (is_node(s) && !seen[s]) {
      seen[s] = 1;
      todo.push_back(s);
    }
  }
  while (!todo.empty()) {
    NodeId n = todo.back();
    todo.pop_back();
    for (NodeId m : edges[n]) {
      if (!seen[m]) {
        seen[m] = 1;
        todo.push_back(m);
      }
    }
  }
  return seen;
}

}  // namespace

Mask ancestors(const GraphData& g, std::span<const NodeId> seeds, Edges edges) {
  // norm_down has the same closure as all_down with fewer edges.
  return closure(g, seeds, edges == Edges::all ? g.norm_down : g.down);
}

Mask descendants(const GraphData& g, std::span<const NodeId> seeds, Edges edges) {
  return closure(g, seeds, edges == Edges::all ? g.all_next : g.next);
}

bool reaches(const GraphData& g, std::span<const NodeId> sources, NodeId target) {
  std::unordered_set<NodeId> seen;
  std::vector<NodeId> todo;
  for (NodeId s : sources) {
    if (is_node(s) && g.may_be_ancestor(target, s) && seen.insert(s).second) todo.push_back(s);
  }
  while (!todo.empty()) {
    NodeId n = todo.back();
    todo.pop_back();
    if (n == target) return true;
    for (NodeId p : g.norm_down[n]) {
      // Only revisions that may lie above the target can lead down to it.
      if (g.may_be_ancestor(target, p) && seen.insert(p).second) todo.push_back(p);
    }
  }
  return false;
}

void check_no_overlap(const GraphData& g, std::span<const NodeId> seeds, Edges edges) {
  if (seeds.size() < 2) return;
  const Adjacency& parents = edges == Edges::all ? g.norm_down : g.down;
  Mask is_seed(g.size(), 0);
  for (NodeId s : seeds) {
    if (is_node(s)) is_seed[s] = 1;
  }
  // One search down from all seeds at once, remembering which seed reached each node first.
  std::vector<NodeId> origin(g.size(), kNone);
  std::vector<NodeId> todo;
  for (NodeId s : seeds) {
    if (!is_node(s)) continue;
    for (NodeId p : parents[s]) {
      if (origin[p] == kNone) {
        origin[p] = s;
        todo.push_back(p);
      }
    }
  }
  while (!todo.empty()) {
    NodeId n = todo.back();
    todo.pop_back();
    if (is_seed[n]) {
      throw Error("Requested revision " + g.id(origin[n]) +
                  " overlaps with other requested revisions " + g.id(n) + " (" + g.id(n) +
                  " is an ancestor of " + g.id(origin[n]) + ")");
    }
    for (NodeId p : parents[n]) {
      if (origin[p] == kNone) {
        origin[p] = origin[n];
        todo.push_back(p);
      }
    }
  }
}

std::vector<NodeId> members(const Mask& mask) {
  std::vector<NodeId> out;
  for (NodeId n = 0; n < static_cast<NodeId>(mask.size()); ++n) {
    if (mask[n]) out.push_back(n);
  }
  return out;
}

bool contains(std::span<const NodeId> nodes, NodeId n) {
  return std::find(nodes.begin(), nodes.end(), n) != nodes.end();
}

// Alembic keeps, for each pending head, the set of all its ancestors, and before emitting a
// candidate scans them to see whether another pending head still leads down to it; that is
// quadratic. Here `below` is the union of those sets (every revision some pending head leads down
// to), kept with a count per revision of its children inside it: the candidate is blocked exactly
// when that count is not zero. Emitting a head only removes revisions from `below` (those no
// other head leads to), so keeping it costs one pass over the graph in all. Only when the
// candidate is blocked do we search up from it, inside `below`, for the first pending head (in
// list order) that leads to it, which is where Alembic continues.
std::vector<NodeId> topological_sort(const GraphData& g, Mask todo, std::span<const NodeId> heads) {
  const auto n_nodes = static_cast<NodeId>(g.size());
  std::vector<char> has_child_todo(g.size(), 0);
  for (NodeId n = 0; n < n_nodes; ++n) {
    if (!todo[n]) continue;
    for (NodeId p : g.norm_down[n]) has_child_todo[p] = 1;
  }
  // Alembic starts from the given heads in file order; a revision to emit that no head leads to
  // would make Alembic fail an assertion, so such revisions start as heads too.
  Mask is_current(g.size(), 0);
  for (NodeId h : heads) {
    if (is_node(h) && todo[h]) is_current[h] = 1;
  }
  std::vector<NodeId> current;
  for (NodeId n = 0; n < n_nodes; ++n) {
    if (todo[n] && (is_current[n] || !has_child_todo[n])) {
      is_current[n] = 1;
      current.push_back(n);
    }
  }
  Mask below = ancestors(g, current, Edges::all);
  std::vector<std::uint32_t> children_below(g.size(), 0);
  for (NodeId n = 0; n < n_nodes; ++n) {
    if (!below[n]) continue;
    for (NodeId p : g.norm_down[n]) ++children_below[p];
  }

  std::vector<NodeId> output;
  std::vector<std::uint32_t> seen(g.size(), 0);
  std::uint32_t stamp = 0;
  std::vector<NodeId> stack;
  std::size_t idx = 0;
  while (!current.empty()) {
    const NodeId candidate = current[idx];
    if (children_below[candidate] > 0) {
      // Blocked: continue with the first pending head that leads down to the candidate.
      ++stamp;
      stack.assign(1, candidate);
      seen[candidate] = stamp;
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        for (NodeId c : g.norm_next[n]) {
          if (below[c] && seen[c] != stamp) {
            seen[c] = stamp;
            stack.push_back(c);
          }
        }
      }
      std::size_t next_idx = idx;
      for (std::size_t j = 0; j < current.size(); ++j) {
        if (j != idx && seen[current[j]] == stamp) {
          next_idx = j;
          break;
        }
      }
      if (next_idx != idx) {
        idx = next_idx;
        continue;
      }
      // Unreachable while `below` is kept right; emitting beats looping forever.
    }
    output.push_back(candidate);
    todo[candidate] = 0;
    NodeId first = kNone;
    for (NodeId p : g.norm_down[candidate]) {
      if (!todo[p] || is_current[p]) continue;
      is_current[p] = 1;
      if (first == kNone) {
        first = p;
      } else {
        current.push_back(p);
      }
    }
    is_current[candidate] = 0;
    if (first == kNone) {
      current.erase(current.begin() + static_cast<std::ptrdiff_t>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else {
      current[idx] = first;
    }
    // The candidate, and what only it led down to, leave `below`.
    if (children_below[candidate] == 0) {
      below[candidate] = 0;
      stack.assign(1, candidate);
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        for (NodeId p : g.norm_down[n]) {
          if (below[p] && --children_below[p] == 0 && !is_current[p]) {
            below[p] = 0;
            stack.push_back(p);
          }
        }
      }
    }
  }
  return output;
}

}  // namespace migrate::detail
