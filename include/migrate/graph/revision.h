#pragma once
// A node of the revision graph: ids only, no file (Alembic's Revision). `source` is carried
// only so that graph errors can name the file and line at fault.
#include <string>
#include <vector>

namespace migrate {

struct SourceRef {
  std::string file;  // path as shown to the user; empty in unit tests
  int line = 0;      // 1-based; 0 when unknown
};

struct Revision {
  std::string id;
  std::vector<std::string> down_revisions;  // parents; empty for a base, several for a merge
  std::vector<std::string> depends_on;      // ids (or, before resolution, labels/prefixes)
  std::vector<std::string> branch_labels;
  SourceRef source;                // where `revision:` is written
  SourceRef down_revision_source;  // where `down_revision:` is written
  SourceRef depends_on_source;     // where `depends_on:` is written
};

}  // namespace migrate
