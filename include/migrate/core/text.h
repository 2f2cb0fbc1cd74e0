#pragma once
// ASCII text helpers. SQL keywords, type names, config keys and revision ids are ASCII, and the
// user's locale must not change how they compare, so these never consult it.
#include <string>
#include <string_view>

namespace migrate {

// Without the ASCII whitespace (space, \t, \n, \v, \f, \r) at either end.
std::string_view trim(std::string_view text);
std::string lower(std::string_view text);
std::string upper(std::string_view text);
bool iequals(std::string_view a, std::string_view b);

}  // namespace migrate
