// Alembic's Script.cmd_format / _head_only / log_entry, command.branches and MigrationStep's
// __str__, character for character.
#include "migrate/script/log_format.h"

#include "graph/graph_data.h"
#include "migrate/core/text.h"

namespace migrate {
namespace {

using detail::join;

// Alembic's _format_down_revision.
std::string format_down(const Revision& r) {
  return r.down_revisions.empty() ? "<base>" : join(r.down_revisions);
}

// The script's comment block, or for a script written without one the block the template
// would have written, so that `show` keeps Alembic's layout.
std::string long_doc_of(const ScriptInfo& script) {
  if (!trim(script.doc).empty()) return script.doc;
  const Revision& r = script.revision;
  std::string doc = script.message.empty() ? "" : script.message + "\n\n";
  doc += "Revision ID: " + r.id + "\nRevises:";
  if (!r.down_revisions.empty()) doc += " " + join(r.down_revisions);
  if (!script.create_date.empty()) doc += "\nCreate Date: " + script.create_date;
  return doc;
}

std::string log_entry(const RevisionGraph& graph, const ScriptInfo& script, bool current,
                      const std::string& mark) {
  const Revision& r = script.revision;
  const std::string& id = r.id;
  std::string entry = "Rev: " + id;
  if (graph.is_head(id)) entry += " (head)";
  if (graph.is_branch_point(id)) entry += " (branchpoint)";
  if (graph.is_merge_point(id)) entry += " (mergepoint)";
  if (current) entry += " (current)";
  if (!mark.empty()) entry += " (" + mark + ")";
  entry += "\n";
  entry += (graph.is_merge_point(id) ? "Merges: " : "Parent: ") + format_down(r) + "\n";
  if (!r.depends_on.empty()) entry += "Also depends on: " + join(r.depends_on) + "\n";
  if (graph.is_branch_point(id)) entry += "Branches into: " + join(graph.children(id)) + "\n";
  std::vector<std::string> labels = graph.branch_labels(id);
  if (!labels.empty()) entry += "Branch names: " + join(labels) + "\n";
  entry += "Path: " + script.path.string() + "\n";
  // The whole comment block, each line indented by four spaces.
  const std::string long_doc = long_doc_of(script);
  std::string_view doc = trim(long_doc);
  std::string body;
  while (!doc.empty()) {
    auto end = doc.find('\n');
    std::string_view line = doc.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    body += (body.empty() ? "" : "\n") + std::string("    ") + std::string(line);
    doc = end == std::string_view::npos ? std::string_view() : doc.substr(end + 1);
  }
  return entry + "\n" + body + "\n";
}

std::string head_only(const RevisionGraph& graph, const ScriptInfo& script, const FormatOptions& o,
                      bool current, const std::string& mark) {
  const Revision& r = script.revision;
  const std::string& id = r.id;
  std::string text = id;
  if (o.include_parents) {
    text = r.depends_on.empty() ? format_down(r) + " -> " + id
                                : format_down(r) + " (" + join(r.depends_on) + ") -> " + id;
  }
  if (o.include_branches) {
    std::vector<std::string> labels = graph.branch_labels(id);
    if (!labels.empty()) text += " (" + join(labels) + ")";
  }
  if (o.head_indicators || o.tree_indicators) {
    const bool real_head = graph.is_real_head(id);
    if (real_head) text += " (head)";
    if (graph.is_head(id) && !real_head) text += " (effective head)";
    if (current) text += " (current)";
  }
  if (!mark.empty()) text += " (" + mark + ")";
  if (o.tree_indicators) {
    if (graph.is_branch_point(id)) text += " (branchpoint)";
    if (graph.is_merge_point(id)) text += " (mergepoint)";
  }
  // Alembic prints ", None" for a script without a docstring; a dangling separator helps nobody.
  if (o.include_doc) {
    const std::string doc = short_doc(script);
    if (!doc.empty()) text += ", " + doc;
  }
  return text;
}

}  // namespace

std::string short_doc(const ScriptInfo& script) {
  std::string_view doc = trim(script.doc);
  if (doc.empty()) return script.message;
  return std::string(doc.substr(0, doc.find("\n\n")));
}

std::string format_revision(const RevisionGraph& graph, const ScriptInfo& script,
                            const FormatOptions& options) {
  const bool current = options.current != nullptr && options.current->count(script.revision.id) > 0;
  std::string mark;
  if (options.marks != nullptr) {
    const auto it = options.marks->find(script.revision.id);
    if (it != options.marks->end()) mark = it->second;
  }
  return options.verbose ? log_entry(graph, script, current, mark)
                         : head_only(graph, script, options, current, mark);
}

std::string format_branch_point(const RevisionGraph& graph, const ScriptInfo& branch_point,
                                const ScriptLookup& lookup, bool verbose) {
  const std::string& id = branch_point.revision.id;
  std::string out =
      format_revision(graph, branch_point, {.verbose = verbose, .include_branches = true});
  out += "\n";
  const std::string indent(id.size(), ' ');
  bool first = true;
  for (const std::string& child : graph.children(id)) {
    if (!first) out += "\n";
    first = false;
    out +=
        indent + " -> " +
        format_revision(graph, lookup(child), {.include_branches = true, .include_doc = verbose});
  }
  return out + "\n";
}

std::string format_step_short(const Revision& revision, Direction direction) {
  const std::string downs = join(revision.down_revisions);
  return direction == Direction::up ? "upgrade " + downs + " -> " + revision.id
                                    : "downgrade " + revision.id + " -> " + downs;
}

std::string format_step(const ScriptInfo& script, Direction direction) {
  std::string text = format_step_short(script.revision, direction);
  std::string doc = short_doc(script);
  if (!doc.empty()) text += ", " + doc;
  return text;
}

std::string format_stamp_step(const StampStep& step) {
  return "stamp_revision " + join(step.from) + " -> " + join(step.to);
}

}  // namespace migrate
