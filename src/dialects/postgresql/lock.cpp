#include "dialects/postgresql/lock.h"

#include <fmt/format.h>

#include <thread>

namespace migrate::postgresql {
namespace {

class AdvisoryLock final : public LockGuard {
 public:
  AdvisoryLock(Connection& connection, std::int64_t id) : connection_(&connection), id_(id) {}
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

  ~AdvisoryLock() override {
    try {
      connection_->query(fmt::format("SELECT pg_advisory_unlock({})", id_));
    } catch (...) {
      // A connection that cannot unlock is broken, and a broken session releases its advisory
      // locks when it ends; nothing is left held either way.
    }
  }

 private:
  Connection* connection_;
  std::int64_t id_;
};

}  // namespace

std::int64_t lock_id(std::string_view key) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;  // FNV 64 prime
  }
  return static_cast<std::int64_t>(hash);  // two's complement since C++20
}

std::unique_ptr<LockGuard> advisory_lock(Connection& connection, std::string_view key) {
  if (connection.offline()) return std::make_unique<LockGuard>();
  const auto id = lock_id(key);
  connection.query(fmt::format("SELECT pg_advisory_lock({})", id));
  return std::make_unique<AdvisoryLock>(connection, id);
}

std::unique_ptr<LockGuard> advisory_lock_within(Connection& connection, std::string_view key,
                                                std::chrono::milliseconds wait) {
  if (connection.offline()) return std::make_unique<LockGuard>();
  const auto id = lock_id(key);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    const auto rows = connection.query(fmt::format("SELECT pg_try_advisory_lock({})", id));
    if (!rows.empty() && !rows.front().empty() && rows.front().front() == "t") {
      return std::make_unique<AdvisoryLock>(connection, id);
    }
    if (std::chrono::steady_clock::now() >= deadline) return nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace migrate::postgresql
