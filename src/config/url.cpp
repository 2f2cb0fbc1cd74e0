#include "migrate/config/url.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "migrate/core/error.h"
#include "migrate/core/secrets.h"

namespace migrate {
namespace {

// RFC 3986 percent-decoding, so that a password holding '@' or ':' can be written as %40 / %3A.
std::string percent_decode(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // from_chars alone would accept a sign ("%-1"), so check for two hex digits first.
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      int value = 0;
      auto [ptr, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (ec == std::errc() && ptr == text.data() + i + 3) {
        result.push_back(static_cast<char>(value));
        i += 2;
        continue;
      }
    }
    result.push_back(text[i]);
  }
  return result;
}

std::string normalise_scheme(std::string_view written) {
  std::string scheme(
      written.substr(0, written.find('+')));  // "postgresql+psycopg2" -> driver ignored
  if (scheme == "postgres") scheme = "postgresql";
  if (scheme == "mariadb") scheme = "mysql";  // one dialect serves both
  return scheme;
}

// Where `user:password@` ends when the password holds a '/' or '?' (which RFC 3986 wants
// percent-encoded but SQLAlchemy, and so Alembic, accepts: its password runs to the next '@').
// nullopt when the usual reading applies: the authority up to the first '/' holds the '@', or
// what follows the ':' there is a port.
std::optional<std::size_t> password_with_delimiters(std::string_view rest) {
  const auto authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  const auto colon = authority.find(':');
  if (authority_end == std::string_view::npos || authority.find('@') != std::string_view::npos ||
      colon == std::string_view::npos || colon == 0) {
    return std::nullopt;
  }
  const std::string_view after = authority.substr(colon + 1);
  if (std::all_of(after.begin(), after.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const auto at = rest.find('@', colon + 1);
  if (at == std::string_view::npos) return std::nullopt;
  return at;
}

// The message for a URL without "scheme://"; `scheme_end` is where "://" was found, if at all.
Error unparseable(std::string_view text, std::size_t scheme_end) {
  return Error(
      fmt::format("Could not parse database URL '{}': expected "
                  "scheme://[user[:password]@]host[:port]/database "
                  "or sqlite:///path.db",
                  // The text may hold a password where no "://" marks where it is: hide it all.
                  text.find('@') == std::string_view::npos ? std::string(text)
                  : scheme_end == std::string_view::npos   ? std::string("<hidden>")
                                                           : mask_credentials(text)));
}

// `a=1&b=2`, percent-decoded; a later key wins, and a key without '=' has an empty value.
std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> result;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    result[key] = value;
  }
  return result;
}

// The digits after "host:"; `url` is only for the message.
int parse_port(std::string_view digits, const Url& url) {
  int port = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || port <= 0 ||
      port > 65535) {
    throw Error(
        fmt::format("Could not parse database URL '{}': port '{}' is not a number from 1 to 65535",
                    url.masked(), digits));
  }
  return port;
}

struct HostPort {
  std::optional<std::string> host;  // unset when empty
  std::optional<int> port;
};

// `host`, `host:port`, `[::1]` or `[::1]:port`: the authority without its userinfo. `url` (so far
// parsed) is only for messages, which mask its password.
HostPort parse_host_port(std::string_view authority, const Url& url) {
  HostPort result;
  // [::1]:5432 keeps its brackets out of the host name.
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      throw Error(
          fmt::format("Could not parse database URL '{}': unclosed '[' in host", url.masked()));
    }
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') {
      throw Error(fmt::format("Could not parse database URL '{}': unexpected '{}' after ']'",
                              url.masked(), after));
    }
    result.host = std::string(authority.substr(1, close - 1));
    authority = after;  // empty, or ":port"
  } else {
    const auto colon = authority.rfind(':');
    result.host = percent_decode(authority.substr(0, colon));
    authority = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon);
  }
  if (!authority.empty()) result.port = parse_port(authority.substr(1), url);  // ":port"
  if (result.host->empty()) result.host.reset();
  return result;
}

}  // namespace

void Url::set_userinfo(std::string_view userinfo) {
  const auto colon = userinfo.find(':');
  user_ = percent_decode(userinfo.substr(0, colon));
  if (colon != std::string_view::npos) password_ = percent_decode(userinfo.substr(colon + 1));
}

Url Url::parse(std::string_view text) {
  Url url;
  url.text_ = std::string(text);
  const auto scheme_end = text.find("://");
  if (text.empty() || scheme_end == std::string_view::npos || scheme_end == 0) {
    throw unparseable(text, scheme_end);
  }
  url.scheme_written_ = std::string(text.substr(0, scheme_end));
  url.scheme_ = normalise_scheme(url.scheme_written_);
  std::string_view rest = text.substr(scheme_end + 3);
  if (auto userinfo = password_with_delimiters(rest)) {
    url.set_userinfo(rest.substr(0, *userinfo));
    rest = rest.substr(*userinfo + 1);
  }

  // Query string first: it may hold '/' or '@' in values.
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    url.query_ = parse_query(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }

  // Authority is everything up to the first '/'; for sqlite it is always empty.
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path =
      slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);

  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    url.set_userinfo(authority.substr(0, at));
    authority = authority.substr(at + 1);
  }
  if (!authority.empty()) {
    HostPort host_port = parse_host_port(authority, url);
    url.host_ = std::move(host_port.host);
    url.port_ = host_port.port;
  }
  url.database_ = percent_decode(path);
  return url;
}

std::string Url::masked() const {
  std::string text = text_;
  if (password_) {
    // Replace the password between the first ':' after "://" and the '@' that ends it.
    const auto start = text.find("://") + 3;
    auto end = password_with_delimiters(std::string_view(text).substr(start));
    if (end) {
      *end += start;
    } else {
      const auto authority_end = text.find_first_of("/?", start);
      end = text.rfind('@', authority_end);
    }
    const auto colon = text.find(':', start);
    if (*end != std::string::npos && colon != std::string::npos && colon < *end) {
      text = text.substr(0, colon + 1) + "***" + text.substr(*end);
    }
  }
  // libpq also takes the password as a query parameter: `?password=...`.
  if (query_.count("password") != 0) {
    auto pos = text.find('?');
    while (pos != std::string::npos && pos < text.size()) {
      const auto begin = pos + 1;
      const auto end = std::min(text.find('&', begin), text.size());
      const auto eq = text.find('=', begin);
      if (eq != std::string::npos && eq < end &&
          percent_decode(std::string_view(text).substr(begin, eq - begin)) == "password") {
        text.replace(eq + 1, end - eq - 1, "***");
        pos = text.find('&', eq);
      } else {
        pos = end == text.size() ? std::string::npos : end;
      }
    }
  }
  return text;
}

bool Url::is_memory() const { return database_.empty() || database_ == ":memory:"; }

}  // namespace migrate
