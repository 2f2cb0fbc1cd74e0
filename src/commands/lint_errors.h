#pragma once
// Where `migrate test` asks lint for its errors (SPEC §15, "lint at error level").
#include <optional>
#include <vector>

#include "commands/test_checks.h"
#include "migrate/config/config.h"
#include "migrate/dialects/dialect.h"
#include "migrate/script/script.h"

namespace migrate::commands {

// The findings of severity error that lint makes on `scripts` for `dialect`, honouring the
// config's lint settings, one TestFailure per finding (check "lint", the finding's revision,
// its one-line message).
[[nodiscard]] std::vector<TestFailure> lint_errors(const std::vector<Script>& scripts,
                                                   const Dialect& dialect, const Config& config);

}  // namespace migrate::commands
