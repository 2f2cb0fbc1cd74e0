#include "migrate/ops/dialect_filter.h"

#include <algorithm>

#include "migrate/ops/operation.h"

namespace migrate {

std::optional<std::string> filter_dialect_name(std::string_view name) {
  if (name == "mariadb") return "mysql";  // one dialect serves both
  if (name == "postgresql" || name == "sqlite" || name == "mysql") return std::string(name);
  return std::nullopt;
}

std::vector<std::string> dialect_keys(std::string_view dialect) {
  std::vector<std::string> keys{std::string(dialect)};
  if (dialect == "mysql") keys.emplace_back("mariadb");
  return keys;
}

bool DialectFilter::matches(std::string_view dialect) const {
  if (everywhere()) return true;
  const auto canonical = filter_dialect_name(dialect).value_or(std::string(dialect));
  const bool named = std::find(names.begin(), names.end(), canonical) != names.end();
  return named != except;
}

void keep_for_dialect(std::vector<Operation>& ops, std::vector<OperationSource>& sources,
                      std::string_view dialect) {
  if (sources.size() != ops.size()) return;  // no sources: nothing was filtered
  std::size_t kept = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (!sources[i].dialects.matches(dialect)) continue;
    if (kept != i) {
      ops[kept] = std::move(ops[i]);
      sources[kept] = std::move(sources[i]);
    }
    ++kept;
  }
  ops.erase(ops.begin() + static_cast<std::ptrdiff_t>(kept), ops.end());
  sources.erase(sources.begin() + static_cast<std::ptrdiff_t>(kept), sources.end());
}

}  // namespace migrate
