#pragma once
// A live (or, under --sql, printing) database connection, and the RAII scopes over it.
// Dialects implement Connection; the runtime only ever sees this interface.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate {

using Row = std::vector<std::optional<std::string>>;

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (or several separated by ';'). Throws Error carrying the database's own
  // message; the caller adds which revision and operation it was.
  virtual void execute(std::string_view sql) = 0;
  // Runs a query and returns every row as text (NULL as nullopt).
  virtual std::vector<Row> query(std::string_view sql) = 0;

  // Transaction control. On dialects that lock through the transaction (SQLite), begin() takes
  // the database-wide write lock, waiting up to the busy timeout (SPEC §10).
  virtual void begin() = 0;
  virtual void commit() = 0;
  // Must not throw: called from destructors.
  virtual void rollback() noexcept = 0;

  // Asks the statement running on this connection, from another thread, to stop now (a fleet's
  // second Ctrl-C): it then fails, and the open transaction rolls back where DDL is
  // transactional. Must be safe to call from any thread; the default does nothing.
  virtual void interrupt() noexcept {}

  // True for the --sql sink: statements are printed, queries answer from a shadow database
  // (or nothing), and there is no version table to read.
  virtual bool offline() const { return false; }
};

// A transaction as a scope: begins on construction, rolls back on destruction unless commit()
// was called (SQLiteCpp's Transaction). Move-only.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(&connection) { connection_->begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    // A failed rollback cannot be reported from here; the connection is closed right after any
    // failure, which discards the transaction anyway.
    if (connection_ != nullptr && !done_) connection_->rollback();
  }
  void commit() {
    connection_->commit();
    done_ = true;
  }

 private:
  Connection* connection_;
  bool done_ = false;
};

// Holds a dialect's database-wide migration lock until destroyed (pg_advisory_lock). Dialects
// that lock through their transactions return one that holds nothing.
class LockGuard {
 public:
  virtual ~LockGuard() = default;
};

}  // namespace migrate
