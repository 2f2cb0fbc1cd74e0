// fleet: the same command over many targets (README "Fleet: many databases at once"). Before
// any target is touched: the targets are collected and de-duplicated, the scripts parsed once,
// -j checked against the server's free connections, and a read-only pre-flight reads where each
// target stands (those at the goal are noop, never locked) and refuses two targets that share a
// version table. Then the targets run, -j at a time, each exactly as the single command.
#include "commands/fleet.h"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include "dialects/dialect_program.h"
#include "migrate/core/error.h"

namespace migrate::commands::fleet_run {
namespace {

using Clock = std::chrono::steady_clock;

// Ctrl-C while a fleet runs: the first stops starting targets, the second interrupts the ones
// running. A signal handler can only set a lock-free atomic, so the count is this file's one
// static; it is installed for the run only and the previous handler restored after.
std::atomic<int> g_interrupts{0};

extern "C" void count_interrupt(int) { g_interrupts.fetch_add(1); }

class InterruptScope {
 public:
  explicit InterruptScope(OpenConnections& open) {
    g_interrupts = 0;
    struct sigaction action {};
    action.sa_handler = count_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
    watcher_ = std::jthread([&open](std::stop_token stop) {
      bool interrupted = false;
      while (!stop.stop_requested()) {
        if (!interrupted && g_interrupts.load() >= 2) {
          interrupted = true;
          open.interrupt_all();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  ~InterruptScope() {
    watcher_.request_stop();
    watcher_.join();
    sigaction(SIGINT, &previous_, nullptr);
  }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
  static bool stopping() { return g_interrupts.load() >= 1; }
  static bool interrupted() { return g_interrupts.load() >= 2; }

 private:
  struct sigaction previous_ {};
  std::jthread watcher_;
};

// Every script parsed once, for all workers to share (ScriptSet::parsed is read-only once set).
ScriptSet parsed_scripts(const Environment& env) {
  auto parsed = std::make_shared<ScriptSet::Parsed>();
  for (const auto& [id, info] : env.scripts().by_id) {
    parsed->emplace(id, env.directory().load_script(*info));
  }
  ScriptSet scripts = env.scripts();
  scripts.parsed = std::move(parsed);
  return scripts;
}

// Each server's targets: its first target's URL and how many there are, in target order.
struct ServerShare {
  Url first;
  std::size_t targets = 0;
};

std::vector<ServerShare> servers_of(const Shared& shared, const std::vector<std::string>& targets) {
  std::vector<ServerShare> servers;
  std::map<std::string, std::size_t> index;
  for (const auto& target : targets) {
    std::optional<Url> url;
    try {
      url.emplace(Environment(*shared.env, target_global(shared, target)).url());
    } catch (const Error&) {
      continue;  // pre-flight reports the target failed
    }
    const auto [it, added] = index.emplace(server_of(*url), servers.size());
    if (added) servers.push_back(ServerShare{*url, 0});
    ++servers[it->second].targets;
  }
  return servers;
}

// Whether `server` has room for the connections its share of the targets takes at once: min(-j,
// its targets). Throws Error when not; false when the dialect has no connection limit at all.
bool check_server(const Shared& shared, const ServerShare& server) {
  std::optional<Database> opened;
  try {
    opened.emplace(shared.pool->borrow(server.first));
  } catch (const Error&) {
    return true;  // pre-flight reports the target unreachable
  } catch (const dialects::DialectProgram&) {
    return false;  // pre-flight reports the target failed
  }
  Database& db = *opened;
  const auto room = db.dialect->connection_room(*db.connection);
  if (!room) return false;
  const std::size_t jobs = std::min(shared.settings->jobs, server.targets);
  // This connection is counted in use, and is the one a worker goes on with.
  const std::size_t in_use = room->in_use > 0 ? room->in_use - 1 : 0;
  const std::size_t free = room->allowed > in_use ? room->allowed - in_use : 0;
  if (jobs > free) {
    throw Error(fmt::format(
        "-j {} needs {} connections to {}, which has {} free ({} allowed, {} in use); lower -j",
        shared.settings->jobs, jobs, db.url.masked(), free, room->allowed, in_use));
  }
  shared.pool->give_back(std::move(db));
  return true;
}

// -j N holds up to N connections at once: refuse before any target is touched when a server the
// targets resolve to has fewer free, checking every server, not only the first target's.
void check_connections(const Shared& shared, const std::vector<std::string>& targets) {
  for (const auto& server : servers_of(shared, targets)) {
    if (!check_server(shared, server)) return;  // no limit (SQLite): none on any server
  }
}

// Two targets on one version table would take one lock and migrate one database twice.
void refuse_shared_tables(const std::vector<Preflight>& checked, const std::string& bind) {
  std::map<std::string, const std::string*> owner;
  for (const auto& p : checked) {
    if (p.version_table.empty()) continue;
    const auto [it, inserted] = owner.emplace(p.version_table, &p.record.target);
    if (!inserted) {
      throw Error(fmt::format(
          "Targets '{}' and '{}' resolve to the same version table ({}); does the config's URL "
          "or version_table_schema use %(x.{})s?",
          *it->second, p.record.target, p.version_table, bind));
    }
  }
}

std::vector<Preflight> run_preflight(const Shared& shared,
                                     const std::vector<std::string>& targets) {
  std::vector<Preflight> checked(targets.size());
  run_pool(
      targets.size(), shared.settings->jobs, 0, [] { return false; },
      [&](std::size_t i) { checked[i] = preflight(shared, targets[i]); });
  return checked;
}

bool too_many_failures(const Settings& settings, const Progress& progress, bool canary_failed) {
  if (InterruptScope::stopping() || canary_failed) return true;
  return settings.max_failures && progress.failures() >= *settings.max_failures;
}

// Runs what pre-flight left to run; fills `records` (indexed as `checked`).
void run_targets(const Shared& shared, const std::vector<Preflight>& checked,
                 std::vector<Record>& records, Progress& progress) {
  const Settings& s = *shared.settings;
  std::vector<std::size_t> to_run;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    records[i] = checked[i].record;
    if (checked[i].final) {
      progress.finished(records[i]);
    } else {
      to_run.push_back(i);
    }
  }
  OpenConnections open;
  const InterruptScope interrupts(open);
  std::atomic<bool> canary_failed{false};
  std::vector<char> started(checked.size(), 0);  // one writer per element
  run_pool(
      to_run.size(), s.jobs, s.canary,
      [&] { return too_many_failures(s, progress, canary_failed); },
      [&](std::size_t k) {
        const std::size_t i = to_run[k];
        started[i] = 1;
        progress.started();
        Record record = run_target(shared, checked[i].record.target, open);
        if (InterruptScope::interrupted() && record.status == Status::failed) {
          record.error = "interrupted: " + record.error;
        }
        if (k < s.canary && !succeeded(record.status)) canary_failed = true;
        records[i] = record;
        progress.finished(record);
      });
  for (const std::size_t i : to_run) {
    if (started[i]) continue;
    records[i].status = Status::not_attempted;
    records[i].error.clear();
    progress.finished(records[i]);
  }
}

// `fleet current`: how many targets sit at each revision.
void print_revision_counts(const std::vector<Record>& records, const Output& out) {
  std::map<std::string, std::size_t> at;
  for (const auto& record : records) {
    if (!record.to) continue;
    const std::string where =
        record.to->empty() ? "base" : fmt::format("{}", fmt::join(*record.to, ", "));
    ++at[where];
  }
  for (const auto& [where, n] : at) out.data(fmt::format("{:>7}  {}", n, where));
}

int exit_status(const std::vector<Record>& records) {
  bool pending = false;
  for (const auto& record : records) {
    if (!succeeded(record.status)) return kExitFailure;
    pending = pending || record.status == Status::pending;
  }
  return pending ? kExitPending : 0;
}

}  // namespace

}  // namespace migrate::commands::fleet_run

namespace migrate::commands {

int fleet(const GlobalOptions& global, const FleetOptions& options, const Output& out) {
  using namespace fleet_run;
  const auto started = Clock::now();
  const Environment env(global, out);
  const Settings settings = resolve_settings(options, env.config());
  // The URL's dialect, with a stand-in target, before anything is read or run: a dialect that
  // is its own program takes the whole command over here, stdin (--targets -) still unread.
  GlobalOptions probe = global;
  probe.x[settings.bind] = "fleet-target";
  (void)dialects::find(Url::parse(Config::load(probe).url()));
  const auto targets = collect_targets(settings, env);
  ConnectionPool pool(settings.jobs);
  Shared shared{&env, global, &settings, env.scripts(), &pool};
  std::vector<Record> records(targets.size());
  if (!targets.empty()) {
    if (settings.command == "upgrade" || settings.command == "downgrade") {
      shared.scripts = parsed_scripts(env);
    }
    check_connections(shared, targets);
    const auto checked = run_preflight(shared, targets);
    if (changes_databases(settings)) refuse_shared_tables(checked, settings.bind);
    Progress progress(out, isatty(STDERR_FILENO) == 1, targets.size(), out.quiet());
    run_targets(shared, checked, records, progress);
    progress.end();
  }
  if (options.report) write_report(*options.report, records);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (settings.command == "current" && settings.format == "text") {
    print_revision_counts(records, out);
  }
  print_results(settings, records, took, out);
  return exit_status(records);
}

}  // namespace migrate::commands
