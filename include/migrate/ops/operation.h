#pragma once
// Operations are data (SPEC §6): one plain aggregate per Alembic `op.*`, gathered in a
// std::variant so that every renderer's std::visit must handle all of them. Parsing lives in
// src/ops/operation_yaml.cpp, inversion in src/ops/reverse.cpp, SQL in each dialect.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "migrate/ops/dialect_filter.h"

namespace migrate {

struct ForeignKeyRef {
  std::string table;
  std::string column;
  std::optional<std::string> ondelete;
  std::optional<std::string> onupdate;

  friend bool operator==(const ForeignKeyRef&, const ForeignKeyRef&) = default;
};

// `type: {postgresql: double precision, default: float}` (beyond SPEC §7): dialect name ->
// type. Empty for the plain form `type: float`. src/ops/dialect_types.cpp resolves it.
using DialectTypes = std::map<std::string, std::string>;

struct Column {
  std::string name;
  std::string type;  // generic (SPEC §7) or verbatim; with dialect_types, its `default` or ""
  std::optional<bool> nullable;  // unset: true, or false for a primary-key column
  bool primary_key = false;
  std::optional<bool> autoincrement;    // unset: SQLAlchemy's "auto" rule
  std::optional<std::string> default_;  // SQL expression (server default)
  bool unique = false;
  std::optional<ForeignKeyRef> references;
  std::optional<std::string> comment;
  DialectTypes dialect_types = {};  // per-dialect types; empty: `type` is every dialect's

  bool is_nullable() const { return nullable.value_or(!primary_key); }

  friend bool operator==(const Column&, const Column&) = default;
};

struct UniqueConstraint {
  std::optional<std::string> name;
  std::vector<std::string> columns;

  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

struct ForeignKey {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::optional<std::string> ondelete;
  std::optional<std::string> onupdate;
  std::optional<std::string> ref_schema;

  friend bool operator==(const ForeignKey&, const ForeignKey&) = default;
};

struct CheckConstraint {
  std::optional<std::string> name;
  std::string condition;

  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

struct CreateTable {
  std::string name;
  std::optional<std::string> schema;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;  // table-level composite key; empty: from columns
  std::optional<std::string> primary_key_name;
  std::vector<UniqueConstraint> unique;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  bool if_not_exists = false;

  friend bool operator==(const CreateTable&, const CreateTable&) = default;
};

struct DropTable {
  std::string name;
  std::optional<std::string> schema;
  bool if_exists = false;

  friend bool operator==(const DropTable&, const DropTable&) = default;
};

struct RenameTable {
  std::string name;
  std::string new_name;
  std::optional<std::string> schema;

  friend bool operator==(const RenameTable&, const RenameTable&) = default;
};

struct AddColumn {
  std::string table;
  Column column;
  std::optional<std::string> schema;

  friend bool operator==(const AddColumn&, const AddColumn&) = default;
};

struct DropColumn {
  std::string table;
  std::string name;
  std::optional<std::string> schema;

  friend bool operator==(const DropColumn&, const DropColumn&) = default;
};

struct AlterColumn {
  std::string table;
  std::string name;
  std::optional<std::string> schema;
  std::optional<std::string> new_name;
  std::optional<std::string> type;
  std::optional<bool> nullable;
  // Outer optional: was `default` given at all. Inner nullopt: `default: null`, drop it.
  std::optional<std::optional<std::string>> default_;
  // As default_: unset leaves the comment, null drops it (beyond SPEC §6, for Alembic's
  // alter_column(comment=...)). Ignored where columns have no comments (SQLite).
  std::optional<std::optional<std::string>> comment;
  DialectTypes dialect_types = {};  // as Column's; `type` is then set (its `default`, or "")

  friend bool operator==(const AlterColumn&, const AlterColumn&) = default;
};

struct CreateIndex {
  std::string name;
  std::string table;
  std::vector<std::string> columns;  // column names, or SQL expressions in parentheses
  bool unique = false;
  std::optional<std::string> where;
  bool concurrently = false;
  std::optional<std::string> schema;

  friend bool operator==(const CreateIndex&, const CreateIndex&) = default;
};

struct DropIndex {
  std::string name;
  std::optional<std::string> table;
  std::optional<std::string> schema;
  bool concurrently = false;

  friend bool operator==(const DropIndex&, const DropIndex&) = default;
};

struct CreateUniqueConstraint {
  std::string name;
  std::string table;
  std::vector<std::string> columns;
  std::optional<std::string> schema;

  friend bool operator==(const CreateUniqueConstraint&, const CreateUniqueConstraint&) = default;
};

struct CreatePrimaryKey {
  std::string name;
  std::string table;
  std::vector<std::string> columns;
  std::optional<std::string> schema;

  friend bool operator==(const CreatePrimaryKey&, const CreatePrimaryKey&) = default;
};

struct CreateForeignKey {
  std::string name;
  std::string table;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::optional<std::string> ondelete;
  std::optional<std::string> onupdate;
  std::optional<std::string> ref_schema;
  std::optional<std::string> schema;
  // Added without checking the rows already there (PostgreSQL's NOT VALID), so that it takes no
  // long lock; VALIDATE CONSTRAINT checks them later. Ignored where the database has no such form.
  bool not_valid = false;

  friend bool operator==(const CreateForeignKey&, const CreateForeignKey&) = default;
};

struct CreateCheckConstraint {
  std::string name;
  std::string table;
  std::string condition;
  std::optional<std::string> schema;
  bool not_valid = false;  // as CreateForeignKey::not_valid

  friend bool operator==(const CreateCheckConstraint&, const CreateCheckConstraint&) = default;
};

enum class ConstraintType { any, foreignkey, unique, check, primary };

struct DropConstraint {
  std::string name;
  std::string table;
  ConstraintType type = ConstraintType::any;
  std::optional<std::string> schema;

  friend bool operator==(const DropConstraint&, const DropConstraint&) = default;
};

// A literal value in bulk_insert rows, as YAML gave it.
struct Value {
  enum class Kind { null, boolean, integer, real, string };
  Kind kind = Kind::null;
  std::string text;  // "true"/"false", digits, or the string itself (unquoted)

  friend bool operator==(const Value&, const Value&) = default;
};

struct BulkInsert {
  std::string table;
  std::optional<std::string> schema;
  // Each row keeps the key order it was written in.
  std::vector<std::vector<std::pair<std::string, Value>>> rows;

  friend bool operator==(const BulkInsert&, const BulkInsert&) = default;
};

// `execute`: a plain string runs everywhere; {sql, dialect} runs only on that dialect;
// {postgresql: ..., sqlite: ...} picks per dialect and is skipped where no entry matches.
struct Execute {
  std::optional<std::string> sql;                  // runs on every dialect
  std::map<std::string, std::string> per_dialect;  // dialect name -> SQL

  friend bool operator==(const Execute&, const Execute&) = default;
};

using Operation =
    std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, AlterColumn,
                 CreateIndex, DropIndex, CreateUniqueConstraint, CreatePrimaryKey, CreateForeignKey,
                 CreateCheckConstraint, DropConstraint, BulkInsert, Execute>;

// Where an operation was written, and the `migrate lint` rules to skip for it (`lint: {ignore:
// [rule, ...]}` beside the operation's key), which are no part of its checksum; and the dialects
// it runs on (`dialect:` beside its key, dialect_filter.h), which are.
struct OperationSource {
  int line = 0;
  std::vector<std::string> lint_ignore;
  DialectFilter dialects;
};

// Drops from `ops` (and from `sources`, parallel to it) the operations whose filter does not
// match `dialect`, the name a Dialect gives itself. Sources empty: nothing is filtered.
void keep_for_dialect(std::vector<Operation>& ops, std::vector<OperationSource>& sources,
                      std::string_view dialect);

// The YAML key of an operation ("create_table", ...), for messages.
const char* operation_name(const Operation& op);

// A new table's primary key: the table-level `primary_key`, else the columns marked
// `primary_key: true`, in column order.
std::vector<std::string> primary_key_columns(const CreateTable& op);

// `op` as it runs on the dialect whose `execute` keys are `keys` (its name, then its aliases):
// every per-dialect column type replaced by that dialect's, or its `default`. Throws Error naming
// the column and the dialect when the mapping has neither (src/ops/dialect_types.cpp).
Operation resolve_types(const Operation& op, const std::vector<std::string>& keys);
// The same, leaving a column without a type for this dialect with an empty type (lint, which
// reports what it knows rather than failing).
Operation resolve_types_leniently(const Operation& op, const std::vector<std::string>& keys);

// The inverse operation if `op` can be inverted from its own fields alone (SPEC §6, end).
std::optional<Operation> reverse(const Operation& op);

// Inverts a whole upgrade list, last operation first. Returns nullopt naming nothing; the caller
// reports which script. `first_irreversible` receives the index of the offending operation.
std::optional<std::vector<Operation>> reverse_all(const std::vector<Operation>& ops,
                                                  std::size_t* first_irreversible = nullptr);

}  // namespace migrate
