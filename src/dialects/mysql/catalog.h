#pragma once
// What MySQL and MariaDB reflection does not hold, for `migrate baseline` (SPEC §14): stored
// functions and procedures, views (each after the views it reads) and triggers, as the server's
// own SHOW CREATE statements write them, without the DEFINER clause (the account that runs the
// baseline becomes the definer, as it would for any migration). Not covered: events, MariaDB
// sequences, grants.
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"

namespace migrate::mysql {

[[nodiscard]] std::vector<CatalogObject> catalog_objects(Connection& connection,
                                                         const TableName& version_table);

}  // namespace migrate::mysql
