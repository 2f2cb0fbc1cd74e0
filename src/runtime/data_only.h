#pragma once
// Whether an operation only changes data (bulk_insert; execute whose SQL is DML), so that a
// database without transactional DDL can still run it as one transaction (SPEC §13).
#include <string_view>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate {

[[nodiscard]] bool changes_data_only(const Operation& op, const std::vector<Statement>& statements);

// True when every ';'-separated statement of `sql` starts (after comments) with INSERT, UPDATE,
// DELETE, REPLACE, SELECT or WITH. Conservative: anything else may be DDL.
[[nodiscard]] bool is_dml(std::string_view sql);

}  // namespace migrate
