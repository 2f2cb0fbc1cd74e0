// The dialect table: one line per dialect (ANCHORS: an explicit table, not self-registering
// statics, which a static library can silently drop).
//
// Compiled twice (CMakeLists.txt): with MIGRATE_LINK_ALL_DIALECTS for the programs that link
// every dialect (lib/migrate/migrate-<dialect>, the tests, the benchmarks), and without it for
// bin/migrate, where a dialect with a `program` runs that program instead
// (dialects/dialect_program.h).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "dialects/dialect_program.h"
#include "dialects/postgresql/postgresql_dialect.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "migrate/dialect.h"
#include "migrate/error.h"
#include "migrate/url.h"

#ifdef MIGRATE_LINK_ALL_DIALECTS
#define MIGRATE_LINKED(ns) &ns::dialect
#else
#define MIGRATE_LINKED(ns) nullptr
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
    Entry{"postgresql", MIGRATE_LINKED(postgresql), "migrate-postgresql"},
};

}  // namespace

const Dialect& find(const Url& url) {
  for (const auto& entry : kDialects) {
    if (entry.scheme != url.scheme()) continue;
    if (entry.linked != nullptr) return entry.linked();
    run_dialect_program(entry.scheme, entry.program);
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

}  // namespace migrate::dialects
