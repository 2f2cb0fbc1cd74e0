#pragma once
// MySQL and MariaDB SQL for operations (SPEC §6): dialects::SqlRenderer's standard SQL with
// backticks, AUTO_INCREMENT, inline comments and InnoDB tables, and MySQL's own spelling where
// it has one: MODIFY COLUMN with the whole column definition (read from the current table),
// RENAME COLUMN, DROP INDEX ... ON, DROP FOREIGN KEY / INDEX / CHECK / PRIMARY KEY.
#include <vector>

#include "dialects/common/sql_renderer.h"

namespace migrate::mysql {

[[nodiscard]] const dialects::SqlRenderer& renderer();

}  // namespace migrate::mysql
