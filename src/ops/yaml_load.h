#pragma once
// Parsing YAML text into a node, with the library's error turned into "file:line: reason" plus
// the likely cause in words a user can act on (indentation, a tab, an unclosed bracket).
#include <yaml-cpp/yaml.h>

#include <string_view>

namespace migrate::detail {

// Throws Error for text that is not YAML.
YAML::Node load_yaml(std::string_view text, std::string_view file);

}  // namespace migrate::detail
