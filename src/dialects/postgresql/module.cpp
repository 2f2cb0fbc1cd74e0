// The PostgreSQL dialect as a loadable module (see src/dialects/module_abi.h). Built into
// lib/migrate/migrate-postgresql.so, not into the migrate_postgresql library itself.
#include "dialects/module_abi.h"
#include "dialects/postgresql/postgresql_dialect.h"

extern "C" {

__attribute__((visibility("default"))) const char* migrate_module_version() {
  return MIGRATE_VERSION;
}

__attribute__((visibility("default"))) const migrate::Dialect* migrate_module_dialect() {
  return &migrate::postgresql::dialect();
}

}  // extern "C"
