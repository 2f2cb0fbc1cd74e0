#include "migrate/script/script_directory.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <thread>
#include <utility>

#include "migrate/config/config.h"
#include "migrate/core/error.h"
#include "script/script_header.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail_read(const fs::path& path, int error) {
  throw Error(fmt::format("Could not read {}: {}", path.string(), std::strerror(error)));
}

// An open file descriptor, closed on scope exit.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  Descriptor(Descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);  // nothing useful to do if a read-only close fails
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads whole files into one reused buffer: on 100,000 scripts, an ifstream and a fresh string
// per file cost more than the scanning does.
class FileReader {
 public:
  // `directory` is an open directory for openat(), or AT_FDCWD with a full path. With
  // `single_read`, a read that does not fill the buffer is taken as the end of the file, which
  // holds for regular files on local file systems and saves a system call per file; load_infos
  // relies on it, load_script does not.
  std::string_view read(int directory, const char* name, const fs::path& shown, bool single_read) {
    const Descriptor fd(::openat(directory, name, O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) fail_read(shown, errno);
    std::size_t used = 0;
    while (true) {
      if (used == buffer_.size()) buffer_.resize(std::max<std::size_t>(buffer_.size() * 2, 65536));
      const ssize_t n = ::read(fd.get(), buffer_.data() + used, buffer_.size() - used);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail_read(shown, errno);
      used += static_cast<std::size_t>(n);
      if (n == 0 || (single_read && used < buffer_.size())) break;
    }
    return {buffer_.data(), used};
  }

 private:
  std::string buffer_;
};

bool is_script_name(std::string_view name) {
  // ".#name.yaml" is an editor's lock file, skipped as Alembic does.
  return (name.ends_with(".yaml") || name.ends_with(".yml")) && !name.starts_with(".#");
}

// A path below the working directory, relative to it; any other path unchanged.
fs::path shown(const fs::path& path) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return path;
  const fs::path relative = path.lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return path;
  return relative;
}

// Faulting in memory page by page is slow on virtual machines (~10 µs a page here), and the
// infos of 100,000 scripts fill 36 MB; ask for transparent huge pages before touching it. Only
// a hint: without THP nothing changes.
void advise_huge_pages(void* data, std::size_t size) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHugePage = 2 << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(kHugePage - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)size;
#endif
}

// One script file found by listing: its name lives in a shared buffer, saving an allocation
// per file.
struct Entry {
  std::size_t offset;
  std::size_t length;
  std::size_t location;
};

// Lists the script names of one version directory into `names` and `entries`.
void list_scripts(const fs::path& directory, int fd, std::size_t location, std::string& names,
                  std::vector<Entry>& entries) {
  const int copy = ::dup(fd);  // closedir() closes its descriptor; `fd` stays for openat()
  DIR* dir = copy < 0 ? nullptr : ::fdopendir(copy);
  if (dir == nullptr) {
    const int error = errno;
    if (copy >= 0) ::close(copy);
    throw Error(fmt::format("Could not list '{}': {}", directory.string(), std::strerror(error)));
  }
  const std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, ::closedir);
  while (true) {
    errno = 0;  // readdir() reports an error only through errno
    const dirent* entry = ::readdir(dir);
    if (entry == nullptr) break;
    const std::string_view name = entry->d_name;
    if (!is_script_name(name)) continue;
    bool regular = entry->d_type == DT_REG;
    if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
      struct stat st {};
      regular = ::fstatat(fd, entry->d_name, &st, 0) == 0 && S_ISREG(st.st_mode);
    }
    if (!regular) continue;  // a directory named x.yaml, a broken link
    entries.push_back({names.size(), name.size(), location});
    names.append(name);
  }
  if (errno != 0) {
    throw Error(fmt::format("Could not list '{}': {}", directory.string(), std::strerror(errno)));
  }
}

}  // namespace

ScriptDirectory ScriptDirectory::from_config(const Config& config) {
  std::vector<fs::path> locations;
  for (const fs::path& location : config.version_locations()) locations.push_back(shown(location));
  return ScriptDirectory(shown(config.script_location()), std::move(locations));
}

ScriptDirectory::ScriptDirectory(fs::path script_location, std::vector<fs::path> version_locations)
    : script_location_(std::move(script_location)),
      version_locations_(std::move(version_locations)) {}

std::vector<ScriptInfo> ScriptDirectory::load_infos() const {
  std::vector<Descriptor> directories;
  std::string names;
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < version_locations_.size(); ++i) {
    const fs::path& directory = version_locations_[i];
    Descriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 && (errno == ENOENT || errno == ENOTDIR)) {
      throw Error(
          fmt::format("No versions directory '{}'; run 'migrate init DIR' to create the migration "
                      "environment, or fix script_location / version_locations",
                      directory.string()));
    }
    if (fd.get() < 0) {
      throw Error(fmt::format("Could not open '{}': {}", directory.string(), std::strerror(errno)));
    }
    list_scripts(directory, fd.get(), i, names, entries);
    directories.push_back(std::move(fd));
  }
  const auto name_of = [&](const Entry& e) {
    return std::string_view(names).substr(e.offset, e.length);
  };
  // SPEC §8: file-name order decides between independent branches.
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    const int order = name_of(a).compare(name_of(b));
    return order != 0 ? order < 0 : a.location < b.location;
  });

  // Reading is system calls (open, read, close) and the scan; both halves of the list proceed
  // at once. Each thread stops at its first error; the earliest file's error is reported, as a
  // single thread would.
  std::vector<ScriptInfo> infos;
  infos.reserve(entries.size());
  advise_huge_pages(infos.data(), infos.capacity() * sizeof(ScriptInfo));
  infos.resize(entries.size());
  const auto read_range = [&](std::size_t begin, std::size_t end) {
    FileReader reader;
    std::string name;
    for (std::size_t i = begin; i < end; ++i) {
      const Entry& entry = entries[i];
      name.assign(name_of(entry));
      fs::path path = version_locations_[entry.location] / name;
      const std::string_view text =
          reader.read(directories[entry.location].get(), name.c_str(), path, true);
      infos[i] = detail::read_info(text, std::move(path));
    }
  };
  constexpr std::size_t kFilesPerThread = 2000;  // below this a thread costs more than it saves
  const std::size_t threads = std::clamp<std::size_t>(
      std::min<std::size_t>(std::thread::hardware_concurrency(), entries.size() / kFilesPerThread),
      1, 4);
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  const std::size_t chunk = (entries.size() + threads - 1) / threads;
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t begin = std::min(entries.size(), t * chunk);
    const std::size_t end = std::min(entries.size(), begin + chunk);
    const auto work = [&, t, begin, end] {
      try {
        read_range(begin, end);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    };
    if (t + 1 == threads) {
      work();  // the calling thread takes the last part
    } else {
      workers.emplace_back(work);
    }
  }
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return infos;
}

Script ScriptDirectory::load_script(const ScriptInfo& info) const {
  FileReader reader;
  Script script =
      detail::parse_script(reader.read(AT_FDCWD, info.path.c_str(), info.path, false), info.path);
  const Revision& a = script.info.revision;
  const Revision& b = info.revision;
  if (a.id != b.id || a.down_revisions != b.down_revisions || a.depends_on != b.depends_on ||
      a.branch_labels != b.branch_labels || script.info.message != info.message) {
    throw Error(fmt::format("{} changed while migrate was reading it; run the command again",
                            info.path.string()));
  }
  return script;
}

ScriptInfo read_script_info(const std::filesystem::path& path) {
  FileReader reader;
  return detail::read_info(reader.read(AT_FDCWD, path.c_str(), path, false), path);
}

const ScriptInfo& ScriptSet::info(std::string_view id) const {
  auto it = by_id.find(id);
  if (it == by_id.end()) throw Error(fmt::format("Can't locate revision identified by '{}'", id));
  return *it->second;
}

}  // namespace migrate
