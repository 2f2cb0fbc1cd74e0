#include "lint/known_schema.h"

#include <type_traits>

#include "migrate/core/text.h"

namespace migrate::lint {

std::string KnownSchema::key(const std::optional<std::string>& schema, std::string_view table) {
  return lower(schema ? *schema + "." + std::string(table) : std::string(table));
}

KnownSchema::Columns* KnownSchema::find(const std::optional<std::string>& schema,
                                        std::string_view table) {
  const auto it = tables_.find(key(schema, table));
  return it == tables_.end() ? nullptr : &it->second;
}

bool KnownSchema::has_table(const std::optional<std::string>& schema,
                            std::string_view table) const {
  return tables_.contains(key(schema, table));
}

std::optional<std::string> KnownSchema::column_type(const std::optional<std::string>& schema,
                                                    std::string_view table,
                                                    std::string_view column) const {
  const auto it = tables_.find(key(schema, table));
  if (it == tables_.end()) return std::nullopt;
  const auto found = it->second.find(lower(column));
  if (found == it->second.end()) return std::nullopt;
  return found->second;
}

void KnownSchema::apply(const Operation& op) {
  std::visit(
      [this](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          auto& columns = tables_[key(o.schema, o.name)];
          columns.clear();
          for (const auto& column : o.columns) columns[lower(column.name)] = column.type;
        } else if constexpr (std::is_same_v<T, DropTable>) {
          tables_.erase(key(o.schema, o.name));
        } else if constexpr (std::is_same_v<T, RenameTable>) {
          auto node = tables_.extract(key(o.schema, o.name));
          if (!node.empty()) {
            node.key() = key(o.schema, o.new_name);
            tables_.insert(std::move(node));
          }
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          if (auto* columns = find(o.schema, o.table)) {
            (*columns)[lower(o.column.name)] = o.column.type;
          }
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          if (auto* columns = find(o.schema, o.table)) columns->erase(lower(o.name));
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          auto* columns = find(o.schema, o.table);
          if (!columns || !columns->contains(lower(o.name))) return;
          std::string type = (*columns)[lower(o.name)];
          if (o.type) type = *o.type;
          columns->erase(lower(o.name));
          (*columns)[lower(o.new_name.value_or(o.name))] = type;
        }
      },
      op);
}

}  // namespace migrate::lint
