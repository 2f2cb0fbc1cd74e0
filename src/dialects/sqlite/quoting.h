#pragma once
// SQLite identifier and literal quoting (SPEC §6: no operation field reaches SQL unquoted, except
// `execute`, `default`, `where` and `condition`, which are SQL by definition).
#include <optional>
#include <string>
#include <string_view>

#include "migrate/core/text.h"  // lower, iequals: SQLite compares identifiers case-insensitively

namespace migrate::sqlite {

// True for one of SQLite's 147 keywords (sqlite3_keyword_name in 3.40), case-insensitively.
bool is_keyword(std::string_view word);

// `name` as written when it is a plain lowercase identifier that is not a keyword, else
// double-quoted with embedded quotes doubled: order -> "order", My Table -> "My Table".
std::string quote_identifier(std::string_view name);

// 'text' with embedded single quotes doubled.
std::string quote_literal(std::string_view text);

// "schema"."name", or just the quoted name when no schema is given (SQLite's `main`).
std::string qualified(const std::optional<std::string>& schema, std::string_view name);

}  // namespace migrate::sqlite
