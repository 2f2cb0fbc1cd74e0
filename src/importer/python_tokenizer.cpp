#include "importer/python_tokenizer.h"

#include <fmt/format.h>

#include <cctype>
#include <cstring>

#include "migrate/core/error.h"

namespace migrate::importer {
namespace {

bool is_name_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) || c == '_' || u >= 0x80;
}

bool is_name_char(char c) {
  return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c));
}

void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source) : src_(source) {}

  std::vector<Token> run() {
    while (pos_ < src_.size()) {
      if (at_line_start_) {
        if (!indentation()) continue;
      }
      const char c = src_[pos_];
      if (c == '\n') {
        newline();
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < src_.size() && src_[pos_] != '\n') ++pos_;
      } else if (c == '\\' && pos_ + 1 < src_.size() &&
                 (src_[pos_ + 1] == '\n' || src_[pos_ + 1] == '\r')) {
        pos_ = src_.find('\n', pos_) + 1;
        ++line_;
      } else if (is_name_start(c)) {
        name_or_string();
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && pos_ + 1 < src_.size() &&
                  std::isdigit(static_cast<unsigned char>(src_[pos_ + 1])))) {
        number();
      } else if (c == '"' || c == '\'') {
        string("");
      } else {
        op();
      }
    }
    if (depth_ > 0) throw Error(fmt::format("line {}: unclosed bracket", line_));
    if (!tokens_.empty() && tokens_.back().kind != Token::Kind::newline) {
      push(Token::Kind::newline, "");
    }
    while (indents_.size() > 1) {
      indents_.pop_back();
      push(Token::Kind::dedent, "");
    }
    push(Token::Kind::end, "");
    return std::move(tokens_);
  }

 private:
  void push(Token::Kind kind, std::string text, std::string prefix = "", int start = 0) {
    Token token;
    token.kind = kind;
    token.text = std::move(text);
    token.prefix = std::move(prefix);
    token.line = start > 0 ? start : line_;
    token.end_line = line_;
    tokens_.push_back(std::move(token));
  }

  // At the start of a line: blank and comment-only lines are skipped (false); otherwise the
  // indentation is compared with the stack and INDENT/DEDENT tokens pushed.
  bool indentation() {
    std::size_t i = pos_;
    int width = 0;
    while (i < src_.size() && (src_[i] == ' ' || src_[i] == '\t' || src_[i] == '\f')) {
      width = src_[i] == '\t' ? (width / 8 + 1) * 8 : width + 1;
      ++i;
    }
    if (i >= src_.size() || src_[i] == '\n' || src_[i] == '#' || src_[i] == '\r') {
      while (i < src_.size() && src_[i] != '\n') ++i;
      pos_ = i < src_.size() ? i + 1 : i;
      if (i < src_.size()) ++line_;
      return false;
    }
    at_line_start_ = false;
    pos_ = i;
    if (width > indents_.back()) {
      indents_.push_back(width);
      push(Token::Kind::indent, "");
    }
    while (width < indents_.back()) {
      indents_.pop_back();
      push(Token::Kind::dedent, "");
    }
    if (width != indents_.back()) {
      throw Error(
          fmt::format("line {}: unindent does not match any outer indentation level", line_));
    }
    return true;
  }

  void newline() {
    if (depth_ == 0) {
      push(Token::Kind::newline, "");
      at_line_start_ = true;
    }
    ++pos_;
    ++line_;
  }

  void name_or_string() {
    std::size_t end = pos_;
    while (end < src_.size() && is_name_char(src_[end])) ++end;
    const std::string word(src_.substr(pos_, end - pos_));
    if (end < src_.size() && (src_[end] == '"' || src_[end] == '\'') && word.size() <= 2) {
      std::string lower;
      for (const char c : word) lower += static_cast<char>(std::tolower(c));
      if (lower.find_first_not_of("rubf") == std::string::npos) {
        pos_ = end;
        string(lower);
        return;
      }
    }
    pos_ = end;
    push(Token::Kind::name, word);
  }

  void number() {
    std::size_t end = pos_;
    std::string text;
    while (end < src_.size()) {
      const char c = src_[end];
      const bool exponent_sign = (c == '+' || c == '-') && !text.empty() &&
                                 (text.back() == 'e' || text.back() == 'E') &&
                                 text.find_first_of("xX") == std::string::npos;
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || exponent_sign)) {
        break;
      }
      if (c != '_') text += c;
      ++end;
    }
    pos_ = end;
    push(Token::Kind::number, text);
  }

  void escape(std::string& out) {
    const char c = src_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case '\n':
        ++line_;
        return;
      case 'n':
        out += '\n';
        return;
      case 't':
        out += '\t';
        return;
      case 'r':
        out += '\r';
        return;
      case '0':
        out += '\0';
        return;
      case 'a':
        out += '\a';
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'v':
        out += '\v';
        return;
      case '\\':
      case '\'':
      case '"':
        out += c;
        return;
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        const std::string hex(src_.substr(pos_, digits));
        if (hex.size() != digits ||
            hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
          throw Error(fmt::format("line {}: bad \\{} escape in a string", line_, c));
        }
        append_utf8(out, std::stoul(hex, nullptr, 16));
        pos_ += digits;
        return;
      }
      default:
        out += '\\';
        out += c;
    }
  }

  void string(const std::string& prefix) {
    const int start = line_;
    const char quote = src_[pos_];
    const bool triple = src_.substr(pos_, 3) == std::string(3, quote);
    const std::size_t quote_len = triple ? 3 : 1;
    const bool raw = prefix.find('r') != std::string::npos;
    pos_ += quote_len;
    std::string value;
    while (true) {
      if (pos_ >= src_.size()) throw Error(fmt::format("line {}: unterminated string", start));
      const char c = src_[pos_];
      if (c == quote && src_.substr(pos_, quote_len) == std::string(quote_len, quote)) {
        pos_ += quote_len;
        break;
      }
      if (c == '\n') {
        if (!triple) throw Error(fmt::format("line {}: unterminated string", start));
        ++line_;
      }
      if (c == '\\' && pos_ + 1 < src_.size()) {
        if (raw) {
          value += c;
          value += src_[pos_ + 1];
          if (src_[pos_ + 1] == '\n') ++line_;
          pos_ += 2;
        } else {
          escape(value);
        }
        continue;
      }
      if (c != '\r') value += c;
      ++pos_;
    }
    push(Token::Kind::string, value, prefix, start);
  }

  void op() {
    static constexpr const char* kLong[] = {
        "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "->",
        ":=",  "+=",  "-=",  "*=",  "/=",  "%=", "&=", "|=", "^=", "@=", "<<", ">>"};
    for (const char* candidate : kLong) {
      if (src_.substr(pos_, std::strlen(candidate)) == candidate) {
        push(Token::Kind::op, candidate);
        pos_ += std::strlen(candidate);
        return;
      }
    }
    const char c = src_[pos_];
    if (std::strchr("()[]{},:.;@=+-*/%<>~^|&", c) == nullptr || c == '\0') {
      throw Error(fmt::format("line {}: unexpected character '{}'", line_, c));
    }
    if (c == '(' || c == '[' || c == '{') ++depth_;
    if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
    push(Token::Kind::op, std::string(1, c));
    ++pos_;
  }

  std::string_view src_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int depth_ = 0;
  bool at_line_start_ = true;
  std::vector<int> indents_{0};
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) {
  if (source.starts_with("\xEF\xBB\xBF")) source.remove_prefix(3);
  return Tokenizer(source).run();
}

}  // namespace migrate::importer
