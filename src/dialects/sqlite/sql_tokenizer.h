#pragma once
// A small SQLite tokenizer: enough to split the CREATE TABLE / CREATE INDEX text that SQLite keeps
// in sqlite_master into its parts. It knows SQLite's four identifier quotings ("x", `x`, [x],
// and 'x' where an identifier is expected), 'strings', X'blobs', numbers, -- and /* */ comments,
// and multi-character operators. It does not parse; create_table_parser.cpp does.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::sqlite {

struct Token {
  enum class Kind { word, quoted, string, number, punctuation };
  Kind kind;
  std::string text;   // as written, quotes included
  std::size_t begin;  // offset of the first character in the source
  std::size_t end;    // offset one past the last character

  bool is_identifier() const { return kind == Kind::word || kind == Kind::quoted; }
  // A bare word equal to `keyword`, case-insensitively (a quoted "KEY" is not the keyword).
  bool is(std::string_view keyword) const;
  bool is_punctuation(char c) const {
    return kind == Kind::punctuation && text.size() == 1 && text[0] == c;
  }
  // The identifier without its quotes, embedded doubled quotes undone. For a string token
  // ('x', which SQLite accepts as a name in some places) the string's value.
  std::string unquoted() const;
};

// Splits `sql` into tokens, dropping whitespace and comments. An unterminated quote or string
// runs to the end of the text, as SQLite's own tokenizer would report it at parse time; the
// callers only read SQL that SQLite has already accepted.
std::vector<Token> tokenize(std::string_view sql);

// How `sql` must be terminated for a script that sqlite3 runs statement by statement:
// "" when its last token is already ';', "\n;" when it ends in a -- comment (a ';' appended on
// the same line would be commented out), ";" otherwise.
std::string_view missing_terminator(std::string_view sql);

}  // namespace migrate::sqlite
