#pragma once
// The migration environment on disk (SPEC §4, §5): finds the version locations, lists their
// scripts in file-name order and reads them. Reading is split in two because graph commands
// (history, heads, current) need only each script's header, and must stay fast on 100,000
// scripts: load_infos() reads headers with a scanner that leaves anything unusual to yaml-cpp;
// load_script() parses and validates one whole file.
//
// It does not build the revision graph (RevisionGraph does, from the infos) and does not write
// scripts (script_writer.h).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/graph/revision_graph.h"
#include "migrate/script/script.h"

namespace migrate {

class Config;

class ScriptDirectory {
 public:
  // Paths are shown in messages as given. from_config() makes the config's absolute paths
  // relative to the working directory when they lie below it, as Alembic users expect to see.
  static ScriptDirectory from_config(const Config& config);
  ScriptDirectory(std::filesystem::path script_location,
                  std::vector<std::filesystem::path> version_locations);

  // Every .yaml/.yml file of every version location (not recursive), sorted by file name, then
  // by version location. Reads headers only. Throws Error for a missing version directory, an
  // unknown top-level key, a missing or invalid `revision`, or a header field of the wrong
  // type, naming file:line.
  [[nodiscard]] std::vector<ScriptInfo> load_infos() const;

  // The whole script, fully validated (SPEC §5, §6). Throws Error naming file:line.
  [[nodiscard]] Script load_script(const ScriptInfo& info) const;

  const std::vector<std::filesystem::path>& version_locations() const { return version_locations_; }
  const std::filesystem::path& script_location() const { return script_location_; }

 private:
  std::filesystem::path script_location_;
  std::vector<std::filesystem::path> version_locations_;
};

// What the runner needs to know about the scripts: the graph and where each revision lives.
struct ScriptSet {
  const ScriptDirectory* directory = nullptr;
  const RevisionGraph* graph = nullptr;
  std::map<std::string, const ScriptInfo*, std::less<>> by_id;
  // Scripts a command has already parsed (upgrade's lint), so that the runner does not parse
  // them twice; read-only once set, so any thread may read it.
  using Parsed = std::map<std::string, Script, std::less<>>;
  std::shared_ptr<const Parsed> parsed;

  // Throws Error for an id that has no script.
  const ScriptInfo& info(std::string_view id) const;
};

// Reads one script's header the way load_infos() does (exposed for tests and tools).
[[nodiscard]] ScriptInfo read_script_info(const std::filesystem::path& path);

}  // namespace migrate
