// Literal readers for the Alembic converter: strings, booleans, lists of names, op.f(), sa.text().
#include <fmt/format.h>

#include <algorithm>

#include "importer/convert_detail.h"

namespace migrate::importer::detail {

std::string last_name(const Expr& expr) {
  if (expr.kind == Expr::Kind::name || expr.kind == Expr::Kind::attribute) return expr.text;
  return "";
}

std::string callee_name(const Expr& call) {
  if (call.kind != Expr::Kind::call || call.items.empty()) return "";
  return last_name(*call.items[0]);
}

std::string string_of(const Expr* expr, std::string_view what) {
  if (expr == nullptr || expr->kind != Expr::Kind::string) {
    throw Unsupported{fmt::format("{} is not a string literal", what)};
  }
  return expr->text;
}

std::optional<std::string> optional_string(const Expr* expr, std::string_view what) {
  if (expr == nullptr) return std::nullopt;
  if (expr->kind == Expr::Kind::constant && expr->text == "None") return std::nullopt;
  return string_of(expr, what);
}

bool bool_of(const Expr* expr, std::string_view what) {
  if (expr == nullptr) return false;
  if (expr->kind == Expr::Kind::constant && expr->text != "None") return expr->text == "True";
  if (expr->kind == Expr::Kind::constant) return false;
  throw Unsupported{fmt::format("{} is not True or False", what)};
}

std::vector<std::string> strings_of(const Expr* expr, std::string_view what) {
  if (expr == nullptr || (expr->kind != Expr::Kind::list && expr->kind != Expr::Kind::tuple)) {
    if (expr != nullptr && expr->kind == Expr::Kind::string) return {expr->text};
    throw Unsupported{fmt::format("{} is not a list of string literals", what)};
  }
  std::vector<std::string> out;
  for (const auto& item : expr->items) out.push_back(string_of(item.get(), what));
  return out;
}

std::optional<std::string> name_of(const Expr* expr, std::string_view what) {
  if (expr == nullptr) return std::nullopt;
  if (expr->kind == Expr::Kind::constant && expr->text == "None") return std::nullopt;
  if (expr->kind == Expr::Kind::call) {
    const std::string callee = callee_name(*expr);
    const auto args = expr->arguments();
    if ((callee == "f" || callee == "conv") && args.size() == 1 && expr->keywords.empty()) {
      return string_of(args[0].get(), what);
    }
  }
  return string_of(expr, what);
}

std::string sql_of(const Expr* expr, std::string_view what) {
  if (expr != nullptr && expr->kind == Expr::Kind::call) {
    const std::string callee = expr->items[0]->dotted();
    const auto args = expr->arguments();
    const bool text_call = callee == "sa.text" || callee == "text" || callee == "sqlalchemy.text" ||
                           callee == "sa.sql.text" || callee == "sqlalchemy.sql.text";
    if (text_call && args.size() == 1 && expr->keywords.empty()) {
      return string_of(args[0].get(), what);
    }
    throw Unsupported{
        fmt::format("{} is SQLAlchemy Core or application code, not literal SQL", what)};
  }
  return string_of(expr, what);
}

void check_keywords(const Expr& call, const std::vector<std::string_view>& known) {
  for (const Keyword& keyword : call.keywords) {
    if (keyword.name.starts_with("existing_")) continue;  // documentation for Alembic only
    if (std::find(known.begin(), known.end(), keyword.name) == known.end()) {
      throw Unsupported{
          fmt::format("{}() keyword '{}' has no migrate form", callee_name(call), keyword.name)};
    }
  }
}

}  // namespace migrate::importer::detail
