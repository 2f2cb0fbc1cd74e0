#pragma once
// The part of `upgrade`, `downgrade` and `stamp` that runs once the database is open: take the
// migration lock, apply the session timeouts, run. A single command and each target of a fleet
// (fleet.cpp) run exactly this.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/environment.h"

namespace migrate::commands {

// What a run did: the heads it found under the lock, the steps, and the heads it left.
struct LockedRun {
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::vector<StepRun> steps;
};

// How a run waits for the migration lock another run holds: `wait` nullopt waits as long as it
// takes (a single command); otherwise the dialect gives up after it (LockTimeout).
struct LockPolicy {
  std::optional<std::chrono::milliseconds> wait;
};

// The dialect's migration lock; a wait of more than a second is announced on `out`.
std::unique_ptr<LockGuard> take_lock(const Dialect& dialect, Database& db,
                                     const VersionTable& version_table, const Output& out,
                                     const LockPolicy& policy = {});

// upgrade/downgrade to `target` on `db` with `scripts` (parsed ones are not parsed again).
LockedRun run_locked(const Environment& env, Database& db, const ScriptSet& scripts,
                     Direction direction, std::string_view target, bool echo_sql, const Output& out,
                     const LockPolicy& policy = {});

// stamp to `target` (revisions separated by spaces).
LockedRun stamp_locked(const Environment& env, Database& db, std::string_view target, bool purge,
                       bool echo_sql, const Output& out, const LockPolicy& policy = {});

}  // namespace migrate::commands
