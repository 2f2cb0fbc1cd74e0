#pragma once
// Says on stderr that a run is waiting for another run's lock, once the wait has lasted a
// second, so that a run queued behind a long migration does not look hung. A thread waits on a
// condition variable next to the blocking call; the call's return (the destructor) cancels it.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "migrate/core/output.h"

namespace migrate {

class LockWaitNotice {
 public:
  LockWaitNotice(const Output& output, std::string message,
                 std::chrono::milliseconds after = std::chrono::seconds(1));
  ~LockWaitNotice();
  LockWaitNotice(const LockWaitNotice&) = delete;
  LockWaitNotice& operator=(const LockWaitNotice&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace migrate
