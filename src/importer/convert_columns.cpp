// sa.Column, SQLAlchemy types and server defaults -> migrate's Column (SPEC §6, §7). Types map to
// the generic names whose per-dialect rendering is what SQLAlchemy emits; upper-case SQL types
// and dialect types pass through as SQLAlchemy would spell them.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "importer/convert_detail.h"

namespace migrate::importer::detail {
namespace {

const std::map<std::string, std::string, std::less<>>& generic_types() {
  static const std::map<std::string, std::string, std::less<>> types = {
      {"Integer", "integer"},
      {"BigInteger", "bigint"},
      {"SmallInteger", "smallint"},
      {"Boolean", "boolean"},
      {"Date", "date"},
      {"Text", "text"},
      {"UnicodeText", "text"},
      {"Float", "float"},
      {"Double", "double"},
      {"Time", "time"},
      {"Interval", "interval"},
      {"LargeBinary", "binary"},
      {"Binary", "binary"},
      {"PickleType", "binary"},
      {"JSON", "json"},
      {"Uuid", "uuid"},
      {"DOUBLE_PRECISION", "DOUBLE PRECISION"}};
  return types;
}

std::string number_of(const Expr& expr, std::string_view what) {
  if (expr.kind != Expr::Kind::number ||
      expr.text.find_first_not_of("0123456789") != std::string::npos) {
    throw Unsupported{fmt::format("{} is not an integer literal", what)};
  }
  return expr.text;
}

// Positional argument `index`, else keyword `name`; nullptr if neither (or None).
const Expr* argument(const Expr* call, std::size_t index, std::string_view name) {
  if (call == nullptr) return nullptr;
  const auto args = call->arguments();
  const Expr* found = index < args.size() ? args[index].get() : call->keyword(name);
  if (found != nullptr && found->kind == Expr::Kind::constant && found->text == "None") {
    return nullptr;
  }
  return found;
}

std::string postgresql_name(const std::string& generic) {
  if (generic.starts_with("string")) return "VARCHAR" + generic.substr(6);
  static const std::map<std::string, std::string, std::less<>> names = {
      {"datetime", "TIMESTAMP WITHOUT TIME ZONE"},
      {"timestamptz", "TIMESTAMP WITH TIME ZONE"},
      {"double", "DOUBLE PRECISION"},
      {"binary", "BYTEA"},
      {"time", "TIME WITHOUT TIME ZONE"}};
  if (const auto found = names.find(generic); found != names.end()) return found->second;
  std::string upper = generic;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// An upper-case SQL type (sa.VARCHAR(20), postgresql.JSONB, mysql.TINYINT(1), ...) as written.
std::string sql_type(const std::string& name, const Expr* call) {
  std::string out = name;
  std::vector<std::string> args;
  if (call != nullptr) {
    for (const auto& arg : call->arguments()) args.push_back(number_of(*arg, name + "()"));
    for (const Keyword& k : call->keywords) {
      if (k.name == "length" || k.name == "display_width" || k.name == "precision" ||
          k.name == "fsp") {
        args.push_back(number_of(*k.value, name + "()"));
      } else if (k.name == "scale") {
        args.push_back(number_of(*k.value, name + "()"));
      } else if (k.name == "timezone") {
        if (bool_of(k.value.get(), "timezone")) out += "_TZ";
      } else if (k.name != "unsigned" && k.name != "zerofill" && k.name != "as_uuid" &&
                 k.name != "astext_type" && k.name != "none_as_null") {
        throw Unsupported{fmt::format("{}() keyword '{}' has no migrate form", name, k.name)};
      }
    }
  }
  std::string base = out;
  const bool tz = base.ends_with("_TZ");
  if (tz) base.resize(base.size() - 3);
  std::string result = base;
  if (!args.empty()) result += fmt::format("({})", fmt::join(args, ", "));
  if (tz) result += " WITH TIME ZONE";
  if (call != nullptr && bool_of(call->keyword("unsigned"), "unsigned")) result += " UNSIGNED";
  if (call != nullptr && bool_of(call->keyword("zerofill"), "zerofill")) result += " ZEROFILL";
  return result;
}

bool is_upper_name(const std::string& name) {
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string type_of(const Expr& expr) {
  const Expr* call = expr.kind == Expr::Kind::call ? &expr : nullptr;
  const Expr& callee = call != nullptr ? *expr.items[0] : expr;
  const std::string name = last_name(callee);
  if (name.empty()) throw Unsupported{"the column type is not a SQLAlchemy type"};
  if (name == "String" || name == "Unicode") {
    const Expr* length = argument(call, 0, "length");
    return length ? fmt::format("string({})", number_of(*length, name + "()")) : "string";
  }
  if (name == "Numeric") {
    const Expr* precision = argument(call, 0, "precision");
    const Expr* scale = argument(call, 1, "scale");
    if (!precision) return "numeric";
    if (!scale) return fmt::format("numeric({})", number_of(*precision, "precision"));
    return fmt::format("numeric({},{})", number_of(*precision, "precision"),
                       number_of(*scale, "scale"));
  }
  if (name == "DateTime") {
    return bool_of(argument(call, 0, "timezone"), "timezone") ? "timestamptz" : "datetime";
  }
  if (name == "ARRAY") {
    const Expr* item = argument(call, 0, "item_type");
    if (!item) throw Unsupported{"ARRAY() without an item type"};
    return postgresql_name(type_of(*item)) + "[]";
  }
  if (name == "Enum" || name == "ENUM" || name == "SET") {
    throw Unsupported{fmt::format("{} here has no migrate form", name)};
  }
  if (const auto found = generic_types().find(name); found != generic_types().end()) {
    if (call != nullptr && name != "Text" && name != "UnicodeText" && name != "JSON" &&
        name != "Float" && name != "Time" && name != "Interval" && name != "LargeBinary" &&
        !call->arguments().empty()) {
      throw Unsupported{fmt::format("{}() with arguments has no migrate form", name)};
    }
    return found->second;
  }
  if (is_upper_name(name)) return sql_type(name, call);
  throw Unsupported{fmt::format("type '{}' is not a SQLAlchemy type migrate knows", name)};
}

// What SQLAlchemy 1.4 renders where it differs from the generic name's mapping (checked with
// CreateTable(...).compile(dialect=...) on each dialect): Float is FLOAT, double precision on
// PostgreSQL; DateTime(timezone=True) is DATETIME on MySQL; LargeBinary is BLOB on MySQL; Interval
// is DATETIME except on PostgreSQL.
TypeSpec type_spec_of(const Expr& expr) {
  if (is_enum_type(expr)) return enum_type_of(expr);
  const std::string type = type_of(expr);
  const Expr* call = expr.kind == Expr::Kind::call ? &expr : nullptr;
  if (type == "float") {
    const Expr* precision = argument(call, 0, "precision");
    if (precision && std::stoi(number_of(*precision, "Float(precision)")) <= 24) return {type, {}};
    if (precision) return {type, {{"postgresql", "double precision"}, {"mysql", "double"}}};
    return {type, {{"postgresql", "double precision"}}};
  }
  if (type == "timestamptz") return {type, {{"mysql", "datetime"}}};
  if (type == "binary") {
    const Expr* length = argument(call, 0, "length");
    const std::string blob =
        length ? fmt::format("BLOB({})", number_of(*length, "LargeBinary(length)")) : "BLOB";
    return {type, {{"mysql", blob}}};
  }
  if (type == "interval") {
    if (call && call->keyword("native") && !bool_of(call->keyword("native"), "native")) {
      return {"datetime", {}};
    }
    return {"datetime", {{"postgresql", "interval"}}};
  }
  return {type, {}};
}

void assign_type(AlterColumn& op, const Expr& type) {
  TypeSpec spec = type_spec_of(type);
  op.type = std::move(spec.type);
  op.dialect_types = std::move(spec.per_dialect);
}

std::optional<std::string> server_default_of(const Expr& expr) {
  if (expr.kind == Expr::Kind::constant && expr.text == "None") return std::nullopt;
  if (expr.kind == Expr::Kind::string) {
    std::string quoted = "'";
    for (const char c : expr.text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return quoted + "'";
  }
  if (expr.kind == Expr::Kind::call) {
    const std::string callee = expr.items[0]->dotted();
    const std::string last = last_name(*expr.items[0]);
    const auto args = expr.arguments();
    if (last == "text" || last == "literal_column") {
      if (args.size() == 1) return string_of(args[0].get(), "server_default");
    }
    if ((last == "true" || last == "false") && args.empty()) return last;
    if (callee.find("func.") != std::string::npos && args.empty() && expr.keywords.empty()) {
      if (last == "now" || last == "current_timestamp") return "CURRENT_TIMESTAMP";
      return last + "()";
    }
  }
  throw Unsupported{"server_default is not a string, sa.text() or sa.func call"};
}

namespace {

ForeignKeyRef reference_of(const Expr& call) {
  check_keywords(call, {"ondelete", "onupdate"});
  const auto args = call.arguments();
  if (args.size() != 1) throw Unsupported{"ForeignKey() takes one 'table.column'"};
  const std::string target = string_of(args[0].get(), "ForeignKey()'s column");
  const auto dot = target.rfind('.');
  if (dot == std::string::npos) throw Unsupported{"ForeignKey() needs 'table.column'"};
  ForeignKeyRef ref;
  ref.table = target.substr(0, dot);
  ref.column = target.substr(dot + 1);
  ref.ondelete = optional_string(call.keyword("ondelete"), "ondelete");
  ref.onupdate = optional_string(call.keyword("onupdate"), "onupdate");
  return ref;
}

void apply_column_keywords(const Expr& call, Column& column) {
  check_keywords(call, {"nullable", "primary_key", "server_default", "autoincrement", "comment",
                        "unique", "index", "default", "onupdate", "doc", "info", "key"});
  if (const Expr* v = call.keyword("nullable")) column.nullable = bool_of(v, "nullable");
  column.primary_key = bool_of(call.keyword("primary_key"), "primary_key");
  if (const Expr* v = call.keyword("server_default")) column.default_ = server_default_of(*v);
  if (const Expr* v = call.keyword("autoincrement")) {
    if (v->kind != Expr::Kind::string) column.autoincrement = bool_of(v, "autoincrement");
  }
  column.comment = optional_string(call.keyword("comment"), "comment");
  column.unique = bool_of(call.keyword("unique"), "unique");
}

}  // namespace

Column column_of(const Expr& call, std::vector<CreateIndex>* indexes, const std::string& table) {
  if (call.kind != Expr::Kind::call || callee_name(call) != "Column") {
    throw Unsupported{"expected sa.Column(...)"};
  }
  const auto args = call.arguments();
  Column column;
  std::size_t i = 0;
  if (i < args.size() && args[i]->kind == Expr::Kind::string) column.name = args[i++]->text;
  if (column.name.empty()) throw Unsupported{"sa.Column() without a literal name"};
  bool typed = false;
  if (i < args.size() && callee_name(*args[i]) != "ForeignKey") {
    TypeSpec spec = type_spec_of(*args[i++]);
    column.type = std::move(spec.type);
    column.dialect_types = std::move(spec.per_dialect);
    typed = true;
  }
  for (; i < args.size(); ++i) {
    if (const std::string callee = callee_name(*args[i]); callee != "ForeignKey") {
      // Name what it is (Identity(), Computed(), Sequence()): the user looks for that word.
      const std::string what = callee.empty() ? "" : fmt::format(", {}(),", callee);
      throw Unsupported{fmt::format("sa.Column('{}') argument {}{} has no migrate form",
                                    column.name, i + 1, what)};
    }
    column.references = reference_of(*args[i]);
  }
  if (!typed) throw Unsupported{"sa.Column() without a type"};
  apply_column_keywords(call, column);
  if (bool_of(call.keyword("index"), "index")) {
    if (indexes == nullptr) throw Unsupported{"index=True outside create_table"};
    CreateIndex index;
    index.name = fmt::format("ix_{}_{}", table, column.name);  // SQLAlchemy's default name
    index.table = table;
    index.columns = {column.name};
    index.unique = column.unique;
    column.unique = false;  // a unique index, as SQLAlchemy makes it, not also a constraint
    indexes->push_back(std::move(index));
  }
  return column;
}

}  // namespace migrate::importer::detail
