#pragma once
// Reading a whole file: the config, the script template, a target schema. Each caller knows
// what the file is for, so it supplies the FAILED line; this only decides when to use it.
#include <filesystem>
#include <string>
#include <string_view>

namespace migrate {

// The bytes of `path`, unchanged (no newline translation). Throws Error(failure_message) when
// the file cannot be opened or a read fails part-way (a directory, an I/O error), so that the
// message names the file in the caller's words:
//   read_file(path, fmt::format("Could not read config file '{}'", path.string()))
[[nodiscard]] std::string read_file(const std::filesystem::path& path,
                                    std::string_view failure_message);

}  // namespace migrate
