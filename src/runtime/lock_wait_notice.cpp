#include "migrate/runtime/lock_wait_notice.h"

namespace migrate {

LockWaitNotice::LockWaitNotice(const Output& output, std::string message,
                               std::chrono::milliseconds after)
    : thread_([this, &output, message = std::move(message), after] {
        std::unique_lock lock(mutex_);
        if (!done_.wait_for(lock, after, [this] { return finished_; })) output.progress(message);
      }) {}

LockWaitNotice::~LockWaitNotice() {
  {
    const std::lock_guard lock(mutex_);
    finished_ = true;
  }
  done_.notify_one();
  thread_.join();
}

}  // namespace migrate
