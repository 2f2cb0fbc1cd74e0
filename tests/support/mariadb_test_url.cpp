#include "support/mariadb_test_url.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace migrate::test {
namespace {

const char* kHowToRun =
    "; run the tests through ctest (dev/test.sh, or `ctest --test-dir BUILD_DIR`), whose "
    "mysql_server_start test starts a throwaway server with tests/mariadb_server.sh, or set "
    "MIGRATE_TEST_MYSQL_URL=mysql://USER:PASSWORD@HOST:PORT/ (a user that may create and drop "
    "databases)";

std::string trimmed(std::string text) {
  const auto end = text.find_last_not_of(" \t\r\n");
  text.erase(end == std::string::npos ? 0 : end + 1);
  return text.substr(std::min(text.size(), text.find_first_not_of(" \t\r\n")));
}

std::string read_url() {
  if (const char* url = std::getenv("MIGRATE_TEST_MYSQL_URL"); url != nullptr && *url != '\0') {
    return url;
  }
  const char* file = std::getenv("MIGRATE_TEST_MYSQL_URL_FILE");
  if (file == nullptr || *file == '\0') {
    throw std::runtime_error(
        std::string("The MySQL/MariaDB test server is not running: neither MIGRATE_TEST_MYSQL_URL "
                    "nor MIGRATE_TEST_MYSQL_URL_FILE is set") +
        kHowToRun);
  }
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || trimmed(url).empty()) {
    throw std::runtime_error(std::string("The MySQL/MariaDB test server is not running: ") + file +
                             " (MIGRATE_TEST_MYSQL_URL_FILE) is missing or empty, so the "
                             "mysql_server_start test did not run or failed" +
                             kHowToRun);
  }
  return trimmed(url);
}

std::string percent_decoded(const std::string& text) {
  std::string result;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      result += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      result += text[i];
    }
  }
  return result;
}

}  // namespace

std::string mysql_test_url() {
  static const std::string url = read_url();  // a failed read throws again on the next call
  return url;
}

MysqlUrl parse_mysql_url(const std::string& url) {
  const std::string scheme = "mysql://";
  if (url.compare(0, scheme.size(), scheme) != 0) {
    throw std::invalid_argument("not a mysql:// URL (the test server's URL file is damaged?)");
  }
  const auto authority_begin = scheme.size();
  const auto authority_end =
      std::min(url.find('/', authority_begin), url.find('?', authority_begin));
  const std::string authority = url.substr(authority_begin, authority_end - authority_begin);
  MysqlUrl parts;
  std::string host_port = authority;
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    const std::string user_info = authority.substr(0, at);
    host_port = authority.substr(at + 1);
    const auto colon = user_info.find(':');
    parts.user = percent_decoded(user_info.substr(0, colon));
    if (colon != std::string::npos) parts.password = percent_decoded(user_info.substr(colon + 1));
  }
  if (const auto colon = host_port.rfind(':');
      colon != std::string::npos && host_port.find(']', colon) == std::string::npos) {
    const std::string port = host_port.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw std::invalid_argument("bad port in mysql:// URL: " + port);
    }
    parts.port = static_cast<unsigned>(std::stoul(port));
    host_port.erase(colon);
  }
  parts.host = host_port.empty() ? "127.0.0.1" : host_port;
  if (authority_end != std::string::npos && url[authority_end] == '/') {
    const auto query = url.find('?', authority_end);
    parts.database = percent_decoded(url.substr(authority_end + 1, query - authority_end - 1));
  }
  return parts;
}

std::string mysql_url_with_database(const std::string& url, const std::string& database) {
  const auto scheme_end = url.find("://");
  const auto authority = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto query = url.find('?', authority);
  const auto path = url.find('/', authority);
  std::string result = url.substr(0, std::min(path, query)) + "/" + database;
  if (query != std::string::npos) result += url.substr(query);
  return result;
}

}  // namespace migrate::test
