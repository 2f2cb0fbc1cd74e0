// How findings name an operation, and which existing table it changes.
#include <fmt/format.h>

#include <type_traits>

#include "lint/rule_check.h"

namespace migrate::lint {

namespace {

std::string table_name(const std::optional<std::string>& schema, std::string_view table) {
  return schema ? fmt::format("{}.{}", *schema, table) : std::string(table);
}

}  // namespace

std::string describe(const Operation& op) {
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        const std::string_view name = operation_name(op);
        if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, DropTable> ||
                      std::is_same_v<T, RenameTable>) {
          return fmt::format("{} {}", name, table_name(o.schema, o.name));
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          return fmt::format("{} {}.{}", name, table_name(o.schema, o.table), o.column.name);
        } else if constexpr (std::is_same_v<T, DropColumn> || std::is_same_v<T, AlterColumn>) {
          return fmt::format("{} {}.{}", name, table_name(o.schema, o.table), o.name);
        } else if constexpr (std::is_same_v<T, DropIndex>) {
          return o.table ? fmt::format("{} {} on {}", name, o.name, table_name(o.schema, *o.table))
                         : fmt::format("{} {}", name, o.name);
        } else if constexpr (std::is_same_v<T, BulkInsert>) {
          return fmt::format("{} into {}", name, table_name(o.schema, o.table));
        } else if constexpr (std::is_same_v<T, Execute>) {
          return std::string(name);
        } else {
          return fmt::format("{} {} on {}", name, o.name, table_name(o.schema, o.table));
        }
      },
      op);
}

std::optional<TableName> changed_table(const Operation& op) {
  return std::visit(
      [](const auto& o) -> std::optional<TableName> {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, BulkInsert> ||
                      std::is_same_v<T, Execute>) {
          return std::nullopt;  // a new table; row locks only; unknown
        } else if constexpr (std::is_same_v<T, DropTable> || std::is_same_v<T, RenameTable>) {
          return TableName{o.schema, o.name};
        } else if constexpr (std::is_same_v<T, DropIndex>) {
          if (o.concurrently || !o.table) return std::nullopt;
          return TableName{o.schema, *o.table};
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          if (o.concurrently) return std::nullopt;
          return TableName{o.schema, o.table};
        } else {
          return TableName{o.schema, o.table};
        }
      },
      op);
}

}  // namespace migrate::lint
