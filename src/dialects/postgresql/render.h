#pragma once
// PostgreSQL SQL for operations (SPEC §6): the standard SQL of dialects::SqlRenderer, with
// identity columns, USING casts for type changes, CONCURRENTLY and COMMENT ON. Native DDL, one
// statement per change, never a table rebuild.
//
// Unlike SQLite's, this rendering never needs the table's current shape: the connection is not
// consulted, so --sql output needs no shadow database.
#include <vector>

#include "dialects/common/sql_renderer.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate::postgresql {

[[nodiscard]] const dialects::SqlRenderer& renderer();

// renderer().render() for callers without a connection: it is never read.
[[nodiscard]] std::vector<Statement> render(const Operation& op);

}  // namespace migrate::postgresql
