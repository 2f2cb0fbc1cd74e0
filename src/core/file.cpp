#include "migrate/core/file.h"

#include <fstream>

#include "migrate/core/error.h"

namespace migrate {

std::string read_file(const std::filesystem::path& path, std::string_view failure_message) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(std::string(failure_message));
  std::string text;
  // A loop over read(), not `stream << in.rdbuf()`: that sets failbit for an empty file too, so
  // it cannot tell an empty file from one that failed to read. A failed read sets badbit.
  char chunk[64 * 1024];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw Error(std::string(failure_message));
  return text;
}

}  // namespace migrate
