#pragma once
// The schema model (SPEC §12): what a database holds, or what the application declares, as pure
// values. It is built from schema.yaml (schema_yaml.h), from a `.sql` file run in a scratch
// database, or by a dialect's reflect() (dialect.h); differ.h compares two of them. No SQL and
// no connection here (Atlas's sql/schema).
//
// Invariant: types are normalised (normalise_type) by every builder, so a declared and a reflected
// type compare as text. SQL texts (defaults, index WHERE, check conditions) keep the spelling
// they were written in, minus blanks and enclosing parentheses (trim_sql), because they are
// written back into migrations; they compare through sql_key().
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/ops/operation.h"

namespace migrate {

struct SchemaColumn {
  std::string name;
  std::string type;  // normalise_type(): generic name (SPEC §7) where one fits, else verbatim
  bool nullable = true;
  std::optional<std::string> default_;  // trim_sql() of the server default
  bool autoincrement = false;           // SQLAlchemy's rule applied: true only for the key column
  std::optional<std::string> comment;

  friend bool operator==(const SchemaColumn&, const SchemaColumn&) = default;
};

struct SchemaIndex {
  std::string name;
  std::vector<std::string> columns;  // names, or "(expression)" as in create_index
  bool unique = false;
  std::optional<std::string> where;  // trim_sql()

  friend bool operator==(const SchemaIndex&, const SchemaIndex&) = default;
};

struct SchemaTable {
  std::string name;
  std::optional<std::string> schema;
  std::vector<SchemaColumn> columns;  // in table order
  std::vector<std::string> primary_key;
  std::optional<std::string> primary_key_name;
  std::vector<SchemaIndex> indexes;
  std::vector<UniqueConstraint> unique;  // a column's `unique: true` becomes one of these
  std::vector<ForeignKey> foreign_keys;  // a column's `references` becomes one of these
  std::vector<CheckConstraint> checks;   // conditions trim_sql()

  const SchemaColumn* find_column(std::string_view column) const;
  const SchemaIndex* find_index(std::string_view index) const;

  friend bool operator==(const SchemaTable&, const SchemaTable&) = default;
};

struct SchemaModel {
  std::vector<SchemaTable> tables;  // sorted by name by every builder, for stable output

  const SchemaTable* find(std::string_view table) const;

  friend bool operator==(const SchemaModel&, const SchemaModel&) = default;
};

// One spelling per type: lower case, no blanks, synonyms folded into SPEC §7's generic names.
//   "VARCHAR(50)", "character varying(50)" -> "string(50)"; "int4", "INT" -> "integer";
//   "NUMERIC(10, 2)" -> "numeric(10,2)"; "timestamp without time zone" -> "datetime";
//   anything unknown -> lower-cased, blanks around punctuation removed ("int[]", "char(32)").
[[nodiscard]] std::string normalise_type(std::string_view type);

// One spelling per referential action (ondelete/onupdate): upper case, and no action at all for
// NO ACTION or an empty text, which is what an absent clause means.
[[nodiscard]] std::optional<std::string> normalise_action(std::optional<std::string> action);

// A SQL expression without surrounding blanks and without parentheses enclosing all of it:
// " ((a > 0)) " -> "a > 0". What the model stores.
[[nodiscard]] std::string trim_sql(std::string_view expression);

// The comparison key of a SQL expression: trim_sql(), then one token per word, number, string
// or operator, words lower-cased, "quoted" identifiers unquoted, joined by one blank except
// around parentheses, commas and dots. 'Strings' are kept exactly. "(ID>0)" and "id > 0" have
// the same key.
[[nodiscard]] std::string sql_key(std::string_view expression);

// A create_table operation (and the indexes that go with it) as a model table, normalised.
// SQLAlchemy's rules are applied: key columns are NOT NULL, a single integer key autoincrements
// unless it says `autoincrement: false`, a column's `unique`/`references` become table-level
// constraints.
[[nodiscard]] SchemaTable table_from_operation(const CreateTable& op,
                                               const std::vector<CreateIndex>& indexes = {});

// The operations that create `table` as the model holds it: create_table carrying its primary
// key, unique, check and the foreign keys not in `deferred_foreign_keys` (created later, to break
// a cycle), then one create_index per index.
[[nodiscard]] CreateTable create_table_operation(const SchemaTable& table,
                                                 const std::vector<ForeignKey>& deferred = {});
[[nodiscard]] Column column_operation(const SchemaTable& table, const SchemaColumn& column);
[[nodiscard]] CreateIndex create_index_operation(const SchemaTable& table,
                                                 const SchemaIndex& index);

// Puts a table's parts in the one order every builder uses: indexes by name, unique constraints
// and foreign keys by their columns; checks keep their order. Reflectors call it per table.
void sort_parts(SchemaTable& table);

// Sorts tables by name and checks that the model is coherent: unique table names; per table,
// unique column names, and key, index and constraint columns that exist; foreign keys naming a
// table of the model (or the same table) and columns of it. Throws Error naming `source` (a file
// name, "the database") and the table at fault.
void validate(SchemaModel& model, std::string_view source);

// The model with only the tables `names` names, matched regardless of case as SQL matches
// unquoted names; a name the model lacks is ignored.
[[nodiscard]] SchemaModel only_tables(SchemaModel model, const std::vector<std::string>& names);

}  // namespace migrate
