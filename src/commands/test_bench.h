#pragma once
// What the checks of `migrate test` share (test_checks.h): the project, its scripts in the order
// `upgrade heads` runs them from base, a throwaway database with the runtime over it, and the
// stairway's walk, made once whichever check asks for it first.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/environment.h"
#include "commands/stairway.h"
#include "migrate/config/url.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/script.h"

namespace migrate::commands {

class TestBench {
 public:
  // Loads every script (a script that does not load is an Error, as for upgrade), opens the
  // dialect's scratch database for `url` (SQLite: in memory; a server: a new database there,
  // dropped at the end) and takes its migration lock for the whole test, as upgrade does.
  // `target_schema`: --target-schema, else the config's.
  TestBench(const Environment& env, const Url& url, const Output& out,
            std::optional<std::filesystem::path> target_schema);
  TestBench(const TestBench&) = delete;
  TestBench& operator=(const TestBench&) = delete;

  const Environment& env() const { return *env_; }
  Database& database() { return db_; }
  const TableName& version_table() const { return version_table_.name(); }
  // In the order `upgrade heads` runs them from base.
  const std::vector<Script>& scripts() const { return scripts_; }
  const std::optional<std::filesystem::path>& target_schema() const { return target_schema_; }

  // Walks the stairway on first call; the database is then at the heads unless a step failed.
  const StairwayResult& stairway();

 private:
  const Environment* env_;
  std::vector<Script> scripts_;  // first: a script that does not load fails before any database
  Database db_;
  VersionTable version_table_;
  std::unique_ptr<LockGuard> lock_;  // after db_: released before the database goes
  Output quiet_;                     // the runner's step lines would be three per revision
  std::optional<std::filesystem::path> target_schema_;
  std::optional<StairwayResult> stairway_;
};

}  // namespace migrate::commands
