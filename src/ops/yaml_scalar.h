#pragma once
// How plain YAML scalars resolve (YAML 1.2 core schema), shared by the operation parser and
// emitter so that what one writes unquoted the other reads back as the same kind of value.
#include <string>
#include <string_view>

namespace migrate::detail {

// null, Null, NULL, ~ (yaml-cpp already turns these into null nodes).
bool is_yaml_null(std::string_view text);
// true, True, TRUE, false, False, FALSE. YAML 1.1's yes/no/on/off are strings here.
bool is_yaml_bool(std::string_view text);
// [-+]?[0-9]+
bool is_yaml_decimal_int(std::string_view text);
// 0x1F, 0o17
bool is_yaml_radix_int(std::string_view text);
// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, not an integer
bool is_yaml_float(std::string_view text);
// .inf, -.Inf, .nan, ...: floats SQL has no literal for.
bool is_yaml_special_float(std::string_view text);

// A YAML double-quoted scalar that reads back as exactly `s` (escapes \\ \" and controls).
std::string double_quoted(std::string_view s);

// Known keys of `execute: {<dialect>: sql}`.
bool is_dialect_name(std::string_view name);
inline constexpr std::string_view kDialectNames = "postgresql, sqlite, mysql, mariadb";

}  // namespace migrate::detail
