// check: compare the database with the declared schema, for CI (SPEC §9, §12).
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_check_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::CheckOptions>();
  sub.add_option("--target-schema", options->target_schema,
                 "Declared schema (.yaml or .sql); overrides target_schema");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::check(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
