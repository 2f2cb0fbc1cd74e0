// The migration lock (SPEC §10): pg_advisory_lock held by a guard, contended across sessions.
#include "dialects/postgresql/lock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <sstream>

#include "pg_test_support.h"

namespace migrate::postgresql {
namespace {

using namespace std::chrono_literals;
using testing::FreshDatabase;
using testing::pg;
using testing::value;

TEST(LockId, IsFnv1a64OfTheKey) {
  EXPECT_EQ(lock_id("alembic_version"), 7588250646904814155LL);
  EXPECT_EQ(lock_id(""), static_cast<std::int64_t>(14695981039346656037ULL));
  EXPECT_NE(lock_id("app.alembic_version"), lock_id("alembic_version"));
}

// Whether `connection`'s session holds the advisory lock for `key`.
bool holds(Connection& connection, Connection& observer, std::string_view key) {
  const auto id = lock_id(key);
  // pg_locks splits a bigint advisory key into two 32-bit halves.
  return value(observer,
               "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = " +
                   value(connection, "SELECT pg_backend_pid()") +
                   " AND ((classid::bigint << 32) | objid::bigint) = " + std::to_string(id)) == "1";
}

TEST(AdvisoryLock, ASecondSessionWaitsUntilTheGuardIsDestroyed) {
  FreshDatabase db;
  auto first = db.connect();
  auto second = db.connect();
  auto observer = db.connect();
  const std::string key = "public.alembic_version";
  auto guard = pg().lock(*first, key);
  EXPECT_TRUE(holds(*first, *observer, key));

  const auto second_pid = value(*second, "SELECT pg_backend_pid()");
  auto waiter = std::async(std::launch::async, [&] { return pg().lock(*second, key); });
  EXPECT_EQ(waiter.wait_for(500ms), std::future_status::timeout) << "the lock did not block";
  EXPECT_EQ(
      value(*observer, "SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + second_pid),
      "Lock");
  // A different version table is a different lock.
  EXPECT_NO_THROW(pg().lock(*observer, "other.alembic_version"));

  guard.reset();
  const auto status = waiter.wait_for(10s);
  if (status != std::future_status::ready) {
    // Unblock the thread so the test fails instead of hanging.
    observer->execute("SELECT pg_terminate_backend(" + second_pid + ")");
  }
  ASSERT_EQ(status, std::future_status::ready);
  auto second_guard = waiter.get();
  EXPECT_TRUE(holds(*second, *observer, key));
  EXPECT_FALSE(holds(*first, *observer, key));
  second_guard.reset();
  EXPECT_FALSE(holds(*second, *observer, key));
}

TEST(AdvisoryLock, ACrashedSessionReleasesIt) {
  FreshDatabase db;
  auto first = db.connect();
  auto observer = db.connect();
  auto guard = pg().lock(*first, "alembic_version");
  // As if the process died: its session ends without unlocking.
  observer->execute("SELECT pg_terminate_backend(" + value(*first, "SELECT pg_backend_pid()") +
                    ")");
  auto second = db.connect();
  auto waiter =
      std::async(std::launch::async, [&] { return pg().lock(*second, "alembic_version"); });
  ASSERT_EQ(waiter.wait_for(10s), std::future_status::ready);
  EXPECT_NO_THROW(waiter.get());
  guard.reset();  // unlocking on a dead session must not throw
}

TEST(AdvisoryLock, OfflineTakesNothingAndPrintsNothing) {
  std::ostringstream out;
  auto sink = pg().offline(Url::parse("postgresql://u:p@h/db"), out);
  auto guard = pg().lock(*sink, "alembic_version");
  guard.reset();
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace migrate::postgresql
