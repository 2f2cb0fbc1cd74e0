#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/cli.h"
#include "migrate/core/error.h"

namespace migrate::cli {

void add_global_options(CLI::App& app, Context& context) {
  app.add_option("-c,--config", context.global.config_file,
                 "Config file (default: $MIGRATE_CONFIG, else alembic.ini)");
  app.add_option("-n,--name", context.global.section, "Config section (default: alembic)");
  app.add_option("--url", context.global.url, "Database URL; overrides the config file");
  app.add_option("-x", context.x_args, "Extra KEY=VALUE, readable as %(x.KEY)s (repeatable)");
  app.add_flag("-q,--quiet", context.global.quiet, "No progress lines on stderr");
  if (const char* format = std::getenv("MIGRATE_FORMAT"); format != nullptr && *format != '\0') {
    context.global.format = format;
  }
  app.add_option("--format", context.global.format,
                 "Output: text (Alembic's lines, the default) or json (one document per command; "
                 "default: $MIGRATE_FORMAT)")
      ->check(CLI::IsMember({"text", "json"}));
}

Output Context::output() const {
  return Output(std::cout, std::cerr, global.quiet, isatty(STDERR_FILENO) == 1);
}

GlobalOptions Context::resolved_global() const {
  GlobalOptions resolved = global;
  for (const auto& arg : x_args) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(fmt::format("-x '{}' is not of the form KEY=VALUE", arg));
    }
    resolved.x[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  return resolved;
}

}  // namespace migrate::cli
