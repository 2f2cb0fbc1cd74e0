#pragma once
// The command line on one screen: the table of subcommands (command_table.cpp) and one
// wire_<name>_command per subcommand, which only adds its options to a commands::*Options struct
// and calls the command (micromamba's umamba.hpp).
#include <CLI/CLI.hpp>
#include <span>

#include "migrate/config/config.h"
#include "migrate/core/output.h"

namespace migrate::cli {

// Shared state every subcommand callback reads once parsing is done.
struct Context {
  GlobalOptions global;
  std::vector<std::string> x_args;  // raw -x KEY=VALUE, split by output()
  // The exit status of a command that succeeded but has more to say than 0 (status: 3, pending).
  int exit_code = 0;
  // Built after the global options are parsed, so that -q is known before anything logs.
  Output output() const;
  GlobalOptions resolved_global() const;
};

// A subcommand. Every one is registered with its name and help, so `migrate --help` lists them
// all, but only the one being run gets its options and callback wired: building all twelve
// parsers was a tenth of the binary's start-up.
struct Command {
  const char* name;
  const char* help;
  void (*wire)(CLI::App& sub, Context& context);
};

std::span<const Command> commands();

// The options every command takes (-c, -n, --url, -x, -q, --format), on `app`.
void add_global_options(CLI::App& app, Context& context);

// The command that args (argv without the program name) run, as CLI11 will read them: the first
// word that is neither an option nor the value of a global option. nullptr when that word is not
// a command (CLI11 then reports it) or there is none.
const Command* invoked_command(std::span<char* const> args);

void wire_init_command(CLI::App& sub, Context& context);
void wire_revision_command(CLI::App& sub, Context& context);
void wire_merge_command(CLI::App& sub, Context& context);
void wire_baseline_command(CLI::App& sub, Context& context);
void wire_upgrade_command(CLI::App& sub, Context& context);
void wire_downgrade_command(CLI::App& sub, Context& context);
void wire_stamp_command(CLI::App& sub, Context& context);
void wire_current_command(CLI::App& sub, Context& context);
void wire_history_command(CLI::App& sub, Context& context);
void wire_heads_command(CLI::App& sub, Context& context);
void wire_branches_command(CLI::App& sub, Context& context);
void wire_show_command(CLI::App& sub, Context& context);
void wire_graph_command(CLI::App& sub, Context& context);
void wire_check_command(CLI::App& sub, Context& context);
void wire_lint_command(CLI::App& sub, Context& context);
void wire_validate_command(CLI::App& sub, Context& context);
void wire_status_command(CLI::App& sub, Context& context);
void wire_test_command(CLI::App& sub, Context& context);
void wire_fleet_command(CLI::App& sub, Context& context);
void wire_import_alembic_command(CLI::App& sub, Context& context);
void wire_completion_command(CLI::App& sub, Context& context);
// Hidden (no help text): prints the man page, for the build.
void wire_man_command(CLI::App& sub, Context& context);
std::string man_page(std::string_view version);
// What --version prints (src/cli/version.cpp): text, or the migrate.version/1 document.
std::string version_text(bool json);

}  // namespace migrate::cli
