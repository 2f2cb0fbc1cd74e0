#pragma once
// The import oracle's two sides: Debian's Alembic (/usr/bin/python3 -m alembic, python3-alembic
// with SQLAlchemy, psycopg2 and PyMySQL) running a history under tests/data/alembic/, and a
// comparable dump of what a database holds after it or after `migrate` ran the imported YAML.
#include <filesystem>
#include <string>
#include <vector>

#include "support/backend.h"
#include "support/process.h"

namespace migrate::test {

// tests/data/alembic/<name>: an alembic.ini, env.py and versions/.
std::filesystem::path alembic_fixture(const std::string& name);

// The SQLAlchemy URL of a test database's URL (MySQL goes through PyMySQL).
std::string sqlalchemy_url(const std::string& url);

// Runs `alembic -x url=URL ARGS...` on a fixture (its env.py reads the URL from -x).
Result run_alembic(const std::filesystem::path& fixture, const std::string& url,
                   const std::vector<std::string>& args);

// Everything the two runs must agree on, as text: the schema as `migrate` reflects it
// (Dialect::reflect), as the database's catalog describes it (Backend::catalog_fingerprint),
// every table's rows, and the version table. `url` is `backend`'s database.
std::string database_dump(Backend& backend, const std::string& url);

}  // namespace migrate::test
