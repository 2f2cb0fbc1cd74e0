// current, history, heads, branches, show: the read-only commands.
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_current_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::CurrentOptions>();
  sub.add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub.add_flag("--check-heads", options->check_heads,
               "Exit 1 unless the database is on every head revision");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::current(context.resolved_global(), *options, out);
  });
}

void wire_history_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::HistoryOptions>();
  sub.add_option("-r,--rev-range", options->range,
                 "Range of revisions, [start]:[end]; either may be 'current'");
  sub.add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub.add_flag("-i,--indicate-current", options->indicate_current,
               "Indicate the current revision(s)");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::history(context.resolved_global(), *options, out);
  });
}

void wire_heads_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::HeadsOptions>();
  sub.add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub.add_flag("--resolve-dependencies", options->resolve_dependencies,
               "Treat dependency versions as down revisions");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::heads(context.resolved_global(), *options, out);
  });
}

void wire_branches_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::BranchesOptions>();
  sub.add_flag("-v,--verbose", options->verbose, "Use more verbose output");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::branches(context.resolved_global(), *options, out);
  });
}

void wire_graph_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::GraphOptions>();
  sub.add_option("-r,--rev-range", options->range,
                 "Range of revisions, [start]:[end]; either may be 'current'");
  sub.add_option("--format", options->format, "dot (default), mermaid or svg (needs Graphviz)")
      ->check(CLI::IsMember({"dot", "mermaid", "svg"}));
  sub.add_flag("--no-current", options->no_current,
               "Do not connect to the database to mark its current revisions");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::graph(context.resolved_global(), *options, out);
  });
}

void wire_show_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::ShowOptions>();
  sub.add_option("revision", options->revision, "Revision, prefix, head, heads or current")
      ->required();
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::show(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
