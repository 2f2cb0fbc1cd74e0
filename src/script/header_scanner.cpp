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

// Where line_is_closed's scan of one line is.
struct LineScan {
  std::string_view s;
  std::size_t i = 0;
  int depth = 0;           // flow nesting
  bool node_start = true;  // a node may begin here
};

// After a complete node: a mapping value, or flow punctuation. False for anything else.
bool scan_after_node(LineScan& l) {
  const char c = l.s[l.i];
  if (c == ':' && (space_or_end(l.s, l.i + 1) || l.depth > 0)) {
    l.node_start = true;
  } else if (l.depth > 0 && c == ',') {
    l.node_start = true;
  } else if (l.depth > 0 && (c == ']' || c == '}')) {
    --l.depth;
  } else {
    return false;
  }
  ++l.i;
  return true;
}

// Past an anchor, tag or alias: up to a blank, or to flow punctuation inside a collection.
void skip_property(LineScan& l) {
  while (l.i < l.s.size() && l.s[l.i] != ' ' && !(l.depth > 0 && std::strchr(",[]{}", l.s[l.i]))) {
    ++l.i;
  }
}

// Past a plain scalar, in which quotes are content. False where yaml-cpp's reading is not worth
// guessing (`a:b` in flow).
bool skip_plain_scalar(LineScan& l) {
  l.node_start = false;
  for (; l.i < l.s.size(); ++l.i) {
    const char p = l.s[l.i];
    if (p == ':' && space_or_end(l.s, l.i + 1)) break;
    if (p == '#' && l.s[l.i - 1] == ' ') break;
    if (l.depth > 0) {
      if (p == ':') return false;
      if (p == ',' || p == ']' || p == '}' || p == '[' || p == '{') break;
    }
  }
  return true;
}

// Where a node may begin: moves past what starts there. nullopt to go on scanning; otherwise
// the answer for the whole line.
std::optional<bool> scan_node_start(LineScan& l) {
  switch (l.s[l.i]) {
    case '"':
    case '\'':
      l.i = skip_quoted(l.s, l.i);
      if (l.i == std::string_view::npos) return false;
      l.node_start = false;
      return std::nullopt;
    case '[':
    case '{':
      ++l.depth;
      ++l.i;
      return std::nullopt;
    case ']':
    case '}':  // an empty collection, or a trailing comma
      if (--l.depth < 0) return false;
      l.node_start = false;
      ++l.i;
      return std::nullopt;
    case '-':
      if (space_or_end(l.s, l.i + 1)) {  // a block sequence entry
        ++l.i;
        return std::nullopt;
      }
      break;
    case '&':
    case '!':  // an anchor or tag: a property of the node that follows
      skip_property(l);
      return std::nullopt;
    case '*':  // an alias is a complete node
      skip_property(l);
      l.node_start = false;
      return std::nullopt;
    case '|':
    case '>':  // a block scalar header; its content lines are indented and checked alone
      return l.depth == 0;
    case '?':  // complex keys, and characters that cannot start a node
    case ',':
    case '%':
    case '@':
    case '`':
      return false;
    case ':':
      if (space_or_end(l.s, l.i + 1)) return false;  // a mapping with an empty key
      break;
    default:
      break;
  }
  if (!skip_plain_scalar(l)) return false;
  return std::nullopt;
}

// True when `s`, one body line without its indentation, closes every quoted scalar and flow
// collection it opens. It over-approximates where a quoted scalar may start, and answers false
// for anything unusual, which only costs a yaml-cpp parse.
bool line_is_closed(std::string_view s) {
  if (s.find('\t') != std::string_view::npos) return false;
  LineScan l{s};
  while (l.i < s.size()) {
    const char c = s[l.i];
    if (c == ' ') {
      ++l.i;
      continue;
    }
    if (c == '#' && (l.i == 0 || s[l.i - 1] == ' ')) return l.depth == 0;  // a comment
    if (!l.node_start) {
      if (!scan_after_node(l)) return false;
      continue;
    }
    if (const auto answer = scan_node_start(l)) return *answer;
  }
  return l.depth == 0;
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

// Where scan_header is: before any key, after a header key whose value was on its line, after
// a header key with nothing on its line (null, unless block-list items follow), or in the body
// (after any other key).
enum class Mode { start, header_inline, header_block, body };

struct HeaderScan {
  Mode mode = Mode::start;
  HeaderValue* current = nullptr;                     // the last header key's value
  std::size_t block_indent = std::string_view::npos;  // of its block-list items, once seen
};

// A line starting with a blank or '-': a body line, a block-list item of a header key, or YAML
// this does not handle. False: not certain, let yaml-cpp read the file.
bool scan_indented_line(std::string_view line, HeaderScan& scan) {
  const std::size_t indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos) return true;
  const std::string_view content = line.substr(indent);
  if (content.front() == '#') return true;
  const bool list_item = content.front() == '-' && space_or_end(content, 1);
  if (line.front() == '-' && !list_item) return false;  // "---", or a key like "-x"
  switch (scan.mode) {
    case Mode::body:
      return line_is_closed(content);
    case Mode::header_block: {
      if (!list_item ||
          (scan.block_indent != std::string_view::npos && indent != scan.block_indent)) {
        return false;
      }
      scan.block_indent = indent;
      const std::size_t value_start = content.find_first_not_of(' ', 1);
      if (value_start == std::string_view::npos) return false;  // "-" alone
      auto item = scan_scalar(content.substr(value_start));
      if (!item) return false;
      scan.current->kind = YamlKind::list;
      scan.current->items.push_back(std::move(*item));
      return true;
    }
    default:  // content before any key, or a multi-line header value
      return false;
  }
}

// A top-level `key: value` line. False: not certain, let yaml-cpp read the file.
bool scan_key_line(std::string_view line, int line_no, RawHeader& header, HeaderScan& scan) {
  std::size_t k = 0;
  if (!is_key_start(line.front())) return false;
  while (k < line.size() && is_key_char(line[k])) ++k;
  if (k >= line.size() || line[k] != ':' || !space_or_end(line, k + 1)) return false;
  const std::string_view key = line.substr(0, k);
  header.keys.emplace_back(key, line_no);
  std::string_view value = line.substr(std::min(line.size(), k + 1));
  value.remove_prefix(std::min(value.size(), value.find_first_not_of(' ')));
  if (value.find('\t') != std::string_view::npos) return false;
  scan.current = header.slot(key);
  if (scan.current == nullptr) {
    scan.mode = Mode::body;
    return line_is_closed(value);
  }
  // A repeated key overwrites the first; build_info() reports it.
  HeaderValue& current = *scan.current;
  current.kind = YamlKind::null;
  current.text.clear();
  current.items.clear();
  current.present = true;
  current.line = line_no;
  if (value.empty() || value.front() == '#') {
    scan.mode = Mode::header_block;  // null, unless block-list items follow
    scan.block_indent = std::string_view::npos;
    return true;
  }
  scan.mode = Mode::header_inline;
  return scan_inline_value(value, current);
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
  HeaderScan scan;
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
    if (line.empty() || line.front() == '#') continue;
    const bool certain = line.front() == ' ' || line.front() == '-'
                             ? scan_indented_line(line, scan)
                             : scan_key_line(line, line_no, header, scan);
    if (!certain) return false;
  }
  return true;
}

}  // namespace migrate::detail
