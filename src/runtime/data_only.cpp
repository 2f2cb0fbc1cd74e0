#include "runtime/data_only.h"

#include <array>
#include <cctype>
#include <string>

namespace migrate {
namespace {

std::string_view skip_space_and_comments(std::string_view sql) {
  for (;;) {
    while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front()))) {
      sql.remove_prefix(1);
    }
    if (sql.starts_with("--") || sql.starts_with("#")) {
      const auto end = sql.find('\n');
      sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 1);
    } else if (sql.starts_with("/*") && !sql.starts_with("/*!") && !sql.starts_with("/*M!")) {
      // (MySQL runs what is inside /*! ... */: not a comment, and never counted as DML.)
      const auto end = sql.find("*/");
      sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 2);
    } else {
      return sql;
    }
  }
}

bool starts_with_dml_keyword(std::string_view statement) {
  constexpr std::array<std::string_view, 6> kKeywords{"insert",  "update", "delete",
                                                      "replace", "select", "with"};
  std::string word;
  for (const char c : statement) {
    if (!std::isalpha(static_cast<unsigned char>(c))) break;
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const auto keyword : kKeywords) {
    if (word == keyword) return true;
  }
  return false;
}

}  // namespace

bool is_dml(std::string_view sql) {
  bool any = false;
  // Splitting on ';' ignores quoting: a ';' inside a string literal only makes the answer "no",
  // which runs the statement as it would have run anyway.
  while (!sql.empty()) {
    const auto end = sql.find(';');
    const std::string_view statement = skip_space_and_comments(sql.substr(0, end));
    if (!statement.empty()) {
      if (!starts_with_dml_keyword(statement)) return false;
      any = true;
    }
    sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 1);
  }
  return any;
}

bool changes_data_only(const Operation& op, const std::vector<Statement>& statements) {
  if (std::holds_alternative<BulkInsert>(op)) return true;
  if (!std::holds_alternative<Execute>(op) || statements.empty()) return false;
  for (const auto& statement : statements) {
    if (!is_dml(statement.sql)) return false;
  }
  return true;
}

}  // namespace migrate
