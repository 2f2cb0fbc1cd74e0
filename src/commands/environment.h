#pragma once
// What every command loads: the config, the script directory, the scripts' headers and the
// revision graph (never the full scripts: graph commands must stay cheap), and, on demand, the
// database.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "migrate/config/config.h"
#include "migrate/config/url.h"
#include "migrate/core/output.h"
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/runtime/version_table.h"
#include "migrate/script/script.h"
#include "migrate/script/script_directory.h"

namespace migrate::commands {

struct Database;

class Environment {
 public:
  // Loads everything; warns on `out` about config keys that look like a misspelt setting.
  Environment(const GlobalOptions& global, const Output& out);
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  const Config& config() const { return config_; }
  const ScriptDirectory& directory() const { return directory_; }
  const RevisionGraph& graph() const { return graph_; }
  const ScriptSet& scripts() const { return scripts_; }
  const ScriptInfo& info(std::string_view id) const { return scripts_.info(id); }

  Url url() const { return Url::parse(config_.url()); }
  // The version table as configured (for --sql), and as an open database names it.
  VersionTable version_table(const Dialect& dialect) const;
  VersionTable version_table(Database& db) const;

 private:
  Config config_;
  ScriptDirectory directory_;
  std::vector<ScriptInfo> infos_;
  RevisionGraph graph_;
  ScriptSet scripts_;
};

// An open database with its dialect.
struct Database {
  const Dialect* dialect;
  std::unique_ptr<Connection> connection;
  Url url;
};
Database connect(const Environment& env);

// The heads recorded in the database, each checked against the scripts.
std::vector<std::string> current_heads(const Environment& env);
// The same on an open connection; every head must be a known revision.
std::vector<std::string> current_heads(const Environment& env, Database& db);

}  // namespace migrate::commands
