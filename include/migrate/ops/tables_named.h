#pragma once
// Which tables a list of operations can change, read from the operations themselves: what
// `migrate test` compares after a downgrade instead of the whole schema, so that a long history
// costs time in proportion to its length rather than its square.
#include <optional>
#include <string>
#include <vector>

#include "migrate/ops/operation.h"

namespace migrate {

// Every table the operations name (each once, in order of appearance): the tables they create,
// drop, rename (both names), alter or index, and the tables their foreign keys reference.
// nullopt when the operations alone cannot tell: `execute` runs any SQL, and `drop_index`
// without its `table` could be on any table.
[[nodiscard]] std::optional<std::vector<std::string>> tables_named(
    const std::vector<Operation>& operations);

}  // namespace migrate
