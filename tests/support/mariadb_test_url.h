#pragma once
// Where the MySQL/MariaDB tests find their server: the throwaway server that ctest's mysql_server
// fixture starts (tests/mariadb_server.sh), or any server a developer names.
#include <string>

namespace migrate::test {

// The root URL of the test server, e.g. mysql://root:PW@127.0.0.1:33101/ (no database).
// Read from $MIGRATE_TEST_MYSQL_URL, else from the file named by $MIGRATE_TEST_MYSQL_URL_FILE
// (ctest sets it). Throws std::runtime_error saying the server is not running when neither gives
// one: a MySQL test without a server fails, it is never skipped.
std::string mysql_test_url();

// The parts of a mysql://USER:PASSWORD@HOST:PORT/DATABASE URL, percent-decoded; the port is 3306
// when absent. Throws std::invalid_argument (without the password) on another shape.
struct MysqlUrl {
  std::string user;
  std::string password;
  std::string host;
  unsigned port = 3306;
  std::string database;
};
MysqlUrl parse_mysql_url(const std::string& url);

// `url` with its database (the path) replaced by `database`; query parameters are kept.
std::string mysql_url_with_database(const std::string& url, const std::string& database);

}  // namespace migrate::test
