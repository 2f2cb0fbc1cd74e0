// The lint check of `migrate test` (lint_errors.h): lint's errors, as `migrate lint` finds them
// over every script for this dialect.
#include "commands/lint_errors.h"

#include "commands/lint_run.h"

namespace migrate::commands {

std::vector<TestFailure> lint_errors(const std::vector<Script>& scripts, const Dialect& dialect,
                                     const Config& config) {
  lint::Linter linter(lint_settings(config, dialect, nullptr));
  std::vector<TestFailure> failures;
  for (const auto& script : scripts) {
    for (const auto& finding : linter.lint(script)) {
      if (finding.severity != lint::Severity::error) continue;
      failures.push_back({"lint", finding.revision, lint::format_finding(finding)});
    }
  }
  return failures;
}

}  // namespace migrate::commands
