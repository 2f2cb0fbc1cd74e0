#include "dialects/postgresql/session_options.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "migrate/config/url.h"

namespace migrate::postgresql {
namespace {

// The server's own splitting of the options string (pg_split_opts): white space separates,
// a backslash takes the next character literally.
std::vector<std::string> split_options(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

// `key=value` into `options`; false when there is no `=` or no key.
bool add_setting(std::string_view setting, bool dashes_are_underscores, SessionOptions& options) {
  const auto equals = setting.find('=');
  if (equals == std::string_view::npos || equals == 0) return false;
  std::string key;
  for (const char c : setting.substr(0, equals)) {
    const char folded = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    key += dashes_are_underscores && folded == '-' ? '_' : folded;
  }
  options[key] = std::string(setting.substr(equals + 1));
  return true;
}

}  // namespace

std::optional<SessionOptions> parse_session_options(std::string_view text) {
  const auto words = split_options(text);
  SessionOptions options;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    bool ok = false;
    if (word == "-c" && i + 1 < words.size()) {
      ok = add_setting(words[++i], false, options);
    } else if (word.substr(0, 2) == "--") {
      ok = add_setting(word.substr(2), true, options);
    } else if (word.substr(0, 2) == "-c") {
      ok = add_setting(word.substr(2), false, options);
    }
    if (!ok) return std::nullopt;
  }
  return options;
}

std::optional<SessionOptions> switchable_options(const Url& from, const Url& to) {
  if (from.scheme() != to.scheme() || from.user() != to.user() ||
      from.password() != to.password() || from.host() != to.host() || from.port() != to.port() ||
      from.database() != to.database()) {
    return std::nullopt;
  }
  auto from_query = from.query();
  auto to_query = to.query();
  const auto from_options = parse_session_options(from_query["options"]);
  auto to_options = parse_session_options(to_query["options"]);
  from_query.erase("options");
  to_query.erase("options");
  if (from_query != to_query || !from_options || !to_options) return std::nullopt;
  // A setting only `from` has would stay as the login set it; one only `to` has would need a
  // default the login never had: both need a new login.
  const auto same_key = [](const auto& a, const auto& b) { return a.first == b.first; };
  if (!std::equal(from_options->begin(), from_options->end(), to_options->begin(),
                  to_options->end(), same_key)) {
    return std::nullopt;
  }
  return to_options;
}

}  // namespace migrate::postgresql
