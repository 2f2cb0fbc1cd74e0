// The fast header reader behind load_infos(): `migrate history` on 100,000 scripts cannot afford
// yaml-cpp (~90 µs per small file), so this reads the top-level `key: value` lines itself and
// skips the operations. It is deliberately narrow: whenever a line uses YAML it does not handle
// with certainty it returns nullopt and the caller parses the file with yaml-cpp instead, so
// the two paths never disagree (tests/script/header_scanner_test.cpp checks that).
//
// The subtle part is the body. A quoted scalar or flow collection left open at the end of an
// operation line may continue on a later line at column 0, which would then look like a
// top-level key; yaml-cpp accepts that. So every body line is checked to close what it opens.
#include <algorithm>
#include <cstring>

#include "ops/yaml_scalar.h"
#include "script/script_header.h"

namespace migrate::detail {
namespace {

bool is_key_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_key_char(char c) { return is_key_start(c) || (c >= '0' && c <= '9'); }

// Index just past the quote closing the scalar opened at `open`, or npos if it is not closed
// on this line. Double-quoted scalars allow `\"`; single-quoted ones `''`.
std::size_t skip_quoted(std::string_view s, std::size_t open) {
  const char quote = s[open];
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (quote == '"' && s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return std::string_view::npos;
}

bool space_or_end(std::string_view s, std::size_t i) { return i >= s.size() || s[i] == ' '; }

// True when `s`, one body line without its indentation, closes every quoted scalar and flow
// collection it opens. It over-approximates where a quoted scalar may start, and answers false
// for anything unusual, which only costs a yaml-cpp parse.
bool line_is_closed(std::string_view s) {
  if (s.find('\t') != std::string_view::npos) return false;
  int depth = 0;           // flow nesting
  bool node_start = true;  // a node may begin here
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == '#' && (i == 0 || s[i - 1] == ' ')) return depth == 0;  // a comment
    if (!node_start) {
      // After a complete node: a mapping value, or flow punctuation.
      if (c == ':' && (space_or_end(s, i + 1) || depth > 0)) {
        node_start = true;
        ++i;
      } else if (depth > 0 && c == ',') {
        node_start = true;
        ++i;
      } else if (depth > 0 && (c == ']' || c == '}')) {
        --depth;
        ++i;
      } else {
        return false;
      }
      continue;
    }
    switch (c) {
      case '"':
      case '\'':
        i = skip_quoted(s, i);
        if (i == std::string_view::npos) return false;
        node_start = false;
        continue;
      case '[':
      case '{':
        ++depth;
        ++i;
        continue;
      case ']':
      case '}':  // an empty collection, or a trailing comma
        if (--depth < 0) return false;
        node_start = false;
        ++i;
        continue;
      case '-':
        if (space_or_end(s, i + 1)) {  // a block sequence entry
          ++i;
          continue;
        }
        break;
      case '&':
      case '!':  // an anchor or tag: a property of the node that follows
        while (i < n && s[i] != ' ' && !(depth > 0 && std::strchr(",[]{}", s[i]))) ++i;
        continue;
      case '*':  // an alias is a complete node
        while (i < n && s[i] != ' ' && !(depth > 0 && std::strchr(",[]{}", s[i]))) ++i;
        node_start = false;
        continue;
      case '|':
      case '>':  // a block scalar header; its content lines are indented and checked alone
        return depth == 0;
      case '?':  // complex keys, and characters that cannot start a node
      case ',':
      case '%':
      case '@':
      case '`':
        return false;
      case ':':
        if (space_or_end(s, i + 1)) return false;  // a mapping with an empty key
        break;
      default:
        break;
    }
    // A plain scalar. Quotes inside it are content.
    node_start = false;
    for (; i < n; ++i) {
      const char p = s[i];
      if (p == ':' && space_or_end(s, i + 1)) break;
      if (p == '#' && s[i - 1] == ' ') break;
      if (depth > 0) {
        if (p == ':') return false;  // `a:b` in flow: yaml-cpp's reading is not worth guessing
        if (p == ',' || p == ']' || p == '}' || p == '[' || p == '{') break;
      }
    }
  }
  return depth == 0;
}

// Blanks, then nothing or a comment (which YAML only starts after a blank).
bool rest_is_empty(std::string_view rest) {
  const auto first = rest.find_first_not_of(' ');
  return first == std::string_view::npos || (rest[first] == '#' && first > 0);
}

// A scalar written on the key's line or as a block-list item: plain, "double" (no escapes) or
// 'single'-quoted, followed by nothing but an optional comment. nullopt: not certain.
std::optional<HeaderItem> scan_scalar(std::string_view v) {
  if (v.empty()) return std::nullopt;
  if (v.front() == '"') {
    const auto close = v.find('"', 1);
    if (close == std::string_view::npos ||
        v.substr(1, close - 1).find('\\') != std::string_view::npos ||
        !rest_is_empty(v.substr(close + 1))) {
      return std::nullopt;
    }
    return HeaderItem{YamlKind::scalar, std::string(v.substr(1, close - 1))};
  }
  if (v.front() == '\'') {
    const auto end = skip_quoted(v, 0);
    if (end == std::string_view::npos || !rest_is_empty(v.substr(end))) return std::nullopt;
    std::string text;
    for (std::size_t i = 1; i + 1 < end; ++i) {
      text += v[i];
      if (v[i] == '\'') ++i;  // '' is one quote
    }
    return HeaderItem{YamlKind::scalar, std::move(text)};
  }
  if (std::strchr("[]{},#&*!|>%@`?:-", v.front()) != nullptr) return std::nullopt;
  auto end = v.find(" #");
  std::string_view text = v.substr(0, end);
  text = text.substr(0, text.find_last_not_of(' ') + 1);
  if (text.find_first_of("[]{},\t") != std::string_view::npos ||
      text.find(": ") != std::string_view::npos || text.back() == ':') {
    return std::nullopt;
  }
  if (is_yaml_null(text)) return HeaderItem{YamlKind::null, ""};
  return HeaderItem{YamlKind::scalar, std::string(text)};
}

// `[a, "b", 'c']` on one line.
bool scan_flow_list(std::string_view v, HeaderValue& value) {
  value.kind = YamlKind::list;
  std::size_t i = 1;
  const auto skip_spaces = [&] {
    while (i < v.size() && v[i] == ' ') ++i;
  };
  skip_spaces();
  if (i < v.size() && v[i] == ']') {
    ++i;
  } else {
    while (true) {
      skip_spaces();
      if (i >= v.size()) return false;
      std::size_t end = i;
      if (v[i] == '"' || v[i] == '\'') {
        end = skip_quoted(v, i);
        if (end == std::string_view::npos) return false;
      } else {
        end = v.find_first_of(",]", i);
        if (end == std::string_view::npos) return false;
      }
      std::string_view token = v.substr(i, end - i);
      token = token.substr(0, token.find_last_not_of(' ') + 1);
      if (token.empty() || token.find_first_of(":#[]{}") != std::string_view::npos) return false;
      auto item = scan_scalar(token);
      if (!item) return false;
      value.items.push_back(std::move(*item));
      i = end;
      skip_spaces();
      if (i >= v.size()) return false;
      if (v[i] == ']') {
        ++i;
        break;
      }
      if (v[i] != ',') return false;
      ++i;
    }
  }
  return rest_is_empty(v.substr(i));
}

bool scan_inline_value(std::string_view v, HeaderValue& value) {
  if (v.front() == '[') return scan_flow_list(v, value);
  auto item = scan_scalar(v);
  if (!item) return false;
  value.kind = item->kind;
  value.text = std::move(item->text);
  return true;
}

}  // namespace

std::optional<RawHeader> scan_header(std::string_view text) {
  RawHeader header;
  if (!scan_header(text, header)) return std::nullopt;
  return header;
}

bool scan_header(std::string_view text, RawHeader& header) {
  header.clear();
  if (text.starts_with("\xEF\xBB\xBF")) return false;
  enum class Mode { start, header_inline, header_block, body };
  Mode mode = Mode::start;
  HeaderValue* current = nullptr;
  std::size_t block_indent = std::string_view::npos;
  int line_no = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', end - p));
    if (eol == nullptr) eol = end;
    std::string_view line(p, eol - p);
    p = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const char c = line.front();
    if (c == '#') continue;
    if (c == ' ' || c == '-') {
      const std::size_t indent = line.find_first_not_of(' ');
      if (indent == std::string_view::npos) continue;
      const std::string_view content = line.substr(indent);
      if (content.front() == '#') continue;
      const bool list_item = content.front() == '-' && space_or_end(content, 1);
      if (c == '-' && !list_item) return false;  // "---", or a key like "-x"
      switch (mode) {
        case Mode::body:
          if (!line_is_closed(content)) return false;
          continue;
        case Mode::header_block: {
          if (!list_item || (block_indent != std::string_view::npos && indent != block_indent)) {
            return false;
          }
          block_indent = indent;
          const std::size_t value_start = content.find_first_not_of(' ', 1);
          if (value_start == std::string_view::npos) return false;  // "-" alone
          auto item = scan_scalar(content.substr(value_start));
          if (!item) return false;
          current->kind = YamlKind::list;
          current->items.push_back(std::move(*item));
          continue;
        }
        default:  // content before any key, or a multi-line header value
          return false;
      }
    }
    // A top-level key.
    std::size_t k = 0;
    if (!is_key_start(c)) return false;
    while (k < line.size() && is_key_char(line[k])) ++k;
    if (k >= line.size() || line[k] != ':' || !space_or_end(line, k + 1)) return false;
    const std::string_view key = line.substr(0, k);
    header.keys.emplace_back(key, line_no);
    std::string_view value = line.substr(std::min(line.size(), k + 1));
    value.remove_prefix(std::min(value.size(), value.find_first_not_of(' ')));
    if (value.find('\t') != std::string_view::npos) return false;
    current = header.slot(key);
    if (current == nullptr) {
      if (!line_is_closed(value)) return false;
      mode = Mode::body;
      continue;
    }
    // A repeated key overwrites the first; build_info() reports it.
    current->kind = YamlKind::null;
    current->text.clear();
    current->items.clear();
    current->present = true;
    current->line = line_no;
    if (value.empty() || value.front() == '#') {
      mode = Mode::header_block;  // null, unless block-list items follow
      block_indent = std::string_view::npos;
    } else {
      if (!scan_inline_value(value, *current)) return false;
      mode = Mode::header_inline;
    }
  }
  return true;
}

}  // namespace migrate::detail
