// sa.Enum, postgresql.ENUM and mysql.ENUM -> per-dialect column types, as SQLAlchemy 1.4 renders
// them: PostgreSQL's named type (created by create_table first, as Alembic's create_table does
// through SQLAlchemy's before_create event; add_column and alter_column do not create it),
// MySQL's ENUM('a','b'), and VARCHAR as long as the longest value elsewhere.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "importer/convert_detail.h"

namespace migrate::importer::detail {
namespace {

struct EnumType {
  std::vector<std::string> values;
  std::optional<std::string> name;
  bool native = true;
  bool create_type = true;
  bool mysql_only = false;  // mysql.ENUM
  std::size_t length = 0;   // of the VARCHAR where the type is not native
};

// Python's len(): code points, not bytes.
std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (const char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> quoted_values(const EnumType& e) {
  std::vector<std::string> out;
  for (const auto& value : e.values) out.push_back(quoted(value));
  return out;
}

// PostgreSQL's spelling of the type's name: quoted unless a plain lower-case identifier.
std::string postgresql_type_name(const std::string& name) {
  const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return std::islower(static_cast<unsigned char>(c)) ||
                              std::isdigit(static_cast<unsigned char>(c)) || c == '_';
                     });
  return plain ? name : "\"" + name + "\"";
}

EnumType enum_of(const Expr& expr) {
  if (expr.kind != Expr::Kind::call) throw Unsupported{"an Enum type without its values"};
  check_keywords(expr, {"name", "native_enum", "create_constraint", "length", "create_type",
                        "validate_strings"});
  EnumType e;
  for (const auto& arg : expr.arguments()) {
    if (arg->kind != Expr::Kind::string) {
      throw Unsupported{"Enum() of a Python enum class or of values that are not string literals"};
    }
    e.values.push_back(arg->text);
    e.length = std::max(e.length, characters(arg->text));
  }
  if (e.values.empty()) throw Unsupported{"Enum() without values"};
  e.name = optional_string(expr.keyword("name"), "Enum(name=)");
  if (const Expr* native = expr.keyword("native_enum")) e.native = bool_of(native, "native_enum");
  if (const Expr* create = expr.keyword("create_type"))
    e.create_type = bool_of(create, "create_type");
  if (bool_of(expr.keyword("create_constraint"), "create_constraint")) {
    throw Unsupported{"Enum(create_constraint=True) adds a CHECK constraint on some dialects only"};
  }
  if (const Expr* length = expr.keyword("length"); length && !e.native) {
    if (length->kind != Expr::Kind::number) throw Unsupported{"Enum(length=) is not a number"};
    e.length = std::stoul(length->text);
  }
  const std::string dotted = expr.items[0]->dotted();
  e.mysql_only = dotted.find("mysql") != std::string::npos ||
                 (last_name(*expr.items[0]) == "ENUM" && !e.name &&
                  dotted.find("postgresql") == std::string::npos);
  return e;
}

}  // namespace

bool is_enum_type(const Expr& expr) {
  const Expr& callee = expr.kind == Expr::Kind::call ? *expr.items[0] : expr;
  const std::string name = last_name(callee);
  return name == "Enum" || name == "ENUM";
}

TypeSpec enum_type_of(const Expr& expr) {
  const EnumType e = enum_of(expr);
  const std::string varchar = fmt::format("string({})", e.length);
  if (!e.native) return {varchar, {}};
  const std::string mysql = fmt::format("ENUM({})", fmt::join(quoted_values(e), ","));
  if (e.mysql_only) return {"", {{"mysql", mysql}}};  // SQLAlchemy renders it on MySQL only
  // Without a name SQLAlchemy cannot render it on PostgreSQL: no type there, so it fails there.
  if (!e.name) return {"", {{"mysql", mysql}, {"sqlite", varchar}}};
  return {varchar, {{"postgresql", postgresql_type_name(*e.name)}, {"mysql", mysql}}};
}

std::vector<Operation> types_created_by(const Expr& create_table_call) {
  std::vector<Operation> out;
  std::set<std::string> created;  // SQLAlchemy creates a name once per table
  const auto args = create_table_call.arguments();
  for (std::size_t i = 1; i < args.size(); ++i) {
    const Expr& column = *args[i];
    if (column.kind != Expr::Kind::call || callee_name(column) != "Column") continue;
    const auto column_args = column.arguments();
    if (column_args.size() < 2 || column_args[0]->kind != Expr::Kind::string) continue;
    const Expr& type = *column_args[1];
    if (!is_enum_type(type)) continue;
    const EnumType e = enum_of(type);
    if (!e.native || e.mysql_only || !e.name || !e.create_type) continue;
    if (!created.insert(*e.name).second) continue;
    Execute create;
    create.per_dialect["postgresql"] =
        fmt::format("CREATE TYPE {} AS ENUM ({})", postgresql_type_name(*e.name),
                    fmt::join(quoted_values(e), ", "));
    out.emplace_back(std::move(create));
  }
  return out;
}

}  // namespace migrate::importer::detail
