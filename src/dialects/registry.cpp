// The dialect table: one line per dialect (ANCHORS: an explicit table, not self-registering
// statics, which a static library can silently drop).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "dialects/module_loader.h"
#include "dialects/sqlite/sqlite_dialect.h"
#include "migrate/dialect.h"
#include "migrate/error.h"
#include "migrate/url.h"

namespace migrate::dialects {
namespace {

// A dialect is either linked into the binary (`builtin`) or a module in lib/migrate/ loaded on
// the first URL that names it (`module`), so that its client library costs nothing otherwise.
struct Entry {
  std::string_view scheme;  // as normalised by Url::parse
  const Dialect& (*builtin)();
  std::string_view module;
};

constexpr std::array kDialects{
    Entry{"sqlite", &sqlite::dialect, {}},
    Entry{"postgresql", nullptr, "migrate-postgresql.so"},
};

}  // namespace

const Dialect& find(const Url& url) {
  for (const auto& entry : kDialects) {
    if (entry.scheme != url.scheme()) continue;
    return entry.builtin != nullptr ? entry.builtin() : load_module(entry.scheme, entry.module);
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
