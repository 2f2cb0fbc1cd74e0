// Per-dialect column types (`type: {postgresql: double precision, default: float}`), beyond
// SPEC §7: each dialect renders, rebuilds and compares the one type it gets here, so nothing
// downstream of the renderer, the linter or the schema loader sees a mapping.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "migrate/core/error.h"
#include "migrate/ops/operation.h"

namespace migrate {
namespace {

// The type for the first of `keys` the mapping names, else its default ("" when none).
std::string pick(const std::string& fallback, const DialectTypes& types,
                 const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    if (const auto found = types.find(key); found != types.end()) return found->second;
  }
  return fallback;
}

std::string named_types(const DialectTypes& types) {
  std::string names;
  for (const auto& [dialect, type] : types) names += (names.empty() ? "" : ", ") + dialect;
  return names;
}

class Resolver {
 public:
  Resolver(const std::vector<std::string>& keys, bool strict) : keys_(keys), strict_(strict) {}

  void column(Column& column, const std::string& table) const {
    if (column.dialect_types.empty()) return;
    column.type = pick(column.type, column.dialect_types, keys_);
    check(column.type, column.dialect_types, table, column.name);
    column.dialect_types.clear();
  }

  void alter(AlterColumn& op) const {
    if (op.dialect_types.empty()) return;
    op.type = pick(op.type.value_or(""), op.dialect_types, keys_);
    check(*op.type, op.dialect_types, op.table, op.name);
    op.dialect_types.clear();
  }

 private:
  void check(const std::string& type, const DialectTypes& types, const std::string& table,
             const std::string& name) const {
    if (!type.empty() || !strict_) return;
    throw Error(
        fmt::format("column '{}' of table '{}' has no type for {}: its type names {} "
                    "and no default",
                    name, table, keys_.front(), named_types(types)));
  }

  const std::vector<std::string>& keys_;
  bool strict_;
};

Operation resolve(const Operation& op, const std::vector<std::string>& keys, bool strict) {
  Operation out = op;
  const Resolver resolver(keys, strict);
  std::visit(
      [&](auto& alternative) {
        using T = std::decay_t<decltype(alternative)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          for (auto& column : alternative.columns) resolver.column(column, alternative.name);
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          resolver.column(alternative.column, alternative.table);
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          resolver.alter(alternative);
        }
      },
      out);
  return out;
}

}  // namespace

Operation resolve_types(const Operation& op, const std::vector<std::string>& keys) {
  return resolve(op, keys, true);
}

Operation resolve_types_leniently(const Operation& op, const std::vector<std::string>& keys) {
  return resolve(op, keys, false);
}

}  // namespace migrate
