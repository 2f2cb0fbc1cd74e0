// validate and status: what ran on the database against the scripts (SPEC §15).
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_validate_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::ValidateOptions>();
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::validate(context.resolved_global(), *options, out);
  });
}

void wire_status_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::StatusOptions>();
  sub.add_option("--last", options->recent, "How many of the last migrations to show (default 5)")
      ->check(CLI::NonNegativeNumber);
  sub.callback([&context, options] {
    const Output out = context.output();
    context.exit_code = commands::status(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
