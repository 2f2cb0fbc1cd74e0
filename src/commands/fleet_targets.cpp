// fleet's targets: a file or stdin (one per line), a glob (each file's stem), a query on the
// config's database (the first column), or a report; de-duplicated, then sharded.
#include <fmt/format.h>
#include <glob.h>

#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>
#include <unordered_set>

#include "commands/fleet.h"
#include "migrate/core/error.h"
#include "migrate/core/file.h"
#include "migrate/core/text.h"

namespace migrate::commands::fleet_run {
namespace {

// One name per line; blank lines and lines starting with # are skipped.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto name = trim(line);
    if (!name.empty() && !name.starts_with('#')) names.emplace_back(name);
  }
  return names;
}

std::vector<std::string> from_file(const std::string& path) {
  if (path == "-") {
    return lines_of(std::string(std::istreambuf_iterator<char>(std::cin), {}));
  }
  return lines_of(read_file(path, fmt::format("Could not read the targets file '{}'", path)));
}

// RAII over glob(3)'s result.
struct GlobResult {
  glob_t value{};
  ~GlobResult() { globfree(&value); }
};

std::vector<std::string> from_glob(const std::string& pattern) {
  GlobResult result;
  const int code = glob(pattern.c_str(), 0, nullptr, &result.value);
  if (code == GLOB_NOMATCH) return {};
  if (code != 0) throw Error(fmt::format("--targets-glob '{}': could not read it", pattern));
  std::vector<std::string> names;
  for (std::size_t i = 0; i < result.value.gl_pathc; ++i) {
    names.push_back(std::filesystem::path(result.value.gl_pathv[i]).stem().string());
  }
  return names;
}

std::vector<std::string> from_sql(const std::string& sql, const Environment& env) {
  auto db = connect(env);
  std::vector<std::string> names;
  try {
    for (const auto& row : db.connection->query(sql)) {
      if (!row.empty() && row.front() && !row.front()->empty()) names.push_back(*row.front());
    }
  } catch (const Error& e) {
    throw Error(fmt::format("--targets-sql failed on {}: {}", db.url.masked(), e.what()));
  }
  return names;
}

std::vector<std::string> from_report(const Settings& settings) {
  std::vector<std::string> names;
  for (const auto& record : read_report(*settings.from_report)) {
    if (settings.only.empty() || settings.only.contains(record.status)) {
      names.push_back(record.target);
    }
  }
  return names;
}

std::vector<std::string> without_duplicates(std::vector<std::string> names) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> kept;
  for (auto& name : names) {
    if (seen.insert(name).second) kept.push_back(std::move(name));
  }
  return kept;
}

// FNV-1a 64: the same share for the same name on every machine and every run.
std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::vector<std::string> collect_targets(const Settings& settings, const Environment& env) {
  std::vector<std::string> names;
  if (settings.targets_file) names = from_file(*settings.targets_file);
  if (settings.targets_glob) names = from_glob(*settings.targets_glob);
  if (settings.targets_sql) names = from_sql(*settings.targets_sql, env);
  if (settings.from_report) names = from_report(settings);
  names = without_duplicates(std::move(names));
  return settings.shard ? shard_of(names, *settings.shard) : names;
}

std::vector<std::string> shard_of(const std::vector<std::string>& targets, const Shard& shard) {
  std::vector<std::string> share;
  for (const auto& target : targets) {
    if (stable_hash(target) % shard.count == shard.index - 1) share.push_back(target);
  }
  return share;
}

}  // namespace migrate::commands::fleet_run
