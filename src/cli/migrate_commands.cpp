// upgrade, downgrade, stamp.
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {
namespace {

void wire_migrate_command(CLI::App& sub, Context& context, const char* target_help,
                          void (*run)(const GlobalOptions&, const commands::MigrateOptions&,
                                      const Output&)) {
  auto options = std::make_shared<commands::MigrateOptions>();
  sub.add_option("revision", options->target, target_help)->required();
  sub.add_flag("--sql", options->sql,
               "Print the SQL instead of running it (offline mode); the target may be START:END");
  sub.add_option("--tag", options->tag, "Arbitrary tag, accepted for Alembic compatibility");
  sub.add_flag("-v,--echo-sql", options->echo_sql,
               "Print each statement on stderr as it runs, with how long it took");
  sub.callback([&context, options, run] {
    const Output out = context.output();
    run(context.resolved_global(), *options, out);
  });
}

}  // namespace

void wire_upgrade_command(CLI::App& sub, Context& context) {
  wire_migrate_command(sub, context,
                       "Target: head, heads, +N, REV, REV+N, LABEL@head, START:END with --sql",
                       &commands::upgrade);
}

void wire_downgrade_command(CLI::App& sub, Context& context) {
  wire_migrate_command(sub, context,
                       "Target: -N, REV, REV-N, base, LABEL@base, START:END with --sql",
                       &commands::downgrade);
}

void wire_stamp_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::StampOptions>();
  sub.add_option("revisions", options->revisions, "Revision(s) to stamp")->required();
  sub.add_flag("--sql", options->sql, "Print the SQL instead of running it");
  sub.add_flag("--purge", options->purge, "Delete all entries in the version table first");
  sub.add_option("--tag", options->tag, "Arbitrary tag, accepted for Alembic compatibility");
  sub.add_flag("-v,--echo-sql", options->echo_sql,
               "Print each statement on stderr as it runs, with how long it took");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::stamp(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
