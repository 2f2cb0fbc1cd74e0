// init, revision, merge: the commands that write files.
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_init_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::InitOptions>();
  sub.add_option("directory", options->directory, "Location of the environment")->required();
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::init(context.resolved_global(), *options, out);
  });
}

void wire_revision_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::RevisionOptions>();
  sub.add_option("-m,--message", options->message, "Message string to use with the revision");
  sub.add_flag("--autogenerate", options->autogenerate,
               "Compare the database with the declared schema (target_schema)");
  sub.add_option("--head", options->head,
                 "Head revision or <branchname>@head to base the new revision on");
  sub.add_flag("--splice", options->splice,
               "Allow a non-head revision as the 'head' to splice onto");
  sub.add_option("--branch-label", options->branch_labels,
                 "A branch label to apply to the new revision");
  sub.add_option("--depends-on", options->depends_on,
                 "Revision(s) this one depends on (repeatable)");
  sub.add_option("--rev-id", options->rev_id, "Hardcoded revision id instead of a generated one");
  sub.add_option("--version-path", options->version_path,
                 "Version location to place the new revision in");
  sub.add_option("--target-schema", options->target_schema,
                 "Declared schema (.yaml or .sql) for --autogenerate; overrides target_schema");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::revision(context.resolved_global(), *options, out);
  });
}

void wire_merge_command(CLI::App& sub, Context& context) {
  auto options = std::make_shared<commands::MergeOptions>();
  sub.add_option("revisions", options->revisions, "Revisions to merge (e.g. heads)")->required();
  sub.add_option("-m,--message", options->message, "Message string to use with the revision");
  sub.add_option("--branch-label", options->branch_labels,
                 "A branch label to apply to the new revision");
  sub.add_option("--rev-id", options->rev_id, "Hardcoded revision id instead of a generated one");
  sub.callback([&context, options] {
    const Output out = context.output();
    commands::merge(context.resolved_global(), *options, out);
  });
}

}  // namespace migrate::cli
