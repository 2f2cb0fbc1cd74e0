// The only catch site (ANCHORS, micromamba's main.cpp): Error -> "FAILED: ..." and exit 1,
// usage errors -> exit 2, help and version -> 0. CLI11's parse macro is not used because its
// error handling would bypass ours.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli.h"
#include "migrate/error.h"

int main(int argc, char** argv) {
  using namespace migrate;
  CLI::App app{"migrate: database schema migrations, Alembic's model in a native binary", "migrate"};
  app.set_version_flag("--version", "migrate " MIGRATE_VERSION);
  app.require_subcommand(1, 1);
  cli::Context context;
  app.add_option("-c,--config", context.global.config_file,
                 "Config file (default: $MIGRATE_CONFIG, else alembic.ini)");
  app.add_option("-n,--name", context.global.section, "Config section (default: alembic)");
  app.add_option("--url", context.global.url, "Database URL; overrides the config file");
  app.add_option("-x", context.x_args, "Extra KEY=VALUE, readable as %(x.KEY)s (repeatable)");
  app.add_flag("-q,--quiet", context.global.quiet, "No progress lines on stderr");

  cli::set_init_command(app, context);
  cli::set_revision_command(app, context);
  cli::set_merge_command(app, context);
  cli::set_upgrade_command(app, context);
  cli::set_downgrade_command(app, context);
  cli::set_stamp_command(app, context);
  cli::set_current_command(app, context);
  cli::set_history_command(app, context);
  cli::set_heads_command(app, context);
  cli::set_branches_command(app, context);
  cli::set_show_command(app, context);
  cli::set_check_command(app, context);

  std::ios::sync_with_stdio(false);  // history of 100,000 revisions is 100,000 lines
  try {
    app.parse(argc, argv);
    return 0;
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
      std::string names;
      for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
      }
      message = "Unknown command '" + app.remaining().front() + "'; commands: " + names;
    }
    std::cerr << "FAILED: " << message << "; run 'migrate --help' for usage\n";
    return kExitUsage;
  } catch (const Error& e) {
    std::cerr << "FAILED: " << e.what() << "\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    // Not expected: every layer translates its library's exceptions. Still one line, no trace.
    std::cerr << "FAILED: " << e.what() << "\n";
    return kExitFailure;
  }
}
