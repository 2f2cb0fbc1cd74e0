#pragma once
// Target parsing (SPEC §8): Alembic's _relative_destination pattern and its
// _parse_upgrade_target / _parse_downgrade_target.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/revision_map.h"

namespace migrate::detail {

// `[branch@][symbol](+|-)N`, e.g. `+1`, `-2`, `ae10+2`, `shop@-1`, `shop@head-1`, `shop@base+2`.
struct Relative {
  std::string_view branch;
  std::string_view symbol;
  std::string_view relative_text;  // "+2", "-1"
  int relative = 0;
};
std::optional<Relative> match_relative(std::string_view text);

// The revisions an upgrade (or a history range's upper end) goes to, from `current`.
std::vector<NodeId> parse_upgrade_target(const GraphData& g, const RevArg& current,
                                         const RevArg& target, bool assert_relative_length);

struct ParsedDowngrade {
  std::string branch;       // empty: none
  NodeId revision = kNone;  // kNone: base
};
// The revision a downgrade goes to, and the branch it is restricted to.
ParsedDowngrade parse_downgrade_target(const GraphData& g, const RevArg& current,
                                       std::string_view target, bool assert_relative_length);

}  // namespace migrate::detail
