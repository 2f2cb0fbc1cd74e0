// migrate import-alembic ALEMBIC_INI_OR_DIR [--into DIR] [--keep-unconverted]
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_import_alembic_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::ImportAlembicOptions>();
  sub.add_option("source", options->source,
                 "The Alembic environment: its alembic.ini, or its script directory")
      ->required();
  sub.add_option("--into", options->into,
                 "Directory for the new environment (alembic.ini and scripts); must be new or "
                 "empty (default: migrate)");
  sub.add_flag("--keep-unconverted", options->keep_unconverted,
               "Write scripts with code that does not convert, under a 'todo:' key that upgrade "
               "and downgrade refuse");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::import_alembic(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
