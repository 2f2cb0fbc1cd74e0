// upgrade, downgrade and stamp: the commands that change the database (Alembic's command.py).
#include <fmt/format.h>

#include <chrono>
#include <sstream>

#include "commands/environment.h"
#include "commands/json_report.h"
#include "commands/lint_run.h"
#include "commands/locked_run.h"
#include "commands/validation.h"
#include "migrate/commands/commands.h"
#include "migrate/core/duration.h"
#include "migrate/core/error.h"
#include "migrate/runtime/lock_wait_notice.h"

namespace migrate::commands {
namespace {

struct Range {
  std::optional<std::string> start;
  std::string end;
};

// SPEC §11: in --sql mode a target may be START:END; the start defaults to base.
Range split_range(std::string_view target, bool allow_start) {
  const auto colon = target.find(':');
  if (colon == std::string_view::npos) return {std::nullopt, std::string(target)};
  if (!allow_start) {
    throw Error(fmt::format(
        "Range revision '{}' is only allowed with --sql; give a single target revision", target));
  }
  Range range{std::string(target.substr(0, colon)), std::string(target.substr(colon + 1))};
  if (range.start->empty()) range.start.reset();
  if (range.end.empty()) throw Error(fmt::format("Range '{}' has no end revision", target));
  return range;
}

// The heads an offline range starts from: `current` reads them from the database (a dry run from
// where it stands, changing nothing), anything else names revisions, and none is base.
std::vector<std::string> start_heads(const Environment& env, const Range& range) {
  if (!range.start) return {};
  if (*range.start == "current") {
    auto db = connect(env);
    return current_heads(env, db);
  }
  return resolve_upgrade_target(env.graph(), {}, *range.start);
}

// lock_timeout and statement_timeout (SPEC §15) for the rest of the session, once migrate's own
// lock is held: they bound the migrations, not the wait for another run to finish.
void apply_timeouts(const Dialect& dialect, Connection& connection, const Config& config) {
  const Timeouts timeouts{config.duration("lock_timeout"), config.duration("statement_timeout")};
  if (!timeouts.lock && !timeouts.statement) return;
  for (const auto& sql : dialect.timeout_statements(connection, timeouts)) {
    connection.execute(sql);
  }
}

// upgrade prints lint's warnings for what it is about to run (SPEC §15), and hands the scripts
// lint parsed to the runner, which would otherwise parse them again. From base there is nothing
// to warn about (no rows, no running code) and linting first would only stop the runner from
// parsing while it applies: it is skipped. A plan that cannot be made, or a script that does not
// load (an applied one lint only replays included), is left for the run itself to report.
ScriptSet lint_plan(const Environment& env, const Dialect& dialect,
                    const std::vector<std::string>& heads, std::string_view target,
                    const Output& out) {
  ScriptSet scripts = env.scripts();
  if (heads.empty()) return scripts;
  try {
    const auto steps = upgrade_plan(env.graph(), heads, target).steps;
    scripts.parsed =
        std::make_shared<const ScriptSet::Parsed>(warn_before_upgrade(env, dialect, steps, out));
  } catch (const Error&) {
    // Nothing printed: the runner says what is wrong, or an old script's error does not matter.
  }
  return scripts;
}

void refuse_json_with_sql(const GlobalOptions& global, bool sql) {
  if (sql && json::wanted(global)) {
    throw Error("--sql prints SQL on stdout, where --format json would print its report; use one");
  }
}

// The last line of a run (text mode): how many migrations ran and how long the command took, or
// that there was nothing to do and where the database is.
void summarize(const LockedRun& run, Direction direction,
               std::chrono::steady_clock::time_point started, const Output& out) {
  const std::size_t n = run.steps.size();
  if (n == 0) {
    out.progress(fmt::format(
        "Nothing to do: the database is at {}",
        run.to.empty() ? std::string("base") : fmt::format("{}", fmt::join(run.to, ", "))));
    return;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  out.progress(fmt::format("{} {} migration{} in {:.1f} s",
                           direction == Direction::up ? "Applied" : "Reverted", n,
                           n == 1 ? "" : "s", took.count()));
}

// The --format json report of a run: the steps and where the database stands after them.
void report(const GlobalOptions& global, std::string_view command, const LockedRun& run,
            const Output& out) {
  if (!json::wanted(global)) return;
  std::vector<json::StepReport> steps;
  for (const auto& step : run.steps) {
    steps.push_back({step.revision, step.direction, step.message, step.duration});
  }
  out.data(json::run(command, steps, run.to));
}

void migrate(const GlobalOptions& global, const MigrateOptions& options, const Output& out,
             Direction direction) {
  const auto started = std::chrono::steady_clock::now();
  const Environment env(global, out);
  const Url url = env.url();
  const Dialect& dialect = dialects::find(url);
  const bool per_migration = env.config().transaction_per_migration();
  refuse_json_with_sql(global, options.sql);
  if (options.sql) {
    const Range range = split_range(options.target, true);
    if (direction == Direction::down && !range.start) {
      throw Error(fmt::format(
          "downgrade with --sql requires START:END, e.g. 'migrate downgrade --sql {}:{}', because "
          "without a database there is no current revision to start from",
          "head", options.target));
    }
    // Buffered so that a failure prints no partial script (SPEC: nothing half-done).
    std::ostringstream sql;
    ToggleStream stream(sql);
    auto sink = dialect.offline(url, stream);
    const auto start = start_heads(env, range);
    const ScriptSet scripts =
        direction == Direction::up ? lint_plan(env, dialect, start, range.end, out) : env.scripts();
    MigrationContext context(dialect, *sink, scripts, env.version_table(dialect), out,
                             per_migration, &stream);
    context.run_offline(direction, start, range.end);
    out.raw(sql.str());
    return;
  }
  split_range(options.target, false);
  auto db = connect(env);
  const ScriptSet scripts =
      direction == Direction::up
          ? lint_plan(env, dialect, current_heads(env, db), options.target, out)
          : env.scripts();
  const LockedRun run =
      run_locked(env, db, scripts, direction, options.target, options.echo_sql, out);
  if (json::wanted(global)) {
    report(global, direction == Direction::up ? "upgrade" : "downgrade", run, out);
  } else {
    summarize(run, direction, started, out);
  }
}

}  // namespace

void upgrade(const GlobalOptions& global, const MigrateOptions& options, const Output& out) {
  migrate(global, options, out, Direction::up);
}

void downgrade(const GlobalOptions& global, const MigrateOptions& options, const Output& out) {
  migrate(global, options, out, Direction::down);
}

void stamp(const GlobalOptions& global, const StampOptions& options, const Output& out) {
  const Environment env(global, out);
  const Url url = env.url();
  const Dialect& dialect = dialects::find(url);
  std::string target = fmt::format("{}", fmt::join(options.revisions, " "));
  refuse_json_with_sql(global, options.sql);
  if (options.sql) {
    const Range range = split_range(target, true);
    std::ostringstream sql;
    ToggleStream stream(sql);
    auto sink = dialect.offline(url, stream);
    MigrationContext context(dialect, *sink, env.scripts(), env.version_table(dialect), out, false,
                             &stream);
    context.stamp_offline(range.start, range.end, options.purge);
    out.raw(sql.str());
    return;
  }
  auto db = connect(env);
  const LockedRun run = stamp_locked(env, db, target, options.purge, options.echo_sql, out);
  report(global, "stamp", run, out);
}

std::unique_ptr<LockGuard> take_lock(const Dialect& dialect, Database& db,
                                     const VersionTable& version_table, const Output& out,
                                     const LockPolicy& policy) {
  const LockWaitNotice notice(
      out, fmt::format("Waiting for the migration lock on {}: another run holds it",
                       version_table.lock_key()));
  if (!policy.wait) return dialect.lock(*db.connection, version_table.lock_key());
  auto lock = dialect.lock_within(*db.connection, version_table.lock_key(), *policy.wait);
  if (!lock) {
    throw LockTimeout(fmt::format("another run held the migration lock on {} for longer than {}",
                                  version_table.lock_key(), format_duration(*policy.wait)));
  }
  return lock;
}

LockedRun run_locked(const Environment& env, Database& db, const ScriptSet& scripts,
                     Direction direction, std::string_view target, bool echo_sql, const Output& out,
                     const LockPolicy& policy) {
  const Dialect& dialect = *db.dialect;
  VersionTable version_table = env.version_table(db);
  auto lock = take_lock(dialect, db, version_table, out, policy);
  apply_timeouts(dialect, *db.connection, env.config());
  LockedRun run{version_table.read(*db.connection), {}, {}};
  if (direction == Direction::up) check_before_upgrade(env, db, out);  // SPEC §15
  // Named as resolved before the migrations ran: one that changes the search path or the
  // default database must not make the heads after it be read from another table.
  const VersionTable resolved = version_table;
  MigrationContext context(dialect, *db.connection, scripts, std::move(version_table), out,
                           env.config().transaction_per_migration());
  context.set_echo_sql(echo_sql);
  context.run(direction, target);
  run.steps = context.steps_run();
  run.to = resolved.read(*db.connection);
  return run;
}

LockedRun stamp_locked(const Environment& env, Database& db, std::string_view target, bool purge,
                       bool echo_sql, const Output& out, const LockPolicy& policy) {
  const Dialect& dialect = *db.dialect;
  VersionTable version_table = env.version_table(db);
  auto lock = take_lock(dialect, db, version_table, out, policy);
  LockedRun run{version_table.read(*db.connection), {}, {}};
  const VersionTable resolved = version_table;
  MigrationContext context(dialect, *db.connection, env.scripts(), std::move(version_table), out,
                           false);
  context.set_echo_sql(echo_sql);
  context.stamp(target, purge);
  run.steps = context.steps_run();
  run.to = resolved.read(*db.connection);
  return run;
}

}  // namespace migrate::commands
