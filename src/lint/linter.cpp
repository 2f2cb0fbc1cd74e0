// The walk: each operation of a script through every rule, in its context; hits become findings,
// less what the operation or the config ignores; no-lock-timeout once, at the first lock.
#include <fmt/format.h>

#include <algorithm>

#include "lint/known_schema.h"
#include "lint/rule_check.h"
#include "migrate/lint/lint.h"

namespace migrate::lint {

namespace {

bool ignored(std::string_view rule, const std::vector<std::string>& ignore) {
  return std::find(ignore.begin(), ignore.end(), rule) != ignore.end();
}

// The first operation that locks a table already there, for no-lock-timeout.
std::optional<std::size_t> first_lock(const Script& script, std::set<std::string> made) {
  for (std::size_t i = 0; i < script.upgrade.size(); ++i) {
    const Operation& op = script.upgrade[i];
    if (const auto* create = std::get_if<CreateTable>(&op)) {
      made.insert(KnownSchema::key(create->schema, create->name));
    }
    const auto table = changed_table(op);
    if (table && !made.contains(KnownSchema::key(table->schema, table->name))) return i;
  }
  return std::nullopt;
}

// The script as it runs on `dialect`: the operations filtered out there are not judged. Copies
// into `copy` only when some operation has a filter.
const Script& for_dialect(const Script& script, std::string_view dialect,
                          std::optional<Script>& copy) {
  const auto& sources = script.upgrade_sources;
  if (std::all_of(sources.begin(), sources.end(),
                  [](const OperationSource& s) { return s.dialects.everywhere(); })) {
    return script;
  }
  copy = script;
  keep_for_dialect(copy->upgrade, copy->upgrade_sources, dialect);
  return *copy;
}

}  // namespace

Linter::Linter(Settings settings)
    : settings_(std::move(settings)), schema_(std::make_unique<KnownSchema>()) {}
Linter::~Linter() = default;
Linter::Linter(Linter&&) noexcept = default;
Linter& Linter::operator=(Linter&&) noexcept = default;

void Linter::replay(const Script& written) {
  std::optional<Script> copy;
  const Script& script = for_dialect(written, settings_.dialect, copy);
  for (const auto& op : script.upgrade) {
    schema_->apply(resolve_types_leniently(op, dialect_keys(settings_.dialect)));
  }
}

std::vector<Finding> Linter::lint(const Script& written) {
  std::optional<Script> copy;
  const Script& script = for_dialect(written, settings_.dialect, copy);
  std::vector<Finding> findings;
  std::set<std::string> created = settings_.one_run ? created_ : std::set<std::string>{};
  const auto add = [&](std::size_t index, Hit hit) {
    const auto& source =
        index < script.upgrade_sources.size() ? script.upgrade_sources[index] : OperationSource{};
    if (ignored(hit.rule, settings_.ignore) || ignored(hit.rule, source.lint_ignore)) return;
    const Rule* rule = find_rule(hit.rule);
    findings.push_back({rule, hit.severity.value_or(rule->severity), script.info.path.string(),
                        source.line, script.info.revision.id, describe(script.upgrade[index]),
                        std::move(hit.reason), std::move(hit.advice)});
  };
  if (settings_.capabilities.lock_timeout && !settings_.lock_timeout && !lock_timeout_named_) {
    if (const auto at = first_lock(script, created)) {
      lock_timeout_named_ = true;
      const auto table = changed_table(script.upgrade[*at]);
      add(*at, {"no-lock-timeout",
                fmt::format("it waits for its lock on {} behind any long query, and every query "
                            "on {} queues behind it meanwhile",
                            table->name, table->name),
                "set `lock_timeout = 5s` in the config, and run the migration again if it times "
                "out"});
    }
  }
  for (std::size_t i = 0; i < script.upgrade.size(); ++i) {
    // A per-dialect type is linted as the type this dialect gets.
    const Operation op =
        resolve_types_leniently(script.upgrade[i], dialect_keys(settings_.dialect));
    const OpContext context{script, settings_, *schema_, created};
    Hits hits;
    check_locking(op, context, hits);
    check_rewrites(op, context, hits);
    check_compatibility(op, context, hits);
    for (auto& hit : hits) add(i, std::move(hit));
    if (const auto* create = std::get_if<CreateTable>(&op)) {
      created.insert(KnownSchema::key(create->schema, create->name));
    }
    schema_->apply(op);
  }
  if (settings_.one_run) created_ = std::move(created);
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.line < b.line; });
  return findings;
}

}  // namespace migrate::lint
