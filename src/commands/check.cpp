// check: exit 1 when `revision --autogenerate` would write operations (SPEC §12), for CI.
#include <fmt/format.h>

#include "commands/autogenerate.h"
#include "commands/json_report.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"

namespace migrate::commands {

void check(const GlobalOptions& global, const CheckOptions& options, const Output& out) {
  const Environment env(global, out);
  const SchemaDiff result = compare_with_target_schema(env, options.target_schema);
  for (const auto& warning : result.warnings) out.warn(warning);
  const std::string message = fmt::format(
      "New upgrade operations detected: {} change{} between the database and the target schema; "
      "run 'migrate revision --autogenerate -m MESSAGE'",
      result.changes.size(), result.changes.size() == 1 ? "" : "s");
  if (json::wanted(global)) {
    out.data(json::check(result.changes, result.empty() ? std::string() : message));
    if (!result.empty()) throw ReportedFailure(message);
    return;
  }
  if (result.empty()) {
    out.data("No new upgrade operations detected.");
    return;
  }
  for (const auto& change : result.changes) out.data(change);
  throw Error(message);
}

}  // namespace migrate::commands
