#pragma once
// SHA-256 through Nettle (Debian's nettle-dev, GnuTLS's own crypto library): small, linked
// statically, and no start-up cost, where OpenSSL's EVP layer would pull its provider machinery
// into every process.
#include <string>
#include <string_view>

namespace migrate {

// Lower-case hex SHA-256 of `text`.
[[nodiscard]] std::string sha256_hex(std::string_view text);

}  // namespace migrate
