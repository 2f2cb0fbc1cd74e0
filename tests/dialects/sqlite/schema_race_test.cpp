// A run that opens the database while another run commits schema changes (one migration per
// transaction, say) must wait and carry on, as on PostgreSQL: never fail with "Cannot open SQLite
// database ...: database schema has changed" (SQLITE_SCHEMA).
//
// How that came about: opening ran SELECT count(*) FROM sqlite_master outside a transaction.
// SQLite prepares it by loading the schema in one read transaction and runs it in another, whose
// OP_Transaction compares the schema cookie; a change committed in between fails the step with
// SQLITE_SCHEMA, and sqlite3_step prepares again and retries only SQLITE_MAX_SCHEMA_RETRY times
// (25 in Debian's build, 50 upstream) before handing the error back. Nor is the gap left to
// chance: the other run's COMMIT, held off by the schema load's read lock, keeps SQLite's PENDING
// lock, which holds off this run's next read lock until that commit is done. So against a schema
// that takes milliseconds to load, a run committing a schema change every millisecond or so lands
// one in nearly every gap, and the open fails. Once the open is done, begin() (BEGIN IMMEDIATE)
// cannot fail that way, and reads under its lock re-prepare at most once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::connect;

class SchemaRace : public testing::TempDir {};

// Loading this many tables and indexes takes several milliseconds: longer than the other run's
// cycle, so that it is ready to commit whenever the schema load lets go of the file. (Without the
// fix, nearly every open then fails, each after some 0.4 s of retries: a handful of rounds.)
constexpr int kTables = 1000;
constexpr int kRounds = 100;
constexpr auto kTimeCap = std::chrono::seconds(5);
// Sanity: the other run must have committed a schema change while this one was opening or
// waiting for the lock in at least this many rounds (some 80 of 100 with the fix in place; about
// every round, but few rounds, without it).
constexpr int kMinRacedRounds = 5;

TEST_F(SchemaRace, OpeningAndLockingWhileAnotherRunCommitsSchemaChanges) {
  const std::string path = url("race.db") + "?timeout=30";
  {
    auto db = connect(path);
    db->begin();
    db->execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
    for (int i = 0; i < kTables; ++i) {
      const auto t = "t" + std::to_string(i);
      db->execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent " +
                  "INTEGER REFERENCES " + t + " (id), amount NUMERIC(10, 2) DEFAULT 0, note " +
                  "TEXT UNIQUE)");
      db->execute("CREATE INDEX ix_" + t + " ON " + t + " (name, parent)");
    }
    db->commit();
  }

  // The other run: a schema change per transaction, as transaction_per_migration does, with a
  // millisecond between them. Its commits skip fsync so that their pace is the CPU's, not the
  // disk's.
  std::atomic<bool> stop = false;
  std::atomic<int> commits = 0;
  std::string writer_error;
  std::thread writer([&] {
    try {
      auto db = connect(path);
      db->execute("PRAGMA synchronous=OFF");
      for (int i = 0; !stop; ++i) {
        const auto table = "w" + std::to_string(i % 2);
        db->begin();
        db->execute(i % 4 < 2 ? "CREATE TABLE " + table + " (a INTEGER, b TEXT)"
                              : "DROP TABLE " + table);
        db->commit();
        ++commits;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    } catch (const Error& e) {
      writer_error = e.what();
    }
  });

  // This run, over and over: what every command does first: open, take the lock, read the
  // version table.
  std::vector<std::string> failures;
  int rounds = 0;
  int raced = 0;
  const auto deadline = std::chrono::steady_clock::now() + kTimeCap;
  while (rounds < kRounds && std::chrono::steady_clock::now() < deadline) {
    const int before = commits;
    try {
      auto db = connect(path);
      db->begin();
      (void)testing::sqlite().table_exists(*db, {std::nullopt, "alembic_version"});
      (void)db->query("SELECT version_num FROM alembic_version");
      db->commit();
    } catch (const Error& e) {
      failures.emplace_back(e.what());
    }
    if (commits > before) ++raced;
    ++rounds;
  }
  stop = true;
  writer.join();
  RecordProperty("rounds", rounds);
  RecordProperty("raced_rounds", raced);
  RecordProperty("failed_rounds", static_cast<int>(failures.size()));
  RecordProperty("other_run_commits", commits.load());

  EXPECT_EQ(writer_error, "");
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << rounds
                                << " rounds failed, the first with: "
                                << (failures.empty() ? std::string() : failures.front());
  EXPECT_GE(raced, kMinRacedRounds)
      << "the other run committed a schema change during only " << raced << " of " << rounds
      << " rounds (" << commits << " commits in all): the race was not exercised";
}

}  // namespace
}  // namespace migrate::sqlite
