#pragma once
// `dialect:` written beside an operation's key (beyond SPEC §6): the dialects the operation runs
// on. `dialect: [postgresql]` runs it there only; `dialect: {not: [postgresql, mysql]}` everywhere
// else, dialects added later included. Elsewhere the operation is skipped as if not written: by
// upgrade and downgrade (the derived downgrade inverts only what ran), `--sql`, lint, and every
// replay. Unlike `lint:`, the filter changes what runs, so the script checksum covers it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

struct DialectFilter {
  std::vector<std::string> names;  // sorted, unique; `mariadb` is read as `mysql`
  bool except = false;             // `{not: [...]}`: every dialect but `names`

  // No filter: the operation runs on every dialect.
  bool everywhere() const { return names.empty() && !except; }
  bool matches(std::string_view dialect) const;

  friend bool operator==(const DialectFilter&, const DialectFilter&) = default;
};

// The dialect `name` stands for in a filter ("mariadb" -> "mysql"); nullopt for no dialect.
std::optional<std::string> filter_dialect_name(std::string_view name);

// The keys that a dialect's entries in a per-dialect `type:` or `execute` go by: its name, then
// its aliases ("mysql" -> mysql, mariadb). Every reader of a mapping asks this, so that lint,
// `check` and the renderer pick the same entry.
std::vector<std::string> dialect_keys(std::string_view dialect);

}  // namespace migrate
