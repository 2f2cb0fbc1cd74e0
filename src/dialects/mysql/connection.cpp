#include "dialects/mysql/connection.h"

#include <fmt/format.h>
#include <mysql.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "migrate/config/url.h"
#include "migrate/core/error.h"
#include "migrate/core/secrets.h"
#include "migrate/core/text.h"

namespace migrate::mysql {
namespace {

constexpr unsigned kDefaultConnectTimeout = 10;

struct Options {
  std::string unix_socket;
  std::string charset = "utf8mb4";
  std::string ssl_mode = "PREFERRED";
  unsigned connect_timeout = kDefaultConnectTimeout;
};

unsigned parse_seconds(const std::string& text, const Url& url) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value == 0) {
    throw Error(fmt::format(
        "Bad ?connect_timeout={} in MySQL URL '{}': expected a whole number of seconds (1 or "
        "more)",
        text, url.masked()));
  }
  return value;
}

Options options_of(const Url& url) {
  constexpr std::array<std::string_view, 5> kModes{"DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA",
                                                   "VERIFY_IDENTITY"};
  Options options;
  for (const auto& [key, value] : url.query()) {
    if (key == "unix_socket") {
      options.unix_socket = value;
    } else if (key == "charset") {
      options.charset = value;
    } else if (key == "ssl_mode") {
      options.ssl_mode = upper(value);
      if (std::find(kModes.begin(), kModes.end(), options.ssl_mode) == kModes.end()) {
        throw Error(fmt::format(
            "Bad ?ssl_mode={} in MySQL URL '{}': expected DISABLED, PREFERRED, REQUIRED, "
            "VERIFY_CA or VERIFY_IDENTITY",
            value, url.masked()));
      }
    } else if (key == "connect_timeout") {
      options.connect_timeout = parse_seconds(value, url);
    } else {
      throw Error(fmt::format(
          "Unknown parameter '{}' in MySQL URL '{}'; supported: unix_socket, charset, ssl_mode, "
          "connect_timeout",
          key, url.masked()));
    }
  }
  return options;
}

void set_options(MYSQL* mysql, const Options& options) {
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &options.connect_timeout);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, options.charset.c_str());
  my_bool enforce = options.ssl_mode != "DISABLED" && options.ssl_mode != "PREFERRED";
  my_bool verify = options.ssl_mode == "VERIFY_CA" || options.ssl_mode == "VERIFY_IDENTITY";
  if (options.ssl_mode != "PREFERRED") {
    mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
    mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
  }
  my_bool reconnect = 0;  // a reconnect would lose the lock and the open transaction
  mysql_options(mysql, MYSQL_OPT_RECONNECT, &reconnect);
}

}  // namespace

struct MysqlConnection::Handle {
  Handle() : mysql(mysql_init(nullptr)) {
    if (mysql == nullptr) throw Error("Could not allocate a MySQL connection handle");
  }
  ~Handle() { mysql_close(mysql); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  MYSQL* mysql;
};

MysqlConnection::MysqlConnection(std::unique_ptr<Handle> handle, std::string label,
                                 std::string database)
    : handle_(std::move(handle)), label_(std::move(label)), database_(std::move(database)) {}

MysqlConnection::~MysqlConnection() = default;

void MysqlConnection::interrupt() noexcept { mariadb_cancel(handle_->mysql); }

std::unique_ptr<MysqlConnection> MysqlConnection::open(const Url& url) {
  return open(url, url.database());
}

std::unique_ptr<MysqlConnection> MysqlConnection::open(const Url& url, std::string_view database) {
  const Options options = options_of(url);
  auto handle = std::make_unique<Handle>();
  set_options(handle->mysql, options);
  const std::string host = url.host().value_or("localhost");
  const std::string user = url.user().value_or("");
  const std::string db(database);
  if (mysql_real_connect(handle->mysql, options.unix_socket.empty() ? host.c_str() : nullptr,
                         user.c_str(), url.password() ? url.password()->c_str() : nullptr,
                         db.empty() ? nullptr : db.c_str(),
                         static_cast<unsigned>(url.port().value_or(0)),
                         options.unix_socket.empty() ? nullptr : options.unix_socket.c_str(),
                         CLIENT_MULTI_STATEMENTS) == nullptr) {
    throw Error(fmt::format("Could not connect to {}: {}", url.masked(),
                            mask_credentials(mysql_error(handle->mysql))));
  }
  auto connection =
      std::unique_ptr<MysqlConnection>(new MysqlConnection(std::move(handle), url.masked(), db));
  connection->prepare_session();
  return connection;
}

void MysqlConnection::prepare_session() {
  // Literals are escaped for MySQL's default reading of backslashes (quoting.h).
  execute("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
}

void MysqlConnection::switch_to(const Url& url) {
  if (in_transaction_) throw Error("Cannot switch a connection inside a transaction");
  if (mysql_reset_connection(handle_->mysql) != 0) fail();
  // MySQL's reset puts the connection's character set back to the server's default (MySQL bug
  // 97633); the login's, from the URL, must stay.
  if (mysql_set_character_set(handle_->mysql, options_of(url).charset.c_str()) != 0) fail();
  if (mysql_select_db(handle_->mysql, url.database().c_str()) != 0) fail();
  label_ = url.masked();
  database_ = url.database();
  prepare_session();
}

void MysqlConnection::fail() const {
  const unsigned code = mysql_errno(handle_->mysql);
  // 2006 server has gone away, 2013 lost connection during query.
  if (code == 2006 || code == 2013) {
    throw Error(fmt::format("Lost the connection to {}: {}", label_, mysql_error(handle_->mysql)));
  }
  throw Error(fmt::format("{} ({})", mysql_error(handle_->mysql), code));
}

void MysqlConnection::execute(std::string_view sql) { (void)query(sql); }

std::vector<Row> MysqlConnection::query(std::string_view sql) {
  MYSQL* mysql = handle_->mysql;
  if (mysql_real_query(mysql, sql.data(), static_cast<unsigned long>(sql.size())) != 0) fail();
  std::vector<Row> rows;
  for (;;) {
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result != nullptr) {
      rows.clear();  // the rows of the last statement that has any
      const unsigned fields = mysql_num_fields(result);
      while (MYSQL_ROW row = mysql_fetch_row(result)) {
        const unsigned long* lengths = mysql_fetch_lengths(result);
        Row out;
        out.reserve(fields);
        for (unsigned i = 0; i < fields; ++i) {
          if (row[i] == nullptr) {
            out.emplace_back(std::nullopt);
          } else {
            out.emplace_back(std::string(row[i], lengths[i]));
          }
        }
        rows.push_back(std::move(out));
      }
      mysql_free_result(result);
    } else if (mysql_field_count(mysql) != 0) {
      fail();
    }
    const int next = mysql_next_result(mysql);
    if (next < 0) break;   // no more results
    if (next > 0) fail();  // the next statement failed; those before it ran
  }
  return rows;
}

void MysqlConnection::begin() {
  execute("START TRANSACTION");
  in_transaction_ = true;
}

void MysqlConnection::commit() {
  in_transaction_ = false;
  execute("COMMIT");
}

void MysqlConnection::rollback() noexcept {
  if (!in_transaction_) return;
  in_transaction_ = false;
  // Nothing to report from here: the server rolls back an open transaction when the session
  // ends, which follows any failure.
  (void)mysql_real_query(handle_->mysql, "ROLLBACK", 8);
}

}  // namespace migrate::mysql
