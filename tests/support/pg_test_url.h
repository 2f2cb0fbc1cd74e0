#pragma once
// Where the PostgreSQL tests find their server: the throwaway cluster that ctest's pg_cluster
// fixture starts (tests/pg_cluster.sh), or any server a developer names.
#include <string>

namespace migrate::test {

// The superuser URL of the test cluster, e.g. postgresql://postgres:PW@127.0.0.1:54321/postgres.
// Read from $MIGRATE_TEST_PG_URL, else from the file named by $MIGRATE_TEST_PG_URL_FILE (ctest
// sets it). Throws std::runtime_error saying the cluster is not running when neither gives one:
// a PostgreSQL test without a server fails, it is never skipped.
std::string pg_test_url();

// `url` with its database (the path) replaced by `database`; query parameters are kept.
std::string pg_url_with_database(const std::string& url, const std::string& database);

}  // namespace migrate::test
