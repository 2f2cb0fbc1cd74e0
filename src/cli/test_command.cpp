// test: the built-in migration tests, for CI (SPEC §15).
#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/cli.h"
#include "commands/test_checks.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_test_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::TestOptions>();
  sub.add_option("--target-schema", options->target_schema,
                 "Declared schema (.yaml or .sql) to match at head; overrides target_schema");
  std::string footer =
      "Runs on a throwaway database: a scratch database on the server of --url, else SQLite in "
      "memory; never the configured one. Exit 1 if any check fails. Checks:";
  for (const auto& check : commands::test_checks()) {
    footer += fmt::format("\n  {:<14} {}", check.name, check.asserts);
  }
  sub.footer(footer);
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::test(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
