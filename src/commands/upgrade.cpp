// upgrade, downgrade and stamp: the commands that change the database (Alembic's command.py).
#include <fmt/format.h>

#include <sstream>

#include "commands/environment.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"

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

void migrate(const GlobalOptions& global, const MigrateOptions& options, const Output& out,
             Direction direction) {
  const Environment env(global, out);
  const Url url = env.url();
  const Dialect& dialect = dialects::find(url);
  const bool per_migration = env.config().transaction_per_migration();
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
    MigrationContext context(dialect, *sink, env.scripts(), env.version_table(dialect), out,
                             per_migration, &stream);
    context.run_offline(direction, range.start, range.end);
    out.raw(sql.str());
    return;
  }
  split_range(options.target, false);
  auto db = connect(env);
  VersionTable version_table = env.version_table(db);
  auto lock = dialect.lock(*db.connection, version_table.lock_key());
  MigrationContext context(dialect, *db.connection, env.scripts(), std::move(version_table), out,
                           per_migration);
  context.run(direction, options.target);
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
  VersionTable version_table = env.version_table(db);
  auto lock = dialect.lock(*db.connection, version_table.lock_key());
  MigrationContext context(dialect, *db.connection, env.scripts(), std::move(version_table), out,
                           false);
  context.stamp(target, options.purge);
}

}  // namespace migrate::commands
