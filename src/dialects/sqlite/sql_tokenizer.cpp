#include "dialects/sqlite/sql_tokenizer.h"

#include <array>

#include "dialects/sqlite/quoting.h"

namespace migrate::sqlite {
namespace {

bool is_word_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_word_char(char c) { return is_word_start(c) || c == '$' || (c >= '0' && c <= '9'); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Offset one past a quoted run that starts at `begin` with `open` and ends with `close`;
// a doubled `close` inside is an escaped one (except for [brackets], which have no escape).
std::size_t skip_quoted(std::string_view sql, std::size_t begin, char close, bool doubling) {
  std::size_t i = begin + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (doubling && i + 1 < sql.size() && sql[i + 1] == close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

std::size_t skip_number(std::string_view sql, std::size_t i) {
  if (sql[i] == '0' && i + 1 < sql.size() && (sql[i + 1] == 'x' || sql[i + 1] == 'X')) {
    i += 2;
    while (i < sql.size() && is_word_char(sql[i])) ++i;
    return i;
  }
  while (i < sql.size() && (is_digit(sql[i]) || sql[i] == '.' || sql[i] == '_')) ++i;
  if (i < sql.size() && (sql[i] == 'e' || sql[i] == 'E')) {
    ++i;
    if (i < sql.size() && (sql[i] == '+' || sql[i] == '-')) ++i;
    while (i < sql.size() && is_digit(sql[i])) ++i;
  }
  return i;
}

std::size_t operator_length(std::string_view rest) {
  constexpr std::array<std::string_view, 11> kOperators{
      "->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->", "::"};
  for (auto op : kOperators) {
    if (rest.substr(0, op.size()) == op) return op.size();
  }
  return 1;
}

}  // namespace

bool Token::is(std::string_view keyword) const {
  return kind == Kind::word && iequals(text, keyword);
}

std::string Token::unquoted() const {
  if (kind != Kind::quoted && kind != Kind::string) return text;
  const char open = text.front();
  const char close = open == '[' ? ']' : open;
  std::string result;
  const std::size_t last = text.size() > 1 && text.back() == close ? text.size() - 1 : text.size();
  for (std::size_t i = 1; i < last; ++i) {
    result += text[i];
    if (open != '[' && text[i] == close && i + 1 < last && text[i + 1] == close) ++i;
  }
  return result;
}

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const std::size_t begin = i;
    Token::Kind kind = Token::Kind::punctuation;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto newline = sql.find('\n', i);
      i = newline == std::string_view::npos ? sql.size() : newline + 1;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
      continue;
    }
    if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
      kind = Token::Kind::string;  // X'0A0B': a blob literal
      i = skip_quoted(sql, i + 1, '\'', true);
    } else if (c == '\'') {
      kind = Token::Kind::string;
      i = skip_quoted(sql, i, '\'', true);
    } else if (c == '"' || c == '`') {
      kind = Token::Kind::quoted;
      i = skip_quoted(sql, i, c, true);
    } else if (c == '[') {
      kind = Token::Kind::quoted;
      i = skip_quoted(sql, i, ']', false);
    } else if (is_digit(c) || (c == '.' && i + 1 < sql.size() && is_digit(sql[i + 1]))) {
      kind = Token::Kind::number;
      i = skip_number(sql, i);
    } else if (is_word_start(c) || ((c == '$' || c == ':' || c == '@' || c == '?' || c == '#') &&
                                    i + 1 < sql.size() && is_word_char(sql[i + 1]))) {
      // Words, and bind parameters (:name, ?1), which are words for our purposes.
      kind = Token::Kind::word;
      ++i;
      while (i < sql.size() && is_word_char(sql[i])) ++i;
    } else {
      i += operator_length(sql.substr(i));
    }
    tokens.push_back(Token{kind, std::string(sql.substr(begin, i - begin)), begin, i});
  }
  return tokens;
}

std::string_view missing_terminator(std::string_view sql) {
  const auto tokens = tokenize(sql);
  if (!tokens.empty() && tokens.back().is_punctuation(';')) return "";
  const std::size_t tail = tokens.empty() ? 0 : tokens.back().end;
  // Any -- in the tail is a comment (strings and quotes are tokens, so they are behind `tail`).
  if (sql.find("--", tail) != std::string_view::npos) return "\n;";
  return ";";
}

}  // namespace migrate::sqlite
