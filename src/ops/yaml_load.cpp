#include "ops/yaml_load.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include <array>
#include <string>

#include "migrate/core/error.h"

namespace migrate::detail {
namespace {

struct Hint {
  std::string_view library_words;
  std::string_view cause;
};

// yaml-cpp's messages (ErrorMsg in exceptions.h) and what usually causes each in a script.
constexpr std::array kHints{
    Hint{"end of map not found",
         "check the indentation: the keys of one mapping start in the same column"},
    Hint{"end of map flow not found", "a `{...}` mapping is not closed with '}'"},
    Hint{"end of sequence not found",
         "check the indentation: the '- ' items of one list start in the same column"},
    Hint{"end of sequence flow not found", "a `[...]` list is not closed with ']'"},
    Hint{"illegal block entry",
         "a '- ' item stands where no list can start: is it indented under its key, and are an "
         "operation's fields indented under the operation's name?"},
    Hint{"illegal map value",
         "a 'key: value' stands where none can: check its indentation, or quote a value that "
         "holds ': '"},
    Hint{"end of string not found", "a quoted string is not closed"},
    Hint{"unknown escape character",
         "inside \"...\" a backslash starts an escape: use '...' quotes for SQL and paths"},
};

std::string_view line_at(std::string_view text, int line) {
  for (int i = 0; i < line && !text.empty(); ++i) {
    const auto eol = text.find('\n');
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  }
  return text.substr(0, text.find('\n'));
}

std::string cause_of(const YAML::Exception& e, std::string_view text) {
  if (e.mark.line >= 0 && line_at(text, e.mark.line).find('\t') != std::string_view::npos) {
    return "the line holds a tab, and YAML indents with spaces only";
  }
  for (const Hint& hint : kHints) {
    if (e.msg.rfind(hint.library_words, 0) == 0) return std::string(hint.cause);
  }
  return "";
}

}  // namespace

YAML::Node load_yaml(std::string_view text, std::string_view file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    throw Error(fmt::format(
        "{}: the YAML nests deeper than {} levels, which no script needs; is a bracket or an "
        "indentation repeated by mistake?",
        file, e.depth()));
  } catch (const YAML::Exception& e) {
    // e.what() would prefix "yaml-cpp: error at line ..."; keep only the reason.
    const std::string cause = cause_of(e, text);
    const std::string where =
        e.mark.line >= 0 ? fmt::format("{}:{}", file, e.mark.line + 1) : std::string(file);
    throw Error(fmt::format("{}: {}{}", where, e.msg, cause.empty() ? "" : " (" + cause + ")"));
  }
}

}  // namespace migrate::detail
