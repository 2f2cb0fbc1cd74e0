#pragma once
// Closures and the topological order over a GraphData: the traversal half of Alembic's
// RevisionMap (_get_ancestor_nodes, _get_descendant_nodes, _topological_sort). Sets of revisions
// are masks indexed by NodeId; NodeIds that are not nodes (kNone, kBase) are ignored as seeds.
#include <span>
#include <vector>

#include "graph/graph_data.h"

namespace migrate::detail {

using Mask = std::vector<char>;

// versioned: through down_revision only (include_dependencies=False); all: through depends_on too.
enum class Edges { versioned, all };

// Reflexive closures of the seeds.
Mask ancestors(const GraphData& g, std::span<const NodeId> seeds, Edges edges = Edges::all);
Mask descendants(const GraphData& g, std::span<const NodeId> seeds, Edges edges = Edges::all);

// Alembic's check=True: Error when one of the seeds is an ancestor of another.
void check_no_overlap(const GraphData& g, std::span<const NodeId> seeds, Edges edges = Edges::all);

// Whether `target` is one of `sources` or an ancestor of one (through dependencies too). Searches
// only revisions whose reachability labels allow them to lie between, so a source on another
// branch costs nothing; unlike ancestors(), whose mask costs the whole graph.
bool reaches(const GraphData& g, std::span<const NodeId> sources, NodeId target);

// The nodes of a mask, in file order.
std::vector<NodeId> members(const Mask& mask);
bool contains(std::span<const NodeId> nodes, NodeId n);

// Alembic's _topological_sort: `todo` newest first, every revision before its down revisions and
// dependencies. Walks depth-first down one branch at a time starting from `heads` (taken in file
// order), and leaves a revision for later while another pending branch still leads to it.
std::vector<NodeId> topological_sort(const GraphData& g, Mask todo, std::span<const NodeId> heads);

}  // namespace migrate::detail
