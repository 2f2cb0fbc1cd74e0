#pragma once
// The migration lock (SPEC §10): a session-level pg_advisory_lock, held from before the version
// table is read until the command ends. Session-level, not transaction-level, because a command
// commits several times (transaction_per_migration, `transactional: false` scripts) and must
// keep the lock across all of them. A crashed process loses its session and with it the lock.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "migrate/dialects/connection.h"

namespace migrate::postgresql {

// The advisory lock id for `key` (the version table's "schema.name"): FNV-1a 64 of its bytes,
// read as a signed bigint. Stable across runs, builds and machines, so every migrate process
// pointed at one version table contends for the same lock.
std::int64_t lock_id(std::string_view key);

// Blocks until the lock is free, then holds it until the returned guard is destroyed. On the
// --sql sink it takes nothing: offline output has no session to lock.
std::unique_ptr<LockGuard> advisory_lock(Connection& connection, std::string_view key);
// The same, trying every 50 ms (pg_try_advisory_lock) for `wait`; nullptr when it stayed taken.
std::unique_ptr<LockGuard> advisory_lock_within(Connection& connection, std::string_view key,
                                                std::chrono::milliseconds wait);

}  // namespace migrate::postgresql
