#include "importer/python_ast.h"

namespace migrate::importer {

std::vector<ExprPtr> Expr::arguments() const {
  if (kind != Kind::call || items.empty()) return {};
  return {items.begin() + 1, items.end()};
}

const Expr* Expr::keyword(std::string_view wanted) const {
  for (const Keyword& k : keywords) {
    if (k.name == wanted) return k.value.get();
  }
  return nullptr;
}

std::string Expr::dotted() const {
  if (kind == Kind::name) return text;
  if (kind != Kind::attribute || items.empty()) return "";
  const std::string object = items[0]->dotted();
  return object.empty() ? "" : object + "." + text;
}

}  // namespace migrate::importer
