#pragma once
// Planning over the revision graph (SPEC §8, §9), as Alembic's ScriptDirectory and RevisionMap
// do it: target resolution, upgrade and downgrade steps, version-table bookkeeping (Alembic's
// HeadMaintainer), stamp and history ranges. Every function is pure: the graph, the version
// table's rows (`current_heads`, in any order) and the text the user typed. Errors are
// migrate::Error with the sentence to print after "FAILED: ".
//
// Target forms: a full id; a unique prefix; a branch label; `head`; `heads`; `base`; `+N` / `-N`
// (relative to the current heads); `REV+N` / `REV-N`; `LABEL@head`, `LABEL@base`, `LABEL@+N`,
// `LABEL@-N`, `LABEL@REV`, `LABEL@REV+N`; a revision may stand for a label (`REV@head`). Where a
// relative step is ambiguous the Error lists each candidate and the target that picks it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migrate/graph/revision_graph.h"

namespace migrate {

enum class Direction { up, down };

struct MigrationStep {
  std::string revision;
  Direction direction;
};

// ---- upgrade ----

struct UpgradePlan {
  std::vector<std::string> destination;  // empty: base
  std::vector<MigrationStep> steps;      // parents (and dependencies) first
};

// Concrete destination ids for an upgrade target (Alembic's _parse_upgrade_target).
[[nodiscard]] std::vector<std::string> resolve_upgrade_target(
    const RevisionGraph& graph, const std::vector<std::string>& current_heads,
    std::string_view target);
// Everything the destination needs that the current heads do not already imply, in Alembic's
// order. A destination at or below the current state gives no steps.
[[nodiscard]] std::vector<MigrationStep> plan_upgrade(const RevisionGraph& graph,
                                                      const std::vector<std::string>& current_heads,
                                                      const std::vector<std::string>& destination);
[[nodiscard]] UpgradePlan upgrade_plan(const RevisionGraph& graph,
                                       const std::vector<std::string>& current_heads,
                                       std::string_view target);

// ---- downgrade ----

// A downgrade destination keeps its branch selector: `c2branch@b` only takes down c2branch.
struct DowngradeTarget {
  std::string text;      // as typed, for messages
  std::string revision;  // empty: base
  std::string branch;    // branch label (or revision used as one); empty: none
};

struct DowngradePlan {
  DowngradeTarget destination;
  std::vector<MigrationStep> steps;  // children (and dependents) first
};

// Alembic's _parse_downgrade_target; `-N` from several heads is an Error naming `<head>@-N`.
[[nodiscard]] DowngradeTarget resolve_downgrade_target(
    const RevisionGraph& graph, const std::vector<std::string>& current_heads,
    std::string_view target);
// Everything above the destination in its branches, and what depends on it. A destination that
// is not below the current heads is an Error, unless it is one of them (then no steps).
[[nodiscard]] std::vector<MigrationStep> plan_downgrade(
    const RevisionGraph& graph, const std::vector<std::string>& current_heads,
    const DowngradeTarget& destination);
[[nodiscard]] DowngradePlan downgrade_plan(const RevisionGraph& graph,
                                           const std::vector<std::string>& current_heads,
                                           std::string_view target);

// ---- version table (Alembic's HeadMaintainer.update_to_step) ----

// Rows to change, applied in this order: deletes, updates (from, to), inserts.
struct HeadChange {
  std::vector<std::string> deletes;
  std::vector<std::pair<std::string, std::string>> updates;
  std::vector<std::string> inserts;
};

[[nodiscard]] HeadChange head_change(const RevisionGraph& graph,
                                     const std::vector<std::string>& heads,
                                     const MigrationStep& step);
// Deletes rows, updates them in place, appends inserts.
[[nodiscard]] std::vector<std::string> apply_change(std::vector<std::string> heads,
                                                    const HeadChange& change);

// ---- stamp (ScriptDirectory._stamp_revs and StampStep) ----

struct StampStep {
  std::vector<std::string> from;  // rows moved; empty for a new branch
  std::vector<std::string> to;    // empty: delete the branch
  bool upgrade = true;
  bool branch_move = false;
};

// `targets`: one or more targets (`heads`, `base`, ids, labels, ...); `purge` starts from an
// empty version table.
[[nodiscard]] std::vector<StampStep> stamp_steps(const RevisionGraph& graph,
                                                 const std::vector<std::string>& current_heads,
                                                 const std::vector<std::string>& targets,
                                                 bool purge);
[[nodiscard]] HeadChange stamp_change(const std::vector<std::string>& heads, const StampStep& step);
// The version table's rows after stamping; `target` may hold several targets separated by
// spaces or commas.
[[nodiscard]] std::vector<std::string> stamp_heads(const RevisionGraph& graph,
                                                   const std::vector<std::string>& current_heads,
                                                   std::string_view target, bool purge);

// ---- read-only commands ----

// `history -r A:B`: ids newest first. Empty range: everything; either end may be empty or
// `current` (the current heads).
[[nodiscard]] std::vector<std::string> history_range(const RevisionGraph& graph,
                                                     const std::vector<std::string>& current_heads,
                                                     std::string_view range);
// `show`, `revision --head`, `merge`: Alembic's get_revisions (heads, head, base, label@head,
// id, prefix, label ...). Empty for base.
[[nodiscard]] std::vector<std::string> resolve_revisions(const RevisionGraph& graph,
                                                         std::string_view text);
// `current`: the rows plus what they imply through depends_on, as branch tips, in file order.
[[nodiscard]] std::vector<std::string> all_current(const RevisionGraph& graph,
                                                   const std::vector<std::string>& current_heads);
// `heads`: the heads; with --resolve-dependencies, the heads with dependencies treated as down
// revisions (a head that another revision depends on is left out).
[[nodiscard]] std::vector<std::string> heads_for_display(const RevisionGraph& graph,
                                                         bool resolve_dependencies);
// `branches`: the branch points in history order.
[[nodiscard]] std::vector<std::string> branch_points(const RevisionGraph& graph);

}  // namespace migrate
