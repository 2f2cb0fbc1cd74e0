#pragma once
// The --sql sink for MySQL and MariaDB (SPEC §11): a Connection that prints instead of changing
// a database, each statement followed by ";\n", for `mariadb db < file`. begin()/commit() print
// nothing: DDL commits by itself on these servers, so a transaction around it would promise
// what the server does not do. query() answers no rows, so the renderer asks the operation for
// what it would otherwise read from the database (column_definition.h).
#include <iosfwd>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"

namespace migrate::mysql {

class OfflineConnection final : public Connection {
 public:
  explicit OfflineConnection(std::ostream& out) : out_(&out) {}
  void execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view) override { return {}; }
  void begin() override {}
  void commit() override {}
  void rollback() noexcept override {}
  bool offline() const override { return true; }

 private:
  std::ostream* out_;
};

}  // namespace migrate::mysql
