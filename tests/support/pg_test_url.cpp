#include "support/pg_test_url.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace migrate::test {
namespace {

const char* kHowToRun =
    "; run the tests through ctest (dev/test.sh, or `ctest --test-dir BUILD_DIR`), whose "
    "pg_cluster_start test starts a throwaway server with tests/pg_cluster.sh, or set "
    "MIGRATE_TEST_PG_URL=postgresql://USER:PASSWORD@HOST:PORT/postgres (a superuser)";

std::string trimmed(std::string text) {
  const auto end = text.find_last_not_of(" \t\r\n");
  text.erase(end == std::string::npos ? 0 : end + 1);
  return text.substr(std::min(text.size(), text.find_first_not_of(" \t\r\n")));
}

std::string read_url() {
  if (const char* url = std::getenv("MIGRATE_TEST_PG_URL"); url != nullptr && *url != '\0') {
    return url;
  }
  const char* file = std::getenv("MIGRATE_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') {
    throw std::runtime_error(
        std::string("The PostgreSQL test cluster is not running: neither MIGRATE_TEST_PG_URL nor "
                    "MIGRATE_TEST_PG_URL_FILE is set") +
        kHowToRun);
  }
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || trimmed(url).empty()) {
    throw std::runtime_error(std::string("The PostgreSQL test cluster is not running: ") + file +
                             " (MIGRATE_TEST_PG_URL_FILE) is missing or empty, so the "
                             "pg_cluster_start test did not run or failed" +
                             kHowToRun);
  }
  return trimmed(url);
}

}  // namespace

std::string pg_test_url() {
  static const std::string url = read_url();  // a failed read throws again on the next call
  return url;
}

std::string pg_url_with_database(const std::string& url, const std::string& database) {
  const auto scheme_end = url.find("://");
  const auto authority = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto query = url.find('?', authority);
  const auto path = url.find('/', authority);
  std::string result = url.substr(0, std::min(path, query)) + "/" + database;
  if (query != std::string::npos) result += url.substr(query);
  return result;
}

}  // namespace migrate::test
