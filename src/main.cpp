// The only catch site (ANCHORS, micromamba's main.cpp): Error -> "FAILED: ..." and exit 1,
// usage errors -> exit 2, help and version -> 0. CLI11's parse macro is not used because its
// error handling would bypass ours.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli.h"
#include "dialects/dialect_program.h"
#include "migrate/core/error.h"
#include "migrate/core/secrets.h"
#include "migrate/core/suggest.h"

namespace {

using namespace migrate;

// Thrown when CLI11 enters a command that was listed but not built because
// cli::invoked_command() read argv differently: nothing has run yet, so main() parses again with
// every command built.
struct NotBuilt {};

int run(int argc, char** argv, bool build_all) {
  CLI::App app{"migrate: database schema migrations, Alembic's model in a native binary",
               "migrate"};
  app.set_version_flag("--version", "migrate " MIGRATE_VERSION);
  app.require_subcommand(1, 1);
  cli::Context context;
  app.add_option("-c,--config", context.global.config_file,
                 "Config file (default: $MIGRATE_CONFIG, else alembic.ini)");
  app.add_option("-n,--name", context.global.section, "Config section (default: alembic)");
  app.add_option("--url", context.global.url, "Database URL; overrides the config file");
  app.add_option("-x", context.x_args, "Extra KEY=VALUE, readable as %(x.KEY)s (repeatable)");
  app.add_flag("-q,--quiet", context.global.quiet, "No progress lines on stderr");
  // Global options are accepted after the command too (`migrate upgrade head --url ...`): an
  // option the command does not know falls through to these. Set before the commands are added,
  // which inherit it.
  app.fallthrough();

  // Every command is listed; only the one being run is built (see cli::Command).
  const auto* invoked =
      build_all ? nullptr : cli::invoked_command(std::span<char* const>(argv + 1, argv + argc));
  for (const auto& command : cli::commands()) {
    auto* sub = app.add_subcommand(command.name, command.help);
    if (build_all || &command == invoked) {
      command.wire(*sub, context);
    } else {
      sub->preparse_callback([](std::size_t) { throw NotBuilt{}; });
    }
  }

  std::ios::sync_with_stdio(false);  // history of 100,000 revisions is 100,000 lines
  try {
    dialects::check_started_by();
    app.parse(argc, argv);
    return 0;
  } catch (const NotBuilt&) {
    return run(argc, argv, true);
  } catch (const dialects::DialectProgram& program) {
    // The command's URL names a dialect built as its own program. Every command finds its
    // dialect before it prints or writes anything, so that program takes the command over.
    try {
      dialects::run_dialect_program(program.dialect, program.program);
    } catch (const Error& e) {
      std::cerr << "FAILED: " << mask_credentials(e.what()) << "\n";
    }
    return kExitFailure;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    // CLI11 reports `migrate frob` as "A subcommand is required"; name the word it did not know.
    if (app.get_subcommands().empty() && !app.remaining().empty()) {
      std::vector<std::string> names;
      for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
      }
      const std::string word = app.remaining().front();
      message = "Unknown command '" + word + "'" + did_you_mean(word, names) +
                "; commands: " + fmt::format("{}", fmt::join(names, ", "));
    }
    std::cerr << "FAILED: " << mask_credentials(message) << "; run 'migrate --help' for usage\n";
    return kExitUsage;
  } catch (const Error& e) {
    std::cerr << "FAILED: " << mask_credentials(e.what()) << "\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    // Not expected: every layer translates its library's exceptions. Still one line, no trace.
    std::cerr << "FAILED: " << mask_credentials(e.what()) << "\n";
    return kExitFailure;
  }
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv, false); }
