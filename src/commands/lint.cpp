// lint: the rules of SPEC §15 over a range of scripts, for the dialect of the database (or of
// --dialect, without one).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "commands/json_report.h"
#include "commands/lint_run.h"
#include "migrate/commands/commands.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::commands {

namespace {

// The revisions to lint: RANGE as history reads it (`A:B`, either end empty or `current`), or
// one revision; without RANGE, those the database has not applied, or all without a database.
std::set<std::string> chosen(const Environment& env, const std::string& range,
                             const std::optional<std::vector<std::string>>& heads) {
  if (range.empty()) {
    std::set<std::string> ids;
    for (const auto& step : plan_upgrade(env.graph(), heads.value_or(std::vector<std::string>{}),
                                         env.graph().real_heads())) {
      ids.insert(step.revision);
    }
    return ids;
  }
  if (range.find("current") != std::string::npos && !heads) {
    throw Error(
        fmt::format("lint range '{}' names current, which needs a database; lint for a "
                    "dialect with --dialect reads no database",
                    range));
  }
  const auto ids =
      range.find(':') == std::string::npos
          ? resolve_revisions(env.graph(), range)
          : history_range(env.graph(), heads.value_or(std::vector<std::string>{}), range);
  return {ids.begin(), ids.end()};
}

struct Counts {
  std::size_t errors = 0, warnings = 0, infos = 0;
};

Counts count(const std::vector<lint::Finding>& findings) {
  Counts counts;
  for (const auto& f : findings) {
    (f.severity == lint::Severity::error     ? counts.errors
     : f.severity == lint::Severity::warning ? counts.warnings
                                             : counts.infos)++;
  }
  return counts;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void list_rules(const Output& out) {
  for (const auto& rule : lint::rules()) {
    out.data(
        fmt::format("{:<32} {:<8} {}", rule.id, lint::severity_name(rule.severity), rule.summary));
  }
}

}  // namespace

void lint(const GlobalOptions& global, const LintOptions& options, const Output& out) {
  if (options.list_rules) return list_rules(out);
  const auto started = std::chrono::steady_clock::now();
  const Environment env(global, out);
  const bool with_database = !options.dialect && env.config().has_url();
  const Url url =
      with_database ? env.url() : Url::parse(options.dialect.value_or("sqlite") + "://");
  const Dialect& dialect = dialects::find(url);
  std::optional<Database> db;
  std::optional<std::vector<std::string>> heads;
  if (with_database) {
    db = connect(env);
    heads = current_heads(env, *db);
  }
  const auto ids = chosen(env, options.range, heads);
  const auto findings = lint_revisions(
      env, lint_settings(env.config(), dialect, db ? db->connection.get() : nullptr), ids);
  const Counts n = count(findings);
  const bool failed = n.errors > 0 || (options.strict && n.warnings > 0);
  const std::string verdict = fmt::format("lint: {}, {}, {} in {} ({}{})",
                                          plural(n.errors, "error"), plural(n.warnings, "warning"),
                                          plural(n.infos, "note"), plural(ids.size(), "migration"),
                                          dialect.name(), options.strict ? ", --strict" : "");
  if (json::wanted(global)) {
    out.data(json::lint(findings, std::string(dialect.name()), ids.size(),
                        failed ? verdict : std::string()));
    if (failed) throw ReportedFailure(verdict);
    return;
  }
  for (const auto& finding : findings) out.data(lint::format_finding(finding));
  if (failed) throw Error(verdict);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  out.progress(fmt::format("{} ({} ms)", verdict, ms.count()));
}

}  // namespace migrate::commands
