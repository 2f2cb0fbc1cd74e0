#pragma once
// lock_timeout and statement_timeout (SPEC §15) as MySQL and MariaDB spell them.
#include <string>
#include <vector>

#include "migrate/dialects/dialect.h"

namespace migrate::mysql {

// Session settings for `timeouts` on the server behind `connection`. Both servers count lock
// waits in whole seconds, so a lock timeout is rounded up. MariaDB bounds any statement
// (max_statement_time); MySQL only SELECTs (max_execution_time), which is all it offers.
std::vector<std::string> timeout_statements(Connection& connection, const Timeouts& timeouts);

}  // namespace migrate::mysql
