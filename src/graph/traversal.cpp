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

namespace {

// The state of one topological_sort (see there): what is left to emit, the pending heads, and
// `below` with its child counts.
struct SortState {
  SortState(const GraphData& graph, Mask todo_mask)
      : g(graph),
        todo(std::move(todo_mask)),
        is_current(graph.size(), 0),
        children_below(graph.size(), 0),
        seen(graph.size(), 0) {}

  const GraphData& g;
  Mask todo;
  Mask is_current;              // pending heads, as a mask
  std::vector<NodeId> current;  // pending heads, in the order Alembic keeps them
  Mask below;
  std::vector<std::uint32_t> children_below;
  // Scratch for the searches: a node is seen in a search when seen[n] == stamp.
  std::vector<std::uint32_t> seen;
  std::uint32_t stamp = 0;
  std::vector<NodeId> stack;
};

// Alembic starts from the given heads in file order; a revision to emit that no head leads to
// would make Alembic fail an assertion, so such revisions start as heads too.
void start_heads(SortState& s, std::span<const NodeId> heads) {
  const GraphData& g = s.g;
  const auto n_nodes = static_cast<NodeId>(g.size());
  std::vector<char> has_child_todo(g.size(), 0);
  for (NodeId n = 0; n < n_nodes; ++n) {
    if (!s.todo[n]) continue;
    for (NodeId p : g.norm_down[n]) has_child_todo[p] = 1;
  }
  for (NodeId h : heads) {
    if (is_node(h) && s.todo[h]) s.is_current[h] = 1;
  }
  for (NodeId n = 0; n < n_nodes; ++n) {
    if (s.todo[n] && (s.is_current[n] || !has_child_todo[n])) {
      s.is_current[n] = 1;
      s.current.push_back(n);
    }
  }
}

// `below` starts as the starting heads and every revision they lead down to, each with the
// number of its children inside it.
void start_below(SortState& s) {
  const GraphData& g = s.g;
  s.below = ancestors(g, s.current, Edges::all);
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    if (!s.below[n]) continue;
    for (NodeId p : g.norm_down[n]) ++s.children_below[p];
  }
}

// For a blocked candidate current[idx]: the index of the first other pending head that leads
// down to it, searching up from it inside `below`; idx itself when there is none.
std::size_t head_leading_to(SortState& s, std::size_t idx) {
  const NodeId candidate = s.current[idx];
  ++s.stamp;
  s.stack.assign(1, candidate);
  s.seen[candidate] = s.stamp;
  while (!s.stack.empty()) {
    NodeId n = s.stack.back();
    s.stack.pop_back();
    for (NodeId c : s.g.norm_next[n]) {
      if (s.below[c] && s.seen[c] != s.stamp) {
        s.seen[c] = s.stamp;
        s.stack.push_back(c);
      }
    }
  }
  for (std::size_t j = 0; j < s.current.size(); ++j) {
    if (j != idx && s.seen[s.current[j]] == s.stamp) return j;
  }
  return idx;
}

// After emitting current[idx]: its first down revision still to emit takes its place, the
// others join the pending heads at the end; with none, the branch is done. Returns the index to
// continue from.
std::size_t replace_emitted(SortState& s, std::size_t idx) {
  const NodeId candidate = s.current[idx];
  NodeId first = kNone;
  for (NodeId p : s.g.norm_down[candidate]) {
    if (!s.todo[p] || s.is_current[p]) continue;
    s.is_current[p] = 1;
    if (first == kNone) {
      first = p;
    } else {
      s.current.push_back(p);
    }
  }
  s.is_current[candidate] = 0;
  if (first == kNone) {
    s.current.erase(s.current.begin() + static_cast<std::ptrdiff_t>(idx));
    return idx > 0 ? idx - 1 : 0;
  }
  s.current[idx] = first;
  return idx;
}

// The emitted candidate, and what only it led down to, leave `below`.
void leave_below(SortState& s, NodeId candidate) {
  if (s.children_below[candidate] != 0) return;
  s.below[candidate] = 0;
  s.stack.assign(1, candidate);
  while (!s.stack.empty()) {
    NodeId n = s.stack.back();
    s.stack.pop_back();
    for (NodeId p : s.g.norm_down[n]) {
      if (s.below[p] && --s.children_below[p] == 0 && !s.is_current[p]) {
        s.below[p] = 0;
        s.stack.push_back(p);
      }
    }
  }
}

}  // namespace

// Alembic keeps, for each pending head, the set of all its ancestors, and before emitting a
// candidate scans them to see whether another pending head still leads down to it; that is
// quadratic. Here `below` is the union of those sets (every revision some pending head leads down
// to), kept with a count per revision of its children inside it: the candidate is blocked exactly
// when that count is not zero. Emitting a head only removes revisions from `below` (those no
// other head leads to), so keeping it costs one pass over the graph in all. Only when the
// candidate is blocked do we search up from it, inside `below`, for the first pending head (in
// list order) that leads to it, which is where Alembic continues.
std::vector<NodeId> topological_sort(const GraphData& g, Mask todo, std::span<const NodeId> heads) {
  SortState s(g, std::move(todo));
  start_heads(s, heads);
  start_below(s);
  std::vector<NodeId> output;
  std::size_t idx = 0;
  while (!s.current.empty()) {
    const NodeId candidate = s.current[idx];
    if (s.children_below[candidate] > 0) {
      // Blocked: continue with the first pending head that leads down to the candidate.
      const std::size_t next_idx = head_leading_to(s, idx);
      if (next_idx != idx) {
        idx = next_idx;
        continue;
      }
      // Unreachable while `below` is kept right; emitting beats looping forever.
    }
    output.push_back(candidate);
    s.todo[candidate] = 0;
    idx = replace_emitted(s, idx);
    leave_below(s, candidate);
  }
  return output;
}

}  // namespace migrate::detail
