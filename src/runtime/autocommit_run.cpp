// The run for a database whose DDL commits by itself (Capabilities::transactional_ddl false):
// a failed migration cannot be rolled back, so the run says exactly what stays applied and
// records it in the progress table, from which the next run resumes it or undoes it (SPEC §13).
#include <fmt/format.h>

#include "migrate/core/error.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/log_format.h"

namespace migrate {
namespace {

// What is left of `target` once undoing a migration left part-way took one step the same way:
// "-1" is done (nullopt), "-3" becomes "-2"; an absolute target stays.
std::optional<std::string> after_undo(std::string_view target) {
  if (target.size() < 2 || (target[0] != '-' && target[0] != '+')) return std::string(target);
  for (const char c : target.substr(1)) {
    if (c < '0' || c > '9') return std::string(target);
  }
  const int steps = std::stoi(std::string(target.substr(1)));
  if (steps <= 1) return std::nullopt;
  return fmt::format("{}{}", target[0], steps - 1);
}

Direction opposite(Direction direction) {
  return direction == Direction::up ? Direction::down : Direction::up;
}

// The SQL of what remains applied, for a message.
std::string applied_sql(const PartialRecord& record) {
  std::string sql;
  for (const auto& entry : record.operations) sql += entry.sql;
  std::replace(sql.begin(), sql.end(), '\n', ' ');
  const auto end = sql.find_last_not_of("; ");  // the sentence goes on after it
  return end == std::string::npos ? std::string() : sql.substr(0, end + 1);
}

std::string stamp_command(const std::vector<std::string>& heads) {
  return fmt::format("migrate stamp --purge {}", heads.empty()
                                                     ? std::string("base")
                                                     : fmt::format("{}", fmt::join(heads, " ")));
}

// Whether undo_partial() can take back everything that ran: every operation finished and has an
// inverse. Messages offer the undo command only then.
bool can_undo(const PartialRecord& record) {
  for (const auto& entry : record.operations) {
    if (entry.statements == 0) continue;
    if (!entry.complete) return false;
    const auto ops = parse_operations_text(entry.definition, "the progress table", "recorded");
    if (ops.size() != 1 || !reverse(ops.front())) return false;
  }
  return true;
}

// The command that runs the recorded migration again from where it stopped: it must be the
// plan's first step, so a downgrade goes one step down from the revision it is taking away.
std::string resume_command(const PartialRecord& record) {
  return record.direction == Direction::up ? fmt::format("migrate upgrade {}", record.revision)
                                           : std::string("migrate downgrade -1");
}

// How to take back what ran of `record`: the undo command where it can, else by hand.
std::string way_back(const PartialRecord& record, const std::vector<std::string>& heads) {
  if (can_undo(record)) {
    return record.direction == Direction::up
               ? "`migrate downgrade -1` to undo them"
               : fmt::format("`migrate upgrade {}` to undo them", record.revision);
  }
  return fmt::format(
      "undo them by hand (not every one has an inverse migrate can derive) and run `{}`",
      stamp_command(heads));
}

}  // namespace

void MigrationContext::run_autocommit(Direction direction, std::string_view target) {
  const ProgressTable progress_table = version_table_.progress_table();
  auto heads = version_table_.read(*connection_);
  progress_.committed = heads;
  const std::optional<PartialRecord> left = progress_table.read(*connection_);
  const bool undo = left && left->direction != direction;
  std::optional<std::string> rest(target);
  if (undo) rest = after_undo(target);
  if (!rest) {
    undo_partial(*left, progress_table, heads);
    return;
  }
  // (undo_partial() notes the undo as a step, so the summary and --format json report it.)
  const Destination destination = resolve(direction, heads, *rest);
  ScriptPipeline pipeline(*scripts_, plan(direction, heads, destination), dialect_->name());
  pipeline.wait_all();  // a script that does not load stops the run before it changes anything
  std::optional<Resume> resume;
  if (left && !undo) resume = resume_point(*left, pipeline);
  preflight(pipeline);
  if (undo) undo_partial(*left, progress_table, heads);
  if (pipeline.size() == 0) return;
  steps_planned_ = pipeline.size();
  if (direction == Direction::up) connection_->execute(version_table_.create_sql());
  // DDL commits by itself here: made before the transactions that append to it.
  version_table_.history_table().create(*connection_);
  for (std::size_t i = 0; i < pipeline.size(); ++i) {
    const Loaded& step = pipeline.get(i);
    const bool resuming = i == 0 && resume;
    const auto started = std::chrono::steady_clock::now();
    announce(step, resuming ? "Resuming" : "Running");
    progress_.running = true;
    progress_.partial = resuming ? *left : PartialRecord{step.step.revision, direction, {}};
    try {
      run_operations(step, &progress_.partial, resuming ? &*resume : nullptr);
    } catch (const Error&) {
      progress_.recorded = record_partial(progress_table);
      throw;
    }
    // The version table's own change is data: it commits (or not) as one, and forgets the
    // record of the migration it completes. If it fails, every operation has run: the record
    // says so, and the resume is that change alone.
    try {
      Transaction recording(*connection_);
      heads = record(step, std::move(heads));
      if (resuming) progress_table.clear(*connection_);
      recording.commit();
    } catch (const Error&) {
      progress_.recorded = record_partial(progress_table);
      throw;
    }
    note_step(step, started);
    progress_.committed = heads;
    progress_.partial = PartialRecord{};
  }
}

MigrationContext::Resume MigrationContext::resume_point(const PartialRecord& left,
                                                        ScriptPipeline& pipeline) {
  const std::string back = way_back(left, progress_.committed);
  if (pipeline.size() == 0 || pipeline.get(0).step.revision != left.revision ||
      pipeline.get(0).step.direction != left.direction) {
    throw Error(fmt::format(
        "The {} was left part-way by an earlier run (statements 1 to {} ran); finish it first: "
        "`{}` resumes it once its script is fixed, or {}",
        left.describe(), left.statements(), resume_command(left), back));
  }
  const Loaded& step = pipeline.get(0);
  Resume resume;
  for (std::size_t i = 0; i < left.operations.size(); ++i) {
    const ProgressEntry& entry = left.operations[i];
    std::string now;
    if (entry.position == i + 1 && i < step.operations.size()) {
      const std::string definition = emit_operations({step.operations[i]});
      std::string sql;
      if (!entry.complete) {
        const auto statements = dialect_->render(step.operations[i], *connection_);
        for (std::size_t k = 0; k < entry.statements && k < statements.size(); ++k) {
          sql += statements[k].sql + ";\n";
        }
      }
      now = ProgressEntry::checksum_of(definition, entry.complete, sql);
    }
    if (now != entry.checksum) {
      throw Error(fmt::format(
          "Cannot resume the {}: operation {} of it ran before, as recorded in {}, and the script "
          "no longer says the same (checksum {} recorded, {} now). Put operation {} back as it "
          "was (what ran: {}), or {}",
          left.describe(), entry.position,
          dialect_->qualified(version_table_.progress_table().name()), entry.checksum.substr(0, 12),
          now.empty() ? std::string("none") : now.substr(0, 12), entry.position, applied_sql(left),
          back));
    }
    if (entry.complete) {
      resume.operation = i + 1;
    } else {
      resume.operation = i;
      resume.statements = entry.statements;
    }
  }
  return resume;
}

void MigrationContext::preflight(ScriptPipeline& pipeline) const {
  // Renders for a connection that runs nothing and reads nothing, as --sql does.
  class Nowhere final : public Connection {
   public:
    void execute(std::string_view) override {}
    std::vector<Row> query(std::string_view) override { return {}; }
    void begin() override {}
    void commit() override {}
    void rollback() noexcept override {}
    bool offline() const override { return true; }
  } nowhere;
  for (std::size_t i = 0; i < pipeline.size(); ++i) {
    const Loaded& step = pipeline.get(i);
    for (std::size_t k = 0; k < step.operations.size(); ++k) {
      try {
        (void)dialect_->render(step.operations[k], nowhere);
      } catch (const NeedsDatabase&) {
        // Rendered from the live table when its turn comes.
      } catch (const Error& e) {
        throw Error(
            fmt::format("{}: operation {} of {} ({}) failed: {}; nothing was run (every "
                        "operation of the plan is checked before the first statement)",
                        format_step(*step.info, step.step.direction), k + 1, step.operations.size(),
                        operation_name(step.operations[k]), e.what()));
      }
    }
  }
}

void MigrationContext::undo_partial(PartialRecord left, const ProgressTable& table,
                                    const std::vector<std::string>& heads) {
  const auto started = std::chrono::steady_clock::now();
  const auto wall_started = std::chrono::system_clock::now();
  const PartialRecord whole = left;
  output_->progress(fmt::format("Undoing the {} ({} statement{} ran)", left.describe(),
                                left.statements(), left.statements() == 1 ? "" : "s"));
  while (!left.operations.empty()) {
    const ProgressEntry& entry = left.operations.back();
    std::optional<Operation> inverse;
    std::string name = "?";
    if (entry.statements > 0) {
      const auto ops = parse_operations_text(entry.definition, "the progress table", "recorded");
      if (!ops.empty()) name = std::string(operation_name(ops.front()));
      if (entry.complete && ops.size() == 1) inverse = reverse(ops.front());
      if (!inverse) {
        table.write(*connection_, left);
        throw Error(fmt::format(
            "Cannot undo the {} by itself: operation {} ({}){} has no inverse that migrate can "
            "derive. Undo by hand what ran and stays applied: {}; then run `{}` to forget the "
            "record in {}",
            left.describe(), entry.position, name, entry.complete ? "" : " ran only in part",
            applied_sql(left), stamp_command(heads), dialect_->qualified(table.name())));
      }
      for (const auto& statement : dialect_->render(*inverse, *connection_)) {
        try {
          connection_->execute(statement.sql);
        } catch (const Error& e) {
          table.write(*connection_, left);
          throw Error(fmt::format("Undoing operation {} ({}) of the {} failed: {} [SQL: {}]",
                                  entry.position, name, left.describe(), e.what(), statement.sql));
        }
      }
    }
    left.operations.pop_back();
  }
  table.clear(*connection_);
  // The undo takes the migration back as a step the other way would: it is in the history too,
  // without a checksum, since it ran the recorded operations rather than the script's.
  const HistoryTable history = version_table_.history_table();
  history.create(*connection_);
  history.append(*connection_,
                 HistoryAttempt{whole.revision, opposite(whole.direction), {}, wall_started},
                 Outcome::success);
  // Reported as the step it takes back: "Reverted 1 migration", and a step in --format json.
  steps_run_.push_back(StepRun{whole.revision,
                               whole.direction == Direction::up ? "downgrade" : "upgrade",
                               "undo of the " + whole.describe() + " left part-way",
                               std::chrono::steady_clock::now() - started});
}

std::string MigrationContext::record_partial(const ProgressTable& table) {
  auto& ops = progress_.partial.operations;
  while (!ops.empty() && ops.back().statements == 0 && !ops.back().complete) ops.pop_back();
  if (progress_.partial.statements() == 0) return {};
  for (auto& entry : ops) {
    entry.checksum = ProgressEntry::checksum_of(entry.definition, entry.complete, entry.sql);
  }
  try {
    table.write(*connection_, progress_.partial);
  } catch (const Error& e) {
    return fmt::format("; recording that in {} failed too: {}", dialect_->qualified(table.name()),
                       e.what());
  }
  return fmt::format(
      "; recorded in {}: run `{}` again once the script is fixed to resume at statement {}, or {}",
      dialect_->qualified(table.name()),
      progress_.partial.direction == Direction::up ? std::string("migrate upgrade")
                                                   : resume_command(progress_.partial),
      progress_.partial.statements() + 1, way_back(progress_.partial, progress_.committed));
}

std::string MigrationContext::partial_failure_note() const {
  const std::string at = progress_.committed.empty()
                             ? std::string("base")
                             : fmt::format("{}", fmt::join(progress_.committed, ", "));
  const std::size_t done = progress_.partial.statements();
  if (done == 0) {
    return fmt::format("nothing of that migration was applied; the database is at {}", at);
  }
  return fmt::format(
      "statement{} {} of that migration {} applied and cannot be rolled back (this database "
      "commits DDL by itself); the version table is still at {}{}",
      done == 1 ? "" : "s", done == 1 ? std::string("1") : fmt::format("1 to {}", done),
      done == 1 ? "was" : "were", at, progress_.recorded);
}

}  // namespace migrate
