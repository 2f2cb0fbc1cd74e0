#include "migrate/runtime/script_pipeline.h"

#include <fmt/format.h>

#include "migrate/core/error.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/script_checksum.h"

namespace migrate {

ScriptPipeline::ScriptPipeline(const ScriptSet& scripts, std::vector<MigrationStep> steps,
                               std::string_view dialect)
    : scripts_(&scripts),
      steps_(std::move(steps)),
      dialect_(dialect),
      loaded_(steps_.size()),
      errors_(steps_.size()) {
  // A single script has nothing to overlap with: a worker would only add its start-up and a
  // hand-over, which a busy machine can delay by milliseconds (`migrate test` runs three
  // one-step plans per revision). Failures still surface from get(), as with a worker.
  if (steps_.size() <= 1) {
    work();
  } else {
    worker_ = std::thread([this] { work(); });
  }
}

ScriptPipeline::~ScriptPipeline() {
  if (!worker_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  worker_.join();
}

LoadedStep ScriptPipeline::load(const MigrationStep& step) const {
  const ScriptInfo& info = scripts_->info(step.revision);
  const auto* parsed = scripts_->parsed ? scripts_->parsed.get() : nullptr;
  const auto found = parsed ? parsed->find(step.revision) : ScriptSet::Parsed::const_iterator();
  Script script =
      parsed && found != parsed->end() ? found->second : scripts_->directory->load_script(info);
  if (!script.todo.empty()) {
    throw Error(fmt::format(
        "{}: revision {} still has a 'todo:' from import-alembic ({}); write its operations "
        "and delete the 'todo:' key before running it",
        info.path.string(), info.revision.id, fmt::join(script.todo, ", ")));
  }
  LoadedStep loaded{step, &info, script.transactional, {}, script_checksum(script)};
  // The derived downgrade inverts what the upgrade ran here, so it keeps each filter.
  keep_for_dialect(script.upgrade, script.upgrade_sources, dialect_);
  if (script.downgrade) keep_for_dialect(*script.downgrade, script.downgrade_sources, dialect_);
  if (step.direction == Direction::up) {
    loaded.operations = std::move(script.upgrade);
  } else if (script.downgrade) {
    loaded.operations = std::move(*script.downgrade);
  } else {
    std::size_t bad = 0;
    auto reversed = reverse_all(script.upgrade, &bad);
    if (!reversed) {
      throw Error(fmt::format(
          "{}: revision {} has no 'downgrade' and its upgrade operation {} ({}) cannot be "
          "inverted automatically; write a 'downgrade' section to downgrade through it",
          info.path.string(), info.revision.id, bad + 1, operation_name(script.upgrade[bad])));
    }
    loaded.operations = std::move(*reversed);
  }
  return loaded;
}

void ScriptPipeline::work() {
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    std::optional<LoadedStep> loaded;
    std::exception_ptr error;
    try {
      loaded = load(steps_[i]);
    } catch (...) {
      error = std::current_exception();
    }
    const std::lock_guard lock(mutex_);
    loaded_[i] = std::move(loaded);
    errors_[i] = error;
    done_ = i + 1;
    ready_.notify_all();
    if (stop_) return;
  }
}

const LoadedStep& ScriptPipeline::get(std::size_t index) {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return done_ > index; });
  if (errors_[index]) std::rethrow_exception(errors_[index]);
  return *loaded_[index];
}

void ScriptPipeline::wait_all() {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return done_ == steps_.size(); });
  for (const auto& error : errors_) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace migrate
