#include "migrate/ops/operation_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <type_traits>
#include <utility>
#include <variant>

#include "migrate/core/error.h"
#include "migrate/core/suggest.h"
#include "ops/yaml_describe.h"
#include "ops/yaml_load.h"
#include "ops/yaml_scalar.h"

namespace migrate {

using detail::describe_node;

namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";
constexpr std::string_view kFloatTag = "tag:yaml.org,2002:float";
constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";
constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";

// Where an operation sits, for messages: "file:line: upgrade operation 2 (create_table): ".
struct Where {
  std::string_view file;
  std::string_view list_name;
  std::size_t index = 0;
  std::string_view op;
  int item_line = 0;       // fallback when a node carries no mark
  std::string_view label;  // set: messages say "<label>: " instead of naming an operation
};

[[noreturn]] void fail(const Where& where, const YAML::Node& at, std::string_view message) {
  // yaml-cpp marks an empty (null) value where the next token starts, often the next line.
  const int line = at.Mark().line >= 0 && !at.IsNull() ? at.Mark().line + 1 : where.item_line;
  if (!where.label.empty()) {
    throw Error(fmt::format("{}:{}: {}: {}", where.file, line, where.label, message));
  }
  if (where.op.empty()) {
    throw Error(fmt::format("{}:{}: {} operation {}: {}", where.file, line, where.list_name,
                            where.index + 1, message));
  }
  throw Error(fmt::format("{}:{}: {} operation {} ({}): {}", where.file, line, where.list_name,
                          where.index + 1, where.op, message));
}

std::string join(const std::vector<std::string_view>& words) {
  return fmt::format("{}", fmt::join(words, ", "));
}

// The fields of one mapping (an operation's, a column's, ...): checks the node is a mapping
// with known, unique, scalar keys, then hands out typed values. `what_` prefixes messages
// ("column 2: ...") for nested mappings.
class Fields {
 public:
  // With `any_key`, every field name is accepted (a bulk_insert row's columns).
  Fields(const Where& where, const YAML::Node& node, std::string what,
         std::vector<std::string_view> allowed, bool any_key = false)
      : where_(where), node_(node), what_(std::move(what)) {
    if (!node.IsMap()) {
      fail(node, fmt::format("expected a mapping of fields, not {}", describe_node(node)));
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key = it->first;  // a copy: the iterator yields a temporary pair
      if (!key.IsScalar()) fail(key, "field names must be plain words");
      const std::string& name = key.Scalar();
      if (!any_key && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        fail(key, fmt::format("unknown field '{}'{}; expected one of {}", name,
                              did_you_mean(name, allowed), join(allowed)));
      }
      if (find(name) != nullptr) fail(key, fmt::format("field '{}' is given twice", name));
      entries_.emplace_back(name, it->second);
      keys_.push_back(key);
    }
  }

  // The fields of a mapping nested in this one, e.g. a column of create_table.
  Fields child(const YAML::Node& node, std::string_view what, std::vector<std::string_view> allowed,
               bool any_key = false) const {
    return Fields(where_, node,
                  what_.empty() ? std::string(what) : fmt::format("{}: {}", what_, what),
                  std::move(allowed), any_key);
  }

  const std::vector<std::pair<std::string, YAML::Node>>& entries() const { return entries_; }

  const YAML::Node* find(std::string_view name) const {
    for (const auto& [key, value] : entries_) {
      if (key == name) return &value;
    }
    return nullptr;
  }

  const YAML::Node& required(std::string_view name) const {
    const YAML::Node* node = find(name);
    if (node == nullptr) fail(node_, fmt::format("missing required field '{}'", name));
    return *node;
  }

  std::string text(std::string_view name) const {
    const YAML::Node& node = required(name);
    std::string value = scalar(node, name);
    if (value.empty()) fail(node, fmt::format("field '{}' must not be empty", name));
    return value;
  }

  // Absent or null: nullopt.
  std::optional<std::string> optional_text(std::string_view name) const {
    const YAML::Node* node = find(name);
    if (node == nullptr || node->IsNull()) return std::nullopt;
    return scalar(*node, name);
  }

  std::optional<bool> optional_flag(std::string_view name) const {
    const YAML::Node* node = find(name);
    if (node == nullptr) return std::nullopt;
    // A quoted "true" is a string, as everywhere in YAML.
    if (node->IsScalar() && node->Tag() != "!" && detail::is_yaml_bool(node->Scalar())) {
      return node->Scalar().front() == 't' || node->Scalar().front() == 'T';
    }
    fail(*node,
         fmt::format("field '{}' must be true or false, not {}", name, describe_node(*node)));
  }

  bool flag(std::string_view name) const { return optional_flag(name).value_or(false); }

  // A non-empty list of names: `[a, b]`.
  std::vector<std::string> names(std::string_view name) const {
    return names_of(required(name), name);
  }

  std::vector<std::string> names_of(const YAML::Node& node, std::string_view name) const {
    if (!node.IsSequence() || node.size() == 0) {
      fail(node, fmt::format("field '{}' must be a non-empty list of names, e.g. [a, b], not {}",
                             name, describe_node(node)));
    }
    std::vector<std::string> result;
    for (const YAML::Node& item : node) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        fail(item, fmt::format("field '{}' must list names, not {}", name, describe_node(item)));
      }
      result.push_back(item.Scalar());
    }
    return result;
  }

  // A list (possibly empty) whose items are checked by the caller.
  const YAML::Node* list(std::string_view name) const {
    const YAML::Node* node = find(name);
    if (node != nullptr && !node->IsSequence()) {
      fail(*node, fmt::format("field '{}' must be a list, not {}", name, describe_node(*node)));
    }
    return node;
  }

  const YAML::Node& node() const { return node_; }

  [[noreturn]] void fail(const YAML::Node& at, std::string_view message) const {
    const std::string text =
        what_.empty() ? std::string(message) : fmt::format("{}: {}", what_, message);
    if (at.IsNull()) {  // point at the key of an empty value, see migrate::fail
      for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].second.is(at)) migrate::fail(where_, keys_[i], text);
      }
    }
    migrate::fail(where_, at, text);
  }

 private:
  std::string scalar(const YAML::Node& node, std::string_view name) const {
    if (!node.IsScalar()) {
      fail(node, fmt::format("field '{}' must be a string, not {}", name, describe_node(node)));
    }
    return node.Scalar();
  }

  Where where_;
  YAML::Node node_;
  std::string what_;
  std::vector<std::pair<std::string, YAML::Node>> entries_;
  std::vector<YAML::Node> keys_;  // parallel to entries_, for line numbers
};

ForeignKeyRef parse_reference(const Fields& column) {
  const YAML::Node& node = *column.find("references");
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    const auto dot = text.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == text.size() ||
        text.find('.', dot + 1) != std::string::npos) {
      column.fail(node, fmt::format("field 'references' must be \"table.column\" or a mapping, "
                                    "not '{}'",
                                    text));
    }
    return ForeignKeyRef{text.substr(0, dot), text.substr(dot + 1), std::nullopt, std::nullopt};
  }
  const Fields fields =
      column.child(node, "references", {"table", "column", "ondelete", "onupdate"});
  return ForeignKeyRef{fields.text("table"), fields.text("column"),
                       fields.optional_text("ondelete"), fields.optional_text("onupdate")};
}

// `type: float`, or per dialect `type: {postgresql: double precision, default: float}`: returns
// the plain type or the mapping's default ("" when none) and fills `per_dialect`.
std::string parse_type(const Fields& f, DialectTypes& per_dialect) {
  const YAML::Node& node = f.required("type");
  if (!node.IsMap()) return f.text("type");
  if (node.size() == 0) {
    f.fail(node,
           "field 'type' must be a type or a mapping of dialect to type, e.g. "
           "{postgresql: double precision, default: float}, not an empty mapping");
  }
  const Fields types =
      f.child(node, "type", {"postgresql", "sqlite", "mysql", "mariadb", "default"});
  std::string fallback;
  for (const auto& [key, value] : types.entries()) {
    if (key == "default") {
      fallback = types.text(key);
    } else {
      per_dialect[key] = types.text(key);
    }
  }
  if (per_dialect.empty()) {
    f.fail(node, "field 'type' names no dialect; write the type itself instead of {default: ...}");
  }
  return fallback;
}

Column parse_column(const Fields& parent, const YAML::Node& node, std::string_view what) {
  const Fields f = parent.child(node, what,
                                {"name", "type", "nullable", "primary_key", "autoincrement",
                                 "default", "unique", "references", "comment"});
  Column column;
  column.name = f.text("name");
  column.type = parse_type(f, column.dialect_types);
  column.nullable = f.optional_flag("nullable");
  column.primary_key = f.flag("primary_key");
  column.autoincrement = f.optional_flag("autoincrement");
  column.default_ = f.optional_text("default");
  column.unique = f.flag("unique");
  if (f.find("references") != nullptr && !f.find("references")->IsNull()) {
    column.references = parse_reference(f);
  }
  column.comment = f.optional_text("comment");
  return column;
}

CreateTable parse_create_table_fields(const Fields& f) {
  CreateTable op;
  op.name = f.text("name");
  op.schema = f.optional_text("schema");
  const YAML::Node& columns = f.required("columns");
  if (!columns.IsSequence() || columns.size() == 0) {
    f.fail(columns, fmt::format("field 'columns' must be a non-empty list of columns, not {}",
                                describe_node(columns)));
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    op.columns.push_back(parse_column(f, columns[i], fmt::format("column {}", i + 1)));
  }
  if (const YAML::Node* pk = f.find("primary_key")) {
    if (pk->IsMap()) {
      const Fields named = f.child(*pk, "primary_key", {"name", "columns"});
      op.primary_key_name = named.optional_text("name");
      op.primary_key = named.names("columns");
    } else {
      op.primary_key = f.names_of(*pk, "primary_key");
    }
  }
  if (const YAML::Node* unique = f.list("unique")) {
    for (std::size_t i = 0; i < unique->size(); ++i) {
      const YAML::Node& item = (*unique)[i];
      const std::string what = fmt::format("unique {}", i + 1);
      if (item.IsSequence()) {
        op.unique.push_back({std::nullopt, f.names_of(item, what)});
      } else {
        const Fields named = f.child(item, what, {"name", "columns"});
        op.unique.push_back({named.optional_text("name"), named.names("columns")});
      }
    }
  }
  if (const YAML::Node* fks = f.list("foreign_keys")) {
    for (std::size_t i = 0; i < fks->size(); ++i) {
      const Fields fk = f.child(
          (*fks)[i], fmt::format("foreign key {}", i + 1),
          {"name", "columns", "ref_table", "ref_columns", "ondelete", "onupdate", "ref_schema"});
      op.foreign_keys.push_back({fk.optional_text("name"), fk.names("columns"),
                                 fk.text("ref_table"), fk.names("ref_columns"),
                                 fk.optional_text("ondelete"), fk.optional_text("onupdate"),
                                 fk.optional_text("ref_schema")});
    }
  }
  if (const YAML::Node* checks = f.list("checks")) {
    for (std::size_t i = 0; i < checks->size(); ++i) {
      const Fields check =
          f.child((*checks)[i], fmt::format("check {}", i + 1), {"name", "condition"});
      op.checks.push_back({check.optional_text("name"), check.text("condition")});
    }
  }
  op.if_not_exists = f.flag("if_not_exists");
  return op;
}

DropTable parse_drop_table(const Fields& f) {
  return DropTable{f.text("name"), f.optional_text("schema"), f.flag("if_exists")};
}

RenameTable parse_rename_table(const Fields& f) {
  return RenameTable{f.text("name"), f.text("new_name"), f.optional_text("schema")};
}

AddColumn parse_add_column(const Fields& f) {
  return AddColumn{f.text("table"), parse_column(f, f.required("column"), "column"),
                   f.optional_text("schema")};
}

DropColumn parse_drop_column(const Fields& f) {
  return DropColumn{f.text("table"), f.text("name"), f.optional_text("schema")};
}

AlterColumn parse_alter_column(const Fields& f) {
  AlterColumn op;
  op.table = f.text("table");
  op.name = f.text("name");
  op.schema = f.optional_text("schema");
  op.new_name = f.optional_text("new_name");
  if (f.find("type") != nullptr && f.find("type")->IsMap()) {
    op.type = parse_type(f, op.dialect_types);
  } else {
    op.type = f.optional_text("type");
  }
  op.nullable = f.optional_flag("nullable");
  if (f.find("default") != nullptr) op.default_ = f.optional_text("default");  // null: drop it
  if (f.find("comment") != nullptr) op.comment = f.optional_text("comment");   // null: drop it
  if (!op.new_name && !op.type && !op.nullable && !op.default_ && !op.comment) {
    f.fail(f.node(), "nothing to alter; give new_name, type, nullable, default or comment");
  }
  return op;
}

CreateIndex parse_index_fields(const Fields& f, std::string table) {
  CreateIndex op;
  op.name = f.text("name");
  op.table = std::move(table);
  op.columns = f.names("columns");
  op.unique = f.flag("unique");
  op.where = f.optional_text("where");
  op.concurrently = f.flag("concurrently");
  op.schema = f.optional_text("schema");
  return op;
}

CreateIndex parse_create_index(const Fields& f) { return parse_index_fields(f, f.text("table")); }

DropIndex parse_drop_index(const Fields& f) {
  return DropIndex{f.text("name"), f.optional_text("table"), f.optional_text("schema"),
                   f.flag("concurrently")};
}

CreateUniqueConstraint parse_create_unique(const Fields& f) {
  return CreateUniqueConstraint{f.text("name"), f.text("table"), f.names("columns"),
                                f.optional_text("schema")};
}

CreatePrimaryKey parse_create_primary_key(const Fields& f) {
  return CreatePrimaryKey{f.text("name"), f.text("table"), f.names("columns"),
                          f.optional_text("schema")};
}

CreateForeignKey parse_create_foreign_key(const Fields& f) {
  CreateForeignKey op;
  op.name = f.text("name");
  op.table = f.text("table");
  op.columns = f.names("columns");
  op.ref_table = f.text("ref_table");
  op.ref_columns = f.names("ref_columns");
  op.ondelete = f.optional_text("ondelete");
  op.onupdate = f.optional_text("onupdate");
  op.ref_schema = f.optional_text("ref_schema");
  op.schema = f.optional_text("schema");
  op.not_valid = f.flag("not_valid");
  return op;
}

CreateCheckConstraint parse_create_check(const Fields& f) {
  return CreateCheckConstraint{f.text("name"), f.text("table"), f.text("condition"),
                               f.optional_text("schema"), f.flag("not_valid")};
}

DropConstraint parse_drop_constraint(const Fields& f) {
  DropConstraint op;
  op.name = f.text("name");
  op.table = f.text("table");
  op.schema = f.optional_text("schema");
  if (const YAML::Node* type = f.find("type")) {
    static const std::vector<std::pair<std::string_view, ConstraintType>> kTypes = {
        {"foreignkey", ConstraintType::foreignkey},
        {"unique", ConstraintType::unique},
        {"check", ConstraintType::check},
        {"primary", ConstraintType::primary}};
    const auto it = std::find_if(kTypes.begin(), kTypes.end(), [&](const auto& entry) {
      return type->IsScalar() && entry.first == type->Scalar();
    });
    if (it == kTypes.end()) {
      f.fail(*type, fmt::format("field 'type' must be foreignkey, unique, check or primary, not {}",
                                describe_node(*type)));
    }
    op.type = it->second;
  }
  return op;
}

// A bulk_insert cell keeps its YAML kind: a quoted "12" stays a string.
Value parse_value(const Fields& row, const YAML::Node& node, std::string_view column) {
  const auto bad = [&](std::string_view why) -> Value {
    row.fail(node, fmt::format("value of '{}' {}", column, why));
  };
  if (node.IsNull()) return {Value::Kind::null, ""};
  if (!node.IsScalar()) return bad(fmt::format("must be a scalar, not {}", describe_node(node)));
  const std::string& text = node.Scalar();
  const std::string& tag = node.Tag();
  if (tag == "!" || tag == kStrTag) return {Value::Kind::string, text};
  if (tag == kNullTag) return {Value::Kind::null, ""};
  if (tag == kBoolTag) {
    if (!detail::is_yaml_bool(text)) return bad("is tagged !!bool but is not true or false");
  } else if (tag == kIntTag) {
    if (!detail::is_yaml_decimal_int(text)) return bad("is tagged !!int but is not an integer");
    return {Value::Kind::integer, text.front() == '+' ? text.substr(1) : text};
  } else if (tag == kFloatTag) {
    if (!detail::is_yaml_float(text) && !detail::is_yaml_decimal_int(text)) {
      return bad("is tagged !!float but is not a number");
    }
    return {Value::Kind::real, text.front() == '+' ? text.substr(1) : text};
  } else if (tag != "?") {
    return bad(
        fmt::format("has tag '{}'; only !!str, !!int, !!float, !!bool, !!null are known", tag));
  }
  if (detail::is_yaml_bool(text)) {
    return {Value::Kind::boolean, text.front() == 't' || text.front() == 'T' ? "true" : "false"};
  }
  if (detail::is_yaml_decimal_int(text)) {
    return {Value::Kind::integer, text.front() == '+' ? text.substr(1) : text};
  }
  if (detail::is_yaml_radix_int(text)) {
    unsigned long long value = 0;
    const int base = text[1] == 'x' ? 16 : 8;
    const auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), value, base);
    if (ec != std::errc() || ptr != text.data() + text.size()) return bad("is too large");
    return {Value::Kind::integer, std::to_string(value)};
  }
  if (detail::is_yaml_float(text)) {
    return {Value::Kind::real, text.front() == '+' ? text.substr(1) : text};
  }
  if (detail::is_yaml_special_float(text)) {
    return bad(fmt::format("'{}' has no SQL literal; quote it to insert a string", text));
  }
  return {Value::Kind::string, text};
}

BulkInsert parse_bulk_insert(const Fields& f) {
  BulkInsert op;
  op.table = f.text("table");
  op.schema = f.optional_text("schema");
  const YAML::Node& rows = f.required("rows");
  if (!rows.IsSequence()) {
    f.fail(rows,
           fmt::format("field 'rows' must be a list of mappings, not {}", describe_node(rows)));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Fields row = f.child(rows[i], fmt::format("row {}", i + 1), {}, /*any_key=*/true);
    if (row.entries().empty()) row.fail(rows[i], "must give at least one column: value");
    auto& values = op.rows.emplace_back();
    for (const auto& [column, node] : row.entries()) {
      values.emplace_back(column, parse_value(row, node, column));
    }
  }
  return op;
}

// `execute: SQL`, `execute: {sql: SQL, dialect: NAME}` or `execute: {postgresql: SQL, ...}`.
Execute parse_execute(const Where& where, const YAML::Node& node) {
  Execute op;
  if (node.IsScalar()) {
    if (node.Scalar().empty()) fail(where, node, "the SQL must not be empty");
    op.sql = node.Scalar();
    return op;
  }
  if (!node.IsMap() || node.size() == 0) {
    fail(where, node,
         fmt::format("expected a SQL string, {{sql, dialect}} or {{postgresql: ..., sqlite: ...}}, "
                     "not {}",
                     describe_node(node)));
  }
  if (node["sql"]) {
    const Fields f(where, node, "", {"sql", "dialect"});
    const std::string sql = f.text("sql");
    if (const auto dialect = f.optional_text("dialect")) {
      if (!detail::is_dialect_name(*dialect)) {
        f.fail(*f.find("dialect"), fmt::format("unknown dialect '{}'; expected one of {}", *dialect,
                                               detail::kDialectNames));
      }
      op.per_dialect[*dialect] = sql;
    } else {
      op.sql = sql;
    }
    return op;
  }
  const Fields f(where, node, "", {"postgresql", "sqlite", "mysql", "mariadb"});
  for (const auto& [dialect, sql] : f.entries()) op.per_dialect[dialect] = f.text(dialect);
  return op;
}

// ---- the parse table: one row per alternative of Operation, in the variant's order ----

// The most fields an operation has (create_foreign_key's); a longer list does not compile.
constexpr std::size_t kMaxFields = 10;
using FieldList = std::array<std::string_view, kMaxFields>;  // unused entries empty

// Reads the operation under its name: `node`, with `fields` the field names it accepts.
using Parser = Operation (*)(const Where& where, const YAML::Node& node, const FieldList& fields);

struct OpSpec {
  std::size_t alternative;  // the index in Operation of the type `parse` builds
  Parser parse;
  FieldList fields;
};

// The index of `Op` among the alternatives of Operation; not an alternative: does not compile.
template <typename Op, std::size_t I = 0>
constexpr std::size_t alternative_index() {
  if constexpr (std::is_same_v<Op, std::variant_alternative_t<I, Operation>>) {
    return I;
  } else {
    return alternative_index<Op, I + 1>();
  }
}

template <auto parse>
Operation parse_with_fields(const Where& where, const YAML::Node& node, const FieldList& fields) {
  std::vector<std::string_view> allowed;
  for (const std::string_view field : fields) {
    if (!field.empty()) allowed.push_back(field);
  }
  return parse(Fields(where, node, "", std::move(allowed)));
}

// The row for `parse`, a function from an operation's fields to one operation type.
template <auto parse>
constexpr OpSpec spec(FieldList fields) {
  using Op = decltype(parse(std::declval<const Fields&>()));
  return {alternative_index<Op>(), &parse_with_fields<parse>, fields};
}

// execute is not a mapping of fields: a SQL string is enough.
Operation parse_execute_node(const Where& where, const YAML::Node& node, const FieldList&) {
  return parse_execute(where, node);
}

constexpr std::array kSpecs = {
    spec<parse_create_table_fields>({"name", "columns", "schema", "primary_key", "unique",
                                     "foreign_keys", "checks", "if_not_exists"}),
    spec<parse_drop_table>({"name", "schema", "if_exists"}),
    spec<parse_rename_table>({"name", "new_name", "schema"}),
    spec<parse_add_column>({"table", "column", "schema"}),
    spec<parse_drop_column>({"table", "name", "schema"}),
    spec<parse_alter_column>(
        {"table", "name", "new_name", "type", "nullable", "default", "comment", "schema"}),
    spec<parse_create_index>(
        {"name", "table", "columns", "unique", "where", "concurrently", "schema"}),
    spec<parse_drop_index>({"name", "table", "schema", "concurrently"}),
    spec<parse_create_unique>({"name", "table", "columns", "schema"}),
    spec<parse_create_primary_key>({"name", "table", "columns", "schema"}),
    spec<parse_create_foreign_key>({"name", "table", "columns", "ref_table", "ref_columns",
                                    "ondelete", "onupdate", "ref_schema", "schema", "not_valid"}),
    spec<parse_create_check>({"name", "table", "condition", "schema", "not_valid"}),
    spec<parse_drop_constraint>({"name", "table", "type", "schema"}),
    spec<parse_bulk_insert>({"table", "rows", "schema"}),
    OpSpec{alternative_index<Execute>(), &parse_execute_node, {}},
};

// Row i parses alternative i, for every i: exactly one row per operation, so an operation added
// to Operation without a row here (or a row out of order) does not compile. operation_names()
// is in the same order.
constexpr bool rows_follow_the_variant() {
  for (std::size_t i = 0; i < kSpecs.size(); ++i) {
    if (kSpecs[i].alternative != i) return false;
  }
  return true;
}
static_assert(kSpecs.size() == std::variant_size_v<Operation>,
              "one row of kSpecs per alternative of migrate::Operation");
static_assert(rows_follow_the_variant(), "row i of kSpecs must parse alternative i of Operation");

// `lint: {ignore: [rule, ...]}` written beside an operation's key (not among its fields, so that
// it is no part of the operation or of its checksum).
std::vector<std::string> parse_lint_key(const Where& where, const YAML::Node& lint) {
  const YAML::Node ignore = lint.IsMap() && lint.size() == 1 ? lint["ignore"] : YAML::Node();
  if (!ignore || !(ignore.IsSequence() || ignore.IsScalar())) {
    fail(where, lint,
         fmt::format("'lint' must be a mapping `{{ignore: [rule, ...]}}`, not {}",
                     describe_node(lint)));
  }
  std::vector<std::string> rules;
  if (ignore.IsScalar()) return {ignore.Scalar()};
  for (const auto& rule : ignore) {
    if (!rule.IsScalar()) fail(where, rule, "each rule in 'lint: {ignore: [...]}' is a rule id");
    rules.push_back(rule.Scalar());
  }
  return rules;
}

// `dialect: NAME`, `dialect: [NAME, ...]` or `dialect: {not: [NAME, ...]}` beside an operation's
// key (dialect_filter.h).
DialectFilter parse_dialect_key(const Where& where, const YAML::Node& node) {
  DialectFilter filter;
  YAML::Node list = node;
  if (node.IsMap()) {
    if (node.size() != 1 || !node["not"]) {
      fail(where, node, "'dialect' as a mapping must be `{not: [dialect, ...]}`");
    }
    list = node["not"];
    filter.except = true;
  }
  const auto add = [&](const YAML::Node& name) {
    const auto canonical = name.IsScalar() ? filter_dialect_name(name.Scalar()) : std::nullopt;
    if (!canonical) {
      fail(where, name,
           fmt::format("unknown dialect {} in 'dialect'; expected one of {}", describe_node(name),
                       detail::kDialectNames));
    }
    filter.names.push_back(*canonical);
  };
  if (list.IsScalar()) {
    add(list);
  } else if (list.IsSequence()) {
    for (const auto& name : list) add(name);
  }
  if (filter.names.empty()) {
    fail(where, node,
         fmt::format("'dialect' must name dialects: `[postgresql]` or `{{not: [postgresql]}}`, "
                     "not {}",
                     describe_node(list)));
  }
  std::sort(filter.names.begin(), filter.names.end());
  filter.names.erase(std::unique(filter.names.begin(), filter.names.end()), filter.names.end());
  return filter;
}

bool is_beside_key(const YAML::Node& key) {
  return key.IsScalar() && (key.Scalar() == "lint" || key.Scalar() == "dialect");
}

// The one key of `item` that names the operation, filling `source` from the `lint:` and
// `dialect:` keys beside it.
YAML::const_iterator operation_entry(const Where& where, const YAML::Node& item,
                                     OperationSource* source) {
  auto entry = item.begin();
  for (auto it = item.begin(); it != item.end(); ++it) {
    if (!is_beside_key(it->first)) {
      entry = it;
    } else if (it->first.Scalar() == "lint") {
      auto rules = parse_lint_key(where, it->second);
      if (source) source->lint_ignore = std::move(rules);
    } else {
      auto dialects = parse_dialect_key(where, it->second);
      if (source) source->dialects = std::move(dialects);
    }
  }
  return entry;
}

// How many keys of `item` are `lint:` or `dialect:` rather than the operation's.
std::size_t beside_keys(const YAML::Node& item) {
  std::size_t n = 0;
  for (auto it = item.begin(); it != item.end(); ++it) n += is_beside_key(it->first) ? 1 : 0;
  return n;
}

Operation parse_operation(Where where, const YAML::Node& item, OperationSource* source) {
  const std::size_t beside = item.IsMap() ? beside_keys(item) : 0;
  if (!item.IsMap() || item.size() != beside + 1) {
    fail(where, item,
         fmt::format("expected a mapping with one key naming the operation, e.g. "
                     "`- drop_table: {{name: t}}`, not {}",
                     item.IsMap()
                         ? fmt::format("a mapping with {} keys (are the operation's fields "
                                       "indented under its name, deeper than the name itself?)",
                                       item.size())
                         : describe_node(item)));
  }
  const auto entry = operation_entry(where, item, source);
  const std::string name = entry->first.IsScalar() ? entry->first.Scalar() : "";
  const auto& names = operation_names();
  const auto known = std::find(names.begin(), names.end(), name);
  if (known == names.end()) {
    fail(where, entry->first,
         fmt::format("unknown operation {}{}; known operations: {}", describe_node(entry->first),
                     did_you_mean(name, names), join(names)));
  }
  where.op = *known;  // a view of static storage
  // operation_names()[i] names alternative i of Operation, which row i of kSpecs parses.
  const OpSpec& row = kSpecs[static_cast<std::size_t>(known - names.begin())];
  return row.parse(where, entry->second, row.fields);
}

}  // namespace

std::vector<Operation> parse_operations(const YAML::Node& list, std::string_view file,
                                        std::string_view list_name,
                                        std::vector<OperationSource>* sources) {
  if (!list.IsSequence()) {
    const int line = list.Mark().line >= 0 ? list.Mark().line + 1 : 0;
    throw Error(fmt::format("{}:{}: '{}' must be a list of operations, not {}", file, line,
                            list_name, describe_node(list)));
  }
  std::vector<Operation> ops;
  ops.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node& item = list[i];
    Where where{file, list_name, i, "", item.Mark().line + 1, {}};
    OperationSource source{item.Mark().line + 1, {}, {}};
    ops.push_back(parse_operation(where, item, &source));
    if (sources) sources->push_back(std::move(source));
  }
  return ops;
}

CreateTable parse_table_definition(const YAML::Node& mapping, std::string_view file,
                                   std::string_view label,
                                   const std::vector<std::string_view>& extra_fields) {
  std::vector<std::string_view> allowed = {"name",   "columns",      "schema", "primary_key",
                                           "unique", "foreign_keys", "checks"};
  allowed.insert(allowed.end(), extra_fields.begin(), extra_fields.end());
  const Where where{file, "", 0, "", mapping.Mark().line + 1, label};
  return parse_create_table_fields(Fields(where, mapping, "", std::move(allowed)));
}

CreateIndex parse_index_definition(const YAML::Node& mapping, std::string_view file,
                                   std::string_view label, std::string_view table) {
  const Where where{file, "", 0, "", mapping.Mark().line + 1, label};
  return parse_index_fields(
      Fields(where, mapping, "", {"name", "columns", "unique", "where", "concurrently"}),
      std::string(table));
}

std::vector<Operation> parse_operations_text(std::string_view yaml_text, std::string_view file,
                                             std::string_view list_name) {
  return parse_operations(detail::load_yaml(yaml_text, file), file, list_name);
}

}  // namespace migrate

namespace migrate::detail {

std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return fmt::format("'{}'", node.Scalar());
    default:
      return "nothing";
  }
}

}  // namespace migrate::detail
