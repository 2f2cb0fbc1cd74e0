#pragma once
// PostgreSQL identifier and literal quoting (SPEC §6: no operation field reaches SQL unquoted,
// except `execute`, `default`, `where` and `condition`, which are SQL by definition).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/core/text.h"  // upper, for keyword and type-name comparisons

namespace migrate::postgresql {

// True for a keyword PostgreSQL 15 reserves ("reserved" and "reserved (can be function or
// type)" in pg_get_keywords()), case-insensitively: those cannot name a table or column bare.
bool is_reserved_keyword(std::string_view word);

// `name` as written when it is a plain lowercase identifier that is not a reserved keyword,
// else double-quoted with embedded quotes doubled. PostgreSQL folds bare names to lower case, so
// anything with an upper-case letter must be quoted to keep its spelling: Account -> "Account".
std::string quote_identifier(std::string_view name);

// 'text' with embedded single quotes doubled. Backslashes stay as they are: this relies on
// standard_conforming_strings (on by default since PostgreSQL 9.1).
std::string quote_literal(std::string_view text);

// "schema"."name", or just the quoted name when no schema is given (the search_path decides).
std::string qualified(const std::optional<std::string>& schema, std::string_view name);

}  // namespace migrate::postgresql
