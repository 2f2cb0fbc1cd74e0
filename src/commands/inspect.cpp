// The read-only commands: current, history, heads, branches, show. They need the graph and the
// scripts' headers only, never a full parse (SPEC: graph commands stay cheap at 100,000 scripts).
#include <fmt/format.h>

#include <set>

#include "commands/environment.h"
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

}  // namespace

void current(const GlobalOptions& global, const CurrentOptions& options, const Output& out) {
  const Environment env(global, out);
  const auto heads = current_heads(env);
  if (options.verbose) out.data(fmt::format("Current revision(s) for {}:", env.url().masked()));
  FormatOptions format;
  format.verbose = options.verbose;
  for (const auto& id : all_current(env.graph(), heads)) {
    out.data(format_revision(env.graph(), env.info(id), format));
  }
  if (options.check_heads) {
    // "On every head" means upgrading to heads would do nothing; comparing rows with heads()
    // would wrongly count a head that an applied revision depends on as missing.
    std::vector<std::string> missing;
    for (const auto& step : plan_upgrade(env.graph(), heads, env.graph().real_heads())) {
      if (env.graph().is_head(step.revision)) missing.push_back(step.revision);
    }
    if (!missing.empty()) {
      throw Error(
          fmt::format("The database is not on every head revision; not applied: {}. Run "
                      "'migrate upgrade heads'",
                      fmt::join(missing, ", ")));
    }
  }
}

void history(const GlobalOptions& global, const HistoryOptions& options, const Output& out) {
  const Environment env(global, out);
  std::vector<std::string> heads;
  const bool need_db = options.indicate_current || mentions_current(options.range);
  if (need_db) heads = current_heads(env);
  const auto current = as_set(heads);
  FormatOptions format;
  format.verbose = options.verbose;
  format.include_branches = true;
  format.include_doc = true;
  format.include_parents = true;
  if (options.indicate_current) format.current = &current;
  for (const auto& id : history_range(env.graph(), heads, options.range)) {
    out.data(format_revision(env.graph(), env.info(id), format));
  }
}

void heads(const GlobalOptions& global, const HeadsOptions& options, const Output& out) {
  const Environment env(global, out);
  FormatOptions format;
  format.verbose = options.verbose;
  format.include_branches = true;
  format.tree_indicators = false;
  const auto ids = heads_for_display(env.graph(), options.resolve_dependencies);
  for (const auto& id : ids) out.data(format_revision(env.graph(), env.info(id), format));
}

void branches(const GlobalOptions& global, const BranchesOptions& options, const Output& out) {
  const Environment env(global, out);
  const ScriptLookup lookup = [&env](const std::string& id) -> const ScriptInfo& {
    return env.info(id);
  };
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
  FormatOptions format;
  format.verbose = true;
  for (const auto& id : ids) out.data(format_revision(env.graph(), env.info(id), format));
}

}  // namespace migrate::commands
