#include "dialects/postgresql/types.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <vector>

namespace migrate::postgresql {
namespace {

struct GenericType {
  std::string_view name;        // lower case
  std::string_view postgresql;  // without arguments
  std::size_t max_arguments;    // how many "(…)" arguments the generic name takes
};

constexpr std::array kTypes{
    GenericType{"integer", "INTEGER", 0},
    GenericType{"bigint", "BIGINT", 0},
    GenericType{"smallint", "SMALLINT", 0},
    GenericType{"string", "VARCHAR", 1},
    GenericType{"text", "TEXT", 0},
    GenericType{"boolean", "BOOLEAN", 0},
    GenericType{"float", "REAL", 0},
    GenericType{"double", "DOUBLE PRECISION", 0},
    GenericType{"numeric", "NUMERIC", 2},
    GenericType{"date", "DATE", 0},
    GenericType{"datetime", "TIMESTAMP WITHOUT TIME ZONE", 0},
    GenericType{"timestamptz", "TIMESTAMP WITH TIME ZONE", 0},
    GenericType{"time", "TIME WITHOUT TIME ZONE", 0},
    GenericType{"interval", "INTERVAL", 0},
    GenericType{"binary", "BYTEA", 0},
    GenericType{"json", "JSON", 0},
    GenericType{"uuid", "UUID", 0},
};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool is_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (auto& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

struct Parsed {
  std::string name;  // lower case
  std::vector<std::string_view> arguments;
};

// "numeric( 10 , 2 )" -> {"numeric", {"10", "2"}}; nullopt unless every argument is a number
// and nothing follows the closing parenthesis (`int[]`, `string(5)[]` stay verbatim).
std::optional<Parsed> parse(std::string_view type) {
  type = trim(type);
  Parsed parsed;
  const auto open = type.find('(');
  parsed.name = lower(trim(type.substr(0, open)));
  if (open == std::string_view::npos) return parsed;
  if (type.back() != ')') return std::nullopt;
  auto inside = type.substr(open + 1, type.size() - open - 2);
  for (;;) {
    const auto comma = inside.find(',');
    const auto argument = trim(inside.substr(0, comma));
    if (!is_digits(argument)) return std::nullopt;
    parsed.arguments.push_back(argument);
    if (comma == std::string_view::npos) break;
    inside = inside.substr(comma + 1);
  }
  return parsed;
}

}  // namespace

std::string render_type(std::string_view type) {
  const auto parsed = parse(type);
  if (!parsed) return std::string(trim(type));
  for (const auto& generic : kTypes) {
    if (generic.name != parsed->name) continue;
    if (parsed->arguments.size() > generic.max_arguments) break;
    if (parsed->arguments.empty()) return std::string(generic.postgresql);
    return fmt::format("{}({})", generic.postgresql, fmt::join(parsed->arguments, ", "));
  }
  return std::string(trim(type));
}

bool is_integer_type(std::string_view type) {
  const auto parsed = parse(type);
  return parsed && parsed->arguments.empty() &&
         (parsed->name == "integer" || parsed->name == "bigint" || parsed->name == "smallint");
}

}  // namespace migrate::postgresql
