#pragma once
// A live MySQL or MariaDB connection over MariaDB Connector/C (SPEC §3, §13).
//
// URL: mysql://[user[:password]@][host][:port]/database[?param=value&...], also mariadb://
// and mysql+<driver>:// (the driver is ignored). Parameters:
//   unix_socket=PATH     connect through this socket instead of TCP
//   charset=NAME         the connection's character set (default utf8mb4)
//   ssl_mode=MODE        DISABLED, PREFERRED (default), REQUIRED, VERIFY_CA, VERIFY_IDENTITY
//   connect_timeout=S    seconds to wait for the server (default 10)
//
// DDL commits by itself on these servers, so statements outside begin() commit one by one;
// begin() and commit() are real transactions for data (the version table, bulk_insert). The
// session is never silently re-established: it holds GET_LOCK's lock.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"

namespace migrate {
class Url;
}

namespace migrate::mysql {

class MysqlConnection final : public Connection {
 public:
  // Throws Error "Could not connect to <url.masked()>: <the server's reason>" within the
  // connect timeout, never the password; a bad parameter is an Error naming it.
  static std::unique_ptr<MysqlConnection> open(const Url& url);
  // The same server and login, but database `database` (empty: none) instead of the URL's.
  static std::unique_ptr<MysqlConnection> open(const Url& url, std::string_view database);

  ~MysqlConnection() override;

  // Several ';'-separated statements are fine: each result is read, and the first failure is
  // the Error (the statements before it have run).
  void execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  void begin() override;
  void commit() override;
  void rollback() noexcept override;
  // mariadb_cancel: aborts the connection from any thread; the server then rolls back what is
  // open and releases the lock.
  void interrupt() noexcept override;

  // Resets the session as a new login would find it (mysql_reset_connection: session variables,
  // temporary tables, GET_LOCK locks, an open transaction) and makes `url`'s database the
  // default one, so that the connection serves `url`: a fleet's next target, on the same server
  // and login (MysqlDialect::can_switch).
  void switch_to(const Url& url);

  // The database the connection uses (the URL's), for names derived from it.
  const std::string& database() const { return database_; }

 private:
  struct Handle;  // the MYSQL*, kept out of this header
  MysqlConnection(std::unique_ptr<Handle> handle, std::string label, std::string database);

  [[noreturn]] void fail() const;
  // What every session needs before the first statement.
  void prepare_session();

  std::unique_ptr<Handle> handle_;
  std::string label_;  // the masked URL
  std::string database_;
  bool in_transaction_ = false;
};

}  // namespace migrate::mysql
