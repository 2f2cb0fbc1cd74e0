#pragma once
// Writing a new revision file from `<script_location>/script.yaml.tmpl` (SPEC §5, §9 `revision`
// and `merge`). The caller decides ids, parents and operations; this file only renders and
// writes, and never overwrites.
//
// Template placeholders, replaced by what suits the line they are on: on a comment line (first
// non-blank character '#') by plain text, on any other line by a complete YAML value:
//   ${message}                 "create account"            (comment: create account)
//   ${up_revision}             "1975ea83b712"              (comment: 1975ea83b712)
//   ${down_revision}           null | "a" | ["a", "b"]     (comment: a, b)
//   ${down_revision_comment}   a, b   (plain text everywhere; empty for a root)
//   ${branch_labels}           [] | ["shop"]               (comment: shop)
//   ${depends_on}              [] | ["a"]                  (comment: a)
//   ${create_date}             "2026-11-23 12:00:00.000000"
//   ${upgrades}, ${downgrades} the operations as a YAML block sequence, every line indented
//                              by two spaces, or "  []"; put them alone on a line
//   ${downgrade_section}       the whole `downgrade:` key with its operations, or nothing when
//                              there are none, so that the downgrade is derived from upgrade
// Any other ${...} is an Error naming it.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

class Config;

struct NewRevision {
  std::string rev_id;
  std::vector<std::string> down_revisions;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string message;
  std::string upgrade_yaml;    // a YAML block sequence at column 0 (emit_operations(ops, 0)),
  std::string downgrade_yaml;  // or "" for none
  std::filesystem::path version_path;  // empty: the first version location
  // Written as `downgrade: []` when downgrade_yaml is empty, instead of leaving the key out
  // (import-alembic: Alembic never derives a downgrade).
  bool explicit_downgrade = false;
  std::string extra_yaml;  // top-level keys appended after the template (import's `todo:`)
};

// Renders the template and writes `<version_path>/<file_template>.yaml`, returning its path.
// The template is `<script_location>/script.yaml.tmpl`, or `fallback_template` when that file
// does not exist. Throws Error for an invalid rev_id, a missing template (and no fallback) or
// version directory, an unknown placeholder or file_template token, an unknown timezone, a
// rendered file that would not load back, or an existing file (never overwritten).
std::filesystem::path write_revision(const Config& config, const NewRevision& revision,
                                     std::chrono::system_clock::time_point now,
                                     std::string_view fallback_template = {});

// The text of a script from template text `tmpl`, with `create_date` as given (import-alembic
// keeps Alembic's). Throws Error as write_revision() does for the id and placeholders.
[[nodiscard]] std::string render_revision_text(std::string_view tmpl, const NewRevision& revision,
                                               const std::string& create_date,
                                               const std::string& template_file);

// Writes `text` to a new file at `path`; never overwrites (Error if it exists).
void write_new_script(const std::filesystem::path& path, const std::string& text);

// Where write_revision() looks for the template.
[[nodiscard]] std::filesystem::path script_template_path(const Config& config);

// 12 random lowercase hex characters (Alembic's uuid4().hex[-12:]).
[[nodiscard]] std::string generate_rev_id();

// Throws Error unless `id` is 1..32 characters with none of `@ - + :`, whitespace or control
// characters (SPEC §5): the version table's column and the target syntax depend on it.
void validate_rev_id(std::string_view id);

// Alembic's slug: the message's words (runs of letters, digits, '_') lower-cased and joined by
// '_'; longer than `truncate_length` characters, it is cut at the last '_' that fits, plus '_'.
[[nodiscard]] std::string revision_slug(std::string_view message, int truncate_length);

// `now` as "2026-11-23 12:00:00.000000" in `timezone` (IANA name) or local time. Throws Error
// for an unknown zone.
[[nodiscard]] std::string format_create_date(std::chrono::system_clock::time_point now,
                                             const std::optional<std::string>& timezone);

}  // namespace migrate
