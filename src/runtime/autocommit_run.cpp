// The run for a database whose DDL commits by itself (Capabilities::transactional_ddl false):
// a failed migration cannot be rolled back, so the run says exactly what stays applied, and
// hands that to the dialect's PartialMigrationRecorder.
#include <fmt/format.h>

#include "migrate/core/error.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/log_format.h"

namespace migrate {

void MigrationContext::run_autocommit(Direction direction, std::string_view target) {
  auto heads = version_table_.read(*connection_);
  progress_.committed = heads;
  const Destination destination = resolve(direction, heads, target);
  ScriptPipeline pipeline(*scripts_, plan(direction, heads, destination));
  pipeline.wait_all();  // a script that does not load stops the run before it changes anything
  if (pipeline.size() == 0) return;
  if (direction == Direction::up) connection_->execute(version_table_.create_sql());
  for (std::size_t i = 0; i < pipeline.size(); ++i) {
    const Loaded& step = pipeline.get(i);
    output_->progress("Running " + format_step(*step.info, step.step.direction));
    progress_.running = true;
    progress_.partial = PartialMigration{&step, {}};
    try {
      run_operations(step, &progress_.partial.committed);
    } catch (const Error&) {
      if (partial_recorder_ != nullptr) partial_recorder_->record(progress_.partial);
      throw;
    }
    // The version table's own change is data: it commits (or not) as one.
    Transaction recording(*connection_);
    heads = record(step, std::move(heads));
    recording.commit();
    progress_.committed = heads;
    progress_.partial = PartialMigration{};
  }
}

std::string MigrationContext::partial_failure_note() const {
  const std::string at = progress_.committed.empty()
                             ? std::string("base")
                             : fmt::format("{}", fmt::join(progress_.committed, ", "));
  const std::size_t done = progress_.partial.committed.size();
  if (progress_.partial.step == nullptr || done == 0) {
    return fmt::format("nothing of that migration was applied; the database is at {}", at);
  }
  return fmt::format(
      "statement{} {} of that migration {} applied and cannot be rolled back (this database "
      "commits DDL by itself); the version table is still at {}",
      done == 1 ? "" : "s", done == 1 ? std::string("1") : fmt::format("1 to {}", done),
      done == 1 ? "was" : "were", at);
}

}  // namespace migrate
