// migrate fleet COMMAND [REVISION...] (--targets FILE|- | --targets-glob PATTERN | --targets-sql
// SQL | --from-report FILE) [-j N] [--canary N] [--max-failures K|all] [--shard I/N] ...
#include <memory>

#include "cli/cli.h"
#include "migrate/commands/commands.h"

namespace migrate::cli {

void wire_fleet_command(CLI::App& sub, Context& context) {
  auto o = std::make_shared<commands::FleetOptions>();
  sub.add_option("command", o->command,
                 "The command run on every target: upgrade, downgrade, stamp, current, check, "
                 "status")
      ->required();
  sub.add_option("revision", o->args, "The command's revision(s): head, -1, REV, ...");
  sub.add_option("--targets", o->targets_file, "Targets, one per line, from FILE or - (stdin)");
  sub.add_option("--targets-glob", o->targets_glob,
                 "Targets: the stem of each file matching PATTERN ('data/*.db')");
  sub.add_option("--targets-sql", o->targets_sql,
                 "Targets: the first column of SQL, run on the config's URL");
  sub.add_option("--from-report", o->from_report, "Targets: the records of a --report FILE");
  sub.add_option("--only", o->only,
                 "With --from-report: only records of these statuses (failed: every failure)");
  sub.add_option("--bind", o->bind, "The -x key each target's name is bound to (default tenant)");
  sub.add_option("-j,--jobs", o->jobs, "Targets run at once (default 1)");
  sub.add_option("--canary", o->canary, "Run the first N targets one at a time first");
  sub.add_option("--max-failures", o->max_failures,
                 "Stop starting targets after K failures (default 1), or 'all'");
  sub.add_option("--shard", o->shard, "Only share I of N (from 1) of the targets, by name");
  sub.add_option("--lock-wait", o->lock_wait,
                 "Longest wait for a target's migration lock (default lock_timeout, else 60s)");
  sub.add_option("--report", o->report, "Write one JSON record per target to FILE (JSON Lines)");
  sub.add_option("--format", o->format, "Output: text, json (migrate.fleet/1) or jsonl")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  sub.callback([&context, o] {
    const Output out = context.output();
    commands::FleetOptions options = *o;
    if (context.global.format == "json" && options.format == "text") options.format = "json";
    if (options.format == "json") context.global.format = "json";
    context.exit_code = commands::fleet(context.resolved_global(), options, out);
  });
}

}  // namespace migrate::cli
