// import-alembic (SPEC §14): an Alembic environment -> a migrate environment. Everything is read
// and converted first; only when every script converted (or --keep-unconverted) is anything
// written, and then into a directory that did not exist or was empty.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "commands/embedded.h"
#include "importer/alembic_revision.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/core/file.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/script/script_writer.h"
#include "ops/yaml_scalar.h"
#include "script/script_header.h"

namespace migrate::commands {
namespace {

namespace fs = std::filesystem;

// What the Alembic environment says, resolved to absolute paths.
struct Source {
  fs::path root;  // the ini's directory, or the script directory's parent
  fs::path script_location;
  std::vector<fs::path> version_locations;
  bool recursive = false;
  std::vector<std::pair<std::string, std::string>> keys;  // carried into the new alembic.ini
};

// A value as Alembic's ConfigParser reads it: %(here)s, %(key)s and %% are interpolated, but
// `${NAME}` is plain text to Alembic (an env.py may expand it). migrate would fill it in from the
// environment, writing a secret into the new file or failing when it is unset; kept as written,
// migrate expands it at run time instead. A key named by %(key)s is read the same way, raw.
std::string alembic_value(const Config& config, const std::string& raw, int depth = 0) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw.compare(i, 2, "%%") == 0) {
      out += '%';
      ++i;
      continue;
    }
    const auto close = raw.find(")s", i);
    if (raw.compare(i, 2, "%(") != 0 || close == std::string::npos) {
      out += raw[i];
      continue;
    }
    const std::string name = raw.substr(i + 2, close - i - 2);
    std::optional<std::string> value;
    if (name == "here") {
      value = std::filesystem::absolute(config.here()).lexically_normal().string();
    } else if (const auto referenced = config.raw(name)) {
      // Python's ConfigParser gives up at depth 10 too.
      if (depth >= 10)
        throw Error(fmt::format("'%({})s' in the Alembic config refers to itself", name));
      value = alembic_value(config, *referenced, depth + 1);
    }
    if (!value) throw Error(fmt::format("'%({})s' in the Alembic config names no key", name));
    out += *value;
    i = close + 1;
  }
  return out;
}

Source read_source(const GlobalOptions& global, const fs::path& given) {
  std::error_code ec;
  Source source;
  if (fs::is_directory(given, ec)) {
    source.script_location = fs::absolute(given).lexically_normal();
    source.root = source.script_location.parent_path();
    source.version_locations = {source.script_location / "versions"};
    return source;
  }
  if (!fs::exists(given, ec)) {
    throw Error(
        fmt::format("No Alembic environment at '{}': give its alembic.ini or its script "
                    "directory",
                    given.string()));
  }
  GlobalOptions options;
  options.config_file = given;
  options.section = global.section;
  const Config config = Config::load(options);
  source.root = fs::absolute(config.here()).lexically_normal();
  source.script_location = config.script_location().lexically_normal();
  for (const auto& location : config.version_locations()) {
    source.version_locations.push_back(location.lexically_normal());
  }
  const auto flag = config.get("recursive_version_locations");
  source.recursive = flag && (*flag == "true" || *flag == "True" || *flag == "1");
  for (const char* key : {"sqlalchemy.url", "file_template", "truncate_slug_length", "timezone",
                          "version_table", "version_table_schema", "transaction_per_migration"}) {
    if (auto value = config.raw(key); value && !value->empty()) {
      value = std::string_view(key) == "file_template" ? config.file_template()
                                                       : alembic_value(config, *value);
      source.keys.emplace_back(key, *value);
    }
  }
  return source;
}

// `path` of the Alembic tree, at the same place under `into`.
fs::path mapped(const Source& source, const fs::path& into, const fs::path& path) {
  const fs::path relative = path.lexically_relative(source.root);
  if (relative.empty() || *relative.begin() == "..") return into / path.filename();
  return into / relative;
}

struct ImportedFile {
  fs::path python;  // the Alembic file
  fs::path yaml;    // where its script goes
  importer::AlembicRevision revision;
};

bool is_revision_file(const fs::path& path) {
  const std::string name = path.filename().string();
  return path.extension() == ".py" && !name.starts_with("__init__") && !name.starts_with(".#");
}

std::vector<ImportedFile> read_revisions(const Source& source, const fs::path& into,
                                         std::vector<fs::path>& new_locations) {
  std::vector<ImportedFile> files;
  for (const fs::path& location : source.version_locations) {
    std::error_code ec;
    if (!fs::is_directory(location, ec)) {
      throw Error(
          fmt::format("Alembic version location '{}' is not a directory", location.string()));
    }
    std::vector<fs::path> found;
    std::vector<fs::path> folders{location};
    if (source.recursive) {
      for (const auto& entry : fs::recursive_directory_iterator(location)) {
        if (entry.is_directory() && entry.path().filename() != "__pycache__") {
          folders.push_back(entry.path());
        }
      }
    }
    for (const fs::path& folder : folders) {
      bool any = false;
      for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.is_regular_file() && is_revision_file(entry.path())) {
          found.push_back(entry.path());
          any = true;
        }
      }
      // migrate reads no subfolders: each folder Alembic found scripts in becomes a location.
      if (any || folder == location) new_locations.push_back(mapped(source, into, folder));
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& python : found) {
      const std::string text = read_file(python, fmt::format("Could not read {}", python.string()));
      const fs::path display = python.lexically_relative(fs::current_path());
      ImportedFile file{python, mapped(source, into, python).replace_extension(".yaml"),
                        importer::convert_revision(text, display.string())};
      files.push_back(std::move(file));
    }
  }
  return files;
}

std::string display(const fs::path& python) {
  return python.lexically_relative(fs::current_path()).string();
}

std::string dedent(const std::string& source) {
  const auto first = source.find_first_not_of(' ');
  const std::size_t indent = first == std::string::npos ? 0 : first;
  std::string out;
  std::size_t start = 0;
  while (start <= source.size()) {
    auto eol = source.find('\n', start);
    if (eol == std::string::npos) eol = source.size();
    std::string line = source.substr(start, eol - start);
    const auto spaces = std::min(indent, line.find_first_not_of(' ') == std::string::npos
                                             ? line.size()
                                             : line.find_first_not_of(' '));
    out += line.substr(spaces);
    if (eol < source.size()) out += '\n';
    start = eol + 1;
  }
  return out;
}

// The `todo:` key: one item per statement, with the Python as written.
std::string todo_yaml(const ImportedFile& file) {
  if (file.revision.unconverted.empty()) return "";
  std::string yaml =
      "# import-alembic could not convert what follows: write it as operations above, then\n"
      "# delete this key. upgrade and downgrade refuse this script until then.\ntodo:\n";
  for (const auto& item : file.revision.unconverted) {
    yaml += fmt::format(
        "  - where: {}\n    function: {}\n    why: {}\n    python: {}\n",
        detail::double_quoted(fmt::format("{}:{}", display(file.python), item.line)), item.function,
        detail::double_quoted(item.why), detail::double_quoted(dedent(item.source)));
  }
  return yaml;
}

std::string script_text(const ImportedFile& file) {
  const auto& r = file.revision;
  NewRevision next;
  next.rev_id = r.revision;
  next.down_revisions = r.down_revisions;
  next.branch_labels = r.branch_labels;
  next.depends_on = r.depends_on;
  next.message = r.message;
  next.upgrade_yaml = emit_operations(r.upgrade, 0, &r.upgrade_sources);
  next.downgrade_yaml = emit_operations(r.downgrade, 0, &r.downgrade_sources);
  next.explicit_downgrade = true;
  next.extra_yaml = (r.transactional ? "" : "transactional: false\n") + todo_yaml(file);
  const std::string text = render_revision_text(embedded::kScriptTemplate, next, r.create_date,
                                                "the built-in script template");
  (void)detail::parse_script(text, file.yaml);  // it must load back, or nothing is written
  return text;
}

void check_graph(const std::vector<ImportedFile>& files) {
  std::vector<Revision> revisions;
  for (const auto& file : files) {
    if (const auto problem = detail::rev_id_problem(file.revision.revision)) {
      throw Error(fmt::format("{}: revision id '{}' cannot be a migrate revision id: {}",
                              display(file.python), file.revision.revision, *problem));
    }
    Revision revision;
    revision.id = file.revision.revision;
    revision.down_revisions = file.revision.down_revisions;
    revision.branch_labels = file.revision.branch_labels;
    revision.depends_on = file.revision.depends_on;
    revision.source = {display(file.python), 1};
    revisions.push_back(std::move(revision));
  }
  (void)RevisionGraph::build(std::move(revisions));
}

std::string ini_text(const Source& source, const fs::path& into,
                     const std::vector<fs::path>& locations, const fs::path& script_location) {
  const auto here = [&](const fs::path& path) {
    return "%(here)s/" + path.lexically_relative(into).generic_string();
  };
  std::string text =
      "# Written by `migrate import-alembic` from an Alembic environment; see alembic.ini.example\n"
      "# for every key migrate reads.\n[alembic]\n";
  text += "script_location = " + here(script_location) + "\n";
  const bool default_locations =
      locations.size() == 1 && locations.front() == script_location / "versions";
  if (!default_locations) {
    std::vector<std::string> paths;
    for (const auto& location : locations) paths.push_back(here(location));
    text += fmt::format("version_locations = {}\n", fmt::join(paths, " "));
  }
  for (const auto& [key, value] : source.keys) {
    std::string escaped;
    for (const char c : value) escaped += c == '%' ? std::string("%%") : std::string(1, c);
    text += fmt::format("{} = {}\n", key, escaped);
  }
  return text;
}

void write_text(const fs::path& path, const std::string& text, const Output& out) {
  fs::create_directories(path.parent_path());
  write_new_script(path, text);
  out.progress(fmt::format("Generating {} ...  done", path.string()));
}

}  // namespace

void import_alembic(const GlobalOptions& global, const ImportAlembicOptions& options,
                    const Output& out) {
  const Source source = read_source(global, options.source);
  const fs::path into = fs::absolute(options.into).lexically_normal();
  std::vector<fs::path> locations;
  const std::vector<ImportedFile> files = read_revisions(source, into, locations);
  std::size_t unconverted = 0;
  for (const auto& file : files) {
    for (const auto& item : file.revision.unconverted) {
      out.data(
          fmt::format("{}:{}: {}(): {}", display(file.python), item.line, item.function, item.why));
      std::string listing = "    " + dedent(item.source);
      for (std::size_t pos = 0; (pos = listing.find('\n', pos)) != std::string::npos; pos += 5) {
        listing.insert(pos + 1, "    ");
      }
      out.data(listing);
      ++unconverted;
    }
  }
  if (unconverted > 0 && !options.keep_unconverted) {
    throw Error(fmt::format(
        "{} statement(s) cannot be converted (listed above); nothing was written. Rewrite them, "
        "or run again with --keep-unconverted to write those scripts with a 'todo:' key",
        unconverted));
  }
  check_graph(files);
  std::vector<std::pair<fs::path, std::string>> scripts;
  for (const auto& file : files) scripts.emplace_back(file.yaml, script_text(file));

  std::error_code ec;
  if (fs::exists(into, ec) && !fs::is_empty(into, ec)) {
    throw Error(
        fmt::format("Directory '{}' already exists and is not empty; import-alembic "
                    "writes a new environment",
                    options.into.string()));
  }
  const fs::path script_location = mapped(source, into, source.script_location);
  write_text(into / "alembic.ini", ini_text(source, into, locations, script_location), out);
  write_text(script_location / "README", embedded::kEnvironmentReadme, out);
  write_text(script_location / "script.yaml.tmpl", embedded::kScriptTemplate, out);
  for (const auto& location : locations) fs::create_directories(location);
  for (const auto& [path, text] : scripts) write_text(path, text, out);
  if (unconverted > 0) {
    out.warn(
        fmt::format("WARNING: {} statement(s) are left under 'todo:' keys; upgrade and "
                    "downgrade refuse those scripts until they are converted by hand",
                    unconverted));
  }
}

}  // namespace migrate::commands
