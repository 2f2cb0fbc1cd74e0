#pragma once
// The comparison behind `revision --autogenerate` and `check` (SPEC §12): the database, which
// must be on every head, reflected by its dialect, against the declared target schema.
#include <filesystem>
#include <optional>

#include "commands/environment.h"
#include "migrate/schema/differ.h"

namespace migrate::commands {

// Throws Error when no target schema is configured, when it cannot be read, or when the
// database is not up to date ("Target database is not up to date.", as Alembic says).
[[nodiscard]] SchemaDiff compare_with_target_schema(
    const Environment& env, const std::optional<std::filesystem::path>& target_schema);

}  // namespace migrate::commands
