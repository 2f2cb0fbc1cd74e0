#pragma once
// The runner (Alembic's MigrationContext.run_migrations): under the migration lock, read the
// heads, plan, and apply steps with their version-table updates, one transaction per command
// or per migration (SPEC §10). Under --sql the same loop writes text instead (SPEC §11).
#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/core/output.h"
#include "migrate/dialects/dialect.h"
#include "migrate/graph/plan.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/runtime/progress_table.h"
#include "migrate/runtime/script_pipeline.h"
#include "migrate/runtime/version_table.h"
#include "migrate/script/script.h"
#include "migrate/script/script_directory.h"

namespace migrate {

// An ostream whose output can be switched off: --sql from START replays base..START into the
// dialect's shadow database without printing it.
class ToggleStream : public std::ostream {
 public:
  explicit ToggleStream(std::ostream& target) : std::ostream(nullptr), buffer_(target) {
    rdbuf(&buffer_);
  }
  void enable(bool on) { buffer_.on = on; }

 private:
  struct Buffer : std::streambuf {
    explicit Buffer(std::ostream& t) : target(&t) {}
    int overflow(int c) override {
      if (on && c != traits_type::eof()) target->put(static_cast<char>(c));
      return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      if (on) target->write(s, n);
      return n;
    }
    std::ostream* target;
    bool on = true;
  };
  Buffer buffer_;
};

// A step that ran, for reports (--format json): its revision (for a stamp, the heads it set),
// "upgrade"/"downgrade"/"stamp", the script's message, and how long it took.
struct StepRun {
  std::string revision;
  std::string direction;
  std::string message;
  std::chrono::steady_clock::duration duration{};
};

class MigrationContext {
 public:
  // `offline_stream` is the stream the dialect's --sql sink writes to (nullptr online).
  MigrationContext(const Dialect& dialect, Connection& connection, const ScriptSet& scripts,
                   VersionTable version_table, const Output& output, bool transaction_per_migration,
                   ToggleStream* offline_stream = nullptr);

  // Online upgrade/downgrade to `target`. The caller holds the dialect's LockGuard; where the
  // lock is each transaction (LockKind::transaction), heads are re-read inside every transaction
  // and the plan is recomputed, which makes a run that waited find nothing left to do. Without
  // transactional DDL the run goes statement by statement (run_autocommit).
  void run(Direction direction, std::string_view target);

  // Offline (--sql): from the heads `start` (empty: base) to `end`.
  void run_offline(Direction direction, std::vector<std::string> start, std::string_view end);

  // The steps run so far, in order (a failed one is not among them).
  [[nodiscard]] const std::vector<StepRun>& steps_run() const { return steps_run_; }
  // The heads as last read or committed: after a run with nothing to do, where the database is.
  [[nodiscard]] const std::vector<std::string>& heads() const { return progress_.committed; }

  // --echo-sql: each statement on stderr, with how long it took, after it runs.
  void set_echo_sql(bool on) { echo_sql_ = on; }

  // stamp: sets the version table to `target` without running scripts (online or offline).
  void stamp(std::string_view target, bool purge);
  void stamp_offline(const std::optional<std::string>& start, std::string_view target, bool purge);

 private:
  using Loaded = LoadedStep;
  // A resolved target: upgrade destinations, or a downgrade target with its branch selector.
  struct Destination {
    std::vector<std::string> up;
    DowngradeTarget down;
  };
  [[nodiscard]] Destination resolve(Direction direction, const std::vector<std::string>& heads,
                                    std::string_view target) const;
  [[nodiscard]] std::vector<MigrationStep> plan(Direction direction,
                                                const std::vector<std::string>& heads,
                                                const Destination& destination) const;
  // run() without the last word on a failure, which run() adds from progress_.
  void run_steps(Direction direction, std::string_view target);
  // The same for a database whose DDL commits by itself (autocommit_run.cpp): the plan is made
  // once under the session lock, every script loads and every operation is rendered before the
  // first statement, statements run one by one, and each migration's version-table change
  // commits right after it. A migration that fails part-way is recorded in the progress table;
  // the next run resumes it, or undoes it when it goes the other way.
  void run_autocommit(Direction direction, std::string_view target);
  // Where a recorded migration resumes: its first operation not complete, and how many of that
  // one's statements ran. Throws when the plan does not start with it or its script changed.
  struct Resume {
    std::size_t operation = 0;
    std::size_t statements = 0;
  };
  [[nodiscard]] Resume resume_point(const PartialRecord& left, ScriptPipeline& pipeline);
  // Renders every operation of the plan without running it (what needs the live table waits).
  void preflight(ScriptPipeline& pipeline) const;
  // Runs the inverse of each operation that ran of `left`, last first; throws naming what must
  // be undone by hand when an inverse cannot be derived.
  void undo_partial(PartialRecord left, const ProgressTable& table,
                    const std::vector<std::string>& heads);
  // Writes progress_.partial to the progress table after a failure; what to add to the message.
  [[nodiscard]] std::string record_partial(const ProgressTable& table);
  // The last word on a failed run_autocommit(): what of the migration stays applied.
  [[nodiscard]] std::string partial_failure_note() const;
  // Runs one step's operations and its version-table change; returns the new heads.
  std::vector<std::string> apply(const Loaded& loaded, std::vector<std::string> heads);
  // With `record`, each statement is added to it once it has committed (statements that only
  // change data commit together, per operation), messages number the statement within the
  // migration, and `resume` skips what ran before.
  void run_operations(const Loaded& loaded, PartialRecord* record = nullptr,
                      const Resume* resume = nullptr);
  // Runs a must_return_no_rows statement; rows are an Error naming the first few.
  void check_no_rows(const Statement& check);
  // The step's version-table change from `heads`; a failure names the step and the SQL.
  std::vector<std::string> record(const Loaded& loaded, std::vector<std::string> heads);
  void update_versions(const std::vector<std::string>& from, const std::vector<std::string>& to);

  const Dialect* dialect_;
  Connection* connection_;
  const ScriptSet* scripts_;
  VersionTable version_table_;
  const Output* output_;
  bool per_migration_;
  ToggleStream* offline_stream_;
  // Where an online run stands, so that a failure can say where the database is left.
  struct Progress {
    std::vector<std::string> committed;     // the heads as last committed (or found)
    bool running = false;                   // a migration has started
    bool outside_transaction = false;       // ... one that commits statement by statement
    PartialRecord partial;                  // run_autocommit: what ran of the migration now running
    std::string recorded;                   // ... and where that was recorded after a failure
    std::optional<HistoryAttempt> attempt;  // the migration now running, for its history row
  };
  Progress progress_;
  std::vector<StepRun> steps_run_;
  bool echo_sql_ = false;
  bool lock_waited_ = false;       // begin_under_lock() has watched a first wait
  std::size_t steps_started_ = 0;  // for the "[k/n]" of a terminal's progress line
  std::size_t steps_planned_ = 0;
  void announce(const Loaded& loaded, std::string_view verb, std::string_view suffix = {});
  void execute(std::string_view sql);
  // Begins `transaction`; where the transaction is the migration lock, a wait of more than a
  // second is announced on stderr.
  void begin_under_lock(std::optional<Transaction>& transaction);
  void note_step(const Loaded& loaded, std::chrono::steady_clock::time_point started);
  // After a failed migration was rolled back: its failed row in the history table, best effort.
  void record_failure(std::string_view error);
};

}  // namespace migrate
