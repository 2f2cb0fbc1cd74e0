#pragma once
// What SQLite's reflection does not hold, for `migrate baseline` (SPEC §14): views, triggers and
// virtual tables, each as the CREATE statement sqlite_master keeps for it.
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"

namespace migrate::sqlite {

// Virtual tables first (before the tables, with their shadow tables, which the operations must
// leave out), then views and triggers in the order they were created, which is an order SQLite
// accepted them in (sqlite_master's rowid).
[[nodiscard]] std::vector<CatalogObject> catalog_objects(Connection& connection);

}  // namespace migrate::sqlite
