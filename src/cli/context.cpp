#include <fmt/format.h>

#include <iostream>

#include "cli/cli.h"
#include "migrate/core/error.h"

namespace migrate::cli {

Output Context::output() const { return Output(std::cout, std::cerr, global.quiet); }

GlobalOptions Context::resolved_global() const {
  GlobalOptions resolved = global;
  for (const auto& arg : x_args) {
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(fmt::format("-x '{}' is not of the form KEY=VALUE", arg));
    }
    resolved.x[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  return resolved;
}

}  // namespace migrate::cli
