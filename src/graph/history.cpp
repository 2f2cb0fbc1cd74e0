// `history -r A:B`: Alembic's command.history → ScriptDirectory.walk_revisions →
// RevisionMap.iterate_revisions(B, A, inclusive=True, assert_relative_length=False), i.e.
// _collect_upgrade_revisions without implicit_base, ordered by _topological_sort.
#include <algorithm>
#include <cctype>

#include "graph/revision_map.h"
#include "graph/target.h"
#include "migrate/core/error.h"
#include "migrate/core/text.h"
#include "migrate/graph/plan.h"

namespace migrate {

using detail::Edges;
using detail::GraphData;
using detail::is_node;
using detail::kNone;
using detail::Mask;
using detail::NodeId;
using detail::RevArg;

namespace {

// `lower` names a branch base (`label@base`, `label@rev`): keep only the targets on that branch.
void keep_branch_targets(const GraphData& g, std::string_view lower, std::vector<NodeId>& targets) {
  std::string_view branch = lower.substr(0, lower.find('@'));
  NodeId owner = g.find_label(branch);
  if (owner == kNone) {
    // A revision used as a branch name stands for its branch label (Alembic asserts it has one).
    NodeId rev = detail::get_revision(g, branch);
    const auto& owners = is_node(rev) ? g.label_owners(rev) : std::vector<NodeId>{};
    if (owners.size() != 1 || g.revisions[owners[0]].branch_labels.size() != 1) {
      throw Error("Revision " + std::string(branch) +
                  " does not carry exactly one branch label; name a branch label before '@'");
    }
    owner = owners[0];
  }
  std::erase_if(targets, [&](NodeId t) { return !is_node(t) || !g.has_label_of(t, owner); });
}

}  // namespace

std::vector<std::string> history_range(const RevisionGraph& graph,
                                       const std::vector<std::string>& current_heads,
                                       std::string_view range) {
  const GraphData& g = graph.data();
  range = trim(range);
  std::string_view lower = "base", upper = "heads";
  if (!range.empty()) {
    auto colon = range.find(':');
    if (colon == std::string_view::npos || range.find(':', colon + 1) != std::string_view::npos) {
      throw Error("History range requires [start]:[end], [start]:, or :[end]; got '" +
                  std::string(range) + "'");
    }
    if (colon > 0) lower = range.substr(0, colon);
    if (colon + 1 < range.size()) upper = range.substr(colon + 1);
  }
  // Alembic substitutes the rows for `current`; no rows then read as the default end.
  if (current_heads.empty()) {
    if (lower == "current") lower = "base";
    if (upper == "current") upper = "heads";
  }
  const RevArg lower_arg = lower == "current" ? RevArg::of(current_heads) : RevArg::of(lower);
  const RevArg upper_arg = upper == "current" ? RevArg::of(current_heads) : RevArg::of(upper);
  auto not_in_line = [&] {
    return Error("Requested range " + std::string(lower) + ":" + std::string(upper) +
                 " does not refer to ancestor/descendant revisions along the same branch");
  };

  std::vector<NodeId> targets = detail::parse_upgrade_target(g, lower_arg, upper_arg, false);
  std::erase_if(targets, [](NodeId t) { return !is_node(t); });
  if (!lower_arg.is_tuple() && lower.find('@') != std::string_view::npos) {
    keep_branch_targets(g, lower, targets);
  }
  detail::check_no_overlap(g, targets);
  Mask needs = detail::ancestors(g, targets);

  std::vector<NodeId> current = detail::get_revisions(g, lower_arg);
  for (NodeId c : current) {
    // A `-N` lower end that walks off a base is not an ancestor of anything (as in Alembic).
    if (c == detail::kBase || (is_node(c) && !needs[c])) throw not_in_line();
  }
  if (!current.empty() && current.front() == kNone) {
    // `label@-N` walked past the base: read the lower end as a downgrade target instead.
    NodeId rev = detail::parse_downgrade_target(g, upper_arg, lower, false).revision;
    current = is_node(rev) ? std::vector<NodeId>{rev} : std::vector<NodeId>{};
  }
  std::erase_if(current, [](NodeId c) { return !is_node(c); });
  detail::check_no_overlap(g, current);
  Mask done = detail::ancestors(g, current);
  for (std::size_t i = 0; i < needs.size(); ++i) needs[i] &= !done[i];
  for (NodeId c : current) needs[c] = 1;  // inclusive
  if (!current.empty()) {
    detail::check_no_overlap(g, current, Edges::versioned);
    Mask above = detail::descendants(g, current, Edges::versioned);
    for (std::size_t i = 0; i < needs.size(); ++i) needs[i] &= above[i];
  }
  std::vector<std::string> out;
  for (NodeId n : detail::topological_sort(g, std::move(needs), targets)) out.push_back(g.id(n));
  return out;
}

}  // namespace migrate
