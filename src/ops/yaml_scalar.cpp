#include "ops/yaml_scalar.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace migrate::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string_view without_sign(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return text;
}

}  // namespace

bool is_yaml_null(std::string_view text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

bool is_yaml_bool(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kWords = {"true",  "True",  "TRUE",
                                                             "false", "False", "FALSE"};
  return std::find(kWords.begin(), kWords.end(), text) != kWords.end();
}

bool is_yaml_decimal_int(std::string_view text) { return all_digits(without_sign(text)); }

bool is_yaml_radix_int(std::string_view text) {
  if (text.size() < 3 || text[0] != '0') return false;
  const std::string_view digits = text.substr(2);
  if (text[1] == 'x') {
    return std::all_of(digits.begin(), digits.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  }
  if (text[1] == 'o') {
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '7'; });
  }
  return false;
}

bool is_yaml_float(std::string_view text) {
  std::string_view rest = without_sign(text);
  const auto exponent = rest.find_first_of("eE");
  std::string_view mantissa = rest.substr(0, exponent);
  if (exponent != std::string_view::npos) {
    if (!is_yaml_decimal_int(rest.substr(exponent + 1))) return false;
  }
  const auto dot = mantissa.find('.');
  if (dot == std::string_view::npos) {
    return exponent != std::string_view::npos && all_digits(mantissa);  // 1e5
  }
  const std::string_view whole = mantissa.substr(0, dot);
  const std::string_view fraction = mantissa.substr(dot + 1);
  if (whole.empty()) return all_digits(fraction);                          // .5
  return all_digits(whole) && (fraction.empty() || all_digits(fraction));  // 1. 1.5
}

bool is_yaml_special_float(std::string_view text) {
  const std::string_view rest = without_sign(text);
  return rest == ".inf" || rest == ".Inf" || rest == ".INF" ||
         (text == rest && (text == ".nan" || text == ".NaN" || text == ".NAN"));
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

bool is_dialect_name(std::string_view name) {
  return name == "postgresql" || name == "sqlite" || name == "mysql" || name == "mariadb";
}

}  // namespace migrate::detail
