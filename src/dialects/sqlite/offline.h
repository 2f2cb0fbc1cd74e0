#pragma once
// The --sql sink for SQLite (SPEC §11): a Connection that prints instead of changing a database.
//
// Every statement is written to the stream followed by ";\n" (text already ending in ';' is
// not doubled; multi-statement `execute` text is written as given), and begin()/commit() write
// BEGIN; / COMMIT;. Every statement also runs on a private in-memory "shadow" database, so that
// query() — and therefore the table rebuild, which reads the table's CREATE TABLE — sees the
// schema that the printed SQL builds. A statement the shadow rejects is still printed: it may
// be about objects the migrations did not create, which the real database has.
#include <iosfwd>
#include <memory>
#include <string_view>
#include <vector>

#include "dialects/sqlite/connection.h"
#include "migrate/dialects/connection.h"

namespace migrate::sqlite {

class OfflineConnection final : public Connection {
 public:
  explicit OfflineConnection(std::ostream& out);

  void execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  void begin() override;
  void commit() override;
  // Undoes the shadow's transaction; prints nothing (the printed script stops where it failed).
  void rollback() noexcept override;
  bool offline() const override { return true; }

 private:
  std::ostream* out_;
  std::unique_ptr<SqliteConnection> shadow_;
};

}  // namespace migrate::sqlite
