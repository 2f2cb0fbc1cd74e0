#pragma once
// Credentials never reach the user's terminal (SPEC §3): every message passes through here
// before it is printed, whether or not the text it echoes parsed as a URL.
#include <string>
#include <string_view>

namespace migrate {

// `text` with the password of every `scheme://user:password@` (SQLAlchemy's reading: the
// password runs to the next '@', so it may hold '/' or '?') and every `password=value`
// (libpq's conninfo and URL queries) replaced by "***".
[[nodiscard]] std::string mask_credentials(std::string_view text);

}  // namespace migrate
