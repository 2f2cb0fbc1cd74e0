#pragma once
// The entry points of a dialect built as a loadable module (lib/migrate/migrate-<name>.so).
//
// Why modules: a client library such as libpq pulls in Kerberos, LDAP and TLS, whose start-up
// costs every process ~12 ms even when it never touches that database; loading the dialect on
// the first URL that names it keeps `migrate --version`, `history` and SQLite runs free of it.
//
// The module is built from the same tree and compiler as the binary and exchanges C++ objects
// with it (Dialect, Connection, Error), so the two must come from the same build: the module
// reports the version it was built as, and the binary refuses any other.

namespace migrate {
class Dialect;
}

extern "C" {
// The MIGRATE_VERSION string the module was built with.
using MigrateModuleVersionFn = const char* (*)();
// The dialect; it lives as long as the process (modules are never unloaded).
using MigrateModuleDialectFn = const migrate::Dialect* (*)();
}

namespace migrate::dialects {
inline constexpr const char* kModuleVersionSymbol = "migrate_module_version";
inline constexpr const char* kModuleDialectSymbol = "migrate_module_dialect";
// Where modules are installed, relative to the directory of the `migrate` binary; the build tree
// keeps the same layout (build/bin/migrate, build/lib/migrate/).
inline constexpr const char* kModuleDirFromBinary = "../lib/migrate";
}  // namespace migrate::dialects
