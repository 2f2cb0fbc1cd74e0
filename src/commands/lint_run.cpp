#include "commands/lint_run.h"

#include <fmt/format.h>

namespace migrate::commands {

lint::Settings lint_settings(const Environment& env, const Dialect& dialect,
                             Connection* connection) {
  lint::Settings settings;
  settings.capabilities = dialect.capabilities();
  settings.dialect = std::string(dialect.name());
  settings.lock_timeout = env.config().duration("lock_timeout").has_value();
  settings.ignore = env.config().lint_ignore();
  for (const auto& id : settings.ignore) {
    if (!lint::find_rule(id)) {
      throw Error(
          fmt::format("lint_ignore names '{}', which is no lint rule; `migrate lint "
                      "--rules` lists them",
                      id));
    }
  }
  if (connection && dialect.capabilities().alter_cost == AlterCost::table_rebuild) {
    settings.row_count = [connection, &dialect](const TableName& table) {
      try {
        const auto rows = connection->query("SELECT count(*) FROM " + dialect.qualified(table));
        return std::optional(std::stoll(rows.at(0).at(0).value_or("0")));
      } catch (const std::exception&) {
        return std::optional<long long>();  // not there yet: made by an earlier migration
      }
    };
  }
  return settings;
}

std::vector<lint::Finding> lint_revisions(const Environment& env, lint::Settings settings,
                                          const std::set<std::string>& ids) {
  std::vector<lint::Finding> findings;
  if (ids.empty()) return findings;
  lint::Linter linter(std::move(settings));
  std::size_t left = ids.size();
  for (const auto& step : plan_upgrade(env.graph(), {}, env.graph().real_heads())) {
    const Script script = env.directory().load_script(env.info(step.revision));
    if (!ids.contains(step.revision)) {
      linter.replay(script);
      continue;
    }
    for (auto& finding : linter.lint(script)) findings.push_back(std::move(finding));
    if (--left == 0) break;
  }
  return findings;
}

void warn_before_upgrade(const Environment& env, const Dialect& dialect,
                         const std::vector<MigrationStep>& steps, const Output& out) {
  std::set<std::string> ids;
  for (const auto& step : steps) ids.insert(step.revision);
  if (out.quiet() || ids.empty()) return;
  auto settings = lint_settings(env, dialect, nullptr);
  settings.one_run = true;
  for (const auto& finding : lint_revisions(env, std::move(settings), ids)) {
    if (finding.severity != lint::Severity::info) out.warn(lint::format_finding(finding));
  }
}

}  // namespace migrate::commands
