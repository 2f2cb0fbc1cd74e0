// The read-only commands: current, history, heads, branches, show. They need the graph and the
// scripts' headers only, never a full parse (SPEC: graph commands stay cheap at 100,000 scripts).
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

#include "commands/environment.h"
#include "commands/json_report.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/script/log_format.h"

namespace migrate::commands {
namespace {

std::set<std::string> as_set(const std::vector<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

bool mentions_current(std::string_view range) {
  return range.find("current") != std::string_view::npos;
}

std::vector<const ScriptInfo*> infos(const Environment& env, const std::vector<std::string>& ids) {
  std::vector<const ScriptInfo*> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(&env.info(id));
  return out;
}

// The heads, and the migration left part-way if there is one (SPEC §13), from one connection.
struct DatabaseState {
  std::vector<std::string> heads;
  std::optional<PartialRecord> partial;
};

DatabaseState database_state(const Environment& env) {
  auto db = connect(env);
  DatabaseState state;
  state.heads = current_heads(env, db);
  state.partial = env.version_table(db).progress_table().read(*db.connection);
  if (state.partial && !env.graph().contains(state.partial->revision)) {
    throw Error(fmt::format(
        "The progress table records a part-way {}, but no script in {} has that id; was a "
        "script deleted, or is this the wrong database?",
        state.partial->describe(), env.directory().script_location().string()));
  }
  return state;
}

// "partial upgrade, 2 statements applied": how current and history -i mark that migration.
std::map<std::string, std::string> partial_marks(const std::optional<PartialRecord>& partial) {
  if (!partial) return {};
  const std::size_t n = partial->statements();
  return {
      {partial->revision, fmt::format("partial {}, {} statement{} applied",
                                      partial->direction == Direction::up ? "upgrade" : "downgrade",
                                      n, n == 1 ? "" : "s")}};
}

// current --check-heads: "on every head" means upgrading to heads would do nothing; comparing
// rows with heads() would wrongly count a head that an applied revision depends on as missing.
void check_on_heads(const Environment& env, const std::vector<std::string>& heads, bool wanted) {
  if (!wanted) return;
  std::vector<std::string> missing;
  for (const auto& step : plan_upgrade(env.graph(), heads, env.graph().real_heads())) {
    if (env.graph().is_head(step.revision)) missing.push_back(step.revision);
  }
  if (!missing.empty()) {
    throw Error(fmt::format(
        "The database is not on every head revision; not applied: {}. Run 'migrate upgrade heads'",
        fmt::join(missing, ", ")));
  }
}

}  // namespace

void current(const GlobalOptions& global, const CurrentOptions& options, const Output& out) {
  const Environment env(global, out);
  const auto state = database_state(env);
  const auto& heads = state.heads;
  if (json::wanted(global)) {
    check_on_heads(env, heads, options.check_heads);
    out.data(
        json::current(env.graph(), infos(env, all_current(env.graph(), heads)), state.partial));
    return;
  }
  if (options.verbose) out.data(fmt::format("Current revision(s) for {}:", env.url().masked()));
  FormatOptions format;
  format.verbose = options.verbose;
  // A migration left part-way is marked where it is listed (a part-way downgrade's revision is
  // still a head); a part-way upgrade is not in the version table, so it follows the heads.
  const auto marks = partial_marks(state.partial);
  format.marks = &marks;
  const auto ids = all_current(env.graph(), heads);
  for (const auto& id : ids) out.data(format_revision(env.graph(), env.info(id), format));
  if (state.partial && std::find(ids.begin(), ids.end(), state.partial->revision) == ids.end()) {
    out.data(format_revision(env.graph(), env.info(state.partial->revision), format));
  }
  check_on_heads(env, heads, options.check_heads);
}

void history(const GlobalOptions& global, const HistoryOptions& options, const Output& out) {
  const Environment env(global, out);
  DatabaseState state;
  const bool need_db = options.indicate_current || mentions_current(options.range);
  if (need_db) state = database_state(env);
  const auto& heads = state.heads;
  const auto current = as_set(heads);
  const auto marks = partial_marks(state.partial);
  FormatOptions format;
  format.verbose = options.verbose;
  format.include_branches = true;
  format.include_doc = true;
  format.include_parents = true;
  if (options.indicate_current) {
    format.current = &current;
    format.marks = &marks;
  }
  const auto ids = history_range(env.graph(), heads, options.range);
  if (json::wanted(global)) {
    const json::Marks db_marks{options.indicate_current ? &current : nullptr, &state.partial};
    json::revisions(out.out(), "migrate.history/1", env.graph(), infos(env, ids), db_marks);
    return;
  }
  for (const auto& id : ids) out.data(format_revision(env.graph(), env.info(id), format));
}

void heads(const GlobalOptions& global, const HeadsOptions& options, const Output& out) {
  const Environment env(global, out);
  FormatOptions format;
  format.verbose = options.verbose;
  format.include_branches = true;
  format.tree_indicators = false;
  const auto ids = heads_for_display(env.graph(), options.resolve_dependencies);
  if (json::wanted(global)) {
    json::revisions(out.out(), "migrate.heads/1", env.graph(), infos(env, ids));
    return;
  }
  for (const auto& id : ids) out.data(format_revision(env.graph(), env.info(id), format));
}

void branches(const GlobalOptions& global, const BranchesOptions& options, const Output& out) {
  const Environment env(global, out);
  const ScriptLookup lookup = [&env](const std::string& id) -> const ScriptInfo& {
    return env.info(id);
  };
  if (json::wanted(global)) {
    out.data(json::branches(env.graph(), infos(env, branch_points(env.graph()))));
    return;
  }
  for (const auto& id : branch_points(env.graph())) {
    out.data(format_branch_point(env.graph(), env.info(id), lookup, options.verbose));
  }
}

void show(const GlobalOptions& global, const ShowOptions& options, const Output& out) {
  const Environment env(global, out);
  std::vector<std::string> ids;
  if (options.revision == "current") {
    ids = current_heads(env);
  } else {
    ids = resolve_revisions(env.graph(), options.revision);
  }
  if (json::wanted(global)) {
    json::revisions(out.out(), "migrate.show/1", env.graph(), infos(env, ids));
    return;
  }
  FormatOptions format;
  format.verbose = true;
  for (const auto& id : ids) out.data(format_revision(env.graph(), env.info(id), format));
}

void list_revision_words(const GlobalOptions& global, const Output& out) {
  std::set<std::string> words;
  try {
    const Environment env(global, out);
    for (const auto& id : history_range(env.graph(), {}, "")) {
      words.insert(id);
      for (const auto& label : env.graph().branch_labels(id)) words.insert(label + "@head");
    }
  } catch (const Error&) {
    return;  // not in a project: nothing to complete, and nothing to complain about mid-word
  }
  for (const auto& word : words) out.data(word);
}

}  // namespace migrate::commands
