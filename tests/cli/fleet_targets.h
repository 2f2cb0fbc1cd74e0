#pragma once
// The targets a fleet test runs `migrate fleet` over, one set per dialect: SQLite files that
// migrate creates on first connect, PostgreSQL schemas in the test's database (reached through
// the search_path, each with its own version table), MariaDB databases. Each set is built in one
// batch and read back in a few queries, so that hundreds of targets stay cheap.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/e2e.h"

namespace migrate::test {

// What one target holds: its version table's rows, its tables (without the version and history
// tables) and how many rows its `applied` log table has (-1 without one).
struct TargetState {
  std::vector<std::string> versions;
  std::set<std::string> tables;
  long applied = -1;
};

class Targets {
 public:
  virtual ~Targets() = default;
  // The [alembic] lines that point a single-database command at target %(x.tenant)s.
  virtual std::string config_lines() const = 0;
  // Creates the targets (a no-op where migrate creates them on first connect).
  virtual void create(const std::vector<std::string>& names) = 0;
  // Runs SQL inside one target (its schema or database is the default one).
  virtual void execute_in(const std::string& target, const std::string& sql) = 0;
  // Every named target's state, in a few queries.
  virtual std::map<std::string, TargetState> states(const std::vector<std::string>& names) = 0;
  // Holds the target's migration lock as another `migrate` run would, until the handle goes.
  virtual std::shared_ptr<void> hold_lock(const std::string& target) = 0;
  // An `execute` statement that takes about `seconds` inside a migration.
  virtual std::string slow_sql(double seconds) const = 0;
  // An `execute` statement that points the session away from the target for the rest of the
  // session (search_path, default database), so that a connection reused for the next target
  // without a reset would put that target's tables elsewhere; "" where sessions are not reused.
  virtual std::string session_change_sql() const { return ""; }
  // An `execute` statement that puts a session setting back to what the login made it
  // (PostgreSQL's RESET of a URL `options` setting); "" where the URL sets nothing such.
  virtual std::string restore_session_sql() const { return ""; }
};

// The set for `dialect`, inside the test's folder `dir` (SQLite), the test's database at `url`
// (PostgreSQL schemas) or beside it on the same server (MariaDB); `db` is that database.
std::unique_ptr<Targets> make_targets(const std::string& dialect, const std::filesystem::path& dir,
                                      const std::string& url, Backend& db);

// t001, t002, ... t<count>.
std::vector<std::string> target_names(int count);

// The fleet tests' history: three revisions, each creating a table and logging itself in
// `applied`, so that a revision run twice on one target shows.
inline const std::string kFleetFirst = "f00000000001";
inline const std::string kFleetHead = "f00000000003";
inline const std::set<std::string> kFleetTables{"alpha", "applied", "beta", "gamma"};

// At kFleetHead with every table and each revision logged once; or never touched.
bool at_head(const TargetState& state);
bool untouched(const TargetState& state);
// For failure messages.
std::string describe(const TargetState& state);

}  // namespace migrate::test
