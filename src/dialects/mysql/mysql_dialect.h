#pragma once
#include "migrate/dialects/dialect.h"

namespace migrate::mysql {

// MySQL 8 and MariaDB 10.x/11 (SPEC §3, §13): mysql://, mariadb://, mysql+<driver>://.
const Dialect& dialect();

}  // namespace migrate::mysql
