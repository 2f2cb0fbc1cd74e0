#pragma once
// PostgreSQL, through libpqxx: native DDL (no rebuilds), transactional DDL, pg_advisory_lock.
#include "migrate/dialects/dialect.h"

namespace migrate::postgresql {

const Dialect& dialect();

}  // namespace migrate::postgresql
