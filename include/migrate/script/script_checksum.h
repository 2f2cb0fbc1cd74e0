#pragma once
// The checksum of a script (SPEC §15): what the history table records when a migration runs and
// what `validate` compares with the script as it is now. It covers what the script does, not
// how it is written: SHA-256 over the parsed operations in migrate's canonical YAML
// (emit_operations()), so comments, whitespace, quoting and key order change nothing, and
// neither do the header (message, create_date, file name) nor keys that are no operation field.
#include <string>

#include "migrate/script/script.h"

namespace migrate {

// Lower-case hex SHA-256 of the upgrade operations, the written downgrade operations (or a
// fixed marker when the downgrade is derived by reverse_all()) and the `transactional` flag.
[[nodiscard]] std::string script_checksum(const Script& script);

}  // namespace migrate
