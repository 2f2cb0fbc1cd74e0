#pragma once
// The comparison behind `revision --autogenerate` and `check` (SPEC §12): the database, which
// must be on every head, reflected by its dialect, against the declared target schema.
#include <filesystem>
#include <optional>

#include "commands/environment.h"
#include "migrate/schema/differ.h"

namespace migrate::commands {

// The declared schema in `path`: a .yaml (or .yml) model, or a .sql file run in a scratch
// database of db's dialect and reflected. Throws Error naming the file.
[[nodiscard]] SchemaModel declared_schema(const Database& db, const std::filesystem::path& path,
                                          const TableName& version_table);

// Throws Error when no target schema is configured, when it cannot be read, or when the
// database is not up to date ("Target database is not up to date.", as Alembic says).
[[nodiscard]] SchemaDiff compare_with_target_schema(
    const Environment& env, const std::optional<std::filesystem::path>& target_schema);

}  // namespace migrate::commands
