#include "dialects/postgresql/conninfo.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "migrate/config/url.h"
#include "migrate/core/text.h"

namespace migrate::postgresql {
namespace {

constexpr std::size_t kMaxDetail = 200;  // longer DETAILs (a whole row) would swamp the line

// libpq conninfo quoting: single quotes, with ' and \ escaped by a backslash.
std::string conninfo_value(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '\'';
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Severity prefixes the server puts before its message ("ERROR:  ", "FATAL:  ") carry nothing
// for a FAILED: line; they may also follow libpq's "connection to server ... failed: ".
std::string strip_severity(std::string_view line) {
  std::string text(line);
  for (const std::string_view severity : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
    for (auto at = text.find(severity); at != std::string::npos; at = text.find(severity)) {
      text.erase(at, severity.size());
    }
  }
  return text;
}

}  // namespace

std::string conninfo(const Url& url) {
  std::vector<std::pair<std::string, std::string>> params;
  const auto set = [&](const std::string& key, const std::string& value) {
    for (auto& [k, v] : params) {
      if (k == key) {
        v = value;
        return;
      }
    }
    params.emplace_back(key, value);
  };
  if (url.user()) set("user", *url.user());
  if (url.password()) set("password", *url.password());
  if (url.host()) set("host", *url.host());
  if (url.port()) set("port", std::to_string(*url.port()));
  if (!url.database().empty()) set("dbname", url.database());
  for (const auto& [key, value] : url.query()) set(key, value);
  const auto set_default = [&](const std::string& key, const std::string& value) {
    if (url.query().count(key) == 0) set(key, value);
  };
  set_default("connect_timeout", "10");
  set_default("client_encoding", "UTF8");
  set_default("application_name", "migrate");

  std::string text;
  for (const auto& [key, value] : params) {
    if (!text.empty()) text += ' ';
    text += key + '=' + conninfo_value(value);
  }
  return text;
}

std::string one_line(std::string_view message) {
  std::vector<std::string> parts;
  std::string detail;
  std::size_t start = 0;
  while (start <= message.size()) {
    const auto end = std::min(message.find('\n', start), message.size());
    const auto line = trim(message.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    // Where in the statement: the runtime already shows the statement itself.
    if (starts_with(line, "LINE ") || line.find_first_not_of(" ^") == std::string_view::npos) {
      continue;
    }
    if (starts_with(line, "DETAIL:  ")) {
      if (line.size() <= kMaxDetail) detail = std::string(line.substr(9));
      continue;
    }
    if (starts_with(line, "HINT:  ") || starts_with(line, "CONTEXT:  ") ||
        starts_with(line, "QUERY:  ")) {
      continue;
    }
    parts.push_back(strip_severity(line));
  }
  std::string text;
  for (const auto& part : parts) {
    if (!text.empty()) {
      // libpq wraps long messages over lines; only a new sentence gets a full stop.
      const bool sentence = part.front() >= 'A' && part.front() <= 'Z';
      if (sentence && std::string_view(".?!:;").find(text.back()) == std::string_view::npos) {
        text += '.';
      }
      text += ' ';
    }
    text += part;
  }
  if (!detail.empty()) text += " (" + detail + ")";
  return text;
}

std::string without_password(std::string message, const Url& url) {
  std::vector<std::string> secrets;
  if (url.password() && !url.password()->empty()) secrets.push_back(*url.password());
  if (const auto found = url.query().find("password");
      found != url.query().end() && !found->second.empty()) {
    secrets.push_back(found->second);
  }
  for (const auto& secret : secrets) {
    for (auto at = message.find(secret); at != std::string::npos;
         at = message.find(secret, at + 3)) {
      message.replace(at, secret.size(), "***");
    }
  }
  return message;
}

}  // namespace migrate::postgresql
