// check: compare the database with the declared schema, for CI (SPEC §9, §12).
#include <memory>

#include "cli/cli.h"
#include "migrate/commands.h"

namespace migrate::cli {

void set_check_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::CheckOptions>();
  auto* sub = app.add_subcommand(
      "check", "Exit 1 if 'revision --autogenerate' would generate operations (CI drift check)");
  sub->add_option("--target-schema", options->target_schema,
                  "Declared schema (.yaml or .sql); overrides target_schema");
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::check(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
