#include "support/process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace migrate::test {
namespace fs = std::filesystem;

namespace {

std::atomic<int> counter{0};

fs::path unique_path(std::string_view stem) {
  return fs::temp_directory_path() /
         (std::string(stem) + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
}

}  // namespace

TempDir::TempDir() : path_(unique_path("migrate-test")) { fs::create_directories(path_); }

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, std::string_view text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

Running start_program(const std::vector<std::string>& argv, const RunOptions& options) {
  Running running;
  running.out_file = unique_path("migrate-out");
  running.err_file = unique_path("migrate-err");
  const fs::path in_file = unique_path("migrate-in");
  write_file(in_file, options.stdin_text.value_or(""));

  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    const std::string key = entry.substr(0, entry.find('='));
    if (!options.env.count(key)) env_strings.push_back(entry);
  }
  for (const auto& [key, value] : options.env) {
    if (!value.empty()) env_strings.push_back(key + "=" + value);
  }
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> argp;
  for (auto& s : args) argp.push_back(s.data());
  argp.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    const int in = open(in_file.c_str(), O_RDONLY);
    const int out = open(running.out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(running.err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(argp[0], argp.data(), envp.data());
    _exit(127);
  }
  running.pid = pid;
  return running;
}

Result wait_program(const Running& running) {
  int status = 0;
  waitpid(running.pid, &status, 0);
  Result result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(running.out_file);
  result.err = read_file(running.err_file);
  std::error_code ec;
  fs::remove(running.out_file, ec);
  fs::remove(running.err_file, ec);
  return result;
}

Result run_program(const std::vector<std::string>& argv, const RunOptions& options) {
  return wait_program(start_program(argv, options));
}

}  // namespace migrate::test
