#include "commands/lint_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <thread>

namespace migrate::commands {

lint::Settings lint_settings(const Config& config, const Dialect& dialect, Connection* connection) {
  lint::Settings settings;
  settings.capabilities = dialect.capabilities();
  settings.dialect = std::string(dialect.name());
  settings.lock_timeout = config.duration("lock_timeout").has_value();
  settings.ignore = config.lint_ignore();
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

namespace {

// The scripts of `steps`, read on every core: parsing YAML is nearly all of lint's time.
std::vector<Script> load_all(const Environment& env, const std::vector<MigrationStep>& steps) {
  std::vector<Script> scripts(steps.size());
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::future<void>> done;
  for (std::size_t w = 0; w < workers; ++w) {
    done.push_back(std::async(std::launch::async, [&, w] {
      for (std::size_t i = w; i < steps.size(); i += workers) {
        scripts[i] = env.directory().load_script(env.info(steps[i].revision));
      }
    }));
  }
  for (auto& worker : done) worker.get();  // rethrows the first failure to load
  return scripts;
}

}  // namespace

std::vector<lint::Finding> lint_revisions(const Environment& env, lint::Settings settings,
                                          const std::set<std::string>& ids,
                                          ScriptSet::Parsed* parsed) {
  std::vector<lint::Finding> findings;
  if (ids.empty()) return findings;
  auto steps = plan_upgrade(env.graph(), {}, env.graph().real_heads());
  // Nothing after the last linted revision matters.
  while (!steps.empty() && !ids.contains(steps.back().revision)) steps.pop_back();
  auto scripts = load_all(env, steps);
  lint::Linter linter(std::move(settings));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!ids.contains(steps[i].revision)) {
      linter.replay(scripts[i]);
      continue;
    }
    for (auto& finding : linter.lint(scripts[i])) findings.push_back(std::move(finding));
    if (parsed) parsed->emplace(steps[i].revision, std::move(scripts[i]));
  }
  return findings;
}

ScriptSet::Parsed warn_before_upgrade(const Environment& env, const Dialect& dialect,
                                      const std::vector<MigrationStep>& steps, const Output& out) {
  ScriptSet::Parsed parsed;
  std::set<std::string> ids;
  for (const auto& step : steps) ids.insert(step.revision);
  if (out.quiet() || ids.empty()) return parsed;
  auto settings = lint_settings(env.config(), dialect, nullptr);
  settings.one_run = true;
  for (const auto& finding : lint_revisions(env, std::move(settings), ids, &parsed)) {
    if (finding.severity != lint::Severity::info) out.warn(lint::format_finding(finding));
  }
  return parsed;
}

}  // namespace migrate::commands
