#pragma once
// The generic differ (SPEC §12, Atlas's sqlx.Diff): two schema models in, the operations that turn
// the first into the second out, each change with its exact inverse and Alembic's one-line
// description. The dialect answers only what "the same" means for types and defaults
// (DiffRules); everything else is generic.
//
// Order of the upgrade (each step safe given the ones before it):
//   1. drop foreign keys, then indexes, unique and check constraints that go or change;
//   2. add columns, then alter columns (type, nullability, default);
//   3. create tables, parents before the tables that reference them (a foreign key that closes
//      a cycle is created afterwards with create_foreign_key);
//   4. drop columns, then drop tables, referencing tables first;
//   5. create indexes, unique and check constraints, then foreign keys.
// The downgrade is every change's inverse, last change first: it restores the `from` model.
//
// What is not compared (README "What autogenerate cannot see"): renames (a drop plus an add, as
// in Alembic), primary-key changes, column comments, autoincrement, column order, and anything
// the model does not hold (views, triggers, sequences, collations).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/ops/operation.h"
#include "migrate/schema/schema.h"

namespace migrate {

// Dialect hooks for equivalence. The defaults compare the normalised texts.
class DiffRules {
 public:
  virtual ~DiffRules() = default;
  // Two columns have the same type when their keys are equal. SQLite, for example, stores
  // `uuid` as CHAR(32) and makes a single integer key INTEGER whatever its declared width.
  [[nodiscard]] virtual std::string type_key(const SchemaTable& table,
                                             const SchemaColumn& column) const;
  // Two server defaults (as the model holds them) are the same when their keys are equal.
  // Default: sql_key().
  [[nodiscard]] virtual std::string default_key(std::string_view expression) const;
  // Same for a check condition or an index's WHERE clause or expression. Default: sql_key().
  [[nodiscard]] virtual std::string condition_key(std::string_view expression) const;
  // Two referential actions (normalise_action()'s spelling) are the same when their keys are
  // equal. Default: the action itself.
  [[nodiscard]] virtual std::optional<std::string> action_key(
      const std::optional<std::string>& action) const {
    return action;
  }
  // True where a unique constraint is a unique index and the catalog cannot tell them apart
  // (MySQL): both models then hold every one as a unique index before they are compared.
  [[nodiscard]] virtual bool unique_constraints_are_indexes() const { return false; }
};

struct SchemaDiff {
  // One line per detected change, in Alembic's wording: "Detected added table 'account'".
  std::vector<std::string> changes;
  // One line per drop of a table or column in the upgrade (data would be lost), for stderr.
  std::vector<std::string> drops;
  // Differences no operation expresses (an unnamed constraint cannot be dropped by name, a
  // primary key change), for stderr.
  std::vector<std::string> warnings;
  std::vector<Operation> upgrade;    // turns `from` into `to`
  std::vector<Operation> downgrade;  // the exact inverse: turns `to` back into `from`

  bool empty() const { return changes.empty(); }
};

// The changes that turn `from` (the database) into `to` (the declared schema).
[[nodiscard]] SchemaDiff diff(const SchemaModel& from, const SchemaModel& to,
                              const DiffRules& rules);
[[nodiscard]] SchemaDiff diff(const SchemaModel& from, const SchemaModel& to);

}  // namespace migrate
