#pragma once
// Python source -> Module (python_ast.h), for the Alembic importer (SPEC §14). Parses the
// literal subset revision files use; any statement outside it (a loop, a try, a subscript, an
// operator, a comprehension...) becomes Stmt::Kind::unparsed with its lines, and reading goes on.
#include <string_view>

#include "importer/python_ast.h"

namespace migrate::importer {

// Throws Error "line N: ..." only when the file cannot be tokenized at all (an unterminated
// string or bracket, a bad indentation).
[[nodiscard]] Module parse_python(std::string_view source);

}  // namespace migrate::importer
