#pragma once
// One Alembic revision file read and converted (SPEC §14): its header (revision id, parents,
// labels, dependencies, message and date from the docstring) and its upgrade() and downgrade()
// bodies as migrate operations. What cannot be converted is kept, with its line and text, for
// the command to list or to write under `todo:`.
#include <string>
#include <string_view>
#include <vector>

#include "migrate/ops/operation.h"

namespace migrate::importer {

struct Unconverted {
  std::string function;  // "upgrade" or "downgrade"
  int line = 0;
  std::string source;  // the Python statement as written
  std::string why;     // what part of it has no migrate form
};

struct AlembicRevision {
  std::string revision;
  std::vector<std::string> down_revisions;  // a tuple becomes a merge
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string message;      // the docstring's first paragraph, as Alembic's Script.doc
  std::string create_date;  // the docstring's "Create Date:" line, or ""
  std::vector<Operation> upgrade;
  std::vector<Operation> downgrade;  // always explicit: Alembic never derives one
  // Parallel to upgrade and downgrade: the `dialect:` filter of each operation, from an
  // `if op.get_bind().dialect.name == ...` branch whose arms run different operations.
  std::vector<OperationSource> upgrade_sources;
  std::vector<OperationSource> downgrade_sources;
  std::vector<Unconverted> unconverted;
  // False once a body used autocommit_block (CONCURRENTLY on PostgreSQL): migrate then runs the
  // script outside a transaction, as Alembic runs that block.
  bool transactional = true;
};

// Reads one revision file's text. Throws Error "<file>:<line>: ..." when it is not Python the
// tokenizer can read, or has no literal `revision = "..."`.
[[nodiscard]] AlembicRevision convert_revision(std::string_view source, std::string_view file);

}  // namespace migrate::importer
