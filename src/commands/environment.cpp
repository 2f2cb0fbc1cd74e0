#include "commands/environment.h"

#include <fmt/format.h>

#include "migrate/core/error.h"

namespace migrate::commands {
namespace {

std::vector<Revision> revisions_of(const std::vector<ScriptInfo>& infos) {
  std::vector<Revision> revisions;
  revisions.reserve(infos.size());
  for (const auto& info : infos) revisions.push_back(info.revision);
  return revisions;
}

}  // namespace

Environment::Loaded::Loaded(const Config& config)
    : directory(ScriptDirectory::from_config(config)),
      infos(directory.load_infos()),
      graph(RevisionGraph::build(revisions_of(infos))) {
  scripts.directory = &directory;
  scripts.graph = &graph;
  for (const auto& info : infos) scripts.by_id.emplace(info.revision.id, &info);
}

Environment::Environment(const GlobalOptions& global, const Output& out)
    : config_(Config::load(global)), loaded_(std::make_shared<const Loaded>(config_)) {
  for (const auto& warning : config_.likely_typos()) out.warn(warning);
}

Environment::Environment(const Environment& shared, const GlobalOptions& global)
    : config_(Config::load(global)), loaded_(shared.loaded_) {}

VersionTable Environment::version_table(const Dialect& dialect) const {
  return VersionTable(dialect, TableName{config_.version_table_schema(), config_.version_table()});
}

VersionTable Environment::version_table(Database& db) const {
  VersionTable table = version_table(*db.dialect);
  table.resolve_schema(*db.connection);
  return table;
}

Database connect(const Environment& env) {
  Url url = env.url();
  const Dialect& dialect = dialects::find(url);
  auto connection = dialect.connect(url);
  return Database{&dialect, std::move(connection), std::move(url)};
}

std::vector<std::string> current_heads(const Environment& env) {
  auto db = connect(env);
  return current_heads(env, db);
}

std::vector<std::string> current_heads(const Environment& env, Database& db) {
  auto heads = env.version_table(db).read(*db.connection);
  for (const auto& head : heads) {
    if (!env.graph().contains(head)) {
      throw Error(fmt::format(
          "The database records revision '{}' in its version table, but no script in {} has that "
          "id; was a script deleted, or is this the wrong database?",
          head, env.directory().script_location().string()));
    }
  }
  return heads;
}

}  // namespace migrate::commands
