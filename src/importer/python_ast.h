#pragma once
// The small Python AST the Alembic importer reads (SPEC §14): the literal subset that revision
// files are written in. Values only: every node owns its children. Statements the parser does
// not model are kept as Unparsed, with their first line and source text, so that one loop or
// helper call never stops the reading of the rest of the file.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace migrate::importer {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;  // shared: nodes are immutable once built

struct Keyword {
  std::string name;  // empty for **kwargs
  ExprPtr value;
};

struct Expr {
  enum class Kind {
    name,       // text: the identifier
    attribute,  // text: attribute name; items[0]: the object
    call,       // items[0]: the callee, items[1..]: positional arguments; keywords
    string,     // text: the decoded value (f-strings never get here)
    bytes,      // text: the decoded value
    number,     // text: as written (digits, '.', 'e', '_' removed)
    constant,   // text: "True", "False" or "None"
    tuple,      // items
    list,       // items
    dict,       // items: key, value, key, value, ...
    compare,    // text: "==", "!=", "in", "not in"; items[0] left, items[1] right
    unary,      // text: "-", "not"; items[0]
  };
  Kind kind = Kind::name;
  std::string text;
  std::vector<ExprPtr> items;
  std::vector<Keyword> keywords;
  int line = 0;

  // For a call: the positional arguments, without the callee.
  [[nodiscard]] std::vector<ExprPtr> arguments() const;
  // For a call: the keyword `name`, or nullptr.
  [[nodiscard]] const Expr* keyword(std::string_view name) const;
  // "op.create_table" for a chain of names and attributes; "" for anything else.
  [[nodiscard]] std::string dotted() const;
};

struct Stmt;
using Body = std::vector<Stmt>;

struct Stmt {
  enum class Kind {
    expr,    // value: an expression statement (a call, a docstring)
    assign,  // targets = value
    def,     // name(...): body
    with,    // with value as name: body
    if_,     // arms: condition and body, in order; an else arm has no condition
    pass,
    import,    // import / from ... import: nothing to convert
    unparsed,  // anything else: source holds its text
  };
  Kind kind = Kind::expr;
  int line = 0;
  int end_line = 0;
  std::string source;                // the statement's text, as written
  std::vector<std::string> targets;  // assign: the names (a, b = ... gives two)
  std::string name;                  // def's name, with's `as` name
  ExprPtr value;
  Body body;
  std::vector<std::pair<ExprPtr, Body>> arms;  // if_: condition (null for else), body
};

struct Module {
  Body body;
};

}  // namespace migrate::importer
