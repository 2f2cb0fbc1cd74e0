#pragma once
// schema.yaml (SPEC §12): the declared schema as YAML. `tables:` is a list of create_table
// mappings (SPEC §6: name, columns, schema, primary_key, unique, foreign_keys, checks) plus an
// optional `indexes:` list of create_index mappings without `table`. The operation parser reads
// each table, so the vocabulary, checks and file:line messages are those of migration scripts.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/schema/schema.h"

namespace migrate {

// Parses and validates (schema.h validate()) the text of a schema.yaml. Every Error names
// "file:line" and the table, e.g. "schema.yaml:12: table 3 (orders): column 2: unknown field".
// A per-dialect column type becomes the type of the dialect named first in `dialect`
// (Dialect::name()); without one, its `default`, or no type.
[[nodiscard]] SchemaModel parse_schema_yaml(std::string_view yaml_text, std::string_view file,
                                            const std::vector<std::string>& dialect = {});

// Reads the file and parses it. A missing or unreadable file is an Error naming it.
[[nodiscard]] SchemaModel load_schema_yaml(const std::filesystem::path& path,
                                           const std::vector<std::string>& dialect = {});

}  // namespace migrate
