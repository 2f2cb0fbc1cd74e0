// fleet's workers: threads in this one process, each target on its own connection.
#include <thread>

#include "commands/fleet.h"

namespace migrate::commands::fleet_run {

void OpenConnections::add(Connection* connection) {
  const std::lock_guard lock(mutex_);
  open_.insert(connection);
}

void OpenConnections::remove(Connection* connection) {
  const std::lock_guard lock(mutex_);
  open_.erase(connection);
}

void OpenConnections::interrupt_all() {
  const std::lock_guard lock(mutex_);
  for (auto* connection : open_) connection->interrupt();
}

void run_pool(std::size_t count, std::size_t jobs, std::size_t canary,
              const std::function<bool()>& stop, const std::function<void(std::size_t)>& work) {
  std::size_t next = 0;
  for (; next < std::min(canary, count); ++next) {
    if (stop()) return;
    work(next);
  }
  std::atomic<std::size_t> shared_next{next};
  const auto worker = [&] {
    while (!stop()) {
      const std::size_t i = shared_next.fetch_add(1);
      if (i >= count) return;
      work(i);
    }
  };
  std::vector<std::jthread> threads;
  const std::size_t n = std::min(jobs, count - next);
  for (std::size_t t = 1; t < n; ++t) threads.emplace_back(worker);
  if (n > 0) worker();
}

}  // namespace migrate::commands::fleet_run
