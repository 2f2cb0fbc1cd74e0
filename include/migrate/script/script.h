#pragma once
// A migration script (SPEC §5): its revision plus what the file says. ScriptInfo is what graph
// commands need (read cheaply); Script adds the parsed operations (read fully).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "migrate/graph/revision.h"
#include "migrate/ops/operation.h"

namespace migrate {

struct ScriptInfo {
  Revision revision;
  std::filesystem::path path;
  std::string message;
  std::string create_date;
  // The leading comment block without its "# " prefixes (Alembic's docstring), shown by
  // `history -v` and `show`.
  std::string doc;
};

struct Script {
  ScriptInfo info;
  bool transactional = true;
  std::vector<Operation> upgrade;
  std::vector<OperationSource> upgrade_sources;     // parallel to upgrade
  std::optional<std::vector<Operation>> downgrade;  // nullopt: derive by reverse_all()
  std::vector<OperationSource> downgrade_sources;   // parallel to downgrade
  // SPEC §14: what `import-alembic --keep-unconverted` could not convert, as "file:line" of the
  // Python it came from. upgrade and downgrade refuse a script while this is not empty.
  std::vector<std::string> todo;
};

}  // namespace migrate
