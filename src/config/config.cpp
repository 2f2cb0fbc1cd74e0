#include "migrate/config/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <system_error>

#include "migrate/core/duration.h"
#include "migrate/core/error.h"
#include "migrate/core/file.h"
#include "migrate/core/suggest.h"
#include "migrate/core/text.h"

extern char** environ;  // POSIX; read once per load, see Config::env_

namespace migrate {
namespace {

constexpr int kMaxInterpolationDepth = 10;  // configparser's MAX_INTERPOLATION_DEPTH

std::string rtrim(std::string text) {
  const auto last = text.find_last_not_of(" \t\r\n\f\v");
  text.erase(last == std::string::npos ? 0 : last + 1);
  return text;
}

struct IniValue {
  std::vector<std::string> lines;
  int line = 0;
};
using IniSection = std::map<std::string, IniValue>;

// Reads INI text the way Python's configparser does with Alembic's settings: `key = value` or
// `key: value` (the first delimiter wins), keys lower-cased, full-line `#`/`;` comments (no
// inline comments), and lines indented deeper than their key continue its value. Duplicate
// sections and keys are errors, as in configparser's strict mode.
std::map<std::string, IniSection> parse_ini(std::string_view text, const std::string& file) {
  std::map<std::string, IniSection> sections;
  IniSection* section = nullptr;
  IniValue* value = nullptr;  // the key being continued
  std::size_t value_indent = 0;
  int line_no = 0;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    ++line_no;
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // UTF-8 BOM
    const std::string_view content = trim(line);
    if (content.starts_with('#') || content.starts_with(';')) continue;
    if (content.empty()) {
      // configparser keeps blank lines inside a multi-line value; trailing ones are trimmed.
      if (value != nullptr) value->lines.emplace_back();
      continue;
    }
    const std::size_t indent = line.find_first_not_of(" \t");
    if (value != nullptr && indent > value_indent) {
      value->lines.emplace_back(content);
      continue;
    }
    value = nullptr;
    if (content.front() == '[') {
      const auto close = content.rfind(']');
      const std::string name(close == std::string_view::npos ? std::string_view{}
                                                             : content.substr(1, close - 1));
      if (name.empty()) {
        throw Error(fmt::format("{}:{}: malformed section header '{}'; write [name]", file, line_no,
                                content));
      }
      auto [it, inserted] = sections.try_emplace(name);
      if (!inserted) {
        throw Error(
            fmt::format("{}:{}: section [{}] appears twice; merge the two", file, line_no, name));
      }
      section = &it->second;
      continue;
    }
    if (section == nullptr) {
      throw Error(fmt::format(
          "{}:{}: '{}' comes before any [section] header; start the file with [alembic]", file,
          line_no, content));
    }
    const auto delimiter = content.find_first_of("=:");
    const std::string key = lower(trim(content.substr(0, delimiter)));
    if (delimiter == std::string_view::npos || key.empty()) {
      throw Error(fmt::format("{}:{}: expected 'key = value', found '{}'", file, line_no, content));
    }
    auto [it, inserted] = section->try_emplace(key);
    if (!inserted) {
      throw Error(fmt::format("{}:{}: key '{}' is already set at line {}; keep only one", file,
                              line_no, key, it->second.line));
    }
    it->second.line = line_no;
    it->second.lines.emplace_back(trim(content.substr(delimiter + 1)));
    value = &it->second;
    value_indent = indent;
  }
  return sections;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) joined += '\n';
    joined += lines[i];
  }
  return rtrim(std::move(joined));
}

std::map<std::string, std::string> environment_snapshot() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return env;
}

bool valid_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// The index of the '}' closing the "${" at `open`, counting nested "${...}" in defaults.
std::size_t closing_brace(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (text[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// A reference found in a value: what it names, and the index of its last character.
struct Reference {
  std::string name;
  std::size_t last = 0;
};

// The %(name)s starting at the '%' at raw[i]; nullopt when that '%' starts no such reference.
std::optional<Reference> percent_reference(std::string_view raw, std::size_t i) {
  const auto close = raw.find(')', i);
  if (i + 1 >= raw.size() || raw[i + 1] != '(' || close == std::string_view::npos ||
      close + 1 >= raw.size() || raw[close + 1] != 's') {
    return std::nullopt;
  }
  return Reference{std::string(raw.substr(i + 2, close - i - 2)), close + 1};
}

// The -x value that %(x.NAME)s names: matched exactly, then ignoring case. `where()` names the
// setting being interpolated; it is a callable so that the name is only formatted on failure.
template <typename Where>
const std::string& x_value(const std::map<std::string, std::string>& x, const std::string& name,
                           const Where& where) {
  const std::string x_key = name.substr(2);
  auto it = x.find(x_key);
  if (it == x.end()) {
    it = std::find_if(x.begin(), x.end(), [&](const auto& kv) { return iequals(kv.first, x_key); });
  }
  if (it == x.end()) {
    throw Error(fmt::format("{} uses %({})s but no '-x {}=VALUE' was given", where(), name, x_key));
  }
  return it->second;
}

// ${NAME} or ${NAME:-default}.
struct EnvReference {
  std::string name;
  std::optional<std::string_view> fallback;  // the default, still to be interpolated
  std::size_t last = 0;                      // the index of the closing '}'
};

// The ${...} starting at the '$' at raw[i]; `where` names the setting, for errors.
template <typename Where>
EnvReference env_reference(std::string_view raw, std::size_t i, const Where& where) {
  const auto close = closing_brace(raw, i);
  if (close == std::string_view::npos) {
    throw Error(fmt::format("Unclosed '${{' in {}", where()));
  }
  const std::string_view body = raw.substr(i + 2, close - i - 2);
  const auto dash = body.find(":-");
  EnvReference reference{std::string(body.substr(0, dash)), std::nullopt, close};
  if (!valid_env_name(reference.name)) {
    throw Error(fmt::format("'${{{}}}' in {} is not an environment variable name", body, where()));
  }
  if (dash != std::string_view::npos) reference.fallback = body.substr(dash + 2);
  return reference;
}

// The environment's value for `reference`, or nullptr when its default applies instead (the
// variable is unset or empty, as in the shell's ${NAME:-default}).
template <typename Where>
const std::string* env_value(const std::map<std::string, std::string>& env,
                             const EnvReference& reference, const Where& where) {
  const auto it = env.find(reference.name);
  if (!reference.fallback) {
    if (it == env.end()) {
      throw Error(fmt::format(
          "Environment variable {} used by {} is not set; set it or write ${{{}:-default}}",
          reference.name, where(), reference.name));
    }
    return &it->second;
  }
  if (it != env.end() && !it->second.empty()) return &it->second;
  return nullptr;
}

// Every key migrate reads from its section (SPEC §2), as the man page explains them.
constexpr std::array kSettingTable = {
    Setting{"script_location", "the environment directory, relative to the config file's"},
    Setting{"sqlalchemy.url", "database URL"},
    Setting{"url", "database URL; wins over sqlalchemy.url"},
    Setting{"version_locations", "version directories; the first one receives new revisions"},
    Setting{"version_path_separator", "space, newline, os, : or ; (path_separator is also read)"},
    Setting{"file_template", "new script file name without .yaml (default %(rev)s_%(slug)s)"},
    Setting{"truncate_slug_length", "longest slug taken from the message (default 40)"},
    Setting{"timezone", "IANA time zone for create_date (default local time)"},
    Setting{"version_table", "version table name (default alembic_version)"},
    Setting{"version_table_schema", "schema (or MySQL database) of the version table"},
    Setting{"transaction_per_migration", "one transaction per migration (default false)"},
    Setting{"target_schema", "declared schema (.yaml or .sql) for --autogenerate and check"},
    Setting{"lock_timeout", "longest wait for a table lock in a migration: 500ms, 5s, 1min"},
    Setting{"statement_timeout", "longest run of one migration statement: 500ms, 5s, 1min"},
    Setting{"lint_ignore", "migrate lint rules to skip, separated by spaces or commas"},
    Setting{"validate",
            "what upgrade does about edited, missing or out-of-order scripts: warn (default), "
            "strict (refuse to run) or off"},
    Setting{"test_heads", "how many heads migrate test expects (default 1)"}};
constexpr auto kSettings = [] {
  std::array<std::string_view, kSettingTable.size()> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = kSettingTable[i].name;
  return names;
}();

// " (a key 'scirpt_location' is there: a typo?)" when one of `present` is close to `wanted`.
std::string did_you_mean_instead(std::string_view wanted, const std::vector<std::string>& present) {
  for (const auto& key : present) {
    const std::string_view candidate[] = {wanted};
    if (nearest(key, candidate)) return fmt::format(" (there is a key '{}': a typo?)", key);
  }
  return "";
}

}  // namespace

Config Config::from_text(std::string_view ini_text, const std::filesystem::path& here,
                         const GlobalOptions& options, std::string_view file_name) {
  Config config;
  config.file_ = std::filesystem::path(file_name);
  config.here_ = std::filesystem::absolute(here).lexically_normal();
  if (!config.here_.has_filename() && config.here_ != config.here_.root_path()) {
    config.here_ = config.here_.parent_path();  // "/a/b/" -> "/a/b"
  }
  config.section_ = options.section;
  config.url_override_ = options.url;
  config.x_ = options.x;
  config.env_ = environment_snapshot();

  const std::string file(file_name);
  auto sections = parse_ini(ini_text, file);
  const auto to_entries = [](const IniSection& section) {
    std::map<std::string, Entry> entries;
    for (const auto& [key, value] : section) entries[key] = {join_lines(value.lines), value.line};
    return entries;
  };
  if (auto it = sections.find("DEFAULT"); it != sections.end()) {
    config.defaults_ = to_entries(it->second);
  }
  const auto it = sections.find(options.section);
  if (it == sections.end()) {
    throw Error(fmt::format("No [{}] section in config file '{}'; add it, or pass -n SECTION",
                            options.section, file));
  }
  config.values_ = to_entries(it->second);
  for (const auto& [name, section] : sections) {
    if (name != options.section && name != "DEFAULT") config.others_[name] = to_entries(section);
  }
  if (config.find("script_location") == nullptr) {
    std::vector<std::string> present;
    for (const auto& [key, entry] : config.values_) present.push_back(key);
    throw Error(fmt::format(
        "No 'script_location' key in [{}] of '{}'{}; set it to the migration environment "
        "directory, relative to the config file",
        options.section, file, did_you_mean_instead("script_location", present)));
  }
  return config;
}

std::vector<std::string> Config::likely_typos() const {
  std::vector<std::string> warnings;
  for (const auto& [key, entry] : values_) {
    if (std::find(kSettings.begin(), kSettings.end(), key) != kSettings.end()) continue;
    if (const auto setting = nearest(key, kSettings)) {
      warnings.push_back(fmt::format(
          "WARNING: '{}' in [{}] of {}:{} is not a setting (did you mean '{}'?); it is ignored",
          key, section_, file_.string(), entry.line, *setting));
    }
  }
  return warnings;
}

Config Config::load(const GlobalOptions& options) {
  std::filesystem::path path = "alembic.ini";
  std::string origin;
  if (options.config_file) {
    path = *options.config_file;
  } else if (const char* env = std::getenv("MIGRATE_CONFIG"); env != nullptr && *env != '\0') {
    path = env;
    origin = " (from $MIGRATE_CONFIG)";
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(fmt::format("No config file '{}' found{}; run 'migrate init DIR' or pass -c FILE",
                            path.string(), origin));
  }
  const std::string text =
      read_file(path, fmt::format("Could not read config file '{}'", path.string()));
  return from_text(text, std::filesystem::absolute(path).parent_path(), options, path.string());
}

std::map<std::string, std::string> Config::section_values(const std::string& name) const {
  std::map<std::string, std::string> values;
  const auto it = others_.find(name);
  if (it == others_.end()) return values;
  for (const auto& [key, entry] : it->second) values[key] = interpolate(key, entry.raw, 0);
  return values;
}

const Config::Entry* Config::find(const std::string& key) const {
  if (auto it = values_.find(key); it != values_.end()) return &it->second;
  if (auto it = defaults_.find(key); it != defaults_.end()) return &it->second;
  return nullptr;
}

std::string Config::where(const std::string& key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return fmt::format("'{}' in [{}] of {}", key, section_, file_.string());
  return fmt::format("'{}' in [{}] of {}:{}", key, section_, file_.string(), entry->line);
}

std::string Config::interpolate(const std::string& key, std::string_view raw, int depth) const {
  if (depth > kMaxInterpolationDepth) {
    throw Error(fmt::format("Interpolating {} goes deeper than {} references; is there a loop?",
                            where(key), kMaxInterpolationDepth));
  }
  const auto where_key = [&] { return where(key); };
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
    if (c == '%' && next == '%') {
      out += '%';
      ++i;
    } else if (c == '%') {
      const auto reference = percent_reference(raw, i);
      if (!reference) {
        throw Error(fmt::format(
            "Bad interpolation in {}: '%' must start %(name)s or be written %% for a literal '%'",
            where(key)));
      }
      const std::string& name = reference->name;
      i = reference->last;
      if (name.starts_with("x.")) {
        out += x_value(x_, name, where_key);
      } else if (iequals(name, "here")) {
        out += here_.string();
      } else {
        const std::string ref = lower(name);
        const Entry* entry = find(ref);
        if (entry == nullptr) {
          throw Error(
              fmt::format("{} refers to %({})s, which is not set in [{}] or [DEFAULT]; "
                          "write %% for a literal '%'",
                          where(key), name, section_));
        }
        out += interpolate(ref, entry->raw, depth + 1);
      }
    } else if (c == '$' && next == '{') {
      const EnvReference reference = env_reference(raw, i, where_key);
      if (const std::string* value = env_value(env_, reference, where_key)) {
        out += *value;
      } else {
        out += interpolate(key, *reference.fallback, depth + 1);
      }
      i = reference.last;
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> Config::get(const std::string& key) const {
  const std::string name = lower(key);
  if (name == "here") return here_.string();
  const Entry* entry = find(name);
  if (entry == nullptr) return std::nullopt;
  return interpolate(name, entry->raw, 0);
}

std::optional<std::string> Config::raw(const std::string& key) const {
  const Entry* entry = find(lower(key));
  if (entry == nullptr) return std::nullopt;
  return entry->raw;
}

std::optional<std::string> Config::non_empty(const std::string& key) const {
  auto value = get(key);
  if (value && trim(*value).empty()) return std::nullopt;
  if (value) return std::string(trim(*value));
  return value;
}

std::filesystem::path Config::resolve(const std::string& value) const {
  std::filesystem::path path = value;
  if (path.is_relative()) path = here_ / path;
  path = path.lexically_normal();
  if (!path.has_filename() && path != path.root_path()) path = path.parent_path();
  return path;
}

std::filesystem::path Config::script_location() const {
  auto value = non_empty("script_location");
  if (!value)
    throw Error(fmt::format("{} is empty; set it to a directory", where("script_location")));
  return resolve(*value);
}

std::vector<std::filesystem::path> Config::version_locations() const {
  const auto value = non_empty("version_locations");
  if (!value) return {script_location() / "versions"};

  std::string separator_key = "version_path_separator";
  auto separator = non_empty(separator_key);
  if (!separator) {  // Alembic 1.16 renamed the setting; accept both
    separator_key = "path_separator";
    separator = non_empty(separator_key);
  }
  std::string separators = ", \t\n";  // Alembic's legacy default: spaces or commas
  if (separator) {
    static const std::map<std::string, std::string> kSeparators = {
        {"space", " "}, {"newline", "\n"}, {"os", ":"}, {":", ":"}, {";", ";"}};
    const auto it = kSeparators.find(*separator);
    if (it == kSeparators.end()) {
      throw Error(fmt::format("{} is '{}'; expected one of space, newline, os, ':', ';'",
                              where(separator_key), *separator));
    }
    separators = it->second;
  }
  std::vector<std::filesystem::path> paths;
  std::string_view rest = *value;
  while (!rest.empty()) {
    const auto end = rest.find_first_of(separators);
    const std::string_view item = trim(rest.substr(0, end));
    if (!item.empty()) paths.push_back(resolve(std::string(item)));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  if (paths.empty()) return {script_location() / "versions"};
  return paths;
}

std::string Config::url() const {
  if (url_override_ && !url_override_->empty()) return *url_override_;
  if (auto value = non_empty("url")) return *value;
  if (auto value = non_empty("sqlalchemy.url")) return *value;
  if (auto env = env_.find("DATABASE_URL"); env != env_.end() && !env->second.empty()) {
    return env->second;
  }
  throw Error(fmt::format(
      "No database URL: pass --url, set 'sqlalchemy.url' (or 'url') in [{}] of {}, or set "
      "$DATABASE_URL",
      section_, file_.string()));
}

bool Config::has_url() const {
  if (url_override_ && !url_override_->empty()) return true;
  if (non_empty("url") || non_empty("sqlalchemy.url")) return true;
  const auto env = env_.find("DATABASE_URL");
  return env != env_.end() && !env->second.empty();
}

std::string Config::file_template() const {
  return non_empty("file_template").value_or("%(rev)s_%(slug)s");
}

int Config::positive_integer(const std::string& key, int fallback) const {
  const auto value = non_empty(key);
  if (!value) return fallback;
  int number = 0;
  const auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), number);
  if (ec != std::errc() || ptr != value->data() + value->size() || number <= 0) {
    throw Error(fmt::format("{} is '{}'; expected a positive whole number", where(key), *value));
  }
  return number;
}

int Config::truncate_slug_length() const { return positive_integer("truncate_slug_length", 40); }

int Config::test_heads() const { return positive_integer("test_heads", 1); }

std::optional<std::string> Config::timezone() const { return non_empty("timezone"); }

std::string Config::version_table() const {
  return non_empty("version_table").value_or("alembic_version");
}

std::optional<std::string> Config::version_table_schema() const {
  return non_empty("version_table_schema");
}

bool Config::transaction_per_migration() const {
  const auto value = non_empty("transaction_per_migration");
  if (!value) return false;
  // configparser's getboolean() vocabulary.
  const std::string word = lower(*value);
  if (word == "true" || word == "yes" || word == "on" || word == "1") return true;
  if (word == "false" || word == "no" || word == "off" || word == "0") return false;
  throw Error(fmt::format("{} is '{}'; expected true or false", where("transaction_per_migration"),
                          *value));
}

std::optional<std::chrono::milliseconds> Config::duration(const std::string& key) const {
  const auto value = non_empty(key);
  if (!value) return std::nullopt;
  const auto ms = parse_duration(*value);
  if (!ms) {
    throw Error(
        fmt::format("{} is '{}'; expected a duration as PostgreSQL writes it: 500ms, 5s, "
                    "1min, 2h (a bare number is milliseconds)",
                    where(key), *value));
  }
  if (ms->count() == 0) return std::nullopt;
  return ms;
}

std::vector<std::string> Config::lint_ignore() const {
  std::vector<std::string> rules;
  std::string word;
  for (const char c : non_empty("lint_ignore").value_or("") + " ") {
    if (c == ' ' || c == ',' || c == '\n' || c == '\t') {
      if (!word.empty()) rules.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  return rules;
}

std::optional<std::filesystem::path> Config::target_schema() const {
  const auto value = non_empty("target_schema");
  if (!value) return std::nullopt;
  return resolve(*value);
}

ValidateMode Config::validate() const {
  const auto value = non_empty("validate");
  if (!value) return ValidateMode::warn;
  const std::string word = lower(*value);
  if (word == "warn") return ValidateMode::warn;
  if (word == "strict") return ValidateMode::strict;
  if (word == "off") return ValidateMode::off;
  throw Error(fmt::format("{} is '{}'; expected warn, strict or off", where("validate"), *value));
}

std::span<const Setting> settings() { return kSettingTable; }

}  // namespace migrate
