#include "migrate/core/duration.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

#include "migrate/core/text.h"

namespace migrate {

namespace {

// PostgreSQL's time units, largest first, in milliseconds.
constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> kUnits = {{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"min", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  text = trim(text);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end == text.data() || number < 0) return std::nullopt;
  const std::string_view unit = trim(std::string_view(end, text.data() + text.size() - end));
  if (unit.empty()) return std::chrono::milliseconds(number);
  for (const auto& [name, ms] : kUnits) {
    if (unit == name) {
      if (number > INT64_MAX / ms) return std::nullopt;
      return std::chrono::milliseconds(number * ms);
    }
  }
  return std::nullopt;
}

std::string format_duration(std::chrono::milliseconds ms) {
  for (const auto& [name, unit] : kUnits) {
    if (ms.count() != 0 && ms.count() % unit == 0) {
      return std::to_string(ms.count() / unit) + std::string(name);
    }
  }
  return std::to_string(ms.count()) + "ms";
}

}  // namespace migrate
