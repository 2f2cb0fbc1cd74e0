#pragma once
// From a migrate URL (SPEC §3) to what libpq needs, and from libpq's messages to ours. Kept
// apart from connection.cpp so that both are testable without a server.
#include <string>
#include <string_view>

namespace migrate {
class Url;
}

namespace migrate::postgresql {

// libpq's keyword=value connection string (every value single-quoted, so spaces and quotes in
// passwords are safe): user, password, host, port and dbname from the URL, then every query
// parameter as given (sslmode, connect_timeout, application_name, host=/socket/dir, ... any
// libpq keyword; libpq rejects unknown ones with "invalid connection option"). A query
// parameter overrides the URL part of the same name, as in libpq's own URIs.
//
// Defaults when the URL does not say: connect_timeout=10 (libpq would wait forever on an
// unreachable host), client_encoding=UTF8 (scripts are UTF-8 YAML), application_name=migrate
// (so a DBA can see who holds a lock in pg_stat_activity). No password in the URL means none in
// the string, so PGPASSWORD and ~/.pgpass still apply.
std::string conninfo(const Url& url);

// A libpq or server message as one line for a FAILED: line: "ERROR:  "/"FATAL:  " prefixes and
// LINE/caret context dropped, the DETAIL line kept when short, the rest joined with ". ".
std::string one_line(std::string_view message);

// `message` with every occurrence of the URL's password replaced by "***": libpq does not echo
// it today, but a FAILED: line must never carry it whatever a future libpq says.
std::string without_password(std::string message, const Url& url);

}  // namespace migrate::postgresql
