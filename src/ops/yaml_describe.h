#pragma once
// How an error message names a YAML node of the wrong kind: "a list", "a mapping", "null", or
// the scalar itself in quotes. Shared by the script and operation parsers so they say the same.
#include <yaml-cpp/yaml.h>

#include <string>

namespace migrate::detail {

std::string describe_node(const YAML::Node& node);

}  // namespace migrate::detail
