#pragma once
// The resolved config section (SPEC §2): INI file read once, interpolation applied, values
// immutable afterwards. Commands read typed accessors; unknown keys are kept and ignored.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

// A key of the config section, and what it sets.
struct Setting {
  std::string_view name;
  std::string_view meaning;
};
// Every key migrate reads, in the order alembic.ini.example explains them.
[[nodiscard]] std::span<const Setting> settings();

// What `upgrade` does when applied scripts were edited or are missing, or pending ones are older
// than applied ones (SPEC §15).
enum class ValidateMode {
  warn,    // a warning per problem on stderr, then run
  strict,  // refuse to run anything
  off,     // do not compare
};

struct GlobalOptions {
  std::optional<std::filesystem::path> config_file;  // -c; else $MIGRATE_CONFIG; else alembic.ini
  std::string section = "alembic";                   // -n
  std::optional<std::string> url;                    // --url
  std::map<std::string, std::string> x;              // -x KEY=VALUE
  bool quiet = false;                                // -q
  std::string format = "text";  // --format: "text" (Alembic's lines) or "json"; $MIGRATE_FORMAT
};

class Config {
 public:
  // Reads and interpolates the file named by the options. Throws Error naming a missing file,
  // section or script_location. The environment is read through getenv at load time only.
  static Config load(const GlobalOptions& options);
  // Builds a config from an in-memory INI text (tests, and `init`'s defaults). `here` is the
  // directory %(here)s expands to.
  static Config from_text(std::string_view ini_text, const std::filesystem::path& here,
                          const GlobalOptions& options, std::string_view file_name = "<text>");

  // Raw interpolated value of a key in the section, if present.
  std::optional<std::string> get(const std::string& key) const;
  // The value as written, uninterpolated (import-alembic reads it the way Alembic does).
  std::optional<std::string> raw(const std::string& key) const;

  const std::filesystem::path& file() const { return file_; }
  const std::filesystem::path& here() const { return here_; }    // directory of the config file
  std::filesystem::path script_location() const;                 // absolute
  std::vector<std::filesystem::path> version_locations() const;  // absolute, first is default
  // --url, else `url`, else `sqlalchemy.url`, else $DATABASE_URL. Throws Error if none.
  std::string url() const;
  // A URL is configured somewhere url() looks.
  bool has_url() const;
  std::string file_template() const;  // default "%%(rev)s_%%(slug)s" already unescaped
  int truncate_slug_length() const;   // default 40
  std::optional<std::string> timezone() const;
  std::string version_table() const;  // default alembic_version
  std::optional<std::string> version_table_schema() const;
  bool transaction_per_migration() const;
  std::optional<std::filesystem::path> target_schema() const;
  // A duration key (lock_timeout, statement_timeout) in milliseconds; unset, empty or 0: nullopt.
  // Throws Error naming the key when the value is not a duration.
  std::optional<std::chrono::milliseconds> duration(const std::string& key) const;
  // lint_ignore: rule ids separated by spaces or commas.
  std::vector<std::string> lint_ignore() const;
  ValidateMode validate() const;  // default warn
  int test_heads() const;         // default 1: the heads `migrate test` expects
  const std::map<std::string, std::string>& x() const { return x_; }
  // One warning per key of the section that is no setting but one edit or two away from one
  // (`transaction_per_migraton`): such a key is ignored, as every unknown key is, so say so.
  [[nodiscard]] std::vector<std::string> likely_typos() const;
  const std::string& section() const { return section_; }
  // Another section of the same file (`[fleet]`), interpolated; empty when there is none.
  [[nodiscard]] std::map<std::string, std::string> section_values(const std::string& name) const;

 private:
  // One `key = value` of the section or of [DEFAULT], uninterpolated, with where it was written.
  struct Entry {
    std::string raw;
    int line = 0;
  };

  // Interpolates `raw`, the value of `key` (SPEC §2): %(name)s, %(x.NAME)s, %%, ${NAME},
  // ${NAME:-default}. `depth` guards against reference loops.
  std::string interpolate(const std::string& key, std::string_view raw, int depth) const;
  const Entry* find(const std::string& key) const;  // section first, then [DEFAULT]
  std::string where(const std::string& key) const;  // "'url' in [alembic] of alembic.ini:3"
  std::filesystem::path resolve(const std::string& value) const;  // relative to here()
  std::optional<std::string> non_empty(const std::string& key) const;
  // The value of `key` as a whole number above 0; `fallback` when unset. Throws Error naming it.
  int positive_integer(const std::string& key, int fallback) const;

  std::filesystem::path file_;
  std::filesystem::path here_;
  std::string section_;
  std::map<std::string, Entry> values_;    // keys lower-cased, as configparser does
  std::map<std::string, Entry> defaults_;  // [DEFAULT]
  std::map<std::string, std::map<std::string, Entry>> others_;  // the other sections, raw
  std::optional<std::string> url_override_;
  std::map<std::string, std::string> x_;
  // The environment as it was at load time, so that a Config stays one immutable value.
  std::map<std::string, std::string> env_;
};

}  // namespace migrate
