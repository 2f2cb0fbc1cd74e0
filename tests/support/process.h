#pragma once
// Runs the built `migrate` binary (or any program) in a directory and captures what a user
// would see: exit code, stdout, stderr. Real processes, so exit codes and stream separation are
// tested as shipped.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace migrate::test {

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

struct RunOptions {
  std::filesystem::path cwd;
  std::map<std::string, std::string> env;  // added to (or, with empty value, removed from) ours
  std::optional<std::string> stdin_text;
};

Result run_program(const std::vector<std::string>& argv, const RunOptions& options);

// Starts the program without waiting; wait_program() collects it.
struct Running {
  int pid = -1;
  std::filesystem::path out_file;
  std::filesystem::path err_file;
};
Running start_program(const std::vector<std::string>& argv, const RunOptions& options);
Result wait_program(const Running& running);

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view text);

}  // namespace migrate::test
