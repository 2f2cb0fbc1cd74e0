#include "dialects/mysql/quoting.h"

namespace migrate::mysql {

std::string quote_identifier(std::string_view name) {
  std::string out = "`";
  for (const char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string quote_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    switch (c) {
      case '\'':
        out += "''";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        out += c;
    }
  }
  return out + "'";
}

std::string qualified(const std::optional<std::string>& schema, std::string_view name) {
  return schema ? quote_identifier(*schema) + "." + quote_identifier(name) : quote_identifier(name);
}

}  // namespace migrate::mysql
