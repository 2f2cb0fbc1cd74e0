#pragma once
// The command line on one screen: one set_<name>_command per subcommand file (micromamba's
// umamba.hpp). Each only wires options into a commands::*Options struct and calls the command.
#include <CLI/CLI.hpp>

#include "migrate/config.h"
#include "migrate/output.h"

namespace migrate::cli {

// Shared state every subcommand callback reads once parsing is done.
struct Context {
  GlobalOptions global;
  std::vector<std::string> x_args;  // raw -x KEY=VALUE, split by output()
  // Built after the global options are parsed, so that -q is known before anything logs.
  Output output() const;
  GlobalOptions resolved_global() const;
};

void set_init_command(CLI::App& app, Context& context);
void set_revision_command(CLI::App& app, Context& context);
void set_merge_command(CLI::App& app, Context& context);
void set_upgrade_command(CLI::App& app, Context& context);
void set_downgrade_command(CLI::App& app, Context& context);
void set_stamp_command(CLI::App& app, Context& context);
void set_current_command(CLI::App& app, Context& context);
void set_history_command(CLI::App& app, Context& context);
void set_heads_command(CLI::App& app, Context& context);
void set_branches_command(CLI::App& app, Context& context);
void set_show_command(CLI::App& app, Context& context);
void set_check_command(CLI::App& app, Context& context);

}  // namespace migrate::cli
