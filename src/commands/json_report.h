#pragma once
// --format json (SPEC §9's data as data, for pipelines): one JSON document per command on
// stdout, each with a versioned "schema" name ("migrate.history/1") that changes only when a
// field changes meaning or goes away. Written with RapidJSON (Debian's rapidjson-dev), kept to
// json_report.cpp (and json_history.cpp) so that only they compile the library.
#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands/test_checks.h"
#include "migrate/config/config.h"
#include "migrate/graph/plan.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/lint/lint.h"
#include "migrate/runtime/progress_table.h"
#include "migrate/script/script.h"

namespace migrate::commands::json {

[[nodiscard]] bool wanted(const GlobalOptions& global);

// What the reporting commands know about the database, for the revisions they list.
struct Marks {
  const std::set<std::string>* current = nullptr;  // applied heads ("is_current")
  const std::optional<PartialRecord>* partial = nullptr;
};

// {"schema": schema, "revisions": [...]} (history, heads, show), each revision with its id,
// parents, dependencies, labels, message, date, path and place in the graph.
// Written to `out` with its newline.
void revisions(std::ostream& out, std::string_view schema, const RevisionGraph& graph,
               const std::vector<const ScriptInfo*>& scripts, const Marks& marks = {});

// current: the database's heads (and a migration left part-way).
[[nodiscard]] std::string current(const RevisionGraph& graph,
                                  const std::vector<const ScriptInfo*>& scripts,
                                  const std::optional<PartialRecord>& partial);

// branches: each branch point with its children.
[[nodiscard]] std::string branches(const RevisionGraph& graph,
                                   const std::vector<const ScriptInfo*>& branch_points);

// One step run by upgrade, downgrade or stamp.
struct StepReport {
  std::string revision;   // for stamp: the heads it moved to, comma-separated
  std::string direction;  // "upgrade", "downgrade", "stamp"
  std::string message;
  std::chrono::steady_clock::duration duration{};
};
[[nodiscard]] std::string run(std::string_view command, const std::vector<StepReport>& steps,
                              const std::vector<std::string>& heads);

// revision and merge: the script written.
[[nodiscard]] std::string written(std::string_view revision, const std::filesystem::path& path);

// check: whether the database matches the declared schema, each difference, and (when it does
// not) the failure, so that one document says all (the command then fails with
// ReportedFailure).
[[nodiscard]] std::string check(const std::vector<std::string>& changes, const std::string& error);

// lint: {"schema": "migrate.lint/1", dialect, migrations, ok, findings: [{rule, severity, file,
// line, revision, operation, reason, advice}], plus error and exit_code when it failed.
[[nodiscard]] std::string lint(const std::vector<lint::Finding>& findings,
                               const std::string& dialect, std::size_t migrations,
                               const std::string& error);
// test: {"schema": "migrate.test/1", database, revisions, checks: [{name, status ("passed",
// "failed", "skipped"), reason}], failures: [{check, revision, message}], duration_ms, ok}, and
// when it failed, the error and exit code as check has them.
struct TestCheckReport {
  std::string name;
  std::string status;
  std::string reason;  // why it was skipped; empty otherwise
};
struct TestReport {
  std::string database;  // where the test ran
  std::size_t revisions = 0;
  std::vector<TestCheckReport> checks;
  std::vector<TestFailure> failures;
  std::chrono::steady_clock::duration duration{};
};
[[nodiscard]] std::string test(const TestReport& report, const std::string& error);

// --version: {"schema": "migrate.version/1", version, commit, dialects: [{name, built_in,
// program, found}]}.
struct DialectReport {
  std::string name;
  bool built_in = false;
  std::string program;
  bool found = false;
};
[[nodiscard]] std::string version(std::string_view version, std::string_view commit,
                                  const std::vector<DialectReport>& dialects);

// A failure: {"schema": "migrate.error/1", "error": message, "exit_code": code}.
[[nodiscard]] std::string error(std::string_view message, int exit_code);

}  // namespace migrate::commands::json
