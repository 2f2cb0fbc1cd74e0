// validate: the applied scripts against what ran (SPEC §15), for CI; and the same check as
// `upgrade` makes it before it runs anything.
#include <fmt/format.h>

#include "commands/environment.h"
#include "commands/json_history.h"
#include "commands/json_report.h"
#include "commands/validation.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"

namespace migrate::commands {

void validate(const GlobalOptions& global, const ValidateOptions& options, const Output& out) {
  (void)options;
  const Environment env(global, out);
  auto db = connect(env);
  const Validation result = validate_record(env, read_record(env, db));
  const std::string message =
      result.problems.empty()
          ? std::string()
          : fmt::format("The scripts do not match what ran on the database: {}", result.summary());
  if (json::wanted(global)) {
    out.data(json::validate(result, message));
    if (!message.empty()) throw ReportedFailure(message);
    return;
  }
  for (const auto& finding : result.problems) out.data(finding.line());
  if (!result.unknown.empty()) out.data(result.unknown_line());
  if (!message.empty()) throw Error(message);
  out.data(fmt::format("No problems found: {} applied script{} checked against the history.",
                       result.checked, result.checked == 1 ? "" : "s"));
}

void check_before_upgrade(const Environment& env, Database& db, const Output& out) {
  const ValidateMode mode = env.config().validate();
  if (mode == ValidateMode::off) return;
  const Validation result = validate_record(env, read_record(env, db));
  if (result.problems.empty()) return;
  for (const auto& finding : result.problems) out.warn("WARNING: " + finding.line());
  if (mode == ValidateMode::strict) {
    throw Error(fmt::format(
        "validate = strict in {}: {}; nothing was run (fix the scripts, or set validate = warn "
        "to run anyway)",
        env.config().file().string(), result.summary()));
  }
}

}  // namespace migrate::commands
