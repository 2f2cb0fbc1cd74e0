// fleet's idle connections: a worker borrows one for each target (pre-flight, then the run) and
// gives it back when the target is done, so that a worker logs in once, not once per target
// and phase (a scram-sha-256 login costs more than a no-op target's reads).
#include <fmt/format.h>

#include <algorithm>

#include "commands/fleet.h"

namespace migrate::commands::fleet_run {

ConnectionPool::ConnectionPool(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1)) {}

std::optional<Database> ConnectionPool::take_switchable(const Dialect& dialect, const Url& url,
                                                        Use use, std::optional<Database>& evicted) {
  const std::lock_guard lock(mutex_);
  for (auto it = idle_.begin(); it != idle_.end(); ++it) {
    if (it->dialect == &dialect && dialect.can_switch(it->url, url) &&
        (use == Use::reads || dialect.may_migrate_on(it->login.value_or(it->url), url))) {
      Database found = std::move(*it);
      idle_.erase(it);
      return found;
    }
  }
  // None will do: the oldest idle one is closed for the new login, so that no more than
  // `capacity_` connections are open at once (every worker holds one at most).
  if (!idle_.empty()) {
    evicted.emplace(std::move(idle_.front()));
    idle_.pop_front();
  }
  return std::nullopt;
}

Database ConnectionPool::borrow(const Url& url, Use use) {
  const Dialect& dialect = dialects::find(url);
  std::optional<Database> evicted;  // closed outside the mutex
  if (auto db = take_switchable(dialect, url, use, evicted)) {
    try {
      dialect.switch_connection(*db->connection, db->url, url);
      if (!db->login) db->login = db->url;
      db->url = url;
      return std::move(*db);
    } catch (const Error&) {
      // A session that cannot be reset is closed (by leaving this scope); a new login follows.
    }
  }
  evicted.reset();
  return Database{&dialect, dialect.connect(url), url};
}

void ConnectionPool::give_back(Database db) {
  std::optional<Database> closed;  // closed outside the mutex
  const std::lock_guard lock(mutex_);
  if (idle_.size() < capacity_) {
    idle_.push_back(std::move(db));
  } else {
    closed.emplace(std::move(db));
  }
}

std::string server_of(const Url& url) {
  return fmt::format("{}://{}:{}", url.scheme(), url.host().value_or(""),
                     url.port() ? std::to_string(*url.port()) : std::string());
}

}  // namespace migrate::commands::fleet_run
