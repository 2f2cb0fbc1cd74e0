#pragma once
// MySQL and MariaDB identifier and literal quoting (SPEC §6: no operation field reaches SQL
// unquoted, except `execute`, `default`, `where` and `condition`, which are SQL by definition).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::mysql {

// `name` with embedded backticks doubled, always quoted: MySQL's reserved words change between
// versions, and a quoted name means the same on all of them.
std::string quote_identifier(std::string_view name);

// 'text' with quotes doubled and backslashes and NULs escaped, as MySQL reads a literal unless
// the session's sql_mode has NO_BACKSLASH_ESCAPES (which migrate's connections turn off).
std::string quote_literal(std::string_view text);

// `schema`.`name`, or just the quoted name (the connection's database).
std::string qualified(const std::optional<std::string>& schema, std::string_view name);

}  // namespace migrate::mysql
