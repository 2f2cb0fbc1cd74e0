#pragma once
// The generic type names of SPEC §7 and how a dialect's table maps them; each dialect's types.cpp
// holds its table and calls these.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace migrate::dialects {

struct TypeMapping {
  std::string_view generic;   // lower case: "string", "numeric"
  std::string_view native;    // without arguments: "VARCHAR", "NUMERIC"
  std::size_t max_arguments;  // how many numeric "(…)" arguments the generic name takes
};

// "string(50)" -> "VARCHAR(50)", "NUMERIC( 10 ,2 )" -> "NUMERIC(10, 2)". Anything that is not a
// generic name with at most its number of numeric arguments, and nothing after them, is
// returned verbatim, trimmed: `int[]`, `string(5)[]`, `jsonb` are the database's to judge.
std::string render_type(std::string_view type, std::span<const TypeMapping> table);

// True for the generic integer types (integer, bigint, smallint, in any case, without
// arguments): the ones SQLAlchemy's autoincrement rule applies to (SPEC §6).
bool is_generic_integer_type(std::string_view type);

}  // namespace migrate::dialects
