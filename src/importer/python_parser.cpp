#include "importer/python_parser.h"

#include <fmt/format.h>

#include "importer/python_tokenizer.h"
#include "migrate/core/error.h"

namespace migrate::importer {
namespace {

using K = Token::Kind;

// Thrown inside one statement when it leaves the literal subset; the statement becomes unparsed.
struct NotInSubset {};

ExprPtr make(Expr::Kind kind, std::string text, int line, std::vector<ExprPtr> items = {}) {
  auto expr = std::make_shared<Expr>();
  expr->kind = kind;
  expr->text = std::move(text);
  expr->line = line;
  expr->items = std::move(items);
  return expr;
}

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {
    for (std::size_t start = 0; start <= source_.size();) {
      const auto eol = source_.find('\n', start);
      lines_.push_back(source_.substr(start, eol == std::string_view::npos ? eol : eol - start));
      if (eol == std::string_view::npos) break;
      start = eol + 1;
    }
  }

  Module module() {
    Module result;
    while (peek().kind != K::end) {
      if (peek().kind == K::dedent || peek().kind == K::indent || peek().kind == K::newline) {
        ++pos_;  // stray block tokens at the top level: nothing to read in them
        continue;
      }
      result.body.push_back(statement());
    }
    return result;
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& next() {
    const Token& token = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return token;
  }
  void expect_op(std::string_view op) {
    if (!peek().is_op(op)) throw NotInSubset{};
    ++pos_;
  }
  void expect(K kind) {
    if (peek().kind != kind) throw NotInSubset{};
    ++pos_;
  }

  std::string lines_text(int first, int last) const {
    std::string out;
    for (int i = first; i <= last && i - 1 < static_cast<int>(lines_.size()); ++i) {
      if (i > first) out += '\n';
      out += lines_[static_cast<std::size_t>(i - 1)];
    }
    return out;
  }

  Stmt statement() {
    const std::size_t start = pos_;
    Stmt stmt;
    try {
      stmt = compound_or_simple();
    } catch (const NotInSubset&) {
      pos_ = start;
      skip_statement();
      stmt = Stmt{};
      stmt.kind = Stmt::Kind::unparsed;
    }
    stmt.line = tokens_[start].line;
    stmt.end_line = pos_ > start ? last_line(start) : stmt.line;
    stmt.source = lines_text(stmt.line, stmt.end_line);
    return stmt;
  }

  int last_line(std::size_t start) const {
    int line = tokens_[start].line;
    for (std::size_t i = start; i < pos_; ++i) {
      if (tokens_[i].kind != K::dedent && tokens_[i].kind != K::indent) {
        line = std::max(line, tokens_[i].end_line);
      }
    }
    return line;
  }

  // Skips one logical line, its indented block and any elif/else/except/finally clauses.
  void skip_statement() {
    while (true) {
      while (peek().kind != K::newline && peek().kind != K::end) ++pos_;
      if (peek().kind == K::newline) ++pos_;
      if (peek().kind == K::indent) {
        int depth = 0;
        do {
          if (peek().kind == K::indent) ++depth;
          if (peek().kind == K::dedent) --depth;
          ++pos_;
        } while (depth > 0 && peek().kind != K::end);
      }
      const Token& t = peek();
      if (!(t.is_name("elif") || t.is_name("else") || t.is_name("except") ||
            t.is_name("finally"))) {
        return;
      }
    }
  }

  Stmt compound_or_simple() {
    const Token& t = peek();
    if (t.is_name("def")) return def();
    if (t.is_name("with")) return with();
    if (t.is_name("if")) return if_();
    return simple();
  }

  Body block() {
    if (peek().kind != K::newline) {  // `if x: stmt` on one line
      Body body;
      body.push_back(simple());
      return body;
    }
    ++pos_;
    expect(K::indent);
    Body body;
    while (peek().kind != K::dedent && peek().kind != K::end) body.push_back(statement());
    if (peek().kind == K::dedent) ++pos_;
    return body;
  }

  Stmt def() {
    ++pos_;
    Stmt stmt;
    stmt.kind = Stmt::Kind::def;
    if (peek().kind != K::name) throw NotInSubset{};
    stmt.name = next().text;
    expect_op("(");
    for (int depth = 1; depth > 0;) {
      const Token& t = next();
      if (t.kind == K::end) throw NotInSubset{};
      if (t.is_op("(") || t.is_op("[") || t.is_op("{")) ++depth;
      if (t.is_op(")") || t.is_op("]") || t.is_op("}")) --depth;
    }
    while (!peek().is_op(":") && peek().kind != K::newline && peek().kind != K::end) ++pos_;
    expect_op(":");
    stmt.body = block();
    return stmt;
  }

  Stmt with() {
    ++pos_;
    Stmt stmt;
    stmt.kind = Stmt::Kind::with;
    stmt.value = expression();
    if (peek().is_name("as")) {
      ++pos_;
      if (peek().kind != K::name) throw NotInSubset{};
      stmt.name = next().text;
    }
    expect_op(":");
    stmt.body = block();
    return stmt;
  }

  Stmt if_() {
    Stmt stmt;
    stmt.kind = Stmt::Kind::if_;
    ++pos_;
    ExprPtr condition = expression();
    expect_op(":");
    stmt.arms.emplace_back(condition, block());
    while (peek().is_name("elif")) {
      ++pos_;
      condition = expression();
      expect_op(":");
      stmt.arms.emplace_back(condition, block());
    }
    if (peek().is_name("else")) {
      ++pos_;
      expect_op(":");
      stmt.arms.emplace_back(nullptr, block());
    }
    return stmt;
  }

  Stmt simple() {
    Stmt stmt;
    const Token& t = peek();
    if (t.is_name("pass")) {
      ++pos_;
      stmt.kind = Stmt::Kind::pass;
    } else if (t.is_name("import") || t.is_name("from")) {
      while (peek().kind != K::newline && peek().kind != K::end) ++pos_;
      stmt.kind = Stmt::Kind::import;
    } else {
      ExprPtr first = expression_list();
      if (peek().is_op(":")) {  // annotated assignment: the annotation is not needed
        ++pos_;
        while (!peek().is_op("=") && peek().kind != K::newline && peek().kind != K::end) ++pos_;
      }
      if (peek().is_op("=")) {
        ++pos_;
        stmt.kind = Stmt::Kind::assign;
        stmt.targets = target_names(*first);
        stmt.value = expression_list();
        if (peek().is_op("=")) throw NotInSubset{};
      } else {
        stmt.kind = Stmt::Kind::expr;
        stmt.value = first;
      }
    }
    if (peek().kind != K::newline && peek().kind != K::end) throw NotInSubset{};
    if (peek().kind == K::newline) ++pos_;
    return stmt;
  }

  static std::vector<std::string> target_names(const Expr& target) {
    if (target.kind == Expr::Kind::name) return {target.text};
    if (target.kind != Expr::Kind::tuple) throw NotInSubset{};
    std::vector<std::string> names;
    for (const auto& item : target.items) {
      if (item->kind != Expr::Kind::name) throw NotInSubset{};
      names.push_back(item->text);
    }
    return names;
  }

  // a, b, c (a tuple without parentheses), or one expression.
  ExprPtr expression_list() {
    const int line = peek().line;
    ExprPtr first = expression();
    if (!peek().is_op(",")) return first;
    std::vector<ExprPtr> items{first};
    while (peek().is_op(",")) {
      ++pos_;
      if (peek().kind == K::newline || peek().is_op("=") || peek().is_op(":")) break;
      items.push_back(expression());
    }
    return make(Expr::Kind::tuple, "", line, std::move(items));
  }

  ExprPtr expression() {
    ExprPtr left = comparison();
    while (peek().is_name("or") || peek().is_name("and")) {
      const std::string op = next().text;
      left = make(Expr::Kind::compare, op, left->line, {left, comparison()});
    }
    return left;
  }

  ExprPtr comparison() {
    if (peek().is_name("not")) {
      const int line = next().line;
      return make(Expr::Kind::unary, "not", line, {comparison()});
    }
    ExprPtr left = unary();
    std::string op;
    if (peek().is_op("==") || peek().is_op("!=") || peek().is_name("in")) {
      op = next().text;
    } else if (peek().is_name("not") && peek(1).is_name("in")) {
      pos_ += 2;
      op = "not in";
    } else {
      return left;
    }
    ExprPtr right = unary();
    return make(Expr::Kind::compare, op, left->line, {left, right});
  }

  ExprPtr unary() {
    if (peek().is_op("-")) {
      const int line = next().line;
      return make(Expr::Kind::unary, "-", line, {unary()});
    }
    return primary();
  }

  ExprPtr primary() {
    ExprPtr value = atom();
    while (true) {
      if (peek().is_op(".")) {
        ++pos_;
        if (peek().kind != K::name) throw NotInSubset{};
        value = make(Expr::Kind::attribute, next().text, value->line, {value});
      } else if (peek().is_op("(")) {
        value = call(value);
      } else {
        return value;
      }
    }
  }

  ExprPtr call(ExprPtr callee) {
    ++pos_;
    auto result = std::make_shared<Expr>();
    result->kind = Expr::Kind::call;
    result->line = callee->line;
    result->items.push_back(std::move(callee));
    while (!peek().is_op(")")) {
      if (peek().is_op("*") || peek().is_op("**")) throw NotInSubset{};
      if (peek().kind == K::name && peek(1).is_op("=")) {
        std::string name = next().text;
        ++pos_;
        result->keywords.push_back({std::move(name), expression()});
      } else {
        if (!result->keywords.empty()) throw NotInSubset{};
        result->items.push_back(expression());
      }
      if (!peek().is_op(",")) break;
      ++pos_;
    }
    expect_op(")");
    return result;
  }

  ExprPtr atom() {
    const Token& t = peek();
    if (t.kind == K::name) {
      static constexpr std::string_view kKeywords[] = {
          "lambda", "for",  "if",     "else", "yield", "await", "not",  "in",  "is",  "and",   "or",
          "import", "from", "return", "def",  "class", "while", "with", "try", "del", "global"};
      for (const auto keyword : kKeywords) {
        if (t.text == keyword) throw NotInSubset{};
      }
      ++pos_;
      if (t.text == "True" || t.text == "False" || t.text == "None") {
        return make(Expr::Kind::constant, t.text, t.line);
      }
      return make(Expr::Kind::name, t.text, t.line);
    }
    if (t.kind == K::number) {
      ++pos_;
      return make(Expr::Kind::number, t.text, t.line);
    }
    if (t.kind == K::string) return strings();
    if (t.is_op("(")) return parenthesized();
    if (t.is_op("[")) return sequence(Expr::Kind::list, "]");
    if (t.is_op("{")) return dict();
    throw NotInSubset{};
  }

  // Adjacent literals concatenate, as in Python; an f-string is not a literal.
  ExprPtr strings() {
    const int line = peek().line;
    std::string value;
    std::optional<bool> bytes;
    while (peek().kind == K::string) {
      const Token& t = next();
      if (t.prefix.find('f') != std::string::npos) throw NotInSubset{};
      const bool is_bytes = t.prefix.find('b') != std::string::npos;
      if (bytes && *bytes != is_bytes) throw NotInSubset{};
      bytes = is_bytes;
      value += t.text;
    }
    return make(*bytes ? Expr::Kind::bytes : Expr::Kind::string, value, line);
  }

  ExprPtr parenthesized() {
    const int line = next().line;
    if (peek().is_op(")")) {
      ++pos_;
      return make(Expr::Kind::tuple, "", line);
    }
    ExprPtr first = expression();
    if (peek().is_op(")")) {
      ++pos_;
      return first;
    }
    std::vector<ExprPtr> items{first};
    while (peek().is_op(",")) {
      ++pos_;
      if (peek().is_op(")")) break;
      items.push_back(expression());
    }
    expect_op(")");
    return make(Expr::Kind::tuple, "", line, std::move(items));
  }

  ExprPtr sequence(Expr::Kind kind, std::string_view close) {
    const int line = next().line;
    std::vector<ExprPtr> items;
    while (!peek().is_op(close)) {
      items.push_back(expression());
      if (!peek().is_op(",")) break;
      ++pos_;
    }
    expect_op(close);
    return make(kind, "", line, std::move(items));
  }

  ExprPtr dict() {
    const int line = next().line;
    std::vector<ExprPtr> items;
    while (!peek().is_op("}")) {
      items.push_back(expression());
      expect_op(":");
      items.push_back(expression());
      if (!peek().is_op(",")) break;
      ++pos_;
    }
    expect_op("}");
    return make(Expr::Kind::dict, "", line, std::move(items));
  }

  std::string_view source_;
  std::vector<std::string_view> lines_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace

Module parse_python(std::string_view source) {
  if (source.starts_with("\xEF\xBB\xBF")) source.remove_prefix(3);
  return Parser(source, tokenize(source)).module();
}

}  // namespace migrate::importer
