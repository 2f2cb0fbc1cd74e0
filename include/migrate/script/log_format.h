#pragma once
// Output lines exactly as Alembic prints them (SPEC §9): Script.cmd_format, its short form
// (_head_only) and verbose form (log_entry), the `branches` listing and the "Running ..." log
// line. Each function returns the text of one Alembic print_stdout call without the newline
// print_stdout adds: the caller writes the string and then "\n". (A verbose entry ends with its
// own "\n", so it is followed by a blank line, as in Alembic.)
//
// Options per command, as alembic/command.py passes them:
//   history   include_branches, include_doc, include_parents (tree_indicators on); with -i,
//             `current` = the version table's rows; -v: verbose
//   heads     include_branches, tree_indicators = false; -v: verbose
//   current   defaults (no branches, doc or parents; tree_indicators on), one line per
//             all_current() revision; -v: verbose
//   show      verbose, for each resolve_revisions() revision
//   branches  format_branch_point() for each branch_points() revision
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "migrate/graph/plan.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/script/script.h"

namespace migrate {

struct FormatOptions {
  bool verbose = false;
  bool include_branches = false;  // " (label, ...)"
  bool include_doc = false;       // ", message"
  bool include_parents = false;   // "parents -> " before the id
  bool tree_indicators = true;    // (branchpoint) (mergepoint), and head indicators
  bool head_indicators = true;    // (head) (effective head) (current)
  const std::set<std::string>* current = nullptr;  // ids marked "(current)"
  // ids marked " (text)" after the head indicators: a migration left part-way (SPEC §13)
  const std::map<std::string, std::string>* marks = nullptr;
};

// Short: `a1 -> c3 (head) (mergepoint), msg`, `<base> -> ae10, msg`, `a1 (d4) -> c3, msg`.
// Verbose: `Rev: c3 (head)`, `Parent:`/`Merges:`, `Also depends on:`, `Branches into:`,
// `Branch names:`, `Path:`, a blank line, the doc indented by 4 spaces, "\n".
[[nodiscard]] std::string format_revision(const RevisionGraph& graph, const ScriptInfo& script,
                                          const FormatOptions& options);

// Alembic's Script.doc: the first paragraph of the leading comment block, or the message when
// the script has no comment block.
[[nodiscard]] std::string short_doc(const ScriptInfo& script);

// `branches`: the branch point (cmd_format(verbose, include_branches)), a newline, then one
// `<spaces> -> child` line per child (include_branches, include_doc when verbose), then "\n".
using ScriptLookup = std::function<const ScriptInfo&(const std::string& id)>;
[[nodiscard]] std::string format_branch_point(const RevisionGraph& graph,
                                              const ScriptInfo& branch_point,
                                              const ScriptLookup& lookup, bool verbose);

// The migration log line after "Running ": `upgrade ae10 -> 1975, msg`, `upgrade  -> ae10, msg`
// from base, `downgrade 1975 -> ae10, msg`.
[[nodiscard]] std::string format_step(const ScriptInfo& script, Direction direction);
// Without the message, as Alembic's RevisionStep.short_log: `upgrade ae10 -> 1975`.
[[nodiscard]] std::string format_step_short(const Revision& revision, Direction direction);
// The same for a stamp: `stamp_revision a1 -> b2`.
[[nodiscard]] std::string format_stamp_step(const StampStep& step);

}  // namespace migrate
