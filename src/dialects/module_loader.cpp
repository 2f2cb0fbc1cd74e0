#include "dialects/module_loader.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "dialects/module_abi.h"
#include "migrate/error.h"

namespace migrate::dialects {
namespace {

std::filesystem::path binary_directory() {
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    throw Error(
        fmt::format("Cannot locate the migrate binary to find its dialect modules: "
                    "/proc/self/exe: {}",
                    error.message()));
  }
  return self.parent_path();
}

std::string loader_error() {
  const char* reason = dlerror();
  return reason != nullptr ? reason : "unknown reason";
}

}  // namespace

const Dialect& load_module(std::string_view dialect_name, std::string_view file) {
  const auto path = (binary_directory() / kModuleDirFromBinary / file).lexically_normal();
  // RTLD_LOCAL: the module's copies of migrate's own code stay private to it.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    throw Error(
        fmt::format("The {} dialect could not be loaded from {}: {}; it is installed "
                    "with the migrate binary (cmake --install puts it in "
                    "<prefix>/lib/migrate/)",
                    dialect_name, path.string(), loader_error()));
  }
  auto version = reinterpret_cast<MigrateModuleVersionFn>(dlsym(handle, kModuleVersionSymbol));
  auto dialect = reinterpret_cast<MigrateModuleDialectFn>(dlsym(handle, kModuleDialectSymbol));
  if (version == nullptr || dialect == nullptr) {
    throw Error(
        fmt::format("{} is not a migrate dialect module: {}", path.string(), loader_error()));
  }
  if (std::string_view(version()) != MIGRATE_VERSION) {
    throw Error(
        fmt::format("{} belongs to migrate {}, but this binary is migrate {}; install "
                    "the binary and its modules from the same build",
                    path.string(), version(), MIGRATE_VERSION));
  }
  return *dialect();
}

}  // namespace migrate::dialects
