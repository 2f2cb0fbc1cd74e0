#pragma once
// The one exception type of migrate. Its what() is the sentence printed after "FAILED: ", so it
// must name the file, revision, operation, setting or SQL at fault (SPEC §1). Only main.cpp
// catches it for output; lower layers add context by catching and rethrowing a new Error.
#include <stdexcept>
#include <string>

namespace migrate {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Exit status for `check` drift and similar "not an error, but not success" outcomes is still 1;
// usage errors are 2 and come only from the CLI layer.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

}  // namespace migrate
