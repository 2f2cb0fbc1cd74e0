#pragma once
// `migrate lint` (SPEC §15): rules over the structured operations of scripts, for one dialect.
// Every rule has a stable id, a severity, the reason an operation is risky and the safe way to
// write it. The linter needs no database: it replays the history from base to know which tables
// a migration finds already there and the column types it changes.
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/script/script.h"

namespace migrate::lint {

enum class Severity { info, warning, error };
[[nodiscard]] std::string_view severity_name(Severity severity);

// A rule of the catalogue: README.rst documents each by its id.
struct Rule {
  std::string_view id;
  Severity severity;
  std::string_view summary;
};
[[nodiscard]] std::span<const Rule> rules();
[[nodiscard]] const Rule* find_rule(std::string_view id);

struct Finding {
  const Rule* rule = nullptr;
  Severity severity = Severity::warning;  // the rule's, or raised (a large rebuild)
  std::string file;
  int line = 0;
  std::string revision;
  std::string operation;  // "create_index ix_account_email on account"
  std::string reason;     // why it is risky
  std::string advice;     // the safe way
};

// "file:line: warning: id: revision operation: reason; advice"
[[nodiscard]] std::string format_finding(const Finding& finding);

struct Settings {
  Capabilities capabilities;
  std::string dialect;  // Dialect::name(): which `execute` entries run here
  // lock_timeout is configured, so migrations cannot queue behind a long query.
  bool lock_timeout = false;
  std::vector<std::string> ignore;  // config lint_ignore
  // Rows in an existing table, when a database is at hand (a rebuild of a large table is
  // worse than one of a small one); nullopt when unknown.
  std::function<std::optional<long long>(const TableName&)> row_count;
  // The migrations linted are about to run in one command (`upgrade`): a table an earlier one
  // of them creates did not exist when the command started, so nothing uses it yet. Otherwise
  // only a table created earlier in the same migration counts as new.
  bool one_run = false;
};

class KnownSchema;

class Linter {
 public:
  explicit Linter(Settings settings);
  ~Linter();
  Linter(Linter&&) noexcept;
  Linter& operator=(Linter&&) noexcept;

  // Records what an already applied (or not linted) script does to the schema.
  void replay(const Script& script);
  // The findings for `script`'s upgrade, in operation order; then records what it does.
  [[nodiscard]] std::vector<Finding> lint(const Script& script);

 private:
  Settings settings_;
  std::unique_ptr<KnownSchema> schema_;
  std::set<std::string> created_;    // Settings::one_run: tables this run has created
  bool lock_timeout_named_ = false;  // no-lock-timeout is said once: it is one config setting
};

}  // namespace migrate::lint
