#include "dialects/common/sql_quoting.h"

#include <algorithm>

namespace migrate::dialects {
namespace {

std::string quoted(std::string_view text, char quote) {
  std::string result(1, quote);
  for (char c : text) {
    if (c == quote) result += quote;
    result += c;
  }
  return result + quote;
}

}  // namespace

bool is_plain_identifier(std::string_view name) {
  if (name.empty()) return false;
  const auto first = name.front();
  if (!(first == '_' || (first >= 'a' && first <= 'z'))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

std::string double_quoted(std::string_view name) { return quoted(name, '"'); }

std::string single_quoted(std::string_view text) { return quoted(text, '\''); }

}  // namespace migrate::dialects
