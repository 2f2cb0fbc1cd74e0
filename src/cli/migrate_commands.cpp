// upgrade, downgrade, stamp.
#include <memory>

#include "cli/cli.h"
#include "migrate/commands.h"

namespace migrate::cli {
namespace {

void set_migrate_command(CLI::App& app, Context& context, const char* name, const char* help,
                         const char* target_help,
                         void (*run)(const GlobalOptions&, const commands::MigrateOptions&,
                                     const Output&)) {
  auto options = std::make_shared<commands::MigrateOptions>();
  auto* sub = app.add_subcommand(name, help);
  sub->add_option("revision", options->target, target_help)->required();
  sub->add_flag("--sql", options->sql,
                "Print the SQL instead of running it (offline mode); the target may be START:END");
  sub->add_option("--tag", options->tag, "Arbitrary tag, accepted for Alembic compatibility");
  sub->callback([&context, options, run] {
    const Output out = context.output();
    run(context.resolved_global(), *options, out);
  });
}

}  // namespace

void set_upgrade_command(CLI::App& app, Context& context) {
  set_migrate_command(app, context, "upgrade", "Upgrade to a later version",
                      "Target: head, heads, +N, REV, REV+N, LABEL@head, START:END with --sql",
                      &commands::upgrade);
}

void set_downgrade_command(CLI::App& app, Context& context) {
  set_migrate_command(app, context, "downgrade", "Revert to a previous version",
                      "Target: -N, REV, REV-N, base, LABEL@base, START:END with --sql",
                      &commands::downgrade);
}

void set_stamp_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<commands::StampOptions>();
  auto* sub = app.add_subcommand("stamp", "'stamp' the revision table with the given revision; "
                                          "don't run any migrations");
  sub->add_option("revisions", options->revisions, "Revision(s) to stamp")->required();
  sub->add_flag("--sql", options->sql, "Print the SQL instead of running it");
  sub->add_flag("--purge", options->purge, "Delete all entries in the version table first");
  sub->add_option("--tag", options->tag, "Arbitrary tag, accepted for Alembic compatibility");
  sub->callback([&context, options] {
    const Output out = context.output();
    commands::stamp(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
