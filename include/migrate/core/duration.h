#pragma once
// Durations as PostgreSQL writes them in its settings (SPEC §15): `500ms`, `5s`, `1min`, `2h`,
// `1d`, or a bare number of milliseconds; `0` turns a timeout off.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace migrate {

// nullopt when `text` is not such a duration.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest exact form of `ms` in those units: 1500 → "1500ms", 60000 → "1min".
[[nodiscard]] std::string format_duration(std::chrono::milliseconds ms);

}  // namespace migrate
