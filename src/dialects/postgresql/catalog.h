#pragma once
// What PostgreSQL's reflection (reflect.h) does not hold, for `migrate baseline` (SPEC §14), each
// as SQL the server itself writes (pg_get_functiondef, pg_get_viewdef, pg_get_triggerdef,
// pg_get_constraintdef, format_type), for the schema reflect() reads:
//   before the tables: extensions, enum types, domains and composite types, sequences no column
//     owns (serial and identity sequences come with their columns), and the functions a column
//     default or a check uses;
//   after them: the other functions and procedures, aggregates, views and materialized views
//     (views on views after what they read, from pg_depend), indexes on materialized views,
//     triggers.
// Partitioned tables, which create_table cannot write, come whole from the catalog with their
// partitions (partitions.cpp). Objects an extension owns are left to the extension. Not
// covered: rules, policies, grants, comments, event triggers, collations, operators.
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"

namespace migrate::postgresql {

[[nodiscard]] std::vector<CatalogObject> catalog_objects(Connection& connection,
                                                         const TableName& version_table);

}  // namespace migrate::postgresql
