#pragma once
// One function per command (Alembic's command.py), callable without argv: the CLI layer only
// parses options into these structs. Each throws Error for a failure; none prints FAILED itself.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "migrate/config/config.h"
#include "migrate/core/output.h"

namespace migrate::commands {

struct InitOptions {
  std::filesystem::path directory;
};
void init(const GlobalOptions& global, const InitOptions& options, const Output& out);

struct RevisionOptions {
  std::string message;
  bool autogenerate = false;
  std::string head = "head";
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::optional<std::string> rev_id;
  std::optional<std::filesystem::path> version_path;
  std::optional<std::filesystem::path> target_schema;  // --target-schema; else the config's
};
std::filesystem::path revision(const GlobalOptions& global, const RevisionOptions& options,
                               const Output& out);

struct MergeOptions {
  std::string message;
  std::vector<std::string> revisions;
  std::vector<std::string> branch_labels;
  std::optional<std::string> rev_id;
};
std::filesystem::path merge(const GlobalOptions& global, const MergeOptions& options,
                            const Output& out);

// baseline (SPEC §14): for a database with no history and a script directory with no
// revisions, writes a first revision that creates the whole schema and drops it on downgrade,
// then stamps the database there. Returns the script's path.
struct BaselineOptions {
  std::string message;
  std::optional<std::string> rev_id;
};
std::filesystem::path baseline(const GlobalOptions& global, const BaselineOptions& options,
                               const Output& out);

struct MigrateOptions {
  std::string target;  // "head", "-1", "START:END" with sql, ...
  bool sql = false;
  std::optional<std::string> tag;  // accepted for Alembic compatibility; see README
  bool echo_sql = false;           // --echo-sql / -v: each statement on stderr as it runs
};
void upgrade(const GlobalOptions& global, const MigrateOptions& options, const Output& out);
void downgrade(const GlobalOptions& global, const MigrateOptions& options, const Output& out);

struct StampOptions {
  std::vector<std::string> revisions;
  bool sql = false;
  bool purge = false;
  std::optional<std::string> tag;
  bool echo_sql = false;
};
void stamp(const GlobalOptions& global, const StampOptions& options, const Output& out);

struct CurrentOptions {
  bool verbose = false;
  bool check_heads = false;
};
void current(const GlobalOptions& global, const CurrentOptions& options, const Output& out);

struct HistoryOptions {
  std::string range;
  bool verbose = false;
  bool indicate_current = false;
};
void history(const GlobalOptions& global, const HistoryOptions& options, const Output& out);

struct HeadsOptions {
  bool verbose = false;
  bool resolve_dependencies = false;
};
void heads(const GlobalOptions& global, const HeadsOptions& options, const Output& out);

struct BranchesOptions {
  bool verbose = false;
};
void branches(const GlobalOptions& global, const BranchesOptions& options, const Output& out);

// SPEC §12: prints "No new upgrade operations detected." when the database (at head) matches the
// declared schema; otherwise lists every difference on stdout and throws Error.
struct CheckOptions {
  std::optional<std::filesystem::path> target_schema;  // --target-schema; else the config's
};
void check(const GlobalOptions& global, const CheckOptions& options, const Output& out);

struct LintOptions {
  std::string range;                   // empty: what the database has not applied, or all
  bool strict = false;                 // warnings fail too
  std::optional<std::string> dialect;  // --dialect: lint for it, without a database
  bool list_rules = false;             // --rules: the catalogue
};
void lint(const GlobalOptions& global, const LintOptions& options, const Output& out);
// SPEC §15: the checks teams write by hand with pytest-alembic (single head, stairway, no trace,
// target_schema at head, lint errors), on a throwaway database: a scratch database on the
// server of --url, else SQLite in memory; never the configured one. Prints one FAILED line per
// failure and throws Error when any check failed.
struct TestOptions {
  std::optional<std::filesystem::path> target_schema;  // --target-schema; else the config's
};
void test(const GlobalOptions& global, const TestOptions& options, const Output& out);

struct ShowOptions {
  std::string revision;
};
void show(const GlobalOptions& global, const ShowOptions& options, const Output& out);

// graph: the revision graph as DOT, Mermaid or (through Graphviz) SVG, on stdout.
struct GraphOptions {
  std::string range;           // -r, as history's
  std::string format = "dot";  // dot, mermaid, svg
  bool no_current = false;     // --no-current: do not connect to mark current revisions
};
void graph(const GlobalOptions& global, const GraphOptions& options, const Output& out);

// validate (SPEC §15): lists on stdout each applied script edited since it ran, each applied
// revision whose script is missing and each pending script older than an applied one, and then
// throws Error; revisions applied without a history row are listed as unknown, which is no error.
struct ValidateOptions {};
void validate(const GlobalOptions& global, const ValidateOptions& options, const Output& out);

// status (SPEC §15): where the database stands, the heads, what is pending, problems with the
// scripts and the last migrations that ran. Returns the exit status: 0 up to date, kExitPending
// when migrations are pending; drift (a problem, or a migration left part-way) throws Error.
struct StatusOptions {
  std::size_t recent = 5;  // --last: how many history rows to show
};
[[nodiscard]] int status(const GlobalOptions& global, const StatusOptions& options,
                         const Output& out);

// fleet (README "Fleet: many databases at once"): one command over many targets, each target a
// name bound into the config as -x BIND=NAME. Returns the exit status: 0 when every target
// succeeded, 3 for `fleet status` when some are behind and none failed, 1 otherwise (each failed
// target has printed its FAILED line). Errors before any target is touched throw Error.
struct FleetOptions {
  std::string command;                      // upgrade, downgrade, stamp, current, check, status
  std::vector<std::string> args;            // the command's revision(s)
  std::optional<std::string> targets_file;  // --targets FILE, or "-" for stdin
  std::optional<std::string> targets_glob;  // --targets-glob PATTERN
  std::optional<std::string> targets_sql;   // --targets-sql SQL
  std::optional<std::string> from_report;   // --from-report FILE
  std::optional<std::string> only;          // --only STATUS[,STATUS]
  std::optional<std::string> bind;          // --bind KEY; default tenant
  std::optional<std::size_t> jobs;          // -j N
  std::optional<std::size_t> canary;        // --canary N
  std::optional<std::string> max_failures;  // --max-failures K|all
  std::optional<std::string> shard;         // --shard I/N
  std::optional<std::string> lock_wait;     // --lock-wait DURATION
  std::optional<std::string> report;        // --report FILE (JSON Lines)
  std::string format = "text";              // --format text|json|jsonl
  bool purge = false;                       // stamp --purge
  std::optional<std::filesystem::path> target_schema;  // check --target-schema
};
[[nodiscard]] int fleet(const GlobalOptions& global, const FleetOptions& options,
                        const Output& out);

// import-alembic (SPEC §14): converts an Alembic environment (its alembic.ini, or its script
// directory) into a migrate environment under `into`: alembic.ini with the keys carried over, and
// one YAML script per Python revision file. Statements that do not convert are listed on stdout
// as file:line and nothing is written (Error), unless keep_unconverted writes them under `todo:`.
struct ImportAlembicOptions {
  std::filesystem::path source;
  std::filesystem::path into = "migrate";
  bool keep_unconverted = false;
};
void import_alembic(const GlobalOptions& global, const ImportAlembicOptions& options,
                    const Output& out);

// For shell completion: every revision id and branch label, one per line; nothing (and no
// failure) outside a project.
void list_revision_words(const GlobalOptions& global, const Output& out);

}  // namespace migrate::commands
