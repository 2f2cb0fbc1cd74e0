#pragma once
// The scratch database of a .sql target schema (SPEC §12) on MySQL and MariaDB: a fresh
// database, migrate_scratch_<random>, on the server of the URL, dropped when the returned
// connection is destroyed.
#include <memory>

#include "migrate/dialects/connection.h"

namespace migrate {
class Url;
}

namespace migrate::mysql {

// Throws Error naming the URL and the privilege needed when the server refuses.
std::unique_ptr<Connection> open_scratch(const Url& url);

}  // namespace migrate::mysql
