#include "migrate/core/file.h"

#include <gtest/gtest.h>

#include <string>

#include "migrate/core/error.h"
#include "support/process.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

// The Error's message, or "" if reading did not throw one.
std::string error_reading(const fs::path& path) {
  try {
    (void)read_file(path, "could not read " + path.filename().string());
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ReadFile, ReturnsTheBytesUnchanged) {
  const test::TempDir dir;
  const std::string bytes = "line 1\r\nline 2\n\0 after a NUL\xEF\xBB\xBF"s;
  test::write_file(dir.path() / "a.txt", bytes);
  EXPECT_EQ(read_file(dir.path() / "a.txt", "unused"), bytes);
}

TEST(ReadFile, ReadsAFileLargerThanOneChunk) {
  const test::TempDir dir;
  std::string bytes;
  for (int i = 0; bytes.size() < 200'000; ++i) bytes += std::to_string(i) + '\n';
  test::write_file(dir.path() / "big.txt", bytes);
  EXPECT_EQ(read_file(dir.path() / "big.txt", "unused"), bytes);
}

TEST(ReadFile, AnEmptyFileIsEmptyText) {
  const test::TempDir dir;
  test::write_file(dir.path() / "empty.txt", "");
  EXPECT_EQ(read_file(dir.path() / "empty.txt", "unused"), "");
}

TEST(ReadFile, AMissingFileThrowsTheCallersMessage) {
  const test::TempDir dir;
  EXPECT_EQ(error_reading(dir.path() / "nope.ini"), "could not read nope.ini");
}

TEST(ReadFile, ADirectoryThrowsTheCallersMessage) {
  const test::TempDir dir;
  fs::create_directories(dir.path() / "sub");
  EXPECT_EQ(error_reading(dir.path() / "sub"), "could not read sub");
}

}  // namespace
}  // namespace migrate
