// Version-table bookkeeping for one migration step: Alembic's HeadMaintainer.update_to_step with
// RevisionStep's should_* predicates, as a pure function from rows to row changes. Where Alembic
// picks rows out of a Python set (merge, unmerge) we take the normalized down revisions in order.
#include <algorithm>

#include "graph/revision_map.h"
#include "migrate/core/error.h"
#include "migrate/graph/plan.h"

namespace migrate {

using detail::GraphData;
using detail::kNone;
using detail::NodeId;

namespace {

// _unmerge_to_revisions: the down revisions a downgrade of `rev` must leave as rows, i.e. those
// not already implied by the other rows (or, with no other rows, by each other). Called for every
// downgrade step, so each check is a search bounded by depth rather than a whole-graph closure.
std::vector<NodeId> unmerge_to(const GraphData& g, NodeId rev, const std::vector<NodeId>& heads) {
  std::vector<NodeId> others;
  std::copy_if(heads.begin(), heads.end(), std::back_inserter(others),
               [&](NodeId h) { return h != rev; });
  const auto downs = g.norm_down[rev];
  if (others.empty() && downs.size() > 1) {
    // No other rows: drop the down revisions that are below another one.
    for (NodeId d : downs)
      others.insert(others.end(), g.norm_down[d].begin(), g.norm_down[d].end());
  }
  std::vector<NodeId> out;
  for (NodeId d : downs) {
    if (!detail::reaches(g, others, d)) out.push_back(d);
  }
  return out;
}

}  // namespace

HeadChange head_change(const RevisionGraph& graph, const std::vector<std::string>& heads,
                       const MigrationStep& step) {
  const GraphData& g = graph.data();
  const NodeId rev = g.find(step.revision);
  if (rev == kNone) throw Error("Can't locate revision identified by '" + step.revision + "'");
  std::vector<NodeId> rows;
  rows.reserve(heads.size());
  for (const std::string& h : heads) {
    NodeId n = g.find(h);  // rows are full ids; anything else resolves as Alembic would
    if (n != kNone) {
      rows.push_back(n);
    } else {
      for (NodeId m : detail::get_revisions(g, h)) rows.push_back(m);
    }
  }
  const auto downs = g.norm_down[rev];
  auto is_row = [&](NodeId n) { return detail::contains(rows, n); };
  const bool rev_is_row = is_row(rev);
  std::vector<NodeId> down_rows;
  std::copy_if(downs.begin(), downs.end(), std::back_inserter(down_rows), is_row);

  HeadChange change;
  if (step.direction == Direction::down) {
    if (!rev_is_row) {
      throw Error("Cannot downgrade " + g.id(rev) + ": it is not in the version table (" +
                  detail::join(heads) + ")");
    }
    std::vector<NodeId> to = downs.empty() ? std::vector<NodeId>{} : unmerge_to(g, rev, rows);
    if (to.empty()) {
      change.deletes.push_back(g.id(rev));  // a base, or a branch another row still implies
    } else {
      // Update this row to one down revision and insert the others (an unmerge).
      change.updates.emplace_back(g.id(rev), g.id(to.back()));
      for (std::size_t i = 0; i + 1 < to.size(); ++i) change.inserts.push_back(g.id(to[i]));
    }
    return change;
  }

  if (rev_is_row) return change;  // already recorded: nothing to change
  if (down_rows.empty()) {
    change.inserts.push_back(g.id(rev));  // a base, or the first revision of a branch
  } else if (down_rows.size() > 1) {
    // A merge: drop the rows it joins, except down revisions other rows still imply, and
    // update the last one.
    std::vector<NodeId> others;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(others),
                 [&](NodeId h) { return !detail::contains(downs, h); });
    std::vector<NodeId> from;
    std::copy_if(down_rows.begin(), down_rows.end(), std::back_inserter(from),
                 [&](NodeId d) { return !detail::reaches(g, others, d); });
    if (from.empty()) from.push_back(down_rows.back());
    for (std::size_t i = 0; i + 1 < from.size(); ++i) change.deletes.push_back(g.id(from[i]));
    change.updates.emplace_back(g.id(from.back()), g.id(rev));
  } else {
    change.updates.emplace_back(g.id(down_rows.front()), g.id(rev));
  }
  return change;
}

std::vector<std::string> apply_change(std::vector<std::string> heads, const HeadChange& change) {
  for (const std::string& gone : change.deletes) std::erase(heads, gone);
  for (const auto& [from, to] : change.updates) {
    auto it = std::find(heads.begin(), heads.end(), from);
    bool present = std::find(heads.begin(), heads.end(), to) != heads.end();
    if (it != heads.end()) {
      if (present) {
        heads.erase(it);
      } else {
        *it = to;
      }
    } else if (!present) {
      heads.push_back(to);
    }
  }
  for (const std::string& added : change.inserts) {
    if (std::find(heads.begin(), heads.end(), added) == heads.end()) heads.push_back(added);
  }
  return heads;
}

}  // namespace migrate
