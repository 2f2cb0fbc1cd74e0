#pragma once
// Parses the scripts of a plan on a worker thread, in plan order, while the runner applies the
// ones already parsed: yaml-cpp costs ~100 µs a script, as much as SQLite takes to run it, so
// overlapping the two is what keeps `upgrade head` near the raw SQL floor. The runner still
// calls wait_all() before anything commits, so a script that fails to load leaves nothing done.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "migrate/graph/plan.h"
#include "migrate/ops/operation.h"
#include "migrate/script/script.h"

namespace migrate {

struct ScriptSet;

// One step of a plan with what it runs on the dialect: the upgrade, or the written or derived
// downgrade, less the operations filtered out for the dialect.
struct LoadedStep {
  MigrationStep step;
  const ScriptInfo* info = nullptr;
  bool transactional = true;
  std::vector<Operation> operations;
  std::string checksum;  // script_checksum() of the whole script, for the history table
};

class ScriptPipeline {
 public:
  // `dialect`: the name of the dialect the steps run on, which picks the operations that run
  // (`dialect:` beside an operation's key).
  ScriptPipeline(const ScriptSet& scripts, std::vector<MigrationStep> steps,
                 std::string_view dialect);
  ~ScriptPipeline();
  ScriptPipeline(const ScriptPipeline&) = delete;
  ScriptPipeline& operator=(const ScriptPipeline&) = delete;

  std::size_t size() const { return steps_.size(); }
  // Waits until step `index` is parsed; rethrows its Error.
  const LoadedStep& get(std::size_t index);
  // Waits until every step is parsed; rethrows the first Error in plan order.
  void wait_all();

 private:
  void work();
  [[nodiscard]] LoadedStep load(const MigrationStep& step) const;

  const ScriptSet* scripts_;
  std::vector<MigrationStep> steps_;
  std::string dialect_;
  std::vector<std::optional<LoadedStep>> loaded_;
  std::vector<std::exception_ptr> errors_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::size_t done_ = 0;  // steps [0, done_) are loaded or failed
  bool stop_ = false;
  std::thread worker_;  // started once everything above is initialised; none for one step
};

}  // namespace migrate
