#pragma once
// The --sql sink for PostgreSQL (SPEC §11): a Connection that prints instead of changing a
// database. Every statement is written followed by ";\n" (text already ending in ';' is not
// doubled; text that is only comments is not written), begin()/commit() write BEGIN; /
// COMMIT;, rollback() writes nothing (the printed script stops where rendering failed), and
// query() answers no rows: PostgreSQL rendering never needs a table's current shape, so unlike
// SQLite's sink there is no shadow database. The output is meant for `psql -1 -f`.
#include <iosfwd>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"

namespace migrate::postgresql {

class OfflineConnection final : public Connection {
 public:
  explicit OfflineConnection(std::ostream& out) : out_(&out) {}

  void execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  void begin() override;
  void commit() override;
  void rollback() noexcept override {}
  bool offline() const override { return true; }

 private:
  std::ostream* out_;
};

}  // namespace migrate::postgresql
