#include "dialects/postgresql/connection.h"

#include <fmt/format.h>

#include <pqxx/pqxx>

#include "dialects/postgresql/conninfo.h"
#include "dialects/postgresql/quoting.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"

namespace migrate::postgresql {

struct PgConnection::Session {
  explicit Session(const std::string& conninfo) : connection(conninfo) {
    // Reconnecting behind our back would drop the open transaction and the advisory lock while
    // the runtime believes it holds both; a lost connection must be an error instead. libpqxx 6
    // marks the switch deprecated only because version 7 drops reconnection altogether.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    connection.inhibit_reactivation(true);
#pragma GCC diagnostic pop
  }
  pqxx::connection connection;
};

PgConnection::PgConnection(std::unique_ptr<Session> session, std::string label)
    : session_(std::move(session)), label_(std::move(label)) {}

PgConnection::~PgConnection() = default;

std::unique_ptr<PgConnection> PgConnection::open(const Url& url) {
  return open(url, std::string_view());
}

std::unique_ptr<PgConnection> PgConnection::open(const Url& url, std::string_view database) {
  try {
    std::string info = conninfo(url);
    std::string label = url.masked();
    if (!database.empty()) {
      // libpq takes the last of a repeated keyword, so this overrides the URL's dbname.
      info += " dbname='";
      for (const char c : database) {
        if (c == '\\' || c == '\'') info += '\\';
        info += c;
      }
      info += '\'';
      label += fmt::format(" (database {})", database);
    }
    return std::unique_ptr<PgConnection>(new PgConnection(std::make_unique<Session>(info), label));
  } catch (const std::exception& e) {
    // pqxx::broken_connection for an unreachable server or a refused login, pqxx::failure or
    // std::exception for a bad connection string: all are "could not connect".
    throw Error(fmt::format("Could not connect to {}: {}", url.masked(),
                            without_password(one_line(e.what()), url)));
  }
}

void PgConnection::interrupt() noexcept {
  try {
    session_->connection.cancel_query();
  } catch (...) {
    // Nothing to cancel, or the server is gone: the statement is not running either way.
  }
}

void PgConnection::switch_to(const Url& url, const std::map<std::string, std::string>& settings) {
  if (in_transaction_) throw Error("Cannot switch a connection inside a transaction");
  // DISCARD ALL refuses to run inside a transaction block, and several statements in one
  // query are one: it goes alone.
  execute("DISCARD ALL");
  if (!settings.empty()) {
    // set_config() reads the value as the login's `-c key=value` does (search_path 'a,b' is
    // two schemas), where SET would take a quoted value as one name.
    std::string sql = "SELECT ";
    const char* separator = "";
    for (const auto& [key, value] : settings) {
      sql += fmt::format("{}pg_catalog.set_config({}, {}, false)", separator, quote_literal(key),
                         quote_literal(value));
      separator = ", ";
    }
    execute(sql);
  }
  label_ = url.masked();
}

// Runs `action`, turning libpqxx's exceptions into migrate::Error with the server's message.
template <typename Action>
auto PgConnection::run(Action&& action) {
  try {
    return action();
  } catch (const pqxx::broken_connection& e) {
    failed_ = in_transaction_;
    throw Error(fmt::format("Lost the connection to {}: {}", label_, one_line(e.what())));
  } catch (const pqxx::sql_error& e) {
    failed_ = in_transaction_;
    throw Error(one_line(e.what()));
  } catch (const pqxx::in_doubt_error& e) {
    failed_ = in_transaction_;
    throw Error(
        fmt::format("Lost the connection to {} while committing; the transaction may or "
                    "may not have been applied: {}",
                    label_, one_line(e.what())));
  } catch (const std::exception& e) {
    // Every libpqxx exception class derives from std::exception.
    failed_ = in_transaction_;
    throw Error(one_line(e.what()));
  }
}

void PgConnection::execute(std::string_view sql) {
  run([&] {
    pqxx::nontransaction work(session_->connection);
    work.exec(std::string(sql));
    work.commit();
  });
}

std::vector<Row> PgConnection::query(std::string_view sql) {
  return run([&] {
    pqxx::nontransaction work(session_->connection);
    const pqxx::result result = work.exec(std::string(sql));
    work.commit();
    std::vector<Row> rows;
    rows.reserve(result.size());
    for (const auto& record : result) {
      Row row;
      row.reserve(record.size());
      for (const auto& field : record) {
        if (field.is_null()) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(field.c_str(), field.size()));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

void PgConnection::begin() {
  execute("BEGIN");
  in_transaction_ = true;
  failed_ = false;
}

void PgConnection::commit() {
  if (failed_) {
    rollback();
    throw Error(
        "Cannot commit: a statement in this transaction failed, so PostgreSQL discarded the "
        "whole transaction");
  }
  try {
    execute("COMMIT");
  } catch (const Error&) {
    // A deferred constraint failing at COMMIT: the server has ended the transaction anyway.
    in_transaction_ = false;
    failed_ = false;
    throw;
  }
  in_transaction_ = false;
}

void PgConnection::rollback() noexcept {
  if (!in_transaction_) return;
  in_transaction_ = false;
  failed_ = false;
  try {
    pqxx::nontransaction work(session_->connection);
    work.exec("ROLLBACK");
    work.commit();
  } catch (...) {
    // Nothing to report from here: a connection that cannot roll back is broken, and the
    // server discards an open transaction when its session ends.
  }
}

}  // namespace migrate::postgresql
