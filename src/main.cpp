// The only catch site (ANCHORS, micromamba's main.cpp): Error -> "FAILED: ..." and exit 1,
// usage errors -> exit 2, help and version -> 0. CLI11's parse macro is not used because its
// error handling would bypass ours.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli.h"
#include "commands/json_report.h"
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

// Whether --version should answer in JSON. CLI11 answers --version as soon as it meets it, before
// a later --format, so argv is read for one; the last word wins, as for any option.
bool version_as_json(const cli::Context& context, int argc, char** argv) {
  bool json = context.global.format == "json";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--format=")) json = arg == "--format=json";
    if (arg == "--format" && i + 1 < argc) json = std::string_view(argv[i + 1]) == "json";
  }
  return json;
}

// The FAILED line on stderr; under --format json the same failure is also a JSON document on
// stdout, for the pipeline that reads it. Returns `code`.
int fail(const cli::Context& context, std::string_view message, int code) {
  if (context.global.format == "json") {
    std::cout << commands::json::error(mask_credentials(std::string(message)), code) << "\n";
  }
  std::cerr << "FAILED: " << mask_credentials(std::string(message)) << "\n";
  return code;
}

// CLI11 reports `migrate frob` as "A subcommand is required": name the word it did not know.
std::string usage_message(CLI::App& app, const CLI::ParseError& error) {
  if (!app.get_subcommands().empty() || app.remaining().empty()) return error.what();
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) names.push_back(sub->get_name());
  }
  const std::string word = app.remaining().front();
  return "Unknown command '" + word + "'" + did_you_mean(word, names) +
         "; commands: " + fmt::format("{}", fmt::join(names, ", "));
}

int run(int argc, char** argv, bool build_all) {
  CLI::App app{"migrate: database schema migrations, Alembic's model in a native binary",
               "migrate"};
  cli::Context context;
  app.set_version_flag("--version", [&context, argc, argv] {
    return cli::version_text(version_as_json(context, argc, argv));
  });
  app.require_subcommand(1, 1);
  app.footer(
      "Exit status: 0 success; 1 failure (one FAILED: line on stderr); 2 command-line mistake;\n"
      "3 `status` only: migrations are pending.\n"
      "See man migrate, and README.rst.");
  cli::add_global_options(app, context);
  // Global options are accepted after the command too (`migrate upgrade head --url ...`): an
  // option the command does not know falls through to these. Set before the commands are added,
  // which inherit it.
  app.fallthrough();

  // Every command is listed; only the one being run is built (see cli::Command).
  const auto* invoked =
      build_all ? nullptr : cli::invoked_command(std::span<char* const>(argv + 1, argv + argc));
  for (const auto& command : cli::commands()) {
    auto* sub = app.add_subcommand(command.name, command.help);
    if (std::string_view(command.help).empty()) sub->group("");  // hidden from --help
    if (build_all || &command == invoked) {
      command.wire(*sub, context);
    } else {
      sub->preparse_callback([](std::size_t) { throw NotBuilt{}; });
    }
  }

  std::ios::sync_with_stdio(false);  // history of 100,000 revisions is 100,000 lines
  try {
    if (context.global.format != "text" && context.global.format != "json") {
      context.global.format = "text";
      throw Error("MIGRATE_FORMAT must be text or json");
    }
    dialects::check_started_by();
    app.parse(argc, argv);
    return context.exit_code;
  } catch (const NotBuilt&) {
    return run(argc, argv, true);
  } catch (const dialects::DialectProgram& program) {
    // The command's URL names a dialect built as its own program. Every command finds its
    // dialect before it prints or writes anything, so that program takes the command over.
    try {
      dialects::run_dialect_program(program.dialect, program.program);
    } catch (const Error& e) {
      return fail(context, e.what(), kExitFailure);
    }
    return kExitFailure;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(context, usage_message(app, e) + "; run 'migrate --help' for usage", kExitUsage);
  } catch (const ReportedFailure& e) {
    std::cerr << "FAILED: " << mask_credentials(e.what()) << "\n";
    return kExitFailure;
  } catch (const Error& e) {
    return fail(context, e.what(), kExitFailure);
  } catch (const std::exception& e) {
    // Not expected: every layer translates its library's exceptions. Still one line, no trace.
    return fail(context, e.what(), kExitFailure);
  }
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv, false); }
