#pragma once
// The quoting rules SQLite and PostgreSQL share; each dialect's quoting.cpp adds its keywords.
#include <string>
#include <string_view>

namespace migrate::dialects {

// A lower-case letter or underscore, then lower-case letters, digits, underscores and dollars:
// a name both databases read back unchanged without quotes (unless it is a keyword).
bool is_plain_identifier(std::string_view name);

// "name" with embedded double quotes doubled.
std::string double_quoted(std::string_view name);

// 'text' with embedded single quotes doubled.
std::string single_quoted(std::string_view text);

}  // namespace migrate::dialects
