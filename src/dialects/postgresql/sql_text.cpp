#include "dialects/postgresql/sql_text.h"

namespace migrate::postgresql {
namespace {

bool is_identifier_char(char c) {
  return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// The end of a quoted run starting at `i` (on the opening quote): the index after the closing
// quote, or sql.size() when it never closes. A doubled quote stands for itself; with
// `backslashes` (E'...' strings) a backslash escapes the next character.
std::size_t skip_quoted(std::string_view sql, std::size_t i, char quote, bool backslashes) {
  for (++i; i < sql.size(); ++i) {
    if (backslashes && sql[i] == '\\') {
      ++i;
    } else if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return sql.size();
}

// "$tag$" starting at `i`, or an empty view when `i` does not open a dollar quote ($1 is a
// parameter, not a quote).
std::string_view dollar_tag(std::string_view sql, std::size_t i) {
  std::size_t j = i + 1;
  if (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') return {};
  while (j < sql.size() && sql[j] != '$' && is_identifier_char(sql[j])) ++j;
  if (j >= sql.size() || sql[j] != '$') return {};
  return sql.substr(i, j - i + 1);
}

// Nested /* */ comments, as PostgreSQL (unlike the SQL standard's C style) allows.
std::size_t skip_block_comment(std::string_view sql, std::size_t i) {
  int depth = 0;
  while (i < sql.size()) {
    if (sql.substr(i, 2) == "/*") {
      ++depth;
      i += 2;
    } else if (sql.substr(i, 2) == "*/") {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return sql.size();
}

}  // namespace

SqlEnd scan_end(std::string_view sql) {
  SqlEnd end;
  std::size_t i = 0;
  const auto significant = [&](bool semicolon) {
    end.blank = false;
    end.ends_with_semicolon = semicolon;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    end.ends_in_line_comment = false;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      const auto newline = sql.find('\n', i);
      end.ends_in_line_comment = newline == std::string_view::npos;
      i = end.ends_in_line_comment ? sql.size() : newline + 1;
    } else if (sql.substr(i, 2) == "/*") {
      i = skip_block_comment(sql, i);
    } else if (c == '\'' || c == '"') {
      const bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           (i == 1 || !is_identifier_char(sql[i - 2]));
      i = skip_quoted(sql, i, c, escapes);
      significant(false);
    } else if (c == '$' && (i == 0 || !is_identifier_char(sql[i - 1])) &&
               !dollar_tag(sql, i).empty()) {
      const auto tag = dollar_tag(sql, i);
      const auto close = sql.find(tag, i + tag.size());
      i = close == std::string_view::npos ? sql.size() : close + tag.size();
      significant(false);
    } else {
      significant(c == ';');
      ++i;
    }
  }
  return end;
}

std::string_view missing_terminator(std::string_view sql) {
  const auto end = scan_end(sql);
  if (end.ends_with_semicolon) return "";
  return end.ends_in_line_comment ? "\n;" : ";";
}

}  // namespace migrate::postgresql
