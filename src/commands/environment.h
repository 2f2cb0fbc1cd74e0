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
  // The scripts and graph `shared` loaded, read-only and shared, with the config as `global`
  // reads it: a fleet's target (its own -x) without loading the scripts again.
  Environment(const Environment& shared, const GlobalOptions& global);
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  const Config& config() const { return config_; }
  const ScriptDirectory& directory() const { return loaded_->directory; }
  const RevisionGraph& graph() const { return loaded_->graph; }
  const ScriptSet& scripts() const { return loaded_->scripts; }
  const ScriptInfo& info(std::string_view id) const { return loaded_->scripts.info(id); }

  Url url() const { return Url::parse(config_.url()); }
  // The version table as configured (for --sql), and as an open database names it.
  VersionTable version_table(const Dialect& dialect) const;
  VersionTable version_table(Database& db) const;

 private:
  // What the config's script_location holds; immutable once loaded, so threads may share it.
  struct Loaded {
    explicit Loaded(const Config& config);
    Loaded(const Loaded&) = delete;
    Loaded& operator=(const Loaded&) = delete;
    ScriptDirectory directory;
    std::vector<ScriptInfo> infos;
    RevisionGraph graph;
    ScriptSet scripts;  // points into the above
  };

  Config config_;
  std::shared_ptr<const Loaded> loaded_;
};

// An open database with its dialect.
struct Database {
  const Dialect* dialect;
  std::unique_ptr<Connection> connection;
  Url url;
  // A fleet's connection switched to `url` since it was opened: the URL it was opened for.
  std::optional<Url> login = std::nullopt;
};
Database connect(const Environment& env);

// The heads recorded in the database, each checked against the scripts.
std::vector<std::string> current_heads(const Environment& env);
// The same on an open connection; every head must be a known revision.
std::vector<std::string> current_heads(const Environment& env, Database& db);

}  // namespace migrate::commands
