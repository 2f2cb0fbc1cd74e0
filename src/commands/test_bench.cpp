// The bench of `migrate test` (test_bench.h).
#include "commands/test_bench.h"

#include "migrate/core/error.h"
#include "migrate/graph/plan.h"

namespace migrate::commands {
namespace {

// Every script, parsed, in the order `upgrade heads` runs them from base.
std::vector<Script> load_in_order(const Environment& env) {
  const auto& graph = env.graph();
  std::vector<Script> scripts;
  for (const auto& step : plan_upgrade(graph, {}, resolve_upgrade_target(graph, {}, "heads"))) {
    scripts.push_back(env.directory().load_script(env.info(step.revision)));
  }
  return scripts;
}

Database open_scratch(const Url& url) {
  const Dialect& dialect = dialects::find(url);
  return Database{&dialect, dialect.scratch(url), url};
}

}  // namespace

TestBench::TestBench(const Environment& env, const Url& url, const Output& out,
                     std::optional<std::filesystem::path> target_schema)
    : env_(&env),
      scripts_(load_in_order(env)),
      db_(open_scratch(url)),
      version_table_(env.version_table(db_)),
      // Private as the database is, the runtime expects its lock held (SPEC §10); taken once.
      lock_(db_.dialect->lock(*db_.connection, version_table_.lock_key())),
      quiet_(out.without_progress()),
      target_schema_(std::move(target_schema)) {}

const StairwayResult& TestBench::stairway() {
  if (!stairway_) {
    MigrationContext context(*db_.dialect, *db_.connection, env_->scripts(), version_table_, quiet_,
                             env_->config().transaction_per_migration());
    try {
      stairway_ = walk_stairway(db_, context, version_table_.name(), scripts_);
    } catch (const Error& e) {
      // Reflection failed between steps: the walk cannot go on, and must not be walked again.
      stairway_ = StairwayResult{{{"stairway", "", e.what()}}, {}};
    }
  }
  return *stairway_;
}

}  // namespace migrate::commands
