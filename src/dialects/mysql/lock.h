#pragma once
// The migration lock on MySQL and MariaDB (SPEC §10, §13): GET_LOCK on a name derived from the
// database and the version table, held by the session for the whole command and released by
// the server when the session ends, even if migrate is killed. A Galera cluster does not share
// it between nodes.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "migrate/dialects/connection.h"

namespace migrate::mysql {

// The lock's name: "migrate:<database>.<key>", or its hash when that is longer than the 64
// characters GET_LOCK takes.
std::string lock_name(std::string_view database, std::string_view key);

// Blocks until the lock is free. Throws Error if the server refuses it.
std::unique_ptr<LockGuard> named_lock(Connection& connection, std::string_view name);
// The same, trying every 50 ms (GET_LOCK with no wait) for `wait`; nullptr when it stayed taken.
std::unique_ptr<LockGuard> named_lock_within(Connection& connection, std::string_view name,
                                             std::chrono::milliseconds wait);

}  // namespace migrate::mysql
