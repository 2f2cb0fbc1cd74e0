// The scratch database (scratch.h).
#include "dialects/postgresql/scratch.h"

#include <fmt/format.h>

#include "dialects/common/scratch_name.h"
#include "dialects/postgresql/connection.h"
#include "dialects/postgresql/quoting.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::postgresql {
namespace {

// A connection to the scratch database that owns it: destroying it closes the connection and
// then drops the database through `admin_`.
class ScratchConnection final : public Connection {
 public:
  ScratchConnection(std::unique_ptr<PgConnection> admin, std::unique_ptr<PgConnection> scratch,
                    std::string database)
      : admin_(std::move(admin)), scratch_(std::move(scratch)), database_(std::move(database)) {}

  ~ScratchConnection() override {
    scratch_.reset();
    try {
      admin_->execute("DROP DATABASE IF EXISTS " + quote_identifier(database_));
    } catch (const Error&) {
      // Nothing to report to from a destructor; the name says what it was for, and a DBA can
      // drop a leftover migrate_scratch_* database by hand.
    }
  }

  void execute(std::string_view sql) override { scratch_->execute(sql); }
  std::vector<Row> query(std::string_view sql) override { return scratch_->query(sql); }
  void begin() override { scratch_->begin(); }
  void commit() override { scratch_->commit(); }
  void rollback() noexcept override { scratch_->rollback(); }

 private:
  std::unique_ptr<PgConnection> admin_;
  std::unique_ptr<PgConnection> scratch_;
  std::string database_;
};

}  // namespace

std::unique_ptr<Connection> open_scratch(const Url& url) {
  auto admin = PgConnection::open(url);
  const std::string database = dialects::scratch_database_name();
  try {
    // template0: template1 may hold objects someone added, which would show up as drift.
    admin->execute(
        fmt::format("CREATE DATABASE {} TEMPLATE template0", quote_identifier(database)));
  } catch (const Error& e) {
    throw Error(fmt::format(
        "Could not create a scratch database on {}: {}; the login needs the CREATEDB privilege "
        "(a .sql target schema and 'migrate test --url' run there)",
        url.masked(), e.what()));
  }
  std::unique_ptr<PgConnection> scratch;
  try {
    scratch = PgConnection::open(url, database);
  } catch (const Error&) {
    try {
      admin->execute("DROP DATABASE IF EXISTS " + quote_identifier(database));
    } catch (const Error&) {
      // The connection error below is the one to report.
    }
    throw;
  }
  return std::make_unique<ScratchConnection>(std::move(admin), std::move(scratch), database);
}

}  // namespace migrate::postgresql
