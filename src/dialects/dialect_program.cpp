#include "dialects/dialect_program.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "migrate/core/error.h"

namespace migrate::dialects {
namespace {

namespace fs = std::filesystem;

// Where dialect programs are installed, relative to the directory of bin/migrate.
constexpr const char* kProgramDirFromBinary = "../lib/migrate";

fs::path own_path() {
  std::error_code error;
  auto self = fs::read_symlink("/proc/self/exe", error);
  if (error) {
    throw Error(
        fmt::format("Cannot locate the migrate binary to find its dialect programs: "
                    "/proc/self/exe: {}",
                    error.message()));
  }
  return self;
}

// This process's arguments, as the kernel has them; main's argv is not reachable from here.
std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<std::string> args;
  for (std::size_t start = 0; start < all.size();) {
    const auto end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (args.empty()) throw Error("Cannot read this process's arguments from /proc/self/cmdline");
  return args;
}

}  // namespace

fs::path program_path(std::string_view program) {
  return (own_path().parent_path() / kProgramDirFromBinary / program).lexically_normal();
}

void run_dialect_program(std::string_view dialect_name, std::string_view program) {
  const auto path = program_path(program);
  auto args = own_arguments();
  args.front() = path.string();
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::cout.flush();
  std::cerr.flush();
  setenv(kStartedByVariable, MIGRATE_VERSION, 1);
  execv(path.c_str(), argv.data());
  const int error = errno;
  unsetenv(kStartedByVariable);
  throw Error(
      fmt::format("The {} dialect is a separate program, {}, which could not be started: "
                  "{}; it is installed with the migrate binary (cmake --install puts it "
                  "in <prefix>/lib/migrate/)",
                  dialect_name, path.string(), std::strerror(error)));
}

void check_started_by() {
  const char* parent = std::getenv(kStartedByVariable);
  if (parent == nullptr || std::string_view(parent) == MIGRATE_VERSION) return;
  throw Error(
      fmt::format("{} belongs to migrate {}, but was started by migrate {}; install the "
                  "binary and its dialect programs from the same build",
                  own_path().string(), MIGRATE_VERSION, parent));
}

}  // namespace migrate::dialects
