// `stamp`: Alembic's ScriptDirectory._stamp_revs (which rows move where) and
// HeadMaintainer.update_to_step for StampStep (how the rows change), without running scripts.
#include <algorithm>
#include <cctype>

#include "graph/revision_map.h"
#include "migrate/core/error.h"
#include "migrate/graph/plan.h"

namespace migrate {

using detail::Edges;
using detail::GraphData;
using detail::is_node;
using detail::Mask;
using detail::NodeId;
using detail::RevArg;

std::vector<StampStep> stamp_steps(const RevisionGraph& graph,
                                   const std::vector<std::string>& current_heads,
                                   const std::vector<std::string>& targets, bool purge) {
  const GraphData& g = graph.data();
  const std::vector<std::string> none;
  const std::vector<std::string>& start = purge ? none : current_heads;
  const std::vector<NodeId> rows = detail::get_revisions(g, RevArg::of(start));
  const std::vector<std::string> wanted =
      targets.empty() ? std::vector<std::string>{"base"} : targets;
  // The rows each target concerns: those sharing its lineage, dependencies included.
  std::vector<NodeId> concerned;
  for (const std::string& target : wanted) {
    if (target.empty()) continue;
    for (NodeId row : detail::filter_for_lineage(g, rows, target, Edges::all)) {
      if (!detail::contains(concerned, row)) concerned.push_back(row);
    }
  }
  std::vector<std::string> concerned_ids;
  for (NodeId n : concerned) concerned_ids.push_back(g.id(n));

  std::vector<NodeId> dests = detail::get_revisions(g, RevArg::of(wanted));
  if (dests.empty()) dests.push_back(detail::kNone);
  std::vector<StampStep> steps;
  for (NodeId dest : dests) {
    if (!is_node(dest)) {
      // To base: delete every concerned row.
      for (NodeId row : concerned) steps.push_back({{g.id(row)}, {}, false, true});
      continue;
    }
    if (detail::contains(concerned, dest)) continue;  // already there
    Mask above = detail::descendants(g, std::span(&dest, 1));
    Mask below = detail::ancestors(g, std::span(&dest, 1));
    auto any_in = [&](const Mask& m) {
      return std::any_of(concerned.begin(), concerned.end(), [&](NodeId r) { return m[r]; });
    };
    if (any_in(above)) {
      steps.push_back({concerned_ids, {g.id(dest)}, false, false});  // down to dest, as one move
    } else if (any_in(below)) {
      steps.push_back({concerned_ids, {g.id(dest)}, true, false});  // up to dest, as one move
    } else {
      steps.push_back({{}, {g.id(dest)}, true, true});  // a branch not in the table yet
    }
  }
  return steps;
}

HeadChange stamp_change(const std::vector<std::string>& heads, const StampStep& step) {
  auto is_row = [&](const std::string& id) {
    return std::find(heads.begin(), heads.end(), id) != heads.end();
  };
  HeadChange change;
  if (!step.upgrade && step.branch_move) {
    for (const std::string& row : step.from) {
      if (is_row(row)) change.deletes.push_back(row);
    }
    return change;
  }
  if (step.to.empty()) return change;
  const std::string& to = step.to.front();
  // Rows moved that a previous step of the same stamp has not moved already (Alembic fails on
  // those).
  std::vector<std::string> from;
  std::copy_if(step.from.begin(), step.from.end(), std::back_inserter(from), is_row);
  const bool some_moved = from.size() != step.from.size();
  if (is_row(to)) {
    change.deletes = from;
  } else if (from.empty() || (step.upgrade && (step.branch_move || some_moved))) {
    change.inserts.push_back(to);
  } else {
    change.deletes.assign(from.begin(), from.end() - 1);
    change.updates.emplace_back(from.back(), to);
  }
  return change;
}

std::vector<std::string> stamp_heads(const RevisionGraph& graph,
                                     const std::vector<std::string>& current_heads,
                                     std::string_view target, bool purge) {
  std::vector<std::string> targets;
  std::string word;
  for (char c : target) {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) targets.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) targets.push_back(std::move(word));
  if (targets.empty()) throw Error("No stamp target given; use 'head', 'heads', 'base' or ids");

  std::vector<std::string> heads = purge ? std::vector<std::string>{} : current_heads;
  for (const StampStep& step : stamp_steps(graph, current_heads, targets, purge)) {
    heads = apply_change(std::move(heads), stamp_change(heads, step));
  }
  return heads;
}

}  // namespace migrate
