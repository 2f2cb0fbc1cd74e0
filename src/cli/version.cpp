// --version: what is installed. The first line stays `migrate X.Y.Z`, as scripts read it; then
// the commit it was built from, and each dialect with where its program is and whether it is
// there, since a PostgreSQL or MySQL command needs that program beside the binary.
#include <fmt/format.h>

#include "cli/cli.h"
#include "commands/json_report.h"
#include "commit.h"
#include "migrate/dialects/dialect.h"

namespace migrate::cli {

std::string version_text(bool json) {
  const auto dialects = dialects::dialect_status();
  if (json) {
    std::vector<commands::json::DialectReport> reports;
    for (const auto& d : dialects) reports.push_back({d.name, d.built_in, d.program, d.found});
    return commands::json::version(MIGRATE_VERSION, MIGRATE_COMMIT, reports);
  }
  std::string text = fmt::format("migrate {}\ncommit {}", MIGRATE_VERSION, MIGRATE_COMMIT);
  for (const auto& d : dialects) {
    text += fmt::format("\ndialect {}: {}", d.name,
                        d.built_in ? std::string("built in")
                        : d.found  ? d.program
                                   : fmt::format("not found ({})", d.program));
  }
  return text;
}

}  // namespace migrate::cli
