// revision and merge: write a new script (Alembic's command.revision / command.merge).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "commands/autogenerate.h"
#include "commands/embedded.h"
#include "commands/environment.h"
#include "commands/json_report.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/graph/plan.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/script/script_writer.h"

namespace migrate::commands {
namespace {

namespace fs = std::filesystem;

// The parents of a new revision from --head (Alembic's rules: the single head by default; a
// non-head only with --splice; "base" starts a new root).
std::vector<std::string> parents_for(const Environment& env, const std::string& head, bool splice) {
  const auto& graph = env.graph();
  if (head == "base" || (graph.size() == 0 && head == "head")) return {};
  std::vector<std::string> parents;
  try {
    parents = resolve_revisions(graph, head);
  } catch (const Error& e) {
    if (head == "head" && graph.heads().size() > 1) {
      throw Error(fmt::format(
          "Multiple heads are present ({}); please specify the head revision on which the new "
          "revision should be based with --head, or perform a 'migrate merge'",
          fmt::join(graph.heads(), ", ")));
    }
    throw;
  }
  for (const auto& id : parents) {
    if (!splice && !graph.is_head(id)) {
      throw Error(
          fmt::format("Revision {} is not a head revision; please specify --splice to "
                      "create a new branch from this revision",
                      id));
    }
  }
  return parents;
}

fs::path version_path_for(const Environment& env, const std::optional<fs::path>& requested) {
  const auto& locations = env.directory().version_locations();
  if (!requested) return locations.front();
  const fs::path wanted = fs::weakly_canonical(fs::absolute(*requested));
  for (const auto& location : locations) {
    if (fs::weakly_canonical(fs::absolute(location)) == wanted) return location;
  }
  std::vector<std::string> names;
  for (const auto& location : locations) names.push_back(location.string());
  throw Error(fmt::format("Path '{}' is not one of the version_locations: {}", requested->string(),
                          fmt::join(names, ", ")));
}

// The new revision must load: the loader's own rules (ids, labels, parents, dependencies) run
// on the graph with it added, before anything is computed or written.
void check_loads(const Environment& env, const NewRevision& next) {
  validate_rev_id(next.rev_id);
  if (env.graph().contains(next.rev_id)) {
    throw Error(
        fmt::format("Revision {} is already present; choose another --rev-id", next.rev_id));
  }
  for (const auto& label : next.branch_labels) {
    for (const auto& revision : env.graph().revisions()) {
      if (std::find(revision.branch_labels.begin(), revision.branch_labels.end(), label) !=
          revision.branch_labels.end()) {
        throw Error(
            fmt::format("Branch name '{}' is already used by revision {}", label, revision.id));
      }
    }
  }
  std::vector<Revision> revisions = env.graph().revisions();
  Revision added;
  added.id = next.rev_id;
  added.down_revisions = next.down_revisions;
  added.depends_on = next.depends_on;
  added.branch_labels = next.branch_labels;
  revisions.push_back(std::move(added));
  try {
    (void)RevisionGraph::build(std::move(revisions));
  } catch (const Error& e) {
    throw Error(fmt::format("The new revision would not load: {}", e.what()));
  }
}

fs::path write(const Environment& env, const NewRevision& next, const Output& out) {
  const fs::path template_path = script_template_path(env.config());
  std::error_code ec;
  if (!fs::exists(template_path, ec)) {
    out.warn(fmt::format(
        "WARNING: No script template '{}'; using the built-in one ('migrate init' writes "
        "the same)",
        template_path.string()));
  }
  const fs::path path = write_revision(env.config(), next, std::chrono::system_clock::now(),
                                       embedded::kScriptTemplate);
  out.progress(fmt::format("Generating {} ...  done", path.string()));
  return path;
}

}  // namespace

fs::path revision(const GlobalOptions& global, const RevisionOptions& options, const Output& out) {
  const Environment env(global, out);
  NewRevision next;
  next.rev_id = options.rev_id.value_or(generate_rev_id());
  next.down_revisions = parents_for(env, options.head, options.splice);
  next.branch_labels = options.branch_labels;
  for (const auto& dependency : options.depends_on) {
    next.depends_on.push_back(env.graph().resolve_id(dependency));
  }
  next.message = options.message;
  next.version_path = version_path_for(env, options.version_path);
  check_loads(env, next);
  if (options.autogenerate) {
    // SPEC §12: the difference as operations, its inverse as the downgrade, one line per change
    // (Alembic logs them at INFO, on stderr).
    const SchemaDiff changes = compare_with_target_schema(env, options.target_schema);
    for (const auto& change : changes.changes) out.progress(change);
    for (const auto& warning : changes.drops) out.warn(warning);
    for (const auto& warning : changes.warnings) out.warn(warning);
    if (changes.empty()) out.progress("No changes in schema detected.");
    next.upgrade_yaml = emit_operations(changes.upgrade);
    next.downgrade_yaml = emit_operations(changes.downgrade);
  }
  const fs::path path = write(env, next, out);
  if (json::wanted(global)) out.data(json::written(next.rev_id, fs::absolute(path)));
  return path;
}

fs::path merge(const GlobalOptions& global, const MergeOptions& options, const Output& out) {
  const Environment env(global, out);
  NewRevision next;
  next.rev_id = options.rev_id.value_or(generate_rev_id());
  for (const auto& text : options.revisions) {
    for (const auto& id : resolve_revisions(env.graph(), text)) {
      if (std::find(next.down_revisions.begin(), next.down_revisions.end(), id) ==
          next.down_revisions.end()) {
        next.down_revisions.push_back(id);
      }
    }
  }
  if (next.down_revisions.size() < 2) {
    throw Error(fmt::format(
        "merge needs at least two revisions to join; '{}' resolved to {}",
        fmt::join(options.revisions, " "),
        next.down_revisions.empty() ? std::string("nothing") : next.down_revisions.front()));
  }
  next.branch_labels = options.branch_labels;
  next.message = options.message;
  next.version_path = env.directory().version_locations().front();
  check_loads(env, next);
  const fs::path path = write(env, next, out);
  if (json::wanted(global)) out.data(json::written(next.rev_id, fs::absolute(path)));
  return path;
}

}  // namespace migrate::commands
