#pragma once
// The SQLite dialect (SQLiteCpp). src/dialects/registry.cpp maps the "sqlite" URL scheme to it.
#include "migrate/dialects/dialect.h"

namespace migrate::sqlite {

// The one SQLite dialect object: stateless, so a function-local constant.
const Dialect& dialect();

}  // namespace migrate::sqlite
