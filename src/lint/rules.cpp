// The rule catalogue and how a finding reads.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "migrate/lint/lint.h"

namespace migrate::lint {

namespace {

constexpr std::array kRules = {
    Rule{"concurrently-in-transaction", Severity::error,
         "`concurrently` in a script that runs in a transaction, which the database refuses"},
    Rule{"not-null-column-without-default", Severity::error,
         "a NOT NULL column without a default added to a table that may have rows"},
    Rule{"index-without-concurrently", Severity::warning,
         "an index built on an existing table without `concurrently`, blocking writes"},
    Rule{"volatile-default", Severity::warning,
         "a column added with a volatile default, which rewrites the table under lock"},
    Rule{"type-change-rewrite", Severity::warning,
         "a column type change that rewrites the table under lock (widening a varchar does not)"},
    Rule{"set-not-null", Severity::warning,
         "SET NOT NULL on an existing column, which reads every row under lock"},
    Rule{"constraint-without-not-valid", Severity::warning,
         "a foreign key or check added without `not_valid: true` and a later VALIDATE"},
    Rule{"unique-constraint-under-lock", Severity::warning,
         "a unique or primary key constraint whose index is built under lock"},
    Rule{"rename-column", Severity::warning, "a column renamed while running code uses it"},
    Rule{"rename-table", Severity::warning, "a table renamed while running code uses it"},
    Rule{"drop-column", Severity::warning, "a column dropped while running code may use it"},
    Rule{"drop-table", Severity::warning, "a table dropped while running code may use it"},
    Rule{"no-lock-timeout", Severity::warning,
         "a migration that locks a table with no lock_timeout configured"},
    Rule{"table-copy", Severity::warning,
         "a change that copies the whole table while writes wait (MySQL's ALGORITHM=COPY)"},
    Rule{"table-rebuild", Severity::info,
         "a change that rebuilds the table (SQLite); a warning for a table of over 100,000 rows"},
    Rule{"execute-not-analysed", Severity::info, "`execute` SQL, which lint cannot analyse"},
};

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "";
}

std::span<const Rule> rules() { return kRules; }

const Rule* find_rule(std::string_view id) {
  const auto* found =
      std::find_if(kRules.begin(), kRules.end(), [&](const Rule& rule) { return rule.id == id; });
  return found == kRules.end() ? nullptr : found;
}

std::string format_finding(const Finding& finding) {
  return fmt::format("{}:{}: {}: {}: {} {}: {}; {}", finding.file, finding.line,
                     severity_name(finding.severity), finding.rule->id, finding.revision,
                     finding.operation, finding.reason, finding.advice);
}

}  // namespace migrate::lint
