// init: create a migration environment (SPEC §4) and alembic.ini if there is none.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "commands/embedded.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"

namespace migrate::commands {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, std::string_view text, const Output& out) {
  out.progress(fmt::format("Generating {} ...  done", path.string()));
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file.flush()) throw Error(fmt::format("Could not write '{}'", path.string()));
}

}  // namespace

void init(const GlobalOptions& global, const InitOptions& options, const Output& out) {
  const fs::path dir = options.directory;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    throw Error(fmt::format("Directory '{}' already exists and is not empty", dir.string()));
  }
  const fs::path config_path = global.config_file.value_or("alembic.ini");
  const bool write_config = !fs::exists(config_path, ec);
  // Where script_location should point, relative to the config file's directory.
  const fs::path config_dir = fs::absolute(config_path).parent_path();
  const fs::path relative = fs::absolute(dir).lexically_relative(config_dir);

  for (const fs::path& d : {dir, dir / "versions"}) {
    if (fs::exists(d, ec)) continue;  // `init .` or an empty folder made beforehand
    out.progress(fmt::format("Creating directory {} ...  done", d.string()));
    fs::create_directories(d, ec);
    if (ec)
      throw Error(fmt::format("Could not create directory '{}': {}", d.string(), ec.message()));
  }
  write_file(dir / "README", embedded::kEnvironmentReadme, out);
  write_file(dir / "script.yaml.tmpl", embedded::kScriptTemplate, out);
  if (write_config) {
    const std::string config =
        std::regex_replace(std::string(embedded::kConfigExample),
                           std::regex("^script_location = .*$", std::regex::multiline),
                           "script_location = %(here)s/" + relative.generic_string());
    write_file(config_path, config, out);
    out.progress(
        fmt::format("Please edit the database URL (sqlalchemy.url) in '{}' before proceeding.",
                    config_path.string()));
  } else {
    out.progress(
        fmt::format("'{}' exists; set its script_location to '{}' to use this environment.",
                    config_path.string(), relative.generic_string()));
  }
}

}  // namespace migrate::commands
