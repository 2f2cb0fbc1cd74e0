// One op.* or batch_op.* call -> migrate operations (SPEC §6). Alembic's positional order and
// keyword names are kept (alembic/operations/ops.py); `existing_*` keywords only document the
// column for Alembic and are dropped.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "importer/convert_detail.h"

namespace migrate::importer::detail {
namespace {

// The arguments of a call by Alembic's parameter names: positional first, then keywords.
class Args {
 public:
  Args(const Expr& call, std::vector<std::string_view> names) : call_(&call), names_(names) {
    const auto positional = call.arguments();
    if (positional.size() > names.size()) {
      throw Unsupported{
          fmt::format("{}() has more positional arguments than migrate reads", callee_name(call))};
    }
    for (std::size_t i = 0; i < positional.size(); ++i)
      given_[std::string(names[i])] = positional[i].get();
    for (const Keyword& k : call.keywords) given_[k.name] = k.value.get();
  }
  const Expr* get(std::string_view name) const {
    const auto found = given_.find(std::string(name));
    return found == given_.end() ? nullptr : found->second;
  }
  const Expr& need(std::string_view name) const {
    const Expr* value = get(name);
    if (value == nullptr) throw Unsupported{fmt::format("'{}' is missing", name)};
    return *value;
  }
  std::string name(std::string_view key) const {
    const auto value = name_of(&need(key), key);
    if (!value) throw Unsupported{fmt::format("'{}' is None; migrate needs a name", key)};
    return *value;
  }
  // Every given argument must be a parameter, a known extra, or existing_*.
  void only(const std::vector<std::string_view>& extra) const {
    for (const auto& [key, value] : given_) {
      if (key.starts_with("existing_")) continue;
      if (std::find(names_.begin(), names_.end(), key) != names_.end()) continue;
      if (std::find(extra.begin(), extra.end(), key) != extra.end()) continue;
      throw Unsupported{
          fmt::format("{}() argument '{}' has no migrate form", callee_name(*call_), key)};
    }
  }

 private:
  const Expr* call_;
  std::vector<std::string_view> names_;
  std::map<std::string, const Expr*> given_;
};

ConstraintType constraint_type(const Expr* expr) {
  const auto text = optional_string(expr, "type_");
  if (!text) return ConstraintType::any;
  if (*text == "foreignkey") return ConstraintType::foreignkey;
  if (*text == "unique") return ConstraintType::unique;
  if (*text == "check") return ConstraintType::check;
  if (*text == "primary") return ConstraintType::primary;
  throw Unsupported{fmt::format("drop_constraint type_ '{}' is not one migrate knows", *text)};
}

std::vector<std::string> index_columns(const Expr& expr) {
  std::vector<std::string> out;
  const auto one = [&](const Expr& item) {
    if (item.kind == Expr::Kind::string) {
      out.push_back(item.text);
    } else {
      const std::string sql = sql_of(&item, "an index expression");
      out.push_back(sql.starts_with("(") ? sql : "(" + sql + ")");
    }
  };
  if (expr.kind == Expr::Kind::list || expr.kind == Expr::Kind::tuple) {
    for (const auto& item : expr.items) one(*item);
  } else {
    one(expr);
  }
  return out;
}

bool plain_identifier(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

// Alembic applies postgresql_where and postgresql_using on PostgreSQL only, sqlite_where on
// SQLite only; elsewhere the index is plain. `where` would be applied everywhere and SPEC §6 has
// no `using`, so such an index becomes one execute per dialect, when its names need no quoting
// and it is not concurrent (which cannot run in a transaction as SQL); otherwise nullopt.
std::optional<Operation> dialect_index(const CreateIndex& index, const Args& args) {
  const char* where_on = args.get("postgresql_where") ? "postgresql"
                         : args.get("sqlite_where")   ? "sqlite"
                                                      : nullptr;
  const auto method = optional_string(args.get("postgresql_using"), "postgresql_using");
  if ((where_on == nullptr && !method) || index.concurrently) return std::nullopt;
  std::vector<std::string> names{index.name, index.table};
  if (index.schema) names.push_back(*index.schema);
  if (method) names.push_back(*method);
  for (const auto& column : index.columns) {
    if (!column.starts_with("(")) names.push_back(column);
  }
  if (!std::all_of(names.begin(), names.end(), plain_identifier)) return std::nullopt;
  Execute execute;
  for (const char* dialect : {"sqlite", "postgresql", "mysql"}) {
    const bool postgresql = std::string_view(dialect) == "postgresql";
    const bool where = where_on != nullptr && std::string_view(dialect) == where_on;
    execute.per_dialect[dialect] =
        fmt::format("CREATE {}INDEX {} ON {}{}{} ({}){}", index.unique ? "UNIQUE " : "", index.name,
                    index.schema ? *index.schema + "." : "", index.table,
                    postgresql && method ? " USING " + *method : "", fmt::join(index.columns, ", "),
                    where ? " WHERE " + *index.where : "");
  }
  return execute;
}

std::optional<std::string> where_of(const Args& args) {
  for (const char* key : {"postgresql_where", "sqlite_where"}) {
    if (const Expr* where = args.get(key)) return sql_of(where, key);
  }
  return std::nullopt;
}

std::optional<std::string> schema_of(const Args& args, std::string_view key = "schema") {
  return optional_string(args.get(key), key);
}

}  // namespace

// ---- table-level ----

namespace {

void constraint_into(const Expr& item, CreateTable& table, std::vector<CreateIndex>& indexes) {
  const std::string kind = callee_name(item);
  const auto args = item.arguments();
  const auto name = name_of(item.keyword("name"), "name");
  if (kind == "PrimaryKeyConstraint") {
    check_keywords(item, {"name"});
    for (const auto& a : args) table.primary_key.push_back(string_of(a.get(), "a key column"));
    table.primary_key_name = name;
  } else if (kind == "UniqueConstraint") {
    check_keywords(item, {"name"});
    UniqueConstraint unique{name, {}};
    for (const auto& a : args) unique.columns.push_back(string_of(a.get(), "a unique column"));
    table.unique.push_back(std::move(unique));
  } else if (kind == "ForeignKeyConstraint") {
    check_keywords(item, {"name", "ondelete", "onupdate"});
    if (args.size() != 2) throw Unsupported{"ForeignKeyConstraint() takes columns and refcolumns"};
    ForeignKey fk;
    fk.name = name;
    fk.columns = strings_of(args[0].get(), "columns");
    for (const std::string& target : strings_of(args[1].get(), "refcolumns")) {
      const auto dot = target.rfind('.');
      if (dot == std::string::npos) throw Unsupported{"refcolumns must be 'table.column'"};
      std::string ref_table = target.substr(0, dot);
      if (const auto schema_dot = ref_table.find('.'); schema_dot != std::string::npos) {
        fk.ref_schema = ref_table.substr(0, schema_dot);
        ref_table = ref_table.substr(schema_dot + 1);
      }
      fk.ref_table = ref_table;
      fk.ref_columns.push_back(target.substr(dot + 1));
    }
    fk.ondelete = optional_string(item.keyword("ondelete"), "ondelete");
    fk.onupdate = optional_string(item.keyword("onupdate"), "onupdate");
    table.foreign_keys.push_back(std::move(fk));
  } else if (kind == "CheckConstraint") {
    check_keywords(item, {"name"});
    if (args.size() != 1) throw Unsupported{"CheckConstraint() takes one condition"};
    table.checks.push_back({name, sql_of(args[0].get(), "the check condition")});
  } else if (kind == "Index") {
    check_keywords(item, {"unique", "postgresql_where", "sqlite_where"});
    if (args.empty()) throw Unsupported{"sa.Index() without a name"};
    CreateIndex index;
    index.name = *name_of(args[0].get(), "the index name");
    index.table = table.name;
    index.schema = table.schema;
    for (std::size_t i = 1; i < args.size(); ++i) {
      for (auto& c : index_columns(*args[i])) index.columns.push_back(std::move(c));
    }
    index.unique = bool_of(item.keyword("unique"), "unique");
    if (const Expr* w = item.keyword("postgresql_where")) index.where = sql_of(w, "where");
    indexes.push_back(std::move(index));
  } else {
    throw Unsupported{fmt::format("create_table() item {}() has no migrate form", kind)};
  }
}

void create_table(const Expr& call, std::vector<Operation>& out) {
  const auto args = call.arguments();
  check_keywords(call, {"schema", "mysql_engine"});
  if (const Expr* engine = call.keyword("mysql_engine");
      engine && string_of(engine, "mysql_engine") != "InnoDB") {
    throw Unsupported{"mysql_engine other than InnoDB"};
  }
  if (args.empty()) throw Unsupported{"create_table() without a name"};
  CreateTable table;
  table.name = string_of(args[0].get(), "the table name");
  table.schema = optional_string(call.keyword("schema"), "schema");
  std::vector<CreateIndex> indexes;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (callee_name(*args[i]) == "Column") {
      table.columns.push_back(column_of(*args[i], &indexes, table.name));
    } else {
      constraint_into(*args[i], table, indexes);
    }
  }
  for (auto& create : types_created_by(call)) out.push_back(std::move(create));
  out.emplace_back(std::move(table));
  for (auto& index : indexes) out.emplace_back(std::move(index));
}

}  // namespace

// ---- the call table ----

namespace {

// `batch`: inside a batch_alter_table block, the table the parameters leave out.
std::optional<Operation> table_call(const std::string& name, const Expr& call,
                                    const std::optional<TableAlias>& batch) {
  // Alembic's batch methods drop the table_name (and schema) parameter.
  const auto params = [&](std::vector<std::string_view> names) {
    if (batch) names.erase(std::find(names.begin(), names.end(), "table_name"));
    return Args(call, names);
  };
  const auto table = [&](const Args& a) { return batch ? batch->name : a.name("table_name"); };
  const auto schema = [&](const Args& a) { return batch ? batch->schema : schema_of(a); };
  if (name == "add_column") {
    const Args a = params({"table_name", "column", "schema"});
    a.only({"insert_before", "insert_after"});
    return AddColumn{table(a), column_of(a.need("column"), nullptr, ""), schema(a)};
  }
  if (name == "drop_column") {
    const Args a = params({"table_name", "column_name", "schema"});
    a.only({"mssql_drop_check", "mssql_drop_default", "mssql_drop_foreign_key"});
    return DropColumn{table(a), a.name("column_name"), schema(a)};
  }
  if (name == "alter_column") {
    const Args a = params({"table_name", "column_name", "nullable", "comment", "server_default",
                           "new_column_name", "type_", "schema"});
    a.only({"postgresql_using", "autoincrement"});
    if (a.get("postgresql_using") || a.get("autoincrement")) {
      throw Unsupported{"alter_column() with postgresql_using or autoincrement"};
    }
    AlterColumn alter;
    alter.table = table(a);
    alter.name = a.name("column_name");
    alter.schema = schema(a);
    alter.new_name = optional_string(a.get("new_column_name"), "new_column_name");
    if (const Expr* type = a.get("type_")) assign_type(alter, *type);
    if (const Expr* nullable = a.get("nullable");
        nullable && !(nullable->kind == Expr::Kind::constant && nullable->text == "None")) {
      alter.nullable = bool_of(nullable, "nullable");
    }
    if (const Expr* d = a.get("server_default");
        d && !(d->kind == Expr::Kind::constant && d->text == "False")) {
      alter.default_ = server_default_of(*d);
    }
    if (const Expr* c = a.get("comment");  // False: not given; None: drop the comment
        c && !(c->kind == Expr::Kind::constant && c->text == "False")) {
      alter.comment = optional_string(c, "comment");
    }
    return alter;
  }
  if (name == "create_index") {
    const Args a = params({"index_name", "table_name", "columns", "schema", "unique"});
    a.only({"postgresql_where", "sqlite_where", "postgresql_concurrently", "postgresql_using",
            "if_not_exists"});
    CreateIndex index;
    index.name = a.name("index_name");
    index.table = table(a);
    index.columns = index_columns(a.need("columns"));
    index.unique = bool_of(a.get("unique"), "unique");
    index.where = where_of(a);
    index.concurrently = bool_of(a.get("postgresql_concurrently"), "postgresql_concurrently");
    index.schema = schema(a);
    if (bool_of(a.get("if_not_exists"), "if_not_exists")) {
      throw Unsupported{"create_index(if_not_exists=True) has no migrate form"};
    }
    if (auto per_dialect = dialect_index(index, a)) return per_dialect;
    if (a.get("postgresql_using")) {
      throw Unsupported{
          "create_index(postgresql_using=...) that is concurrent or whose names need quoting"};
    }
    return index;
  }
  if (name == "drop_index") {
    const Args a = params({"index_name", "table_name", "schema"});
    a.only({"postgresql_concurrently", "if_exists"});
    if (bool_of(a.get("if_exists"), "if_exists")) {
      throw Unsupported{"drop_index(if_exists=True) has no migrate form"};
    }
    DropIndex drop;
    drop.name = a.name("index_name");
    if (batch) {
      drop.table = batch->name;
    } else if (a.get("table_name")) {
      drop.table = name_of(a.get("table_name"), "table_name");
    }
    drop.schema = schema(a);
    drop.concurrently = bool_of(a.get("postgresql_concurrently"), "postgresql_concurrently");
    return drop;
  }
  return std::nullopt;
}

std::optional<Operation> constraint_call(const std::string& name, const Expr& call,
                                         const std::optional<TableAlias>& batch) {
  const auto params = [&](std::vector<std::string_view> names) {
    if (batch) {
      names.erase(std::find(names.begin(), names.end(),
                            name == "create_foreign_key" ? "source_table" : "table_name"));
    }
    return Args(call, names);
  };
  const auto table = [&](const Args& a, std::string_view key = "table_name") {
    return batch ? batch->name : a.name(key);
  };
  const auto schema = [&](const Args& a, std::string_view key = "schema") {
    return batch ? batch->schema : schema_of(a, key);
  };
  if (name == "create_unique_constraint" || name == "create_primary_key") {
    const Args a = params({"constraint_name", "table_name", "columns", "schema"});
    a.only({});
    const std::vector<std::string> columns = strings_of(&a.need("columns"), "columns");
    if (name == "create_primary_key") {
      return CreatePrimaryKey{a.name("constraint_name"), table(a), columns, schema(a)};
    }
    return CreateUniqueConstraint{a.name("constraint_name"), table(a), columns, schema(a)};
  }
  if (name == "create_foreign_key") {
    const Args a = params({"constraint_name", "source_table", "referent_table", "local_cols",
                           "remote_cols", "onupdate", "ondelete"});
    a.only({"source_schema", "referent_schema"});
    CreateForeignKey fk;
    fk.name = a.name("constraint_name");
    fk.table = table(a, "source_table");
    fk.ref_table = a.name("referent_table");
    fk.columns = strings_of(&a.need("local_cols"), "local_cols");
    fk.ref_columns = strings_of(&a.need("remote_cols"), "remote_cols");
    fk.onupdate = optional_string(a.get("onupdate"), "onupdate");
    fk.ondelete = optional_string(a.get("ondelete"), "ondelete");
    fk.schema = schema(a, "source_schema");
    fk.ref_schema = optional_string(a.get("referent_schema"), "referent_schema");
    return fk;
  }
  if (name == "create_check_constraint") {
    const Args a = params({"constraint_name", "table_name", "condition", "schema"});
    a.only({});
    return CreateCheckConstraint{a.name("constraint_name"), table(a),
                                 sql_of(&a.need("condition"), "condition"), schema(a)};
  }
  if (name == "drop_constraint") {
    const Args a = params({"constraint_name", "table_name", "type_", "schema"});
    a.only({});
    return DropConstraint{a.name("constraint_name"), table(a), constraint_type(a.get("type_")),
                          schema(a)};
  }
  return std::nullopt;
}

void bulk_insert(const Expr& call, const Scope& scope, std::vector<Operation>& out) {
  const Args a(call, {"table", "rows", "multiinsert"});
  a.only({});
  const Expr& table = a.need("table");
  BulkInsert insert;
  if (table.kind == Expr::Kind::name && scope.tables.contains(table.text)) {
    insert.table = scope.tables.at(table.text).name;
    insert.schema = scope.tables.at(table.text).schema;
  } else {
    throw Unsupported{"bulk_insert() of a table not declared with sa.table() in the function"};
  }
  const Expr& rows = a.need("rows");
  if (rows.kind != Expr::Kind::list && rows.kind != Expr::Kind::tuple) {
    throw Unsupported{"bulk_insert() rows are not a literal list"};
  }
  for (const auto& row : rows.items) {
    if (row->kind != Expr::Kind::dict) throw Unsupported{"a bulk_insert() row is not a dict"};
    std::vector<std::pair<std::string, Value>> values;
    for (std::size_t i = 0; i + 1 < row->items.size(); i += 2) {
      values.emplace_back(string_of(row->items[i].get(), "a column name"),
                          value_of(*row->items[i + 1]));
    }
    insert.rows.push_back(std::move(values));
  }
  out.emplace_back(std::move(insert));
}

bool is_bind(const Expr& expr, const Scope& scope) {
  const std::string dotted = expr.dotted();
  if (!dotted.empty() &&
      std::find(scope.binds.begin(), scope.binds.end(), dotted) != scope.binds.end()) {
    return true;
  }
  if (expr.kind == Expr::Kind::call && expr.arguments().empty()) {
    const std::string callee = expr.items[0]->dotted();
    return callee == "op.get_bind" || callee == "op.get_context";
  }
  return false;
}

}  // namespace

Value value_of(const Expr& expr) {
  Value value;
  if (expr.kind == Expr::Kind::constant) {
    value.kind = expr.text == "None" ? Value::Kind::null : Value::Kind::boolean;
    value.text = expr.text == "None" ? "" : expr.text == "True" ? "true" : "false";
  } else if (expr.kind == Expr::Kind::string) {
    value.kind = Value::Kind::string;
    value.text = expr.text;
  } else if (expr.kind == Expr::Kind::number ||
             (expr.kind == Expr::Kind::unary && expr.text == "-" &&
              expr.items[0]->kind == Expr::Kind::number)) {
    const std::string digits =
        expr.kind == Expr::Kind::number ? expr.text : "-" + expr.items[0]->text;
    if (digits.find_first_of("xXoObBjJ") != std::string::npos) {
      throw Unsupported{"a number written in another base"};
    }
    value.kind =
        digits.find_first_of(".eE") == std::string::npos ? Value::Kind::integer : Value::Kind::real;
    value.text = digits;
  } else {
    throw Unsupported{"a bulk_insert() value that is not a literal"};
  }
  return value;
}

void convert_call(const Expr& call, const Scope& scope, std::vector<Operation>& out) {
  if (call.kind != Expr::Kind::call || call.items[0]->kind != Expr::Kind::attribute) {
    throw Unsupported{"a call to code migrate cannot see (a helper or application function)"};
  }
  const Expr& callee = *call.items[0];
  const std::string name = callee.text;
  const Expr& object = *callee.items[0];
  const bool on_op = object.kind == Expr::Kind::name && object.text == "op";
  const bool on_batch =
      scope.batch && object.kind == Expr::Kind::name && object.text == scope.batch_name;
  if (name == "execute" && (on_op || is_bind(object, scope))) {
    const auto args = call.arguments();
    if (args.size() != 1 || !call.keywords.empty()) {
      throw Unsupported{"execute() with parameters or options"};
    }
    out.emplace_back(Execute{sql_of(args[0].get(), "the executed statement"), {}});
    return;
  }
  if (!on_op && !on_batch) {
    throw Unsupported{"a call to code migrate cannot see (a helper or application function)"};
  }
  const std::optional<TableAlias> batch = on_batch ? scope.batch : std::nullopt;
  if (on_op && name == "create_table") return create_table(call, out);
  if (on_op && name == "bulk_insert") return bulk_insert(call, scope, out);
  if (on_op && (name == "drop_table" || name == "rename_table")) {
    const Args a = name == "drop_table"
                       ? Args(call, {"table_name", "schema"})
                       : Args(call, {"old_table_name", "new_table_name", "schema"});
    a.only({});
    if (name == "drop_table") {
      out.emplace_back(DropTable{a.name("table_name"), schema_of(a), false});
    } else {
      out.emplace_back(
          RenameTable{a.name("old_table_name"), a.name("new_table_name"), schema_of(a)});
    }
    return;
  }
  if (auto op = table_call(name, call, batch)) {
    out.push_back(std::move(*op));
    return;
  }
  if (auto op = constraint_call(name, call, batch)) {
    out.push_back(std::move(*op));
    return;
  }
  throw Unsupported{fmt::format("{}.{}() has no migrate operation", object.dotted(), name)};
}

}  // namespace migrate::importer::detail
