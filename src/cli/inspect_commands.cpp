// current, history, heads, branches, show: the read-only commands.
#include <memory>

#include "cli/cli.h"
#include "migrate/commands.h"

namespace migrate::cli {

void set_current_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::CurrentOptions>();
  auto* sub = app.add_subcommand("current", "Display the current revision for a database");
  sub->add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub->add_flag("--check-heads", options->check_heads,
                "Exit 1 unless the database is on every head revision");
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::current(context.resolved_global(), *options, out);
  });
}

void set_history_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::HistoryOptions>();
  auto* sub = app.add_subcommand("history", "List changeset scripts in chronological order");
  sub->add_option("-r,--rev-range", options->range,
                  "Range of revisions, [start]:[end]; either may be 'current'");
  sub->add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub->add_flag("-i,--indicate-current", options->indicate_current,
                "Indicate the current revision(s)");
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::history(context.resolved_global(), *options, out);
  });
}

void set_heads_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::HeadsOptions>();
  auto* sub = app.add_subcommand("heads", "Show current available heads in the script directory");
  sub->add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub->add_flag("--resolve-dependencies", options->resolve_dependencies,
                "Treat dependency versions as down revisions");
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::heads(context.resolved_global(), *options, out);
  });
}

void set_branches_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::BranchesOptions>();
  auto* sub = app.add_subcommand("branches", "Show current branch points");
  sub->add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::branches(context.resolved_global(), *options, out);
  });
}

void set_show_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::ShowOptions>();
  auto* sub = app.add_subcommand("show", "Show the revision(s) denoted by the given symbol");
  sub->add_option("revision", options->revision, "Revision, prefix, head, heads or current")
      ->required();
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::show(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
