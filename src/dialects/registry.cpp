// The dialect table: one line per dialect (ANCHORS: an explicit table, not self-registering
// statics, which a static library can silently drop).
//
// Compiled once per program (CMakeLists.txt, migrate_registry): MIGRATE_LINK_<DIALECT> marks the
// dialects that program links in. bin/migrate links SQLite only; lib/migrate/migrate-<dialect>
// links SQLite and its own dialect, so it loads no other client library; the tests and
// benchmarks link every dialect. A dialect that is not linked is its `program`
// (dialects/dialect_program.h).
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <string_view>

#include "dialects/dialect_program.h"
#include "dialects/mysql/mysql_dialect.h"
#include "dialects/postgresql/postgresql_dialect.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "migrate/config/url.h"
#include "migrate/core/error.h"
#include "migrate/dialects/dialect.h"

#ifdef MIGRATE_LINK_POSTGRESQL
#define MIGRATE_POSTGRESQL &postgresql::dialect
#else
#define MIGRATE_POSTGRESQL nullptr
#endif
#ifdef MIGRATE_LINK_MYSQL
#define MIGRATE_MYSQL &mysql::dialect
#else
#define MIGRATE_MYSQL nullptr
#endif

namespace migrate::dialects {
namespace {

struct Entry {
  std::string_view scheme;  // as normalised by Url::parse
  const Dialect& (*linked)();
  std::string_view program;  // in lib/migrate/, when not linked
};

constexpr std::array kDialects{
    Entry{"sqlite", &sqlite::dialect, {}},
    Entry{"postgresql", MIGRATE_POSTGRESQL, "migrate-postgresql"},
    Entry{"mysql", MIGRATE_MYSQL, "migrate-mysql"},
};

}  // namespace

const Dialect& find(const Url& url) {
  for (const auto& entry : kDialects) {
    if (entry.scheme != url.scheme()) continue;
    if (entry.linked != nullptr) return entry.linked();
    throw DialectProgram{std::string(entry.scheme), std::string(entry.program)};
  }
  throw Error(fmt::format("Unknown database URL scheme '{}' in '{}'; supported schemes: {}",
                          url.scheme_as_written(), url.masked(),
                          fmt::join(supported_schemes(), ", ")));
}

std::vector<std::string> supported_schemes() {
  std::vector<std::string> schemes;
  for (const auto& entry : kDialects) schemes.emplace_back(entry.scheme);
  return schemes;
}

std::vector<DialectStatus> dialect_status() {
  std::vector<DialectStatus> out;
  for (const auto& entry : kDialects) {
    DialectStatus status{std::string(entry.scheme), entry.linked != nullptr, {}, true};
    if (!status.built_in) {
      const auto path = program_path(entry.program);
      std::error_code error;
      status.program = path.string();
      status.found =
          std::filesystem::is_regular_file(path, error) && access(path.c_str(), X_OK) == 0;
    }
    out.push_back(std::move(status));
  }
  return out;
}

}  // namespace migrate::dialects
