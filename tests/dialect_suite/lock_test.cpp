// The migration lock (SPEC §10) keeps a second connection out until the first lets go, whatever
// kind of lock the dialect has.
#include <chrono>
#include <future>

#include "dialect_suite/contract.h"

namespace migrate::test {
namespace {

using namespace std::chrono_literals;

// Takes the dialect's lock on `connection` as a command does: its LockGuard for a session lock,
// or, where the write transaction is the lock, begin().
std::unique_ptr<LockGuard> take_lock(const Dialect& dialect, Connection& connection) {
  auto guard = dialect.lock(connection, "alembic_version");
  if (dialect.capabilities().lock == LockKind::transaction) connection.begin();
  return guard;
}

void release_lock(const Dialect& dialect, Connection& connection,
                  std::unique_ptr<LockGuard> guard) {
  if (dialect.capabilities().lock == LockKind::transaction) connection.commit();
  guard.reset();
}

TEST_P(DialectContract, LockKeepsASecondConnectionOutUntilReleased) {
  auto first = connect();
  auto second = connect();
  auto held = take_lock(dialect(), *first);
  auto waiter = std::async(std::launch::async, [&] {
    auto guard = take_lock(dialect(), *second);
    release_lock(dialect(), *second, std::move(guard));
  });
  EXPECT_EQ(waiter.wait_for(500ms), std::future_status::timeout)
      << "the second connection got the lock while the first held it";
  release_lock(dialect(), *first, std::move(held));
  ASSERT_EQ(waiter.wait_for(10s), std::future_status::ready)
      << "the second connection did not get the lock once it was free";
  waiter.get();
}

}  // namespace
}  // namespace migrate::test
