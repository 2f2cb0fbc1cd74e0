// One target of a fleet: its pre-flight (read-only) and its run, which is the single command's
// own code with the output captured: a fleet prints one result per target, not Alembic's lines.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "commands/fleet.h"
#include "dialects/dialect_program.h"
#include "migrate/core/error.h"
#include "migrate/core/secrets.h"

namespace migrate::commands::fleet_run {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
}

// Output that keeps what a command prints, for nobody: a fleet reports per target.
struct Captured {
  std::ostringstream data, log;
  Output out{data, log, false, false};
};

// A target's connection as the run sees it: once interrupted (a second Ctrl-C), the statement
// running is cancelled by the dialect and every later statement fails, so that the runner rolls
// back what is open instead of carrying on between statements.
class Interruptible final : public Connection {
 public:
  explicit Interruptible(std::unique_ptr<Connection> inner) : inner_(std::move(inner)) {}
  void execute(std::string_view sql) override {
    check();
    inner_->execute(sql);
  }
  std::vector<Row> query(std::string_view sql) override {
    check();
    return inner_->query(sql);
  }
  void begin() override {
    check();
    inner_->begin();
  }
  void commit() override {
    check();
    inner_->commit();
  }
  void rollback() noexcept override { inner_->rollback(); }
  void interrupt() noexcept override {
    interrupted_ = true;
    inner_->interrupt();
  }
  [[nodiscard]] bool interrupted() const { return interrupted_; }
  // The dialect's connection, for the pool once the run is done.
  [[nodiscard]] std::unique_ptr<Connection> release() { return std::move(inner_); }

 private:
  void check() const {
    if (interrupted_) throw Error("interrupted (Ctrl-C twice)");
  }
  std::unique_ptr<Connection> inner_;
  std::atomic<bool> interrupted_{false};
};

// Registers an open connection for a second Ctrl-C while it is open.
class Registered {
 public:
  Registered(OpenConnections& open, Connection* connection) : open_(&open), conn_(connection) {
    open_->add(conn_);
  }
  ~Registered() { open_->remove(conn_); }
  Registered(const Registered&) = delete;
  Registered& operator=(const Registered&) = delete;

 private:
  OpenConnections* open_;
  Connection* conn_;
};

std::string database_of(const Url& url) {
  if (url.database().empty() || url.host()) return url.database();
  std::error_code error;  // a file: the same file however the URL spells it
  const auto path = std::filesystem::weakly_canonical(url.database(), error);
  return error ? url.database() : path.string();
}

// Whether `heads` are where the command would leave them: nothing to run.
bool at_goal(const Shared& shared, const std::vector<std::string>& heads) {
  const auto& graph = shared.env->graph();
  const auto& s = *shared.settings;
  if (s.command == "upgrade") return upgrade_plan(graph, heads, s.args.front()).steps.empty();
  if (s.command == "downgrade") return downgrade_plan(graph, heads, s.args.front()).steps.empty();
  auto after = stamp_heads(graph, heads, fmt::format("{}", fmt::join(s.args, " ")), false);
  auto before = heads;
  std::sort(after.begin(), after.end());
  std::sort(before.begin(), before.end());
  return after == before;
}

Status done_status(const Settings& settings, bool changed) {
  if (!changed) return Status::noop;
  if (settings.command == "upgrade") return Status::upgraded;
  if (settings.command == "downgrade") return Status::downgraded;
  return Status::stamped;
}

// The read-only commands, run as they run alone.
Record run_read_only(const Shared& shared, const std::string& target, Record record) {
  const auto global = target_global(shared, target);
  Captured captured;
  const auto& command = shared.settings->command;
  if (command == "current") {
    const Environment env(*shared.env, global);
    auto db = shared.pool->borrow(env.url());
    record.from = current_heads(env, db);
    record.to = record.from;
    record.status = Status::ok;
    shared.pool->give_back(std::move(db));
  } else if (command == "check") {
    commands::check(global, CheckOptions{}, captured.out);
    record.status = Status::ok;
  } else {
    const int code = commands::status(global, StatusOptions{}, captured.out);
    record.status = code == kExitPending ? Status::pending : Status::ok;
  }
  return record;
}

Record run_changing(const Shared& shared, const std::string& target, OpenConnections& open,
                    Record record) {
  const Environment env(*shared.env, target_global(shared, target));
  std::optional<Database> opened;
  try {
    opened.emplace(shared.pool->borrow(env.url(), ConnectionPool::Use::migration));
  } catch (const Error& e) {
    record.status = Status::unreachable;
    record.error = e.what();
    return record;
  }
  Database& db = *opened;
  auto owned = std::make_unique<Interruptible>(std::move(db.connection));
  Interruptible& connection = *owned;
  db.connection = std::move(owned);
  std::optional<Registered> registered(std::in_place, open, &connection);
  Captured captured;
  const auto& s = *shared.settings;
  LockedRun run;
  if (s.command == "stamp") {
    run = stamp_locked(env, db, fmt::format("{}", fmt::join(s.args, " ")), false, false,
                       captured.out, s.lock);
  } else {
    run = run_locked(env, db, shared.scripts,
                     s.command == "upgrade" ? Direction::up : Direction::down, s.args.front(),
                     false, captured.out, s.lock);
  }
  record.from = run.from;
  record.to = run.to;
  record.status = done_status(s, s.command == "stamp" ? run.from != run.to : !run.steps.empty());
  // Done and committed, its lock released (RAII inside the run): the next target may have it.
  // A run that threw never gets here, and its connection closes with `opened`.
  registered.reset();  // no second Ctrl-C reaches it from here on
  if (!connection.interrupted()) {
    db.connection = connection.release();
    shared.pool->give_back(std::move(db));
  }
  return record;
}

}  // namespace

GlobalOptions target_global(const Shared& shared, const std::string& target) {
  GlobalOptions global = shared.global;
  global.x[shared.settings->bind] = target;
  global.quiet = true;
  return global;
}

Preflight preflight(const Shared& shared, const std::string& target) {
  const auto started = Clock::now();
  Preflight result;
  result.record.target = target;
  try {
    const Environment env(*shared.env, target_global(shared, target));
    const Url url = env.url();
    result.server = server_of(url);
    std::optional<Database> opened;
    try {
      opened.emplace(shared.pool->borrow(url));
    } catch (const Error& e) {
      result.record.status = Status::unreachable;
      result.record.error = mask_credentials(e.what());
      result.final = true;
      return result;
    }
    Database& db = *opened;
    const VersionTable table = env.version_table(db);
    result.version_table =
        fmt::format("{}/{}/{}", result.server, database_of(url), table.lock_key());
    result.record.from = current_heads(env, db);
    if (changes_databases(*shared.settings) && at_goal(shared, *result.record.from)) {
      result.record.to = result.record.from;
      result.record.status = Status::noop;
      result.final = true;
    }
    // Only read: a run (of this target or another) may have the connection.
    shared.pool->give_back(std::move(db));
  } catch (const dialects::DialectProgram& other) {
    result.record.status = Status::failed;
    result.record.error = fmt::format(
        "its URL names the {} dialect, and a fleet's targets must all share one", other.dialect);
    result.final = true;
  } catch (const std::exception& e) {
    result.record.status = Status::failed;
    result.record.error = mask_credentials(e.what());
    result.final = true;
  }
  result.record.duration = since(started);
  return result;
}

Record run_target(const Shared& shared, const std::string& target, OpenConnections& open) {
  const auto started = Clock::now();
  Record record;
  record.target = target;
  try {
    record = changes_databases(*shared.settings) ? run_changing(shared, target, open, record)
                                                 : run_read_only(shared, target, record);
  } catch (const dialects::DialectProgram& other) {
    record.status = Status::failed;
    record.error = fmt::format(
        "its URL names the {} dialect, and a fleet's targets must all share one", other.dialect);
  } catch (const LockTimeout& e) {
    record.status = Status::lock_timeout;
    record.error = e.what();
  } catch (const std::exception& e) {
    record.status = Status::failed;
    record.error = e.what();
  }
  record.error = mask_credentials(record.error);
  record.duration = since(started);
  return record;
}

}  // namespace migrate::commands::fleet_run
