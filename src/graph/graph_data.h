#pragma once
// The inside of a RevisionGraph: revisions in file order, addressed by index (NodeId), with every
// edge set Alembic's RevisionMap derives, stored as compressed adjacency lists so that a graph of
// 100,000 revisions is a handful of flat arrays rather than millions of small allocations.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/graph/revision.h"

namespace migrate::detail {

using NodeId = std::int32_t;
// Markers standing in for Python's None and for the string "base" that Alembic's code passes
// around in place of a revision.
inline constexpr NodeId kNone = -1;
inline constexpr NodeId kBase = -2;

inline bool is_node(NodeId n) { return n >= 0; }

// Node i's list is targets[offsets[i] .. offsets[i + 1]).
struct Adjacency {
  std::vector<std::uint32_t> offsets{0};
  std::vector<NodeId> targets;

  std::span<const NodeId> operator[](NodeId i) const {
    return {targets.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
  std::size_t degree(NodeId i) const { return offsets[i + 1] - offsets[i]; }
  void add_list(std::span<const NodeId> list) {
    targets.insert(targets.end(), list.begin(), list.end());
    offsets.push_back(static_cast<std::uint32_t>(targets.size()));
  }
  // The reverse edge set; each reversed list is in increasing node order (file order).
  Adjacency reversed(std::size_t node_count) const;
};

// A string → node table with open addressing: one flat array, no allocation per entry, which
// matters at 100,000 revisions. Keys view strings that outlive the table.
class NameIndex {
 public:
  void reserve(std::size_t count);
  // Adds key → node; returns the node already there when the key is taken.
  NodeId insert(std::string_view key, NodeId node);
  NodeId find(std::string_view key) const;

 private:
  struct Slot {
    std::string_view key;
    std::uint32_t hash = 0;
    NodeId node = -1;
  };
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

struct GraphData {
  std::vector<Revision> revisions;
  // Keys view the ids and labels stored in `revisions`, which never move after build.
  NameIndex by_id;
  NameIndex by_label;

  Adjacency down;      // down_revision, as written (Alembic's _versioned_down_revisions)
  Adjacency deps;      // depends_on resolved to nodes, as written, without repeats
  Adjacency all_down;  // down + deps (_all_down_revisions)
  Adjacency
      norm_down;   // down + deps not already implied by an ancestor (_normalized_down_revisions)
  Adjacency next;  // reverse of down (nextrev)
  Adjacency all_next;   // reverse of all_down (_all_nextrev)
  Adjacency norm_next;  // reverse of norm_down

  // Branch labels carried by each node (own and inherited), as a set of labelled nodes ("owners"),
  // sorted by file order. Nodes share sets, so a long labelled line costs one set.
  std::vector<std::uint32_t> label_set;
  std::vector<std::vector<NodeId>> label_sets;  // [0] is the empty set

  // Reachability labels (GRAIL): for two depth-first walks up through all_next, children taken
  // in file order and in reverse, the post-order rank and the lowest rank reachable. A
  // descendant's [low, post] lies inside its ancestor's in both, so a revision whose intervals do
  // not contain another's is certainly not its ancestor; two walks in opposite orders tell
  // parallel branches apart even when they merge again.
  struct Interval {
    std::uint32_t low = 0, post = 0;
  };
  std::vector<Interval> reach[2];
  bool may_be_ancestor(NodeId a, NodeId d) const {
    for (const auto& r : reach) {
      if (r[d].low < r[a].low || r[a].post < r[d].post) return false;
    }
    return true;
  }

  std::vector<NodeId> head_nodes, real_head_nodes, base_nodes;
  std::vector<std::string> heads, real_heads, bases;

  std::size_t size() const { return revisions.size(); }
  const std::string& id(NodeId n) const { return revisions[n].id; }
  NodeId find(std::string_view id) const { return by_id.find(id); }
  NodeId find_label(std::string_view label) const { return by_label.find(label); }
  const std::vector<NodeId>& label_owners(NodeId n) const { return label_sets[label_set[n]]; }
  bool has_label_of(NodeId n, NodeId owner) const;
  bool is_head(NodeId n) const { return next.degree(n) == 0; }
  bool is_real_head(NodeId n) const { return all_next.degree(n) == 0; }
  bool is_branch_point(NodeId n) const { return next.degree(n) > 1; }
  bool is_real_branch_point(NodeId n) const { return all_next.degree(n) > 1; }
  bool is_merge_point(NodeId n) const { return down.degree(n) > 1; }
};

// "file:line: " for a source reference, "" when the file is unknown (unit tests).
std::string where(const SourceRef& source);
// Comma-separated ids of nodes, as Alembic's format_as_comma.
std::string join_ids(const GraphData& g, std::span<const NodeId> nodes,
                     std::string_view sep = ", ");
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");
// join_ids for error messages: at most ten ids, then how many there are in all.
std::string list_candidates(const GraphData& g, std::span<const NodeId> nodes);

// Alembic's partial-id lookup: the ids longer than 3 characters that start with `prefix`, in
// file order.
std::vector<NodeId> prefix_matches(const GraphData& g, std::string_view prefix);

// Steps of RevisionGraph::build (graph_derive.cpp), given a topological order of `down`:
// normalized dependencies (norm_down, norm_next), inherited branch labels, and the reachability
// labels.
void derive_normalized_dependencies(GraphData& g, const std::vector<NodeId>& order);
void derive_branch_labels(GraphData& g, const std::vector<NodeId>& order);
void derive_reachability(GraphData& g);

}  // namespace migrate::detail
