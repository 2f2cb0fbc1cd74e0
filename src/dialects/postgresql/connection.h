#pragma once
// A live PostgreSQL connection over libpqxx (SPEC §3, §10).
//
// URL: postgresql://[user[:password]@][host][:port]/[database][?param=value&...]; conninfo.h
// says how it becomes a libpq connection string.
//
// Transactions are plain SQL on the one session: begin() sends BEGIN, commit() COMMIT,
// rollback() ROLLBACK, and every statement runs through its own short-lived
// pqxx::nontransaction (libpqxx allows one transaction object at a time, and its own
// transaction classes could not leave a transaction open across calls). Outside begin() each
// statement therefore commits by itself, which `transactional: false` scripts and CREATE INDEX
// CONCURRENTLY need. The session is never silently re-established: it holds the advisory lock
// and the open transaction, and a reconnect would lose both.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"

namespace migrate {
class Url;
}

namespace migrate::postgresql {

class PgConnection final : public Connection {
 public:
  // Throws Error "Could not connect to <url.masked()>: <libpq's reason>", never the password.
  static std::unique_ptr<PgConnection> open(const Url& url);
  // The same server and login, but database `database` instead of the URL's (scratch.h).
  static std::unique_ptr<PgConnection> open(const Url& url, std::string_view database);

  ~PgConnection() override;

  // Several ';'-separated statements are fine (libpq's simple query protocol); they then run
  // as one implicit transaction, so CREATE INDEX CONCURRENTLY must come on its own.
  void execute(std::string_view sql) override;
  // The rows of the last statement in `sql`.
  std::vector<Row> query(std::string_view sql) override;
  void begin() override;
  // Throws when a statement since begin() failed: PostgreSQL has then discarded the
  // transaction, and COMMIT would quietly roll it back.
  void commit() override;
  void rollback() noexcept override;
  // Cancels the running statement (libpq's PQcancel, through libpqxx), from any thread.
  void interrupt() noexcept override;

  // Resets the session as a new login would find it (DISCARD ALL: settings, temporary tables,
  // prepared statements, advisory locks) and then sets `settings` as the login's options would,
  // so that the connection serves `url` (a fleet's next target, session_options.h). Throws
  // Error inside a transaction, where DISCARD ALL cannot run.
  void switch_to(const Url& url, const std::map<std::string, std::string>& settings);

 private:
  struct Session;  // the pqxx::connection, kept out of this header
  PgConnection(std::unique_ptr<Session> session, std::string label);

  template <typename Action>
  auto run(Action&& action);

  std::unique_ptr<Session> session_;
  std::string label_;  // the masked URL
  bool in_transaction_ = false;
  bool failed_ = false;  // a statement failed since begin(): the server has aborted it
};

}  // namespace migrate::postgresql
