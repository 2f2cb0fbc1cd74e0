#pragma once
// A script's header as written, before validation. Two readers fill it: the fast scanner
// (header_scanner.cpp), which gives up on anything it is not certain about, and yaml-cpp
// (script_yaml.cpp). One validator, build_info(), turns it into a ScriptInfo, so both readers
// accept the same files and report the same errors.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/script/script.h"

namespace YAML {
class Node;
}

namespace migrate::detail {

enum class YamlKind { null, scalar, list, other };  // other: a mapping, or a list in a list

struct HeaderItem {
  YamlKind kind = YamlKind::null;  // null, scalar or other
  std::string text;
};

struct HeaderValue {
  bool present = false;
  int line = 0;  // of the key, 1-based
  YamlKind kind = YamlKind::null;
  std::string text;               // scalar
  std::vector<HeaderItem> items;  // list
};

struct RawHeader {
  std::vector<std::pair<std::string, int>> keys;  // every top-level key and its line, in order
  HeaderValue revision, down_revision, branch_labels, depends_on, message, create_date;

  // The value slot for a header key, or nullptr for the other keys.
  HeaderValue* slot(std::string_view key);
  // Back to empty, keeping allocated capacity.
  void clear();
};

// The fast path. false: the text uses YAML the scanner does not handle with certainty
// (anchors, tags, multi-line or escaped scalars, flow mappings, tabs, ...); use yaml_header.
// `header` is overwritten; passing the same one again saves allocations.
[[nodiscard]] bool scan_header(std::string_view text, RawHeader& header);
[[nodiscard]] std::optional<RawHeader> scan_header(std::string_view text);

// The header of a parsed document. Throws Error if the document is not a mapping.
[[nodiscard]] RawHeader yaml_header(const YAML::Node& root, std::string_view file);

// Parses `text` with yaml-cpp, turning a syntax error into "file:line: message".
[[nodiscard]] YAML::Node load_yaml(std::string_view text, std::string_view file);

// The leading `#` comment block without its "# " prefixes: Alembic's docstring.
[[nodiscard]] std::string leading_comment(std::string_view text);

// Validates the header (known and unique keys, revision present and valid, field types) and
// builds the info. Throws Error naming file:line.
[[nodiscard]] ScriptInfo build_info(const RawHeader& header, std::filesystem::path path,
                                    std::string doc);

// A script's info from its text: scanner first, yaml-cpp when the scanner gives up.
[[nodiscard]] ScriptInfo read_info(std::string_view text, std::filesystem::path path);

// The whole script from its text, fully validated.
[[nodiscard]] Script parse_script(std::string_view text, const std::filesystem::path& path);

// Why `id` cannot be a revision id, or nullopt if it can.
[[nodiscard]] std::optional<std::string> rev_id_problem(std::string_view id);

}  // namespace migrate::detail
