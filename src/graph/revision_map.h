#pragma once
// The resolution half of Alembic's RevisionMap, with its method names, over a GraphData:
// symbolic names (head, heads, base, label@head, label@-N), ids, prefixes and branch labels to
// revisions, lineage filtering and relative walks. Errors are thrown with the sentence the user
// sees (Alembic's _catch_revision_errors wording where it has one).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_data.h"
#include "graph/traversal.h"

namespace migrate::detail {

// A revision argument as Alembic passes them around: text typed by the user (a target, an end of
// a range) or a tuple of ids (the version table's rows, destinations already resolved).
struct RevArg {
  std::string_view text;
  const std::vector<std::string>* ids = nullptr;

  static RevArg of(std::string_view text) { return {text, nullptr}; }
  static RevArg of(const std::vector<std::string>& ids) { return {{}, &ids}; }
  bool is_tuple() const { return ids != nullptr; }
  // How the argument reads in a message.
  std::string display() const;
};

// _resolve_revision_number: "label@x" split, and head / heads / base made concrete.
struct RevisionNumber {
  std::vector<std::string_view> ids;
  std::string_view branch;
};
RevisionNumber resolve_revision_number(const GraphData& g, std::string_view text);

// get_revisions: nodes, or kBase / kNone where a `label@-N` walk ends at or past the base.
std::vector<NodeId> get_revisions(const GraphData& g, std::string_view text);
std::vector<NodeId> get_revisions(const GraphData& g, const RevArg& arg);
// get_revision: at most one revision; kNone for base. Several heads: Error.
NodeId get_revision(const GraphData& g, std::string_view text);
// _revision_for_ident: an id, label or prefix, checked to be in `check_branch`'s lineage.
NodeId revision_for_ident(const GraphData& g, std::string_view id, std::string_view check_branch);
// _resolve_branch: a branch label, or a revision used as one.
NodeId resolve_branch(const GraphData& g, std::string_view label);
// get_current_head: the one head (in `branch`'s lineage); kNone when there is none.
NodeId current_head(const GraphData& g, std::string_view branch);

// Revisions that are ancestors or descendants of any of `shares` (Alembic's _shares_lineage).
Mask lineage(const GraphData& g, std::span<const NodeId> shares, Edges edges);
// The lineage filter_for_lineage keeps; nullopt when `check_against` names nothing (keep all).
std::optional<Mask> lineage_of(const GraphData& g, std::string_view check_against, Edges edges);
// filter_for_lineage: the targets sharing lineage with `check_against` (a label, id, prefix,
// label@head, heads, ...); all of them when it names nothing (base).
std::vector<NodeId> filter_for_lineage(const GraphData& g, std::span<const NodeId> targets,
                                       std::string_view check_against, Edges edges);
// _get_all_current: the heads plus everything they imply, reduced to branch tips (file order).
std::vector<NodeId> all_current(const GraphData& g, std::span<const NodeId> heads);

// _walk: `steps` up (> 0) or down (< 0) from `start` (kNone: from the bases going up, from the
// heads going down). Returns the revision reached, kBase when walking down off a base, or, past
// the end, kNone when `no_overwalk` and else where it stopped. At a branch or merge point the
// Error lists each candidate with the target string (`target` being what the user typed) that
// picks it.
NodeId walk(const GraphData& g, NodeId start, int steps, std::string_view branch, bool no_overwalk,
            std::string_view target);

// The message for several heads where one was asked for.
std::string multiple_heads_message(const GraphData& g, std::span<const NodeId> heads);

}  // namespace migrate::detail
