// The generic differ (differ.h). Every change is recorded as a step: the operations of the
// upgrade and their exact inverse. Steps are appended in the safe upgrade order; the downgrade
// is the inverses, last step first, so it is safe for the same reason in the other direction.
#include "migrate/schema/differ.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace migrate {

std::string DiffRules::type_key(const SchemaTable&, const SchemaColumn& column) const {
  return column.type;
}
std::string DiffRules::default_key(std::string_view expression) const {
  return sql_key(expression);
}
std::string DiffRules::condition_key(std::string_view expression) const {
  return sql_key(expression);
}

namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& name : names) quoted.push_back("'" + name + "'");
  return fmt::format("[{}]", fmt::join(quoted, ", "));
}

std::string display(const SchemaTable& table) {
  return table.schema ? *table.schema + "." + table.name : table.name;
}

std::string slug(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& column : columns) {
    if (!out.empty()) out += '_';
    for (const char c : column) {
      out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
  }
  return out;
}

class Builder {
 public:
  Builder(const SchemaModel& from, const SchemaModel& to, const DiffRules& rules)
      : from_(from), to_(to), rules_(rules) {}

  SchemaDiff build() {
    collect_tables();
    drop_constraints();
    add_and_alter_columns();
    create_tables();
    drop_columns();
    drop_tables();
    create_constraints();
    for (const auto& step : steps_) {
      diff_.upgrade.insert(diff_.upgrade.end(), step.up.begin(), step.up.end());
    }
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
      diff_.downgrade.insert(diff_.downgrade.end(), it->down.begin(), it->down.end());
    }
    return std::move(diff_);
  }

 private:
  struct Step {
    std::vector<Operation> up;
    std::vector<Operation> down;
  };
  struct Pair {
    const SchemaTable* from;
    const SchemaTable* to;
  };
  using DeferredKeys = std::vector<std::pair<const SchemaTable*, ForeignKey>>;

  void step(std::vector<Operation> up, std::vector<Operation> down) {
    steps_.push_back({std::move(up), std::move(down)});
  }
  void change(std::string description) { diff_.changes.push_back(std::move(description)); }

  // --- matching ---------------------------------------------------------------------------

  bool same_items(const std::vector<std::string>& a, const std::vector<std::string>& b) const {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const bool expression = !a[i].empty() && a[i].front() == '(';
      if (expression ? rules_.condition_key(a[i]) != rules_.condition_key(b[i]) : a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }
  bool same_condition(const std::optional<std::string>& a,
                      const std::optional<std::string>& b) const {
    if (a.has_value() != b.has_value()) return false;
    return !a || rules_.condition_key(*a) == rules_.condition_key(*b);
  }
  bool same(const UniqueConstraint& a, const UniqueConstraint& b) const {
    return a.columns == b.columns;
  }
  bool same(const ForeignKey& a, const ForeignKey& b) const {
    return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns &&
           rules_.action_key(a.ondelete) == rules_.action_key(b.ondelete) &&
           rules_.action_key(a.onupdate) == rules_.action_key(b.onupdate);
  }
  bool same(const CheckConstraint& a, const CheckConstraint& b) const {
    return rules_.condition_key(a.condition) == rules_.condition_key(b.condition);
  }
  bool same(const SchemaIndex& a, const SchemaIndex& b) const {
    return same_items(a.columns, b.columns) && a.unique == b.unique &&
           same_condition(a.where, b.where);
  }

  // Pairs constraints by content; a declared name must also match, an undeclared one matches
  // whatever the database calls it. Returns the unmatched of each side.
  template <typename T>
  std::pair<std::vector<const T*>, std::vector<const T*>> unmatched(
      const std::vector<T>& from, const std::vector<T>& to) const {
    std::vector<bool> used(from.size(), false);
    std::vector<const T*> added;
    for (const auto& wanted : to) {
      bool found = false;
      for (std::size_t i = 0; i < from.size() && !found; ++i) {
        if (used[i] || !same(from[i], wanted)) continue;
        if (wanted.name && from[i].name != wanted.name) continue;
        used[i] = found = true;
      }
      if (!found) added.push_back(&wanted);
    }
    std::vector<const T*> removed;
    for (std::size_t i = 0; i < from.size(); ++i) {
      if (!used[i]) removed.push_back(&from[i]);
    }
    return {removed, added};
  }

  // --- tables -------------------------------------------------------------------------------

  void collect_tables() {
    for (const auto& table : to_.tables) {
      const SchemaTable* existing = from_.find(table.name);
      if (existing != nullptr) {
        pairs_.push_back({existing, &table});
      } else {
        created_.push_back(&table);
      }
    }
    for (const auto& table : from_.tables) {
      if (to_.find(table.name) == nullptr) dropped_.push_back(&table);
    }
  }

  // `tables` ordered so that each comes after the tables its foreign keys reference; a key that
  // would close a cycle is put in `deferred` instead.
  static std::vector<const SchemaTable*> parents_first(
      const std::vector<const SchemaTable*>& tables, DeferredKeys& deferred) {
    std::map<std::string, const SchemaTable*> by_name;
    for (const auto* table : tables) by_name[table->name] = table;
    enum class State { fresh, visiting, done };
    std::map<std::string, State> state;
    std::vector<const SchemaTable*> order;
    const auto visit = [&](const auto& self, const SchemaTable* table) -> void {
      state[table->name] = State::visiting;
      for (const auto& key : table->foreign_keys) {
        const auto parent = by_name.find(key.ref_table);
        if (parent == by_name.end() || key.ref_table == table->name) continue;
        const State s = state[key.ref_table];
        if (s == State::visiting) {
          deferred.emplace_back(table, key);
        } else if (s == State::fresh) {
          self(self, parent->second);
        }
      }
      state[table->name] = State::done;
      order.push_back(table);
    };
    for (const auto* table : tables) {
      if (state[table->name] == State::fresh) visit(visit, table);
    }
    return order;
  }

  static std::vector<ForeignKey> keys_of(const SchemaTable* table, const DeferredKeys& deferred) {
    std::vector<ForeignKey> keys;
    for (const auto& [owner, key] : deferred) {
      if (owner == table) keys.push_back(key);
    }
    return keys;
  }

  ForeignKey named(const SchemaTable& table, ForeignKey key) const {
    if (!key.name) key.name = "fk_" + table.name + "_" + slug(key.columns) + "_" + key.ref_table;
    return key;
  }

  static CreateForeignKey create_fk(const SchemaTable& table, const ForeignKey& key) {
    return CreateForeignKey{*key.name,     table.name,      key.columns,
                            key.ref_table, key.ref_columns, key.ondelete,
                            key.onupdate,  key.ref_schema,  table.schema};
  }
  static DropConstraint drop(const SchemaTable& table, const std::string& name,
                             ConstraintType type) {
    return DropConstraint{name, table.name, type, table.schema};
  }

  std::vector<Operation> creation(const SchemaTable& table, const std::vector<ForeignKey>& later) {
    std::vector<Operation> ops{create_table_operation(table, later)};
    for (const auto& index : table.indexes) ops.push_back(create_index_operation(table, index));
    return ops;
  }

  void create_tables() {
    DeferredKeys deferred;
    const auto order = parents_first(created_, deferred);
    for (const auto* table : order) {
      change(fmt::format("Detected added table '{}'", display(*table)));
      for (const auto& index : table->indexes) {
        change(fmt::format("Detected added index '{}' on '{}'", index.name,
                           quoted_list(index.columns)));
      }
      step(creation(*table, keys_of(table, deferred)),
           {DropTable{table->name, table->schema, false}});
    }
    // Created after every table exists (create_constraints names them).
    for (const auto& [table, key] : deferred) late_keys_.emplace_back(table, key);
  }

  void drop_tables() {
    DeferredKeys deferred;
    auto order = parents_first(dropped_, deferred);
    // Keys closing a cycle go first, so that each table is unreferenced when it is dropped.
    for (const auto& [table, key] : deferred) {
      if (!key.name) continue;  // SQLite: unnamed, and not enforced at DROP TABLE anyway
      step({drop(*table, *key.name, ConstraintType::foreignkey)}, {create_fk(*table, key)});
    }
    std::vector<ForeignKey> named_deferred;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const SchemaTable& table = **it;
      change(fmt::format("Detected removed table '{}'", display(table)));
      diff_.drops.push_back(fmt::format(
          "WARNING: the upgrade drops table '{}' and its rows; a renamed table shows as a drop "
          "plus an add, so check before running it",
          display(table)));
      std::vector<ForeignKey> later;
      for (const auto& key : keys_of(&table, deferred)) {
        if (key.name) later.push_back(key);
      }
      step({DropTable{table.name, table.schema, false}}, creation(table, later));
    }
  }

  // --- columns ------------------------------------------------------------------------------

  bool survives(const std::string& table) const {
    return from_.find(table) != nullptr && to_.find(table) != nullptr;
  }

  void add_and_alter_columns() {
    for (const auto& [from, to] : pairs_) {
      for (const auto& column : to->columns) {
        if (from->find_column(column.name) == nullptr) add_column(*to, column);
      }
    }
    for (const auto& [from, to] : pairs_) {
      for (const auto& column : to->columns) {
        if (const auto* old = from->find_column(column.name))
          alter_column(*from, *old, *to, column);
      }
    }
  }

  void add_column(const SchemaTable& table, const SchemaColumn& column) {
    Column op = column_operation(table, column);
    // An unnamed one-column constraint on the new column travels with it, as SQLAlchemy's
    // Column(unique=True) / ForeignKey() do.
    for (const auto& unique : table.unique) {
      if (!unique.name && unique.columns == std::vector{column.name}) {
        op.unique = true;
        folded_.insert(&unique);
      }
    }
    for (const auto& key : table.foreign_keys) {
      if (!key.name && key.columns == std::vector{column.name} && key.ref_columns.size() == 1 &&
          (survives(key.ref_table) || key.ref_table == table.name) && !op.references) {
        op.references =
            ForeignKeyRef{key.ref_table, key.ref_columns.front(), key.ondelete, key.onupdate};
        folded_.insert(&key);
      }
    }
    change(fmt::format("Detected added column '{}.{}'", display(table), column.name));
    step({AddColumn{table.name, op, table.schema}},
         {DropColumn{table.name, column.name, table.schema}});
  }

  void alter_column(const SchemaTable& from_table, const SchemaColumn& from,
                    const SchemaTable& to_table, const SchemaColumn& to) {
    AlterColumn up{to_table.name, to.name,      to_table.schema, std::nullopt,
                   std::nullopt,  std::nullopt, std::nullopt,    std::nullopt};
    AlterColumn down = up;
    const std::string where = display(to_table) + "." + to.name;
    if (rules_.type_key(from_table, from) != rules_.type_key(to_table, to)) {
      change(fmt::format("Detected type change from {} to {} on '{}'", from.type, to.type, where));
      up.type = to.type;
      down.type = from.type;
    }
    if (from.nullable != to.nullable) {
      change(fmt::format("Detected {} on column '{}'", to.nullable ? "NULL" : "NOT NULL", where));
      up.nullable = to.nullable;
      down.nullable = from.nullable;
    }
    const bool same_default =
        from.default_.has_value() == to.default_.has_value() &&
        (!from.default_ || rules_.default_key(*from.default_) == rules_.default_key(*to.default_));
    if (!same_default) {
      change(fmt::format("Detected {}server default on column '{}'", to.default_ ? "" : "removed ",
                         where));
      up.default_ = to.default_;
      down.default_ = from.default_;
    }
    if (up.type || up.nullable || up.default_) step({up}, {down});
  }

  void drop_columns() {
    for (const auto& [from, to] : pairs_) {
      for (const auto& column : from->columns) {
        if (to->find_column(column.name) != nullptr) continue;
        Column restored = column_operation(*from, column);
        for (const auto& unique : from->unique) {
          if (!unique.name && unique.columns == std::vector{column.name}) restored.unique = true;
        }
        for (const auto& key : from->foreign_keys) {
          if (!key.name && key.columns == std::vector{column.name} && key.ref_columns.size() == 1 &&
              !restored.references) {
            restored.references =
                ForeignKeyRef{key.ref_table, key.ref_columns.front(), key.ondelete, key.onupdate};
          }
        }
        const std::string where = display(*from) + "." + column.name;
        change(fmt::format("Detected removed column '{}'", where));
        diff_.drops.push_back(fmt::format(
            "WARNING: the upgrade drops column '{}' and its data; a renamed column shows as a "
            "drop plus an add, so check before running it",
            where));
        step({DropColumn{from->name, column.name, from->schema}},
             {AddColumn{from->name, restored, from->schema}});
      }
    }
  }

  // --- constraints and indexes --------------------------------------------------------------

  // True if the database's unnamed constraint goes away with a dropped column of its table.
  bool goes_with_dropped_column(const SchemaTable& from, const SchemaTable& to,
                                const std::vector<std::string>& columns) const {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const std::string& c) { return to.find_column(c) == nullptr; }) &&
           std::all_of(columns.begin(), columns.end(),
                       [&](const std::string& c) { return from.find_column(c) != nullptr; });
  }

  void unnamed_removal(const SchemaTable& from, const SchemaTable& to, std::string description,
                       const std::vector<std::string>& columns) {
    if (goes_with_dropped_column(from, to, columns)) {
      if (columns.size() > 1) {
        diff_.warnings.push_back(fmt::format(
            "WARNING: the downgrade cannot restore the unnamed constraint on {} of table '{}' "
            "that the column drop removes; name the constraint to keep it reversible",
            quoted_list(columns), display(from)));
      }
      return;
    }
    change(description);
    diff_.warnings.push_back(
        fmt::format("WARNING: {}: the constraint has no name, so no operation can drop it; drop "
                    "it by hand or give it a name",
                    description));
  }

  void drop_constraints() {
    for (const auto& [from, to] : pairs_) {
      const auto [gone_keys, new_keys] = unmatched(from->foreign_keys, to->foreign_keys);
      for (const auto* key : gone_keys) {
        const std::string description = fmt::format(
            "Detected removed foreign key ({})({}) on table {}", fmt::join(key->columns, ", "),
            fmt::join(key->ref_columns, ", "), display(*from));
        if (!key->name) {
          unnamed_removal(*from, *to, description, key->columns);
          continue;
        }
        change(description);
        step({drop(*from, *key->name, ConstraintType::foreignkey)}, {create_fk(*from, *key)});
      }
      for (const auto* key : new_keys) late_keys_.emplace_back(to, *key);

      for (const auto& index : from->indexes) {
        const SchemaIndex* wanted = to->find_index(index.name);
        if (wanted != nullptr && same(index, *wanted)) continue;
        if (wanted == nullptr) {
          change(fmt::format("Detected removed index '{}' on '{}'", index.name, display(*from)));
        } else {
          change(fmt::format("Detected changed index '{}' on '{}'", index.name, display(*from)));
        }
        step({DropIndex{index.name, from->name, from->schema, false}},
             {create_index_operation(*from, index)});
      }

      const auto [gone_unique, new_unique] = unmatched(from->unique, to->unique);
      for (const auto* unique : gone_unique) {
        const std::string description =
            fmt::format("Detected removed unique constraint {}on '{}'",
                        unique->name ? "'" + *unique->name + "' " : std::string(),
                        quoted_list(unique->columns));
        if (!unique->name) {
          unnamed_removal(*from, *to, description, unique->columns);
          continue;
        }
        change(description);
        step({drop(*from, *unique->name, ConstraintType::unique)},
             {CreateUniqueConstraint{*unique->name, from->name, unique->columns, from->schema}});
      }
      for (const auto* unique : new_unique) late_unique_.emplace_back(to, unique);

      const auto [gone_checks, new_checks] = unmatched(from->checks, to->checks);
      for (const auto* check : gone_checks) {
        const std::string description =
            fmt::format("Detected removed check constraint {}on '{}'",
                        check->name ? "'" + *check->name + "' " : std::string(), display(*from));
        if (!check->name) {
          unnamed_removal(*from, *to, description, {});
          continue;
        }
        change(description);
        step({drop(*from, *check->name, ConstraintType::check)},
             {CreateCheckConstraint{*check->name, from->name, check->condition, from->schema}});
      }
      for (const auto* check : new_checks) late_checks_.emplace_back(to, check);

      if (from->primary_key != to->primary_key) {
        diff_.warnings.push_back(fmt::format(
            "WARNING: the primary key of '{}' differs (database: {}; declared: {}); autogenerate "
            "does not change primary keys, write that migration by hand",
            display(*to), quoted_list(from->primary_key), quoted_list(to->primary_key)));
      }
    }
  }

  void create_constraints() {
    for (const auto& [from, to] : pairs_) {
      for (const auto& index : to->indexes) {
        const SchemaIndex* old = from->find_index(index.name);
        if (old != nullptr && same(*old, index)) continue;
        if (old == nullptr) {
          change(fmt::format("Detected added index '{}' on '{}'", index.name,
                             quoted_list(index.columns)));
        }
        step({create_index_operation(*to, index)},
             {DropIndex{index.name, to->name, to->schema, false}});
      }
    }
    for (const auto& [table, unique] : late_unique_) {
      if (folded_.count(unique) != 0) continue;
      const std::string name =
          unique->name.value_or("uq_" + table->name + "_" + slug(unique->columns));
      change(fmt::format("Detected added unique constraint '{}' on '{}'", name,
                         quoted_list(unique->columns)));
      step({CreateUniqueConstraint{name, table->name, unique->columns, table->schema}},
           {drop(*table, name, ConstraintType::unique)});
    }
    for (const auto& [table, check] : late_checks_) {
      std::string name;
      if (check->name) {
        name = *check->name;
      } else {
        const auto position = static_cast<std::size_t>(check - table->checks.data()) + 1;
        name = fmt::format("ck_{}_{}", table->name, position);
      }
      change(fmt::format("Detected added check constraint '{}' on '{}'", name, display(*table)));
      step({CreateCheckConstraint{name, table->name, check->condition, table->schema}},
           {drop(*table, name, ConstraintType::check)});
    }
    for (const auto& [table, original] : late_keys_) {
      bool folded = false;
      for (const auto& key : table->foreign_keys)
        folded = folded || (folded_.count(&key) && key == original);
      if (folded) continue;
      const ForeignKey key = named(*table, original);
      change(fmt::format("Detected added foreign key ({})({}) on table {}",
                         fmt::join(key.columns, ", "), fmt::join(key.ref_columns, ", "),
                         display(*table)));
      step({create_fk(*table, key)}, {drop(*table, *key.name, ConstraintType::foreignkey)});
    }
  }

  const SchemaModel& from_;
  const SchemaModel& to_;
  const DiffRules& rules_;
  SchemaDiff diff_;
  std::vector<Step> steps_;
  std::vector<Pair> pairs_;  // tables on both sides
  std::vector<const SchemaTable*> created_;
  std::vector<const SchemaTable*> dropped_;
  std::set<const void*> folded_;  // declared constraints that travel with an added column
  DeferredKeys late_keys_;
  std::vector<std::pair<const SchemaTable*, const UniqueConstraint*>> late_unique_;
  std::vector<std::pair<const SchemaTable*, const CheckConstraint*>> late_checks_;
};

}  // namespace

namespace {

SchemaModel with_unique_constraints_as_indexes(SchemaModel model) {
  for (auto& table : model.tables) {
    for (auto& unique : table.unique) {
      table.indexes.push_back(SchemaIndex{unique.name.value_or(""), unique.columns, true, {}});
    }
    table.unique.clear();
    sort_parts(table);
  }
  return model;
}

}  // namespace

SchemaDiff diff(const SchemaModel& from, const SchemaModel& to, const DiffRules& rules) {
  if (rules.unique_constraints_are_indexes()) {
    return Builder(with_unique_constraints_as_indexes(from), with_unique_constraints_as_indexes(to),
                   rules)
        .build();
  }
  return Builder(from, to, rules).build();
}

SchemaDiff diff(const SchemaModel& from, const SchemaModel& to) {
  static const DiffRules generic;
  return diff(from, to, generic);
}

}  // namespace migrate
