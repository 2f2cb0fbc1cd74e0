#include "migrate/runtime/migration_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "migrate/core/error.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/runtime/lock_wait_notice.h"
#include "migrate/script/log_format.h"
#include "runtime/data_only.h"

namespace migrate {
namespace {

std::string one_line(std::string_view sql) {
  std::string text(sql);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// "table account, rowid 3, parent owner": a row of a failed check, as the dialect labels it.
std::string describe_row(const Row& row, const std::vector<std::string>& labels) {
  std::string text;
  for (std::size_t i = 0; i < row.size() && i < labels.size(); ++i) {
    text += fmt::format("{}{} {}", i == 0 ? "" : ", ", labels[i], row[i].value_or("NULL"));
  }
  return text;
}

}  // namespace

void MigrationContext::check_no_rows(const Statement& check) {
  constexpr std::size_t kShown = 3;
  const auto rows = connection_->query(check.sql);
  if (rows.empty()) return;
  std::string shown;
  for (std::size_t i = 0; i < rows.size() && i < kShown; ++i) {
    shown += (i == 0 ? "" : "; ") + describe_row(rows[i], check.row_labels);
  }
  if (rows.size() > kShown) shown += fmt::format("; and {} more", rows.size() - kShown);
  throw Error(
      fmt::format("{} ({} row{}: {})",
                  check.violation.empty() ? "the check found violating rows" : check.violation,
                  rows.size(), rows.size() == 1 ? "" : "s", shown));
}

MigrationContext::MigrationContext(const Dialect& dialect, Connection& connection,
                                   const ScriptSet& scripts, VersionTable version_table,
                                   const Output& output, bool transaction_per_migration,
                                   ToggleStream* offline_stream)
    : dialect_(&dialect),
      connection_(&connection),
      scripts_(&scripts),
      version_table_(std::move(version_table)),
      output_(&output),
      per_migration_(transaction_per_migration),
      offline_stream_(offline_stream) {}

MigrationContext::Destination MigrationContext::resolve(Direction direction,
                                                        const std::vector<std::string>& heads,
                                                        std::string_view target) const {
  Destination destination;
  if (direction == Direction::up) {
    destination.up = resolve_upgrade_target(*scripts_->graph, heads, target);
  } else {
    destination.down = resolve_downgrade_target(*scripts_->graph, heads, target);
  }
  return destination;
}

std::vector<MigrationStep> MigrationContext::plan(Direction direction,
                                                  const std::vector<std::string>& heads,
                                                  const Destination& destination) const {
  return direction == Direction::up ? plan_upgrade(*scripts_->graph, heads, destination.up)
                                    : plan_downgrade(*scripts_->graph, heads, destination.down);
}

namespace {

// The entry of `record` for operation `index` of `ops`, added when the operation starts.
ProgressEntry& entry_for(PartialRecord& record, std::size_t index, const Operation& op) {
  if (record.operations.empty() || record.operations.back().position != index + 1) {
    ProgressEntry entry;
    entry.position = index + 1;
    entry.definition = emit_operations({op});
    record.operations.push_back(std::move(entry));
  }
  return record.operations.back();
}

}  // namespace

void MigrationContext::run_operations(const Loaded& loaded, PartialRecord* record,
                                      const Resume* resume) {
  const auto& ops = loaded.operations;
  const std::string where = format_step(*loaded.info, loaded.step.direction);
  for (std::size_t i = resume != nullptr ? resume->operation : 0; i < ops.size(); ++i) {
    std::optional<Transaction> data;
    std::size_t uncommitted = 0;  // statements run in `data`
    const auto context = [&] {
      return fmt::format("{}: operation {} of {} ({}){}", where, i + 1, ops.size(),
                         operation_name(ops[i]),
                         record == nullptr ? std::string()
                                           : fmt::format(", statement {} of the migration",
                                                         record->statements() + uncommitted + 1));
    };
    std::vector<Statement> statements;
    try {
      statements = dialect_->render(ops[i], *connection_);
    } catch (const Error& e) {
      throw Error(fmt::format("{} failed: {}", context(), e.what()));
    }
    ProgressEntry* entry = record != nullptr ? &entry_for(*record, i, ops[i]) : nullptr;
    // Without transactional DDL, statements that only change data still run as one transaction
    // per operation: a bulk_insert that fails at its tenth row leaves none.
    if (entry != nullptr && changes_data_only(ops[i], statements)) data.emplace(*connection_);
    std::string pending;
    std::size_t first = resume != nullptr && i == resume->operation ? resume->statements : 0;
    for (std::size_t k = first; k < statements.size(); ++k) {
      const Statement& statement = statements[k];
      try {
        if (!statement.must_return_no_rows) {
          execute(statement.sql);
        } else if (!connection_->offline()) {
          check_no_rows(statement);
        }
      } catch (const Error& e) {
        throw Error(
            fmt::format("{} failed: {} [SQL: {}]", context(), e.what(), one_line(statement.sql)));
      }
      if (entry == nullptr) continue;
      if (data) {
        pending += statement.sql + ";\n";
        ++uncommitted;
      } else {
        entry->sql += statement.sql + ";\n";
        ++entry->statements;
      }
    }
    if (entry == nullptr) continue;
    if (data) {
      data->commit();
      entry->sql += pending;
      entry->statements += uncommitted;
    }
    entry->complete = true;
  }
}

void MigrationContext::announce(const Loaded& loaded, std::string_view verb,
                                std::string_view suffix) {
  ++steps_started_;
  progress_.attempt = HistoryAttempt{loaded.step.revision, loaded.step.direction, loaded.checksum,
                                     std::chrono::system_clock::now()};
  output_->step(
      steps_started_, std::max(steps_planned_, steps_started_),
      fmt::format("{} {}{}", verb, format_step(*loaded.info, loaded.step.direction), suffix));
}

void MigrationContext::execute(std::string_view sql) {
  if (!echo_sql_ || connection_->offline()) {
    connection_->execute(sql);
    return;
  }
  const auto started = std::chrono::steady_clock::now();
  connection_->execute(sql);
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  output_->progress(fmt::format("  [{:.1f} ms] {}", took.count(), one_line(sql)));
}

void MigrationContext::begin_under_lock(std::optional<Transaction>& transaction) {
  // Only the first: a thread per transaction would cost a per-migration run of 1000 steps more
  // than the wait it reports, and later transactions of a run rarely wait long.
  if (dialect_->capabilities().lock != LockKind::transaction || connection_->offline() ||
      lock_waited_) {
    transaction.emplace(*connection_);
    return;
  }
  lock_waited_ = true;
  // The transaction is the lock here (SQLite's BEGIN IMMEDIATE): say so if it keeps us waiting.
  const LockWaitNotice notice(*output_,
                              "Waiting for the database's write lock: another run holds it");
  transaction.emplace(*connection_);
}

void MigrationContext::note_step(const Loaded& loaded,
                                 std::chrono::steady_clock::time_point started) {
  steps_run_.push_back(StepRun{loaded.info->revision.id,
                               loaded.step.direction == Direction::up ? "upgrade" : "downgrade",
                               loaded.info->message, std::chrono::steady_clock::now() - started});
}

std::vector<std::string> MigrationContext::apply(const Loaded& loaded,
                                                 std::vector<std::string> heads) {
  const auto started = std::chrono::steady_clock::now();
  announce(loaded, "Running");
  if (offline_stream_ != nullptr) {
    *offline_stream_ << "-- Running "
                     << format_step_short(loaded.info->revision, loaded.step.direction) << "\n\n";
  }
  run_operations(loaded);
  heads = record(loaded, std::move(heads));
  note_step(loaded, started);
  return heads;
}

std::vector<std::string> MigrationContext::record(const Loaded& loaded,
                                                  std::vector<std::string> heads) {
  const HeadChange change = head_change(*scripts_->graph, heads, loaded.step);
  for (const auto& sql : version_table_.change_sql(change)) {
    try {
      execute(sql);
    } catch (const Error& e) {
      throw Error(fmt::format("{}: updating the version table failed: {} [SQL: {}]",
                              format_step_short(loaded.info->revision, loaded.step.direction),
                              e.what(), sql));
    }
  }
  // SPEC §15: the history row goes with the version-table change, and rolls back with it.
  if (!connection_->offline() && progress_.attempt) {
    version_table_.history_table().append(*connection_, *progress_.attempt, Outcome::success);
    progress_.attempt.reset();
  }
  return apply_change(std::move(heads), change);
}

void MigrationContext::record_failure(std::string_view error) {
  if (connection_->offline() || !progress_.attempt) return;
  const HistoryTable history = version_table_.history_table();
  const std::string why = history.append_failure(*connection_, *progress_.attempt, error);
  if (!why.empty()) {
    output_->warn(fmt::format("WARNING: the failure could not be recorded in {}: {}",
                              dialect_->qualified(history.name()), why));
  }
}

// Ends a terminal's redrawn step line when a run ends, however it ends, so that what follows
// (a summary, the FAILED line) starts on a line of its own.
struct EndSteps {
  const Output* output;
  ~EndSteps() { output->end_steps(); }
};

void MigrationContext::run(Direction direction, std::string_view target) {
  const EndSteps end_steps{output_};
  progress_ = Progress{};
  const bool autocommit = !dialect_->capabilities().transactional_ddl;
  try {
    if (autocommit) {
      run_autocommit(direction, target);
    } else {
      run_steps(direction, target);
    }
  } catch (const Error& e) {
    if (!progress_.running) throw;  // nothing ran: the message says all there is
    record_failure(e.what());
    if (autocommit) throw Error(fmt::format("{}; {}", e.what(), partial_failure_note()));
    const std::string at = progress_.committed.empty()
                               ? std::string("base")
                               : fmt::format("{}", fmt::join(progress_.committed, ", "));
    if (progress_.outside_transaction) {
      throw Error(fmt::format(
          "{}; that migration ran outside a transaction, so its statements before the failing "
          "one stay applied, and the version table is still at {}",
          e.what(), at));
    }
    throw Error(fmt::format("{}; rolled back: the database is still at {}", e.what(), at));
  }
}

void MigrationContext::run_steps(Direction direction, std::string_view target) {
  std::optional<Destination> destination;
  std::unique_ptr<ScriptPipeline> pipeline;  // the current plan, parsed as it runs
  std::size_t next = 0;                      // its first step not yet run
  std::vector<std::string> expected;         // sorted heads after our last commit
  for (;;) {
    std::optional<Transaction> transaction;
    begin_under_lock(transaction);
    auto heads = version_table_.read(*connection_);
    progress_.committed = heads;
    // Resolved once, against the heads seen under the first lock, so "+1" means one step from
    // where this run started even if it has to go round the loop again.
    if (!destination) destination = resolve(direction, heads, target);
    const bool moved = pipeline && heads != expected;
    if (pipeline && !moved && next == pipeline->size()) {
      // Everything planned under the lock has run and nobody moved the version table since:
      // done. (Re-planning here could even fail: `X@-1` means nothing once X is gone.)
      transaction->commit();
      return;
    }
    // Plan again only when another run moved the version table between our transactions, so
    // that one transaction per migration stays linear in the number of migrations.
    if (!pipeline || moved) {
      pipeline = std::make_unique<ScriptPipeline>(*scripts_, plan(direction, heads, *destination),
                                                  dialect_->name());
      next = 0;
      steps_planned_ = steps_started_ + pipeline->size();
    }
    if (pipeline->size() == 0) {
      transaction->commit();
      return;
    }
    if (direction == Direction::up) connection_->execute(version_table_.create_sql());
    version_table_.history_table().create(*connection_);

    if (!pipeline->get(next).transactional) {
      // SPEC §10: commit what came before and run this one on its own, then record it. Every
      // script of the plan must load before anything commits.
      pipeline->wait_all();
      transaction->commit();
      const Loaded& step = pipeline->get(next++);
      const auto started = std::chrono::steady_clock::now();
      announce(step, "Running", " (outside a transaction)");
      progress_.running = progress_.outside_transaction = true;
      run_operations(step);
      progress_.outside_transaction = false;
      Transaction recording(*connection_);
      heads = version_table_.read(*connection_);
      connection_->execute(version_table_.create_sql());
      heads = record(step, std::move(heads));
      recording.commit();
      note_step(step, started);
    } else {
      progress_.running = true;
      while (next < pipeline->size() && pipeline->get(next).transactional) {
        heads = apply(pipeline->get(next++), std::move(heads));
        if (per_migration_) break;
      }
      pipeline->wait_all();  // a later script that does not load undoes this transaction
      transaction->commit();
    }
    std::sort(heads.begin(), heads.end());
    expected = std::move(heads);
  }
}

void MigrationContext::run_offline(Direction direction, std::vector<std::string> start,
                                   std::string_view end) {
  const EndSteps end_steps{output_};
  std::vector<std::string> heads = std::move(start);
  // Build the start state in the dialect's shadow without printing it, so that operations which
  // need the current table shape (SQLite's rebuild) see what the database will hold.
  if (!heads.empty() && offline_stream_ != nullptr) {
    offline_stream_->enable(false);
    const Output silent(*offline_stream_, *offline_stream_, true);
    const Output* saved = output_;
    output_ = &silent;
    connection_->execute(version_table_.create_sql());
    std::vector<std::string> replayed;
    ScriptPipeline replay(*scripts_, plan_upgrade(*scripts_->graph, {}, heads), dialect_->name());
    for (std::size_t i = 0; i < replay.size(); ++i) {
      replayed = apply(replay.get(i), std::move(replayed));
    }
    steps_run_.clear();
    steps_started_ = 0;
    output_ = saved;
    offline_stream_->enable(true);
  }
  const auto destination = resolve(direction, heads, end);
  ScriptPipeline pipeline(*scripts_, plan(direction, heads, destination), dialect_->name());
  steps_planned_ = pipeline.size();
  pipeline.wait_all();  // the SQL is buffered anyway; fail before writing any of it
  std::optional<Transaction> transaction;
  bool first = true;
  for (std::size_t i = 0; i < pipeline.size(); ++i) {
    const Loaded& step = pipeline.get(i);
    if (!step.transactional) {
      if (transaction) transaction->commit();
      transaction.reset();
      if (first && direction == Direction::up && heads.empty()) {
        connection_->execute(version_table_.create_sql());
      }
      heads = apply(step, std::move(heads));
    } else {
      if (!transaction) transaction.emplace(*connection_);
      if (first && direction == Direction::up && heads.empty()) {
        connection_->execute(version_table_.create_sql());
      }
      heads = apply(step, std::move(heads));
      if (per_migration_) {
        transaction->commit();
        transaction.reset();
      }
    }
    first = false;
  }
  if (transaction) transaction->commit();
}

void MigrationContext::update_versions(const std::vector<std::string>& from,
                                       const std::vector<std::string>& to) {
  if (from == to) return;  // already stamped there: nothing to say, nothing to write
  const auto started = std::chrono::steady_clock::now();
  output_->progress("Running " + format_stamp_step(StampStep{.from = from, .to = to}));
  for (const auto& sql : version_table_.replace_sql(from, to)) execute(sql);
  steps_run_.push_back(StepRun{fmt::format("{}", fmt::join(to, ",")),
                               "stamp",
                               {},
                               std::chrono::steady_clock::now() - started});
}

void MigrationContext::stamp(std::string_view target, bool purge) {
  std::optional<Transaction> transaction;
  begin_under_lock(transaction);
  const auto heads = version_table_.read(*connection_);
  const auto next = stamp_heads(*scripts_->graph, heads, target, purge);
  connection_->execute(version_table_.create_sql());
  update_versions(heads, next);
  // Stamping says where the database stands: a migration recorded as left part-way is settled
  // (SPEC §13), whether the user finished it by hand or undid it.
  const ProgressTable progress = version_table_.progress_table();
  if (const auto left = progress.read(*connection_)) {
    output_->progress(fmt::format("Forgetting the {} left part-way ({} statement{} ran)",
                                  left->describe(), left->statements(),
                                  left->statements() == 1 ? "" : "s"));
    progress.clear(*connection_);
  }
  transaction->commit();
}

void MigrationContext::stamp_offline(const std::optional<std::string>& start,
                                     std::string_view target, bool purge) {
  std::vector<std::string> heads;
  if (start) heads = resolve_upgrade_target(*scripts_->graph, {}, *start);
  const auto next = stamp_heads(*scripts_->graph, heads, target, purge);
  Transaction transaction(*connection_);
  connection_->execute(version_table_.create_sql());
  if (purge) {
    // The script may run on a database holding rows this run cannot know: empty it for real.
    connection_->execute(version_table_.purge_sql());
    heads.clear();
  }
  update_versions(heads, next);
  transaction.commit();
}

}  // namespace migrate
