#include "dialects/common/scratch_name.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdint>
#include <random>

namespace migrate::dialects {

std::string scratch_database_name() {
  std::random_device device;
  std::mt19937_64 random(device() ^ (static_cast<std::uint64_t>(getpid()) << 32));
  return fmt::format("migrate_scratch_{}_{:012x}", getpid(), random() & 0xffffffffffffULL);
}

}  // namespace migrate::dialects
