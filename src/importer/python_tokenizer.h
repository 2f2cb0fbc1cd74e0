#pragma once
// Python's tokenizer, for the Alembic importer (SPEC §14): names, numbers, strings (every
// prefix, triple quotes, escapes decoded), operators, and the NEWLINE / INDENT / DEDENT tokens
// that give Python its blocks. No Python runs: revision files are read, never executed.
#include <string>
#include <string_view>
#include <vector>

namespace migrate::importer {

struct Token {
  enum class Kind { name, number, string, op, newline, indent, dedent, end };
  Kind kind = Kind::end;
  std::string text;    // names, numbers and operators as written; strings decoded
  std::string prefix;  // strings: their prefix letters, lower-cased ("", "r", "b", "f", ...)
  int line = 0;        // 1-based, where the token starts
  int end_line = 0;    // where it ends (a triple-quoted string spans lines)

  [[nodiscard]] bool is_op(std::string_view op) const { return kind == Kind::op && text == op; }
  [[nodiscard]] bool is_name(std::string_view name) const {
    return kind == Kind::name && text == name;
  }
};

// The tokens of `source`, ending with one Kind::end. Throws Error "line N: ..." for an
// unterminated string or bracket, a bad dedent or a character Python does not allow.
[[nodiscard]] std::vector<Token> tokenize(std::string_view source);

}  // namespace migrate::importer
