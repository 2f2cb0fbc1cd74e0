// fleet's settings: the command line first, then [fleet] of the config file, then defaults.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "commands/fleet.h"
#include "migrate/core/duration.h"
#include "migrate/core/error.h"

namespace migrate::commands::fleet_run {
namespace {

constexpr std::array kCommands{"upgrade", "downgrade", "stamp", "current", "check", "status"};

std::size_t count_of(std::string_view text, std::string_view what, std::size_t least) {
  std::size_t n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || n < least) {
    throw Error(
        fmt::format("{} must be a whole number of at least {}, not '{}'", what, least, text));
  }
  return n;
}

// The option if given, else the [fleet] key, else nullopt.
std::optional<std::string> either(const std::optional<std::string>& option,
                                  const std::map<std::string, std::string>& section,
                                  const std::string& key) {
  if (option) return option;
  if (const auto it = section.find(key); it != section.end() && !it->second.empty()) {
    return it->second;
  }
  return std::nullopt;
}

std::optional<std::string> number_text(const std::optional<std::size_t>& option) {
  return option ? std::optional(std::to_string(*option)) : std::nullopt;
}

Shard parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    throw Error(fmt::format("--shard takes I/N (share I of N, from 1), not '{}'", text));
  }
  Shard shard{count_of(text.substr(0, slash), "--shard's I", 1),
              count_of(text.substr(slash + 1), "--shard's N", 1)};
  if (shard.index > shard.count) {
    throw Error(fmt::format("--shard {}: I must be between 1 and N", text));
  }
  return shard;
}

std::set<Status> parse_only(std::string_view text) {
  std::set<Status> only;
  for (std::size_t start = 0; start <= text.size();) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    const auto word = text.substr(start, end - start);
    if (word == "failed") {
      // Everything that did not succeed: what a rerun should pick up.
      only.insert(
          {Status::failed, Status::not_attempted, Status::unreachable, Status::lock_timeout});
    } else if (const auto status = status_named(word)) {
      only.insert(*status);
    } else {
      throw Error(fmt::format("--only: unknown status '{}'", word));
    }
    start = end + 1;
  }
  return only;
}

void check_command(const Settings& s) {
  if (std::find(kCommands.begin(), kCommands.end(), s.command) == kCommands.end()) {
    throw Error(
        fmt::format("fleet runs one of {}, not '{}'", fmt::join(kCommands, ", "), s.command));
  }
  const bool takes_revision = s.command == "upgrade" || s.command == "downgrade";
  if (takes_revision && s.args.size() != 1) {
    throw Error(fmt::format("fleet {} takes one revision, e.g. 'migrate fleet {} {}'", s.command,
                            s.command, s.command == "upgrade" ? "head" : "-1"));
  }
  if (s.command == "stamp" && s.args.empty()) {
    throw Error("fleet stamp takes the revision(s) to stamp");
  }
  if (!takes_revision && s.command != "stamp" && !s.args.empty()) {
    throw Error(fmt::format("fleet {} takes no revision", s.command));
  }
}

void check_sources(const Settings& s) {
  const int sources = (s.targets_file ? 1 : 0) + (s.targets_glob ? 1 : 0) +
                      (s.targets_sql ? 1 : 0) + (s.from_report ? 1 : 0);
  if (sources == 0) {
    throw Error(
        "fleet needs targets: --targets FILE|-, --targets-glob PATTERN, --targets-sql SQL, "
        "--from-report FILE, or targets/targets_glob/targets_sql in [fleet] of the config");
  }
  if (sources > 1) {
    throw Error(
        "fleet takes its targets from one place: give only one of --targets, "
        "--targets-glob, --targets-sql and --from-report");
  }
  if (!s.only.empty() && !s.from_report) {
    throw Error("--only selects records of a report: use it with --from-report FILE");
  }
}

}  // namespace

Settings resolve_settings(const FleetOptions& o, const Config& config) {
  const auto section = config.section_values("fleet");
  Settings s;
  s.command = o.command;
  s.args = o.args;
  check_command(s);
  s.format = o.format;
  s.from_report = o.from_report;
  if (!s.from_report) {
    // One source: the command line's replaces the config's altogether.
    const bool given = o.targets_file || o.targets_glob || o.targets_sql;
    s.targets_file = given ? o.targets_file : either(o.targets_file, section, "targets");
    s.targets_glob = given ? o.targets_glob : either(o.targets_glob, section, "targets_glob");
    s.targets_sql = given ? o.targets_sql : either(o.targets_sql, section, "targets_sql");
  }
  if (o.only) s.only = parse_only(*o.only);
  check_sources(s);
  if (const auto bind = either(o.bind, section, "bind")) s.bind = *bind;
  if (const auto jobs = either(number_text(o.jobs), section, "jobs")) {
    s.jobs = count_of(*jobs, "-j", 1);
  }
  if (const auto canary = either(number_text(o.canary), section, "canary")) {
    s.canary = count_of(*canary, "--canary", 0);
  }
  if (const auto max = either(o.max_failures, section, "max_failures")) {
    s.max_failures =
        *max == "all" ? std::nullopt : std::optional(count_of(*max, "--max-failures", 1));
  }
  if (o.shard) s.shard = parse_shard(*o.shard);
  const auto wait = o.lock_wait ? o.lock_wait : config.get("lock_timeout");
  s.lock.wait = std::chrono::seconds(60);
  if (wait && !wait->empty()) {
    const auto parsed = parse_duration(*wait);
    if (!parsed) throw Error(fmt::format("--lock-wait: '{}' is not a duration (5s, 1min)", *wait));
    s.lock.wait = parsed->count() == 0 ? std::nullopt : parsed;  // 0: as long as it takes
  }
  return s;
}

std::string command_line(const Settings& settings) {
  if (settings.args.empty()) return settings.command;
  return fmt::format("{} {}", settings.command, fmt::join(settings.args, " "));
}

bool changes_databases(const Settings& settings) {
  return settings.command == "upgrade" || settings.command == "downgrade" ||
         settings.command == "stamp";
}

}  // namespace migrate::commands::fleet_run
