#include "dialects/mysql/scratch.h"

#include <fmt/format.h>

#include "dialects/common/scratch_name.h"
#include "dialects/mysql/connection.h"
#include "dialects/mysql/quoting.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::mysql {
namespace {

// A connection to the scratch database that drops it, through the same session, when destroyed.
class ScratchConnection final : public Connection {
 public:
  ScratchConnection(std::unique_ptr<MysqlConnection> connection, std::string database)
      : connection_(std::move(connection)), database_(std::move(database)) {}
  ~ScratchConnection() override {
    try {
      connection_->execute("DROP DATABASE IF EXISTS " + quote_identifier(database_));
    } catch (const Error&) {
      // Nothing to report to from a destructor; the name says what it was for, and a DBA can
      // drop a leftover migrate_scratch_* database by hand.
    }
  }
  void execute(std::string_view sql) override { connection_->execute(sql); }
  std::vector<Row> query(std::string_view sql) override { return connection_->query(sql); }
  void begin() override { connection_->begin(); }
  void commit() override { connection_->commit(); }
  void rollback() noexcept override { connection_->rollback(); }

 private:
  std::unique_ptr<MysqlConnection> connection_;
  std::string database_;
};

}  // namespace

std::unique_ptr<Connection> open_scratch(const Url& url) {
  auto connection = MysqlConnection::open(url, "");
  const std::string database = dialects::scratch_database_name();
  try {
    connection->execute("CREATE DATABASE " + quote_identifier(database) + " CHARACTER SET utf8mb4");
    connection->execute("USE " + quote_identifier(database));
  } catch (const Error& e) {
    throw Error(fmt::format(
        "Could not create a scratch database on {}: {}; the login needs the CREATE and DROP "
        "privileges (a .sql target schema and 'migrate test --url' run there)",
        url.masked(), e.what()));
  }
  return std::make_unique<ScratchConnection>(std::move(connection), database);
}

}  // namespace migrate::mysql
