#pragma once
// "Did you mean ...?" for a mistyped name: an operation, field, key, command or setting.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace migrate {

// The candidate closest to `word` by edit distance (a swap of two neighbours counts once), if
// it is close enough to be a typo: at most one edit for short words, a third of the length for
// longer ones. Ties go to the earlier candidate.
[[nodiscard]] std::optional<std::string> nearest(std::string_view word,
                                                 std::span<const std::string_view> candidates);
[[nodiscard]] std::optional<std::string> nearest(std::string_view word,
                                                 std::span<const std::string> candidates);

// " (did you mean 'x'?)", or "" when nothing is close.
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       std::span<const std::string_view> candidates);
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       std::span<const std::string> candidates);

}  // namespace migrate
