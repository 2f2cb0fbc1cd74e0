// YAML -> Script (SPEC §5): the yaml-cpp reader of a script, and the one validator of headers
// that both it and the fast scanner go through.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

#include "migrate/core/error.h"
#include "migrate/core/suggest.h"
#include "migrate/ops/operation_yaml.h"
#include "ops/yaml_describe.h"
#include "ops/yaml_load.h"
#include "script/script_header.h"

namespace migrate::detail {
namespace {

constexpr std::array<std::string_view, 10> kKnownKeys = {
    "revision",    "down_revision", "branch_labels", "depends_on", "message",
    "create_date", "transactional", "upgrade",       "downgrade",  "todo"};

std::string describe_node(YamlKind kind, const std::string& text) {
  switch (kind) {
    case YamlKind::null:
      return "null";
    case YamlKind::scalar:
      return fmt::format("'{}'", text);
    case YamlKind::list:
      return "a list";
    case YamlKind::other:
      return "a mapping";
  }
  return "";
}

HeaderItem item_of(const YAML::Node& node) {
  if (node.IsNull()) return {YamlKind::null, ""};
  if (node.IsScalar()) return {YamlKind::scalar, node.Scalar()};
  return {YamlKind::other, ""};
}

// null -> [], "a" -> [a], [a, b] -> [a, b]; anything else is an Error.
std::vector<std::string> id_list(const HeaderValue& value, std::string_view key,
                                 std::string_view what, const std::string& file) {
  const auto bad = [&](const std::string& found) {
    return Error(fmt::format("{}:{}: '{}' must be null, {} or a list of them, not {}", file,
                             value.line, key, what, found));
  };
  switch (value.kind) {
    case YamlKind::null:
      return {};
    case YamlKind::scalar:
      if (value.text.empty()) throw bad("an empty string");
      return {value.text};
    case YamlKind::list: {
      std::vector<std::string> ids;
      for (const HeaderItem& item : value.items) {
        if (item.kind != YamlKind::scalar || item.text.empty()) {
          throw bad(fmt::format("a list holding {}", item.kind == YamlKind::scalar
                                                         ? "an empty string"
                                                         : describe_node(item.kind, item.text)));
        }
        ids.push_back(item.text);
      }
      return ids;
    }
    case YamlKind::other:
      throw bad("a mapping");
  }
  return {};
}

std::string text_of(const HeaderValue& value, std::string_view key, const std::string& file) {
  if (value.kind == YamlKind::null) return "";
  if (value.kind != YamlKind::scalar) {
    throw Error(fmt::format("{}:{}: '{}' must be a string, not {}", file, value.line, key,
                            describe_node(value.kind, value.text)));
  }
  return value.text;
}

// `todo:` (SPEC §14): a list of {where, function, why, python} left by import-alembic; each
// item's `where` (or its line in this file) names it.
std::vector<std::string> todo_items(const YAML::Node& node, int line, const std::string& file) {
  if (node.IsNull()) return {};
  if (!node.IsSequence()) {
    throw Error(fmt::format("{}:{}: 'todo' must be a list of what is left to convert", file, line));
  }
  std::vector<std::string> items;
  for (const YAML::Node& item : node) {
    const YAML::Node where = item.IsMap() ? item["where"] : YAML::Node();
    items.push_back(where && where.IsScalar() ? where.Scalar()
                                              : fmt::format("{}:{}", file, item.Mark().line + 1));
  }
  if (items.empty()) items.push_back(fmt::format("{}:{}", file, line));
  return items;
}

std::string first_paragraph(const std::string& doc) { return doc.substr(0, doc.find("\n\n")); }

}  // namespace

HeaderValue* RawHeader::slot(std::string_view key) {
  if (key == "revision") return &revision;
  if (key == "down_revision") return &down_revision;
  if (key == "branch_labels") return &branch_labels;
  if (key == "depends_on") return &depends_on;
  if (key == "message") return &message;
  if (key == "create_date") return &create_date;
  return nullptr;
}

void RawHeader::clear() {
  keys.clear();
  for (HeaderValue* value :
       {&revision, &down_revision, &branch_labels, &depends_on, &message, &create_date}) {
    value->present = false;
    value->line = 0;
    value->kind = YamlKind::null;
    value->text.clear();
    value->items.clear();
  }
}

RawHeader yaml_header(const YAML::Node& root, std::string_view file) {
  RawHeader header;
  if (root.IsNull()) return header;  // empty, or only comments: reported as missing revision
  if (!root.IsMap()) {
    throw Error(fmt::format(
        "{}:{}: a migration script must be a YAML mapping with revision, down_revision, ..., "
        "upgrade, downgrade; found {}",
        file, root.Mark().line + 1, describe_node(root)));
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: the iterator yields a temporary pair
    const int line = key.Mark().line + 1;
    if (!key.IsScalar()) {
      throw Error(fmt::format("{}:{}: top-level keys must be plain words, not {}", file, line,
                              describe_node(key)));
    }
    header.keys.emplace_back(key.Scalar(), line);
    HeaderValue* value = header.slot(key.Scalar());
    if (value == nullptr) continue;
    const YAML::Node node = it->second;
    *value = HeaderValue{};
    value->present = true;
    value->line = line;
    if (node.IsNull()) {
      value->kind = YamlKind::null;
    } else if (node.IsScalar()) {
      value->kind = YamlKind::scalar;
      value->text = node.Scalar();
    } else if (node.IsSequence()) {
      value->kind = YamlKind::list;
      for (const YAML::Node& item : node) value->items.push_back(item_of(item));
    } else {
      value->kind = YamlKind::other;
    }
  }
  return header;
}

std::string leading_comment(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string doc;
  if (text.empty() || text.front() != '#') return doc;
  std::size_t block_end = 0;  // allocate once: 100,000 docs are kept by load_infos()
  while (block_end < text.size() && text[block_end] == '#') {
    const auto eol = text.find('\n', block_end);
    block_end = eol == std::string_view::npos ? text.size() : eol + 1;
  }
  doc.reserve(block_end);
  while (!text.empty() && text.front() == '#') {
    const auto eol = text.find('\n');
    std::string_view line = text.substr(1, eol == std::string_view::npos ? eol : eol - 1);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    doc += line;
    doc += '\n';
  }
  while (!doc.empty() && (doc.back() == '\n' || doc.back() == ' ')) doc.pop_back();
  return doc;
}

std::optional<std::string> rev_id_problem(std::string_view id) {
  if (id.empty()) return "it is empty";
  if (id.size() > 32) return fmt::format("it has {} characters, more than 32", id.size());
  for (const char c : id) {
    if (c == '@' || c == '-' || c == '+' || c == ':') {
      return fmt::format("it contains '{}'", c);
    }
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return "it contains whitespace or a control character";
    }
  }
  return std::nullopt;
}

ScriptInfo build_info(const RawHeader& header, std::filesystem::path path, std::string doc) {
  const std::string file = path.string();
  for (std::size_t i = 0; i < header.keys.size(); ++i) {
    const auto& [key, line] = header.keys[i];
    if (std::find(kKnownKeys.begin(), kKnownKeys.end(), key) == kKnownKeys.end()) {
      throw Error(fmt::format("{}:{}: unknown key '{}'{}; expected one of {}", file, line, key,
                              did_you_mean(key, kKnownKeys), fmt::join(kKnownKeys, ", ")));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (header.keys[j].first == key) {
        throw Error(fmt::format("{}:{}: key '{}' is given twice (first at line {})", file, line,
                                key, header.keys[j].second));
      }
    }
  }
  const HeaderValue& revision = header.revision;
  if (!revision.present) {
    throw Error(fmt::format("{}: missing 'revision:'; every script needs its revision id", file));
  }
  if (revision.kind != YamlKind::scalar) {
    throw Error(fmt::format("{}:{}: 'revision' must be a revision id, not {}", file, revision.line,
                            describe_node(revision.kind, revision.text)));
  }
  if (const auto problem = rev_id_problem(revision.text)) {
    throw Error(
        fmt::format("{}:{}: revision id '{}' is not valid: {}; ids hold at most 32 "
                    "characters and none of @ - + :",
                    file, revision.line, revision.text, *problem));
  }

  ScriptInfo info;
  info.revision.id = revision.text;
  info.revision.down_revisions =
      id_list(header.down_revision, "down_revision", "a revision id", file);
  info.revision.branch_labels = id_list(header.branch_labels, "branch_labels", "a label", file);
  info.revision.depends_on = id_list(header.depends_on, "depends_on", "a revision", file);
  info.create_date = text_of(header.create_date, "create_date", file);
  // Without `message:`, the docstring's first paragraph stands in, as in Alembic.
  info.message =
      header.message.present ? text_of(header.message, "message", file) : first_paragraph(doc);
  info.doc = std::move(doc);
  info.path = std::move(path);
  info.revision.source = {file, revision.line};
  info.revision.down_revision_source = {file, header.down_revision.line};
  info.revision.depends_on_source = {std::move(file), header.depends_on.line};
  return info;
}

ScriptInfo read_info(std::string_view text, std::filesystem::path path) {
  thread_local RawHeader scratch;  // reused: load_infos() calls this 100,000 times
  if (scan_header(text, scratch))
    return build_info(scratch, std::move(path), leading_comment(text));
  const std::string file = path.string();
  return build_info(yaml_header(load_yaml(text, file), file), std::move(path),
                    leading_comment(text));
}

Script parse_script(std::string_view text, const std::filesystem::path& path) {
  const std::string file = path.string();
  const YAML::Node root = load_yaml(text, file);
  Script script;
  script.info = build_info(yaml_header(root, file), path, leading_comment(text));

  // build_info() has checked that every key is known and unique.
  const auto find = [&](std::string_view name) -> std::optional<std::pair<YAML::Node, int>> {
    for (auto it = root.begin(); it != root.end(); ++it) {
      if (it->first.Scalar() == name) return std::pair{it->second, it->first.Mark().line + 1};
    }
    return std::nullopt;
  };
  if (const auto transactional = find("transactional")) {
    const auto& [node, line] = *transactional;
    const std::string word = node.IsScalar() && node.Tag() != "!" ? node.Scalar() : "";
    if (word == "true" || word == "True" || word == "TRUE") {
      script.transactional = true;
    } else if (word == "false" || word == "False" || word == "FALSE") {
      script.transactional = false;
    } else {
      throw Error(fmt::format("{}:{}: 'transactional' must be true or false, not {}", file, line,
                              describe_node(node)));
    }
  }
  if (const auto todo = find("todo")) script.todo = todo_items(todo->first, todo->second, file);
  const auto upgrade = find("upgrade");
  if (!upgrade) {
    throw Error(
        fmt::format("{}: missing 'upgrade:'; write the list of operations, or [] for none", file));
  }
  if (!upgrade->first.IsSequence()) {
    throw Error(fmt::format("{}:{}: 'upgrade' must be a list of operations, not {}", file,
                            upgrade->second, describe_node(upgrade->first)));
  }
  script.upgrade = parse_operations(upgrade->first, file, "upgrade", &script.upgrade_sources);
  if (const auto downgrade = find("downgrade")) {
    if (!downgrade->first.IsSequence()) {
      throw Error(fmt::format(
          "{}:{}: 'downgrade' must be a list of operations, not {}; leave it out to derive it "
          "from upgrade",
          file, downgrade->second, describe_node(downgrade->first)));
    }
    script.downgrade =
        parse_operations(downgrade->first, file, "downgrade", &script.downgrade_sources);
  }
  return script;
}

}  // namespace migrate::detail
