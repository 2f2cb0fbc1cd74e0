#pragma once
// Dialects that are separate programs.
//
// bin/migrate is a static executable with SQLite built in: it starts in ~3 ms, where linking a
// client library such as libpq (Kerberos, LDAP, TLS, and the shared C++ runtime it needs) cost
// every command ~15 ms, even the ones that never touch that database. Such a dialect is built
// into lib/migrate/migrate-<dialect>, the same program with that dialect linked in, and
// bin/migrate hands the command over to it (exec, same arguments) at the first URL that names
// the dialect. Every command finds its dialect before it prints or writes anything, so the
// program that takes over starts from a clean slate.
#include <filesystem>
#include <string>
#include <string_view>

namespace migrate::dialects {

// What dialects::find() throws for a URL whose dialect is another program. A lookup does not
// replace the process: main() catches this, at the one place where the command has not run
// yet, and calls run_dialect_program(). It is not an Error, so no layer adds context to it.
struct DialectProgram {
  std::string dialect;
  std::string program;  // file name in lib/migrate/
};

// Replaces this process with the dialect's program, lib/migrate/<program> beside the running
// binary (the build tree has the installed layout), given the same arguments and environment
// plus kStartedByVariable. Returns only by throwing Error, naming the dialect and the path.
[[noreturn]] void run_dialect_program(std::string_view dialect_name, std::string_view program);

// Where run_dialect_program() looks for `program`: lib/migrate/ beside the running binary.
std::filesystem::path program_path(std::string_view program);

// Set to the version of the bin/migrate that started a dialect program; the program refuses to
// run for any other version (check_started_by), since the two must come from one build.
inline constexpr const char* kStartedByVariable = "MIGRATE_STARTED_BY";

// Throws Error when kStartedByVariable names a version other than this program's.
void check_started_by();

}  // namespace migrate::dialects
