#pragma once
// The `options` parameter of a PostgreSQL URL (`?options=-csearch_path%3Dtenant`): libpq sends
// it at login, and the server makes each `-c key=value` the session's default for that setting.
// A fleet (README "Fleet: many databases at once") reuses one login for targets whose URLs
// differ only there, setting the same values with set_config() instead.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace migrate {
class Url;
}

namespace migrate::postgresql {

// Setting name (lower case, as the server folds it) -> value.
using SessionOptions = std::map<std::string, std::string>;

// The settings of an `options` string: `-c key=value`, `-ckey=value` and `--key=value`, split at
// unescaped white space with `\` escaping the next character, as the server reads them. nullopt
// for anything else the server accepts there (other command-line switches), which only a new
// login can apply.
[[nodiscard]] std::optional<SessionOptions> parse_session_options(std::string_view text);

// The settings that `to` needs, applied to a session opened for `from`, when the two URLs name
// the same login (scheme, user, password, host, port, database and every other parameter) and
// their `options` set the same settings to possibly different values; nullopt otherwise.
[[nodiscard]] std::optional<SessionOptions> switchable_options(const Url& from, const Url& to);

}  // namespace migrate::postgresql
