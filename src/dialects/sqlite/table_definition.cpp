// Edits on a parsed CREATE TABLE (table_definition.h) and its rendering back to SQL.
#include "dialects/sqlite/table_definition.h"

#include <fmt/format.h>

#include <algorithm>

#include "dialects/sqlite/quoting.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

bool mentions(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return iequals(n, name); });
}

bool type_allows(ConstraintType type, ConstraintKind kind) {
  switch (type) {
    case ConstraintType::any:
      return kind == ConstraintKind::primary_key || kind == ConstraintKind::unique ||
             kind == ConstraintKind::check || kind == ConstraintKind::foreign_key;
    case ConstraintType::foreignkey:
      return kind == ConstraintKind::foreign_key;
    case ConstraintType::unique:
      return kind == ConstraintKind::unique;
    case ConstraintType::check:
      return kind == ConstraintKind::check;
    case ConstraintType::primary:
      return kind == ConstraintKind::primary_key;
  }
  return false;
}

std::string_view type_words(ConstraintType type) {
  switch (type) {
    case ConstraintType::any:
      return "constraint";
    case ConstraintType::foreignkey:
      return "foreign key constraint";
    case ConstraintType::unique:
      return "unique constraint";
    case ConstraintType::check:
      return "check constraint";
    case ConstraintType::primary:
      return "primary key constraint";
  }
  return "constraint";
}

template <typename Container, typename Predicate>
void erase_if(Container& items, Predicate predicate) {
  items.erase(std::remove_if(items.begin(), items.end(), predicate), items.end());
}

ColumnDefinition& existing_column(TableDefinition& table, std::string_view table_name,
                                  std::string_view column) {
  if (auto* found = table.find_column(column)) return *found;
  throw Error(fmt::format("Table '{}' has no column '{}'", table_name, column));
}

}  // namespace

bool ColumnDefinition::has(ConstraintKind kind) const {
  return std::any_of(constraints.begin(), constraints.end(),
                     [&](const ColumnConstraint& c) { return c.kind == kind; });
}

ColumnDefinition* TableDefinition::find_column(std::string_view name) {
  for (auto& column : columns) {
    if (iequals(column.name, name)) return &column;
  }
  return nullptr;
}

const ColumnDefinition* TableDefinition::find_column(std::string_view name) const {
  return const_cast<TableDefinition*>(this)->find_column(name);
}

bool TableDefinition::is_referenced(std::string_view name) const {
  for (const auto& constraint : constraints) {
    if (mentions(constraint.mentions, name)) return true;
  }
  for (const auto& column : columns) {
    if (iequals(column.name, name)) continue;
    for (const auto& constraint : column.constraints) {
      if (mentions(constraint.mentions, name)) return true;
    }
  }
  return false;
}

bool TableDefinition::has_primary_key() const {
  return std::any_of(columns.begin(), columns.end(),
                     [](const auto& c) { return c.has(ConstraintKind::primary_key); }) ||
         std::any_of(constraints.begin(), constraints.end(),
                     [](const auto& c) { return c.kind == ConstraintKind::primary_key; });
}

void TableDefinition::set_type(std::string_view table, std::string_view column, std::string type) {
  existing_column(*this, table, column).type = std::move(type);
}

void TableDefinition::set_nullable(std::string_view table, std::string_view column, bool nullable) {
  auto& definition = existing_column(*this, table, column);
  erase_if(definition.constraints, [](const ColumnConstraint& c) {
    return c.kind == ConstraintKind::not_null || c.kind == ConstraintKind::null;
  });
  // First, right after the type, where people write it.
  if (!nullable) {
    definition.constraints.insert(
        definition.constraints.begin(),
        ColumnConstraint{std::nullopt, ConstraintKind::not_null, "NOT NULL", {}});
  }
}

void TableDefinition::set_default(std::string_view table, std::string_view column,
                                  const std::optional<std::string>& rendered_default) {
  auto& definition = existing_column(*this, table, column);
  erase_if(definition.constraints,
           [](const ColumnConstraint& c) { return c.kind == ConstraintKind::default_; });
  if (rendered_default) {
    definition.constraints.push_back(ColumnConstraint{
        std::nullopt, ConstraintKind::default_, "DEFAULT " + *rendered_default, {}});
  }
}

void TableDefinition::add_column(ColumnDefinition column) { columns.push_back(std::move(column)); }

void TableDefinition::drop_column(std::string_view table, std::string_view column) {
  existing_column(*this, table, column);
  for (const auto& other : columns) {
    if (iequals(other.name, column)) continue;
    for (const auto& constraint : other.constraints) {
      // Dropping the expression would silently turn a computed column into a stored one.
      if (constraint.kind == ConstraintKind::generated && mentions(constraint.mentions, column)) {
        throw Error(fmt::format(
            "Cannot drop column '{}' of table '{}': generated column '{}' is computed from it; "
            "drop or alter '{}' first",
            column, table, other.name, other.name));
      }
    }
  }
  erase_if(columns, [&](const ColumnDefinition& c) { return iequals(c.name, column); });
  erase_if(constraints, [&](const TableConstraint& c) { return mentions(c.mentions, column); });
  for (auto& other : columns) {
    erase_if(other.constraints,
             [&](const ColumnConstraint& c) { return mentions(c.mentions, column); });
  }
}

void TableDefinition::add_constraint(TableConstraint constraint) {
  constraints.push_back(std::move(constraint));
}

void TableDefinition::drop_constraint(std::string_view table, std::string_view name,
                                      ConstraintType type) {
  const auto matches = [&](const std::optional<std::string>& n, ConstraintKind kind) {
    return n && iequals(*n, name) && type_allows(type, kind);
  };
  const auto before = constraints.size();
  erase_if(constraints, [&](const TableConstraint& c) { return matches(c.name, c.kind); });
  bool found = constraints.size() != before;
  for (auto& column : columns) {
    const auto count = column.constraints.size();
    erase_if(column.constraints,
             [&](const ColumnConstraint& c) { return matches(c.name, c.kind); });
    found = found || column.constraints.size() != count;
  }
  if (found) return;
  std::vector<std::string> named;
  for (const auto& c : constraints) {
    if (c.name && type_allows(type, c.kind)) named.push_back(*c.name);
  }
  for (const auto& column : columns) {
    for (const auto& c : column.constraints) {
      if (c.name && type_allows(type, c.kind)) named.push_back(*c.name);
    }
  }
  throw Error(fmt::format(
      "Table '{}' has no {} named '{}'; {} (SQLite can only drop constraints that were given a "
      "name)",
      table, type_words(type), name,
      named.empty() ? std::string("it has no named one")
                    : fmt::format("its named ones are: {}", fmt::join(named, ", "))));
}

std::string TableDefinition::render_column(const ColumnDefinition& column) {
  std::string text = quote_identifier(column.name);
  if (!column.type.empty()) text += " " + column.type;
  for (const auto& constraint : column.constraints) text += " " + constraint.text;
  return text;
}

std::string TableDefinition::render(std::string_view qualified_name, bool if_not_exists) const {
  std::vector<std::string> items;
  for (const auto& column : columns) items.push_back(render_column(column));
  for (const auto& constraint : constraints) items.push_back(constraint.text);
  return fmt::format("CREATE TABLE {}{} (\n  {}\n){}", if_not_exists ? "IF NOT EXISTS " : "",
                     qualified_name, fmt::join(items, ",\n  "),
                     options.empty() ? "" : " " + options);
}

}  // namespace migrate::sqlite
