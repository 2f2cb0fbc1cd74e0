// Upgrade and downgrade plans: Alembic's ScriptDirectory._upgrade_revs / _downgrade_revs, i.e.
// RevisionMap._collect_upgrade_revisions (implicit_base) and _collect_downgrade_revisions, each
// ordered by _topological_sort.
#include "migrate/graph/plan.h"

#include <algorithm>

#include "graph/revision_map.h"
#include "graph/target.h"
#include "migrate/core/error.h"

namespace migrate {

using detail::Edges;
using detail::GraphData;
using detail::is_node;
using detail::kNone;
using detail::Mask;
using detail::NodeId;
using detail::RevArg;

namespace {

std::vector<MigrationStep> to_steps(const GraphData& g, const std::vector<NodeId>& order,
                                    Direction direction) {
  std::vector<MigrationStep> steps;
  steps.reserve(order.size());
  for (NodeId n : order) steps.push_back({g.id(n), direction});
  return steps;
}

}  // namespace

std::vector<MigrationStep> plan_upgrade(const RevisionGraph& graph,
                                        const std::vector<std::string>& current_heads,
                                        const std::vector<std::string>& destination) {
  const GraphData& g = graph.data();
  std::vector<NodeId> targets = detail::get_revisions(g, RevArg::of(destination));
  std::vector<NodeId> current = detail::get_revisions(g, RevArg::of(current_heads));
  detail::check_no_overlap(g, targets);
  detail::check_no_overlap(g, current);
  Mask needs = detail::ancestors(g, targets);
  Mask done = detail::ancestors(g, current);
  for (std::size_t i = 0; i < needs.size(); ++i) needs[i] &= !done[i];
  std::vector<NodeId> order = detail::topological_sort(g, std::move(needs), targets);
  std::reverse(order.begin(), order.end());
  return to_steps(g, order, Direction::up);
}

UpgradePlan upgrade_plan(const RevisionGraph& graph, const std::vector<std::string>& current_heads,
                         std::string_view target) {
  UpgradePlan plan;
  plan.destination = resolve_upgrade_target(graph, current_heads, target);
  plan.steps = plan_upgrade(graph, current_heads, plan.destination);
  return plan;
}

std::vector<MigrationStep> plan_downgrade(const RevisionGraph& graph,
                                          const std::vector<std::string>& current_heads,
                                          const DowngradeTarget& destination) {
  const GraphData& g = graph.data();
  NodeId target = kNone;
  if (!destination.revision.empty()) {
    target = g.find(destination.revision);
    if (target == kNone) {
      throw Error("Can't locate revision identified by '" + destination.revision + "'");
    }
  }
  // What to take down starts at the bases (downgrade to base) or at the target's children...
  std::vector<NodeId> roots;
  if (target == kNone) {
    roots = g.base_nodes;
  } else {
    roots.assign(g.next[target].begin(), g.next[target].end());
  }
  // ... restricted to the named branch when there is a choice.
  if (!destination.branch.empty() && roots.size() > 1) {
    NodeId branch = detail::resolve_branch(g, destination.branch);
    Mask below = detail::ancestors(g, std::span(&branch, 1), Edges::versioned);
    std::erase_if(roots, [&](NodeId r) { return !below[r]; });
    if (roots.empty()) {
      throw Error("Not a valid downgrade target from current heads: '" + destination.text +
                  "' names no branch above " + (target == kNone ? "base" : g.id(target)));
    }
  }
  std::vector<NodeId> heads = detail::get_revisions(g, RevArg::of(current_heads));
  // Everything above the roots, and everything depending on it, that is applied.
  Mask drop = detail::descendants(g, roots, Edges::all);
  Mask applied = detail::ancestors(g, heads, Edges::all);
  bool any = false;
  for (std::size_t i = 0; i < drop.size(); ++i) {
    drop[i] &= applied[i];
    any = any || drop[i];
  }
  if (target != kNone && !any && !detail::contains(heads, target)) {
    throw Error("Destination " + destination.text +
                " is not a valid downgrade target from current head(s)" +
                (current_heads.empty() ? "" : " (" + detail::join(current_heads) + ")"));
  }
  return to_steps(g, detail::topological_sort(g, std::move(drop), heads), Direction::down);
}

DowngradePlan downgrade_plan(const RevisionGraph& graph,
                             const std::vector<std::string>& current_heads,
                             std::string_view target) {
  DowngradePlan plan;
  plan.destination = resolve_downgrade_target(graph, current_heads, target);
  plan.steps = plan_downgrade(graph, current_heads, plan.destination);
  return plan;
}

std::vector<std::string> all_current(const RevisionGraph& graph,
                                     const std::vector<std::string>& current_heads) {
  const GraphData& g = graph.data();
  std::vector<std::string> out;
  for (NodeId n : detail::all_current(g, detail::get_revisions(g, RevArg::of(current_heads)))) {
    out.push_back(g.id(n));
  }
  return out;
}

std::vector<std::string> heads_for_display(const RevisionGraph& graph, bool resolve_dependencies) {
  return resolve_dependencies ? graph.real_heads() : graph.heads();
}

std::vector<std::string> branch_points(const RevisionGraph& graph) {
  std::vector<std::string> out;
  for (const std::string& id : history_range(graph, {}, "")) {
    if (graph.is_branch_point(id)) out.push_back(id);
  }
  return out;
}

}  // namespace migrate
