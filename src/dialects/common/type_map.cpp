#include "dialects/common/type_map.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "migrate/core/text.h"

namespace migrate::dialects {
namespace {

struct TypeName {
  std::string name;  // lower case
  std::vector<std::string_view> arguments;
};

bool is_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "numeric( 10 , 2 )" -> {"numeric", {"10", "2"}}; nullopt unless every argument is a number
// and nothing follows the closing parenthesis.
std::optional<TypeName> parse(std::string_view type) {
  type = trim(type);
  TypeName parsed;
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

std::string render_type(std::string_view type, std::span<const TypeMapping> table) {
  const auto parsed = parse(type);
  if (!parsed) return std::string(trim(type));
  for (const auto& mapping : table) {
    if (mapping.generic != parsed->name) continue;
    if (parsed->arguments.size() > mapping.max_arguments) break;
    if (parsed->arguments.empty()) return std::string(mapping.native);
    return fmt::format("{}({})", mapping.native, fmt::join(parsed->arguments, ", "));
  }
  return std::string(trim(type));
}

bool is_generic_integer_type(std::string_view type) {
  const auto parsed = parse(type);
  return parsed && parsed->arguments.empty() &&
         (parsed->name == "integer" || parsed->name == "bigint" || parsed->name == "smallint");
}

}  // namespace migrate::dialects
