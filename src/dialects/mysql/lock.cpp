#include "dialects/mysql/lock.h"

#include <fmt/format.h>

#include <cstdint>
#include <thread>

#include "dialects/mysql/quoting.h"
#include "migrate/core/error.h"

namespace migrate::mysql {
namespace {

constexpr std::size_t kMaxName = 64;
// GET_LOCK's wait in seconds: a year stands for "until it is free" on MySQL and MariaDB alike.
constexpr long kWaitSeconds = 365L * 24 * 3600;

class NamedLock final : public LockGuard {
 public:
  NamedLock(Connection& connection, std::string name)
      : connection_(&connection), name_(std::move(name)) {}
  ~NamedLock() override {
    try {
      connection_->execute("DO RELEASE_LOCK(" + quote_literal(name_) + ")");
    } catch (...) {
      // The server releases it anyway when the session ends, which follows right after.
    }
  }

 private:
  Connection* connection_;
  std::string name_;
};

}  // namespace

std::string lock_name(std::string_view database, std::string_view key) {
  std::string name = fmt::format("migrate:{}.{}", database, key);
  if (name.size() <= kMaxName) return name;
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a, as the PostgreSQL lock's key
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("migrate:{:016x}", hash);
}

std::unique_ptr<LockGuard> named_lock(Connection& connection, std::string_view name) {
  const auto rows =
      connection.query(fmt::format("SELECT GET_LOCK({}, {})", quote_literal(name), kWaitSeconds));
  if (rows.empty() || rows.front().empty() || rows.front().front() != "1") {
    throw Error(fmt::format("Could not take the migration lock '{}' (GET_LOCK)", name));
  }
  return std::make_unique<NamedLock>(connection, std::string(name));
}

std::unique_ptr<LockGuard> named_lock_within(Connection& connection, std::string_view name,
                                             std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    const auto rows = connection.query(fmt::format("SELECT GET_LOCK({}, 0)", quote_literal(name)));
    if (!rows.empty() && !rows.front().empty() && rows.front().front() == "1") {
      return std::make_unique<NamedLock>(connection, std::string(name));
    }
    if (std::chrono::steady_clock::now() >= deadline) return nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace migrate::mysql
