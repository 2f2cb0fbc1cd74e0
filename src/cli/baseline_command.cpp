// baseline: the first revision of a database with no history (SPEC §14).
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_baseline_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::BaselineOptions>();
  options->message = "baseline";
  sub.add_option("-m,--message", options->message,
                 "Message string to use with the revision (default: baseline)");
  sub.add_option("--rev-id", options->rev_id, "Hardcoded revision id instead of a generated one");
  sub.callback([&context, options] {
    const Output out = context.output();
    (void)commands::baseline(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
