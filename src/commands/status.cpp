// status: one screen on where a database stands against the scripts (SPEC §15), for a person or
// a pipeline: exit 0 up to date, 3 migrations pending, 1 drift.
#include <fmt/format.h>

#include <algorithm>

#include "commands/environment.h"
#include "commands/json_history.h"
#include "commands/json_report.h"
#include "commands/validation.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/script/log_format.h"

namespace migrate::commands {
namespace {

// What the screen shows, gathered from one connection.
struct Standing {
  DatabaseRecord record;
  std::optional<PartialRecord> partial;
  Validation validation;
  std::vector<std::string> current;  // all_current() of the rows that have a script
};

Standing read_standing(const Environment& env) {
  auto db = connect(env);
  Standing s;
  s.record = read_record(env, db);
  s.partial = env.version_table(db).progress_table().read(*db.connection);
  s.validation = validate_record(env, s.record);
  std::vector<std::string> known;
  for (const auto& row : s.record.version_rows) {
    if (env.graph().contains(row)) known.push_back(row);
  }
  s.current = all_current(env.graph(), known);
  return s;
}

// The drift, as the FAILED line says it; "" when there is none.
std::string drift_of(const Standing& s) {
  std::vector<std::string> parts;
  if (!s.validation.problems.empty()) {
    parts.push_back(s.validation.summary() + " (listed by 'migrate validate')");
  }
  if (s.partial) {
    parts.push_back(fmt::format("the {} was left part-way ({} statement{} applied)",
                                s.partial->describe(), s.partial->statements(),
                                s.partial->statements() == 1 ? "" : "s"));
  }
  if (parts.empty()) return {};
  return fmt::format("The database has drifted from the scripts: {}", fmt::join(parts, "; "));
}

std::size_t pending_count(const Standing& s) {
  return s.validation.pending ? s.validation.pending->size() : 0;
}

std::vector<HistoryRow> recent_rows(const Standing& s, std::size_t n) {
  const auto& rows = s.record.history;
  std::vector<HistoryRow> recent(rows.rbegin(), rows.rbegin() + std::min(n, rows.size()));
  return recent;
}

bool applied(const Standing& s, const std::string& id) {
  return std::find(s.validation.applied.begin(), s.validation.applied.end(), id) !=
         s.validation.applied.end();
}

void print_database(const Environment& env, const Standing& s, const Output& out) {
  out.data(fmt::format("Database: {}", env.url().masked()));
  out.data("Current:");
  if (s.record.version_rows.empty()) out.data("  <base>");
  for (const auto& id : s.current) {
    out.data("  " + format_revision(env.graph(), env.info(id), FormatOptions{}));
  }
  for (const auto& row : s.record.version_rows) {
    if (!env.graph().contains(row)) out.data(fmt::format("  {} (no script)", row));
  }
  if (s.partial) {
    out.data(fmt::format("  {} (partial {}, {} statement{} applied)", s.partial->revision,
                         s.partial->direction == Direction::up ? "upgrade" : "downgrade",
                         s.partial->statements(), s.partial->statements() == 1 ? "" : "s"));
  }
  out.data("Heads:");
  for (const auto& id : env.graph().heads()) {
    out.data(fmt::format("  {}, {} ({})", id, env.info(id).message,
                         applied(s, id) ? "applied" : "pending"));
  }
}

void print_scripts(const Environment& env, const Standing& s, const Output& out) {
  out.data("Pending, in the order 'upgrade heads' runs them:");
  if (!s.validation.pending) {
    out.data("  unknown: the version table names a revision that has no script");
  } else if (s.validation.pending->empty()) {
    out.data("  none");
  }
  for (const auto& step : s.validation.pending.value_or(std::vector<MigrationStep>{})) {
    out.data("  " + format_step(env.info(step.revision), Direction::up));
  }
  out.data("Problems:");
  if (s.validation.problems.empty()) {
    out.data(fmt::format("  none ({} applied script{} checked against the history)",
                         s.validation.checked, s.validation.checked == 1 ? "" : "s"));
  }
  for (const auto& finding : s.validation.problems) out.data("  " + finding.line());
  if (!s.validation.unknown.empty()) out.data("  " + s.validation.unknown_line());
}

void print_recent(const std::vector<HistoryRow>& recent, const Output& out) {
  out.data("Last migrations, newest first:");
  if (recent.empty()) out.data("  none recorded");
  for (const auto& row : recent) {
    out.data(fmt::format("  {}  {:<9}  {}  {:<7}  {} ms", row.started_at,
                         row.direction == Direction::up ? "upgrade" : "downgrade", row.revision,
                         row.outcome == Outcome::success ? "success" : "failed", row.duration_ms));
  }
}

json::StatusReport report_of(const Environment& env, const Standing& s, std::size_t last) {
  json::StatusReport report;
  for (const auto& id : s.current) report.current.push_back(&env.info(id));
  report.partial = s.partial;
  for (const auto& id : env.graph().heads()) {
    report.heads.push_back(&env.info(id));
    report.head_applied.push_back(applied(s, id));
  }
  if (s.validation.pending) {
    report.pending.emplace();
    for (const auto& step : *s.validation.pending)
      report.pending->push_back(&env.info(step.revision));
  }
  report.validation = &s.validation;
  report.recent = recent_rows(s, last);
  return report;
}

}  // namespace

int status(const GlobalOptions& global, const StatusOptions& options, const Output& out) {
  const Environment env(global, out);
  const Standing s = read_standing(env);
  const std::string drift = drift_of(s);
  const std::size_t pending = pending_count(s);
  const int code = !drift.empty() ? kExitFailure : pending > 0 ? kExitPending : 0;
  if (json::wanted(global)) {
    json::StatusReport report = report_of(env, s, options.recent);
    report.state = !drift.empty() ? "drift" : pending > 0 ? "pending" : "up_to_date";
    report.exit_code = code;
    report.error = drift;
    out.data(json::status(report));
    if (!drift.empty()) throw ReportedFailure(drift);
    return code;
  }
  print_database(env, s, out);
  print_scripts(env, s, out);
  print_recent(recent_rows(s, options.recent), out);
  if (!drift.empty()) {
    out.data("Status: drift");
    throw Error(drift);
  }
  out.data(pending > 0 ? fmt::format("Status: {} migration{} pending; run 'migrate upgrade heads'",
                                     pending, pending == 1 ? "" : "s")
                       : std::string("Status: up to date"));
  return code;
}

}  // namespace migrate::commands
