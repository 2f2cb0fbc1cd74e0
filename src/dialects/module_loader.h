#pragma once
// Loads a dialect built as a module (see module_abi.h).
#include <string_view>

#include "migrate/dialect.h"

namespace migrate::dialects {

// dlopen()s lib/migrate/<file> beside the running binary and returns its dialect. Loading twice
// is cheap: the dynamic loader keeps the module and hands back the same handle. Throws Error
// naming the dialect, the path tried and the loader's reason.
const Dialect& load_module(std::string_view dialect_name, std::string_view file);

}  // namespace migrate::dialects
