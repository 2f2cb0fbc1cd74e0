// The dialect table: one line per dialect (ANCHORS: an explicit table, not self-registering
// statics, which a static library can silently drop).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "dialects/postgresql/postgresql_dialect.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "migrate/dialect.h"
#include "migrate/error.h"
#include "migrate/url.h"

namespace migrate::dialects {
namespace {

struct Entry {
  std::string_view scheme;  // as normalised by Url::parse
  const Dialect& (*get)();
};

constexpr std::array kDialects{
    Entry{"sqlite", &sqlite::dialect},
    Entry{"postgresql", &postgresql::dialect},
};

}  // namespace

const Dialect& find(const Url& url) {
  for (const auto& entry : kDialects) {
    if (entry.scheme == url.scheme()) return entry.get();
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
