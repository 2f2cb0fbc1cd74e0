#pragma once
// The generic types of SPEC §7 on MySQL and MariaDB (README.rst, "MySQL and MariaDB specifics").
#include <string>
#include <string_view>

namespace migrate::mysql {

// "string(50)" -> "VARCHAR(50)"; anything that is not a generic name passes verbatim. Throws
// Error for `interval`, which has no MySQL type.
std::string render_type(std::string_view type);

}  // namespace migrate::mysql
