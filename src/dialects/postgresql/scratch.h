#pragma once
// The scratch database of a .sql target schema (SPEC §12) on PostgreSQL: a fresh database,
// migrate_scratch_<random>, created from template0 on the server of the URL and dropped when
// the returned connection is destroyed. PostgreSQL refuses to drop a database while anyone is
// connected to it, so the drop is sent from a second connection, to the URL's own database,
// after the scratch connection has closed.
#include <memory>

#include "migrate/dialects/connection.h"

namespace migrate {
class Url;
}

namespace migrate::postgresql {

// Throws Error naming the URL and saying that the login needs CREATEDB when the server refuses.
std::unique_ptr<Connection> open_scratch(const Url& url);

}  // namespace migrate::postgresql
