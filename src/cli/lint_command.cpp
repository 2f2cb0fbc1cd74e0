// migrate lint [RANGE] [--strict] [--dialect NAME] [--rules]
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_lint_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::LintOptions>();
  sub.add_option("range", options->range,
                 "Revisions to lint: A:B as history -r reads it, or one revision; default: those "
                 "not applied yet (all without a database)");
  sub.add_flag("--strict", options->strict, "Fail on warnings too, not only errors");
  sub.add_option("--dialect", options->dialect,
                 "Lint for this dialect (sqlite, postgresql, mysql) without a database");
  sub.add_flag("--rules", options->list_rules, "List the rules: id, severity, what each finds");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::lint(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
