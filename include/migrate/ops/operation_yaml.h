#pragma once
// Operations as YAML (SPEC §6): the parser behind every script's `upgrade:`/`downgrade:` list,
// and the emitter that writes operations back in the same vocabulary (revision --autogenerate).
// For any list the parser accepts, parse(emit(ops)) == ops.
//
// The parser validates fully: each item is a one-key mapping naming a known operation, with no
// unknown field, every required field, and every field of the right type. Every Error names
// "file:line", the list, the 1-based operation index and its name, e.g.
//   versions/a.yaml:14: upgrade operation 2 (create_table): column 3: unknown field 'nulable'; ...
#include <string>
#include <string_view>
#include <vector>

#include "migrate/ops/operation.h"

namespace YAML {
class Node;
}

namespace migrate {

// Parses a YAML sequence of operations. `list_name` ("upgrade", "downgrade") is used in messages.
// `sources`, when given, receives where each operation was written.
[[nodiscard]] std::vector<Operation> parse_operations(
    const YAML::Node& list, std::string_view file, std::string_view list_name = "upgrade",
    std::vector<OperationSource>* sources = nullptr);

// Same, from YAML text whose document is that sequence. Malformed YAML is an Error with
// file:line and the YAML parser's message.
[[nodiscard]] std::vector<Operation> parse_operations_text(std::string_view yaml_text,
                                                           std::string_view file,
                                                           std::string_view list_name = "upgrade");

// YAML text of `ops` as a block sequence, every line indented by `indent` spaces and ending in
// '\n'; "" for an empty list. Columns, rows and short operations are written as one-line flow
// mappings, multi-line SQL as literal blocks. Throws Error for an Execute that has both `sql`
// and per-dialect entries, which the YAML vocabulary cannot express. `sources`, parallel to
// `ops`, adds each operation's `dialect:` filter (not its `lint:` key).
[[nodiscard]] std::string emit_operations(const std::vector<Operation>& ops, int indent = 0,
                                          const std::vector<OperationSource>* sources = nullptr);

// One create_table mapping outside an operation list (schema.yaml's tables, SPEC §12): the same
// fields and checks, plus `extra_fields`, which are accepted and left to the caller. Messages
// read "file:line: <label>: ...", e.g. "schema.yaml:9: table 2: column 1: missing required
// field 'type'".
[[nodiscard]] CreateTable parse_table_definition(const YAML::Node& mapping, std::string_view file,
                                                 std::string_view label,
                                                 const std::vector<std::string_view>& extra_fields);

// One create_index mapping outside an operation list, for `table`: the fields of create_index
// except `table` and `schema`. Messages as parse_table_definition's.
[[nodiscard]] CreateIndex parse_index_definition(const YAML::Node& mapping, std::string_view file,
                                                 std::string_view label, std::string_view table);

// The operation names the parser knows, in SPEC §6 order.
[[nodiscard]] const std::vector<std::string_view>& operation_names();

}  // namespace migrate
