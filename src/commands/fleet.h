#pragma once
// `migrate fleet`: the pieces of one command run over many targets (README "Fleet: many
// databases at once"). fleet.cpp puts them together: targets (fleet_targets.cpp), the settings
// from options and [fleet] (fleet_settings.cpp), pre-flight and one target's run
// (fleet_target.cpp), the pool of workers (fleet_pool.cpp), and what is printed and written
// (fleet_report.cpp).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "commands/environment.h"
#include "commands/locked_run.h"
#include "migrate/commands/commands.h"

namespace migrate::commands::fleet_run {

// What became of one target. Successes: upgraded, downgraded, stamped, noop (already at the
// goal), ok (a read-only command), pending (`fleet status`: migrations to run).
enum class Status {
  upgraded,
  downgraded,
  stamped,
  noop,
  ok,
  pending,
  failed,
  not_attempted,
  unreachable,
  lock_timeout,
};
inline constexpr std::size_t kStatusCount = 10;
[[nodiscard]] std::string_view name(Status status);
[[nodiscard]] std::optional<Status> status_named(std::string_view word);
[[nodiscard]] bool succeeded(Status status);

// One record of --report, --format jsonl and json.
struct Record {
  std::string target;
  std::optional<std::vector<std::string>> from;  // heads before; nullopt: not read
  std::optional<std::vector<std::string>> to;    // heads after
  Status status = Status::not_attempted;
  std::chrono::milliseconds duration{0};
  std::string error;
};

// --shard I/N: the targets whose name hashes to share I (1-based) of N.
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;
};

// Options and [fleet], resolved (fleet_settings.cpp). Options win over the config.
struct Settings {
  std::string command;
  std::vector<std::string> args;
  std::string bind = "tenant";
  std::size_t jobs = 1;
  std::size_t canary = 0;
  std::optional<std::size_t> max_failures = 1;  // nullopt: all
  std::optional<Shard> shard;
  LockPolicy lock;
  std::string format = "text";
  // Where targets come from: exactly one of these.
  std::optional<std::string> targets_file, targets_glob, targets_sql, from_report;
  std::set<Status> only;  // --only: the statuses --from-report selects; empty: all
};
[[nodiscard]] Settings resolve_settings(const FleetOptions& options, const Config& config);
// The text of a command for messages: "upgrade head".
[[nodiscard]] std::string command_line(const Settings& settings);
[[nodiscard]] bool changes_databases(const Settings& settings);

// The targets, in order, de-duplicated (first one kept), and the shard's share of them.
[[nodiscard]] std::vector<std::string> collect_targets(const Settings& settings,
                                                       const Environment& env);
[[nodiscard]] std::vector<std::string> shard_of(const std::vector<std::string>& targets,
                                                const Shard& shard);
// The records of a --report file, in order (fleet_report.cpp).
[[nodiscard]] std::vector<Record> read_report(const std::string& path);

// scheme://host:port: what the -j check counts connections on.
[[nodiscard]] std::string server_of(const Url& url);

// The fleet's idle connections (fleet_connections.cpp), at most `capacity` (-j): pre-flight and
// the runs borrow one per target and give it back clean, so that a worker logs in once and the
// dialect switches the session to each next target (Dialect::can_switch). What is given back
// must be idle: no transaction open, no lock held; a connection whose run failed or was
// interrupted is never given back, but closed.
class ConnectionPool {
 public:
  explicit ConnectionPool(std::size_t capacity);
  // What a borrowed connection is for: the fleet's own reads, or a target's run, which runs
  // the scripts' statements (Dialect::may_migrate_on).
  enum class Use { reads, migration };
  // A connection to `url`, as fresh as a new login: an idle one switched to it, else a new one
  // (dialects::find and Dialect::connect errors pass through).
  [[nodiscard]] Database borrow(const Url& url, Use use = Use::reads);
  void give_back(Database db);

 private:
  std::optional<Database> take_switchable(const Dialect& dialect, const Url& url, Use use,
                                          std::optional<Database>& evicted);
  std::mutex mutex_;
  std::size_t capacity_;
  std::deque<Database> idle_;
};

// What every worker shares, read-only once the run starts (the pool locks itself).
struct Shared {
  const Environment* env = nullptr;  // the scripts, loaded and parsed once
  GlobalOptions global;              // -x without the bound key
  const Settings* settings = nullptr;
  ScriptSet scripts;  // with every script parsed (upgrade, downgrade)
  ConnectionPool* pool = nullptr;
};
// The global options of one target: -x BIND=NAME added.
[[nodiscard]] GlobalOptions target_global(const Shared& shared, const std::string& target);

// Connections a run has open, so that a second Ctrl-C can interrupt them (fleet_pool.cpp).
class OpenConnections {
 public:
  void add(Connection* connection);
  void remove(Connection* connection);
  void interrupt_all();

 private:
  std::mutex mutex_;
  std::set<Connection*> open_;
};

// Pre-flight of one target (read-only): where it stands, whether it is at the goal already, and
// which version table it names. A record whose status is set is final (noop, unreachable,
// failed); otherwise the target runs.
struct Preflight {
  Record record;
  bool final = false;
  std::string version_table;  // identity of the version table: server, database, schema.table
  std::string server;         // scheme://host:port, for the connection check
};
[[nodiscard]] Preflight preflight(const Shared& shared, const std::string& target);
// One target's run, exactly as the single command runs it, its output captured.
[[nodiscard]] Record run_target(const Shared& shared, const std::string& target,
                                OpenConnections& open);

// Runs `work` for each index in `count`, on `jobs` threads, the first `canary` one at a time.
// `stop()` is asked before each start; what was never started is left alone.
void run_pool(std::size_t count, std::size_t jobs, std::size_t canary,
              const std::function<bool()>& stop, const std::function<void(std::size_t)>& work);

// The run's progress: counts, the live line on a terminal, FAILED lines, the summary.
class Progress {
 public:
  Progress(const Output& out, bool terminal, std::size_t total, bool quiet);
  void started();
  void finished(const Record& record);  // prints FAILED for a failure
  void end();                           // clears the live line
  [[nodiscard]] std::size_t failures() const;

 private:
  void draw();
  const Output* out_;
  bool terminal_;
  bool quiet_;
  std::size_t total_;
  mutable std::mutex mutex_;
  std::size_t done_ = 0;
  std::size_t running_ = 0;
  std::size_t failures_ = 0;
  std::map<Status, std::size_t> counts_;
};

// What is printed at the end: the text summary, jsonl records, or the migrate.fleet/1 document;
// and --report's file.
void print_results(const Settings& settings, const std::vector<Record>& records,
                   std::chrono::milliseconds took, const Output& out);
void write_report(const std::string& path, const std::vector<Record>& records);
[[nodiscard]] std::string record_json(const Record& record);

}  // namespace migrate::commands::fleet_run
