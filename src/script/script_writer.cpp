#include "migrate/script/script_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <variant>

#include "migrate/config/config.h"
#include "migrate/core/error.h"
#include "migrate/core/file.h"
#include "migrate/core/text.h"
#include "ops/yaml_scalar.h"
#include "script/script_header.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTemplateName = "script.yaml.tmpl";

// ---- time ----

struct LocalTime {
  std::tm tm{};
  long micros = 0;
  long long epoch = 0;
};

// g++ 12's libstdc++ has no std::chrono::tzdb, so a zone is applied through TZ and
// localtime_r, after checking it names a real zoneinfo file: glibc silently falls back to UTC
// for an unknown name.
class ScopedTimezone {
 public:
  explicit ScopedTimezone(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone.c_str(), 1);
    ::tzset();
  }
  ScopedTimezone(const ScopedTimezone&) = delete;
  ScopedTimezone& operator=(const ScopedTimezone&) = delete;
  ~ScopedTimezone() {
    if (old_) {
      ::setenv("TZ", old_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

bool is_zoneinfo_file(const std::string& zone) {
  if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
  const char* dir = std::getenv("TZDIR");
  const fs::path file =
      fs::path(dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo") / zone;
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::memcmp(magic, "TZif", 4) == 0;
}

LocalTime local_time(std::chrono::system_clock::time_point now,
                     const std::optional<std::string>& timezone) {
  using namespace std::chrono;
  LocalTime result;
  const auto since_epoch = duration_cast<microseconds>(now.time_since_epoch()).count();
  result.epoch = since_epoch / 1000000 - (since_epoch % 1000000 < 0 ? 1 : 0);
  result.micros = static_cast<long>(since_epoch - result.epoch * 1000000);
  const std::time_t seconds = static_cast<std::time_t>(result.epoch);
  if (!timezone) {
    ::tzset();
    localtime_r(&seconds, &result.tm);
    return result;
  }
  std::string zone = *timezone;
  if (!is_zoneinfo_file(zone)) {
    // Alembic retries upper-cased, so that "utc" finds "UTC".
    zone = upper(zone);
    if (!is_zoneinfo_file(zone)) {
      throw Error(fmt::format(
          "Can't locate timezone '{}' (the 'timezone' setting); use an IANA name such as "
          "Europe/Paris or UTC",
          *timezone));
    }
  }
  const ScopedTimezone scope(zone);
  localtime_r(&seconds, &result.tm);
  return result;
}

std::string create_date_text(const LocalTime& t) {
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}", t.tm.tm_year + 1900,
                     t.tm.tm_mon + 1, t.tm.tm_mday, t.tm.tm_hour, t.tm.tm_min, t.tm.tm_sec,
                     t.micros);
}

// ---- file name: Python %-formatting of file_template, as Alembic does ----

using TokenValue = std::variant<std::string, long long>;

// One printf conversion of `value`, measured first so that any width fits; nullopt if printf
// fails (a result longer than INT_MAX).
template <typename T>
std::optional<std::string> printf_one(const std::string& spec, T value) {
  const int size = std::snprintf(nullptr, 0, spec.c_str(), value);
  if (size < 0) return std::nullopt;
  std::string out(static_cast<std::size_t>(size), '\0');
  // size + 1: snprintf also writes the terminating NUL, which std::string keeps room for.
  if (std::snprintf(out.data(), out.size() + 1, spec.c_str(), value) != size) return std::nullopt;
  return out;
}

std::string python_format(const std::string& tmpl,
                          const std::map<std::string, TokenValue>& values) {
  const auto bad = [&](const std::string& why) {
    return Error(fmt::format("file_template '{}': {}", tmpl, why));
  };
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '%') {
      out += tmpl[i];
      continue;
    }
    if (i + 1 < tmpl.size() && tmpl[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    const auto close = tmpl.find(')', i);
    if (i + 1 >= tmpl.size() || tmpl[i + 1] != '(' || close == std::string::npos) {
      throw bad("'%' must start a token like %(rev)s, or be doubled");
    }
    const std::string name = tmpl.substr(i + 2, close - i - 2);
    const auto value = values.find(name);
    if (value == values.end()) {
      throw bad(
          fmt::format("unknown token %({})s; known: rev, slug, epoch, year, month, day, "
                      "hour, minute, second",
                      name));
    }
    // Conversion spec: flags, width, .precision, then s, d or i.
    std::size_t j = close + 1;
    std::string flags;
    while (j < tmpl.size() && std::strchr("-+ 0#", tmpl[j]) != nullptr && tmpl[j] != '\0') {
      flags += tmpl[j++];
    }
    std::string width;
    while (j < tmpl.size() && std::isdigit(static_cast<unsigned char>(tmpl[j]))) width += tmpl[j++];
    std::string precision;
    if (j < tmpl.size() && tmpl[j] == '.') {
      precision = ".";
      ++j;
      while (j < tmpl.size() && std::isdigit(static_cast<unsigned char>(tmpl[j]))) {
        precision += tmpl[j++];
      }
    }
    if (j >= tmpl.size() || std::strchr("sdi", tmpl[j]) == nullptr || tmpl[j] == '\0' ||
        width.size() > 3 || precision.size() > 4) {
      throw bad(fmt::format("token %({}) needs a conversion such as s, d or .2d", name));
    }
    const char conversion = tmpl[j];
    std::optional<std::string> formatted;
    if (conversion == 's') {
      const std::string text = std::holds_alternative<std::string>(value->second)
                                   ? std::get<std::string>(value->second)
                                   : std::to_string(std::get<long long>(value->second));
      formatted = printf_one("%" + flags + width + precision + "s", text.c_str());
    } else {
      if (!std::holds_alternative<long long>(value->second)) {
        throw bad(fmt::format("%({}){} needs a number; use %({})s", name, conversion, name));
      }
      formatted =
          printf_one("%" + flags + width + precision + "lld", std::get<long long>(value->second));
    }
    if (!formatted) throw bad(fmt::format("token %({}) could not be formatted", name));
    out += *formatted;
    i = j;
  }
  return out;
}

// ---- template rendering ----

std::string yaml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += detail::double_quoted(items[i]);
  }
  return out + "]";
}

std::string comma_list(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

// "  - op" lines, or "  []".
std::string operations_block(const std::string& yaml) {
  const bool empty = yaml.find_first_not_of(" \t\r\n") == std::string::npos;
  std::string_view text = empty ? std::string_view("[]") : std::string_view(yaml);
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  std::string out;
  while (true) {
    const auto eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    if (!line.empty()) out += "  ";
    out += line;
    if (eol == std::string_view::npos) break;
    out += '\n';
    text = text.substr(eol + 1);
  }
  return out;
}

struct Placeholder {
  std::string yaml;
  std::string comment;
};

std::string downgrade_section(const std::string& yaml) {
  if (yaml.find_first_not_of(" \t\r\n") == std::string::npos) return "";
  return "downgrade:\n" + operations_block(yaml);
}

std::string render(std::string_view tmpl, const std::map<std::string, Placeholder>& values,
                   const std::string& template_file) {
  std::string out;
  int line_no = 0;
  while (!tmpl.empty()) {
    const auto eol = tmpl.find('\n');
    const std::string_view line = tmpl.substr(0, eol);
    tmpl = eol == std::string_view::npos ? std::string_view{} : tmpl.substr(eol + 1);
    ++line_no;
    const auto first = line.find_first_not_of(" \t");
    const bool comment = first != std::string_view::npos && line[first] == '#';
    std::string rendered;
    bool substituted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '$' || i + 1 >= line.size() || line[i + 1] != '{') {
        rendered += line[i];
        continue;
      }
      const auto close = line.find('}', i);
      if (close == std::string_view::npos) {
        throw Error(
            fmt::format("{}:{}: unclosed '${{' in the script template", template_file, line_no));
      }
      const std::string name(line.substr(i + 2, close - i - 2));
      const auto value = values.find(name);
      if (value == values.end()) {
        std::vector<std::string> known;
        for (const auto& [key, unused] : values) known.push_back("${" + key + "}");
        throw Error(
            fmt::format("{}:{}: unknown placeholder ${{{}}} in the script template; "
                        "known: {}",
                        template_file, line_no, name, fmt::join(known, ", ")));
      }
      rendered += comment ? value->second.comment : value->second.yaml;
      substituted = true;
      i = close;
    }
    if (comment && substituted) {  // "# Revises: " for a root: no trailing blank
      rendered.erase(rendered.find_last_not_of(' ') + 1);
    }
    out += rendered;
    if (eol != std::string_view::npos) out += '\n';
  }
  return out;
}

std::string read_template(const fs::path& path, std::string_view fallback) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!fallback.empty()) return std::string(fallback);
    throw Error(fmt::format("No script template '{}'", path.string()));
  }
  return read_file(path, fmt::format("Could not read the script template '{}'", path.string()));
}

void write_new_file(const fs::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST) {
    throw Error(
        fmt::format("{} already exists; migrate never overwrites a script (choose "
                    "another --rev-id or message)",
                    path.string()));
  }
  if (fd < 0) {
    throw Error(fmt::format("Could not create {}: {}", path.string(), std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      std::error_code ec;
      fs::remove(path, ec);  // no half-written script left behind
      throw Error(fmt::format("Could not write {}: {}", path.string(), std::strerror(error)));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    throw Error(fmt::format("Could not write {}: {}", path.string(), std::strerror(errno)));
  }
}

}  // namespace

std::string generate_rev_id() {
  std::random_device random;
  const unsigned long long high = random();
  const unsigned long long low = random();
  return fmt::format("{:012x}", ((high << 32) | low) & 0xFFFFFFFFFFFFULL);
}

void validate_rev_id(std::string_view id) {
  if (const auto problem = detail::rev_id_problem(id)) {
    throw Error(
        fmt::format("Revision id '{}' is not valid: {}; ids hold at most 32 characters "
                    "and none of @ - + :",
                    id, *problem));
  }
}

std::string revision_slug(std::string_view message, int truncate_length) {
  // Python's \w+ words; bytes of UTF-8 sequences count as letters.
  const auto is_word = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || u >= 0x80;
  };
  std::string slug;
  for (std::size_t i = 0; i < message.size();) {
    if (!is_word(message[i])) {
      ++i;
      continue;
    }
    if (!slug.empty()) slug += '_';
    for (; i < message.size() && is_word(message[i]); ++i) {
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(message[i])));
    }
  }
  // Lengths count characters, not bytes, as Python does.
  const auto is_lead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  std::optional<std::size_t> cut;
  int characters = 0;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    if (!is_lead(slug[i])) continue;
    if (characters == truncate_length) {
      cut = i;
      break;
    }
    ++characters;
  }
  if (!cut) return slug;  // short enough
  const std::string head = slug.substr(0, *cut);
  return head.substr(0, head.rfind('_')) + "_";
}

std::string format_create_date(std::chrono::system_clock::time_point now,
                               const std::optional<std::string>& timezone) {
  return create_date_text(local_time(now, timezone));
}

fs::path script_template_path(const Config& config) {
  return config.script_location() / kTemplateName;
}

namespace {

// The directory the new script goes in: the revision's version_path, else the first version
// location. It must already exist.
fs::path version_directory(const Config& config, const NewRevision& revision) {
  const fs::path directory =
      revision.version_path.empty() ? config.version_locations().front() : revision.version_path;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    throw Error(
        fmt::format("Version directory '{}' does not exist; create it, or run 'migrate "
                    "init DIR' for a new environment",
                    directory.string()));
  }
  return directory;
}

// The script's file name without ".yaml": file_template filled in, checked to be a plain name.
std::string script_file_name(const Config& config, const NewRevision& revision,
                             const LocalTime& time) {
  const std::string slug = revision_slug(revision.message, config.truncate_slug_length());
  const std::string name =
      python_format(config.file_template(), {{"rev", revision.rev_id},
                                             {"slug", slug},
                                             {"epoch", time.epoch},
                                             {"year", time.tm.tm_year + 1900LL},
                                             {"month", time.tm.tm_mon + 1LL},
                                             {"day", static_cast<long long>(time.tm.tm_mday)},
                                             {"hour", static_cast<long long>(time.tm.tm_hour)},
                                             {"minute", static_cast<long long>(time.tm.tm_min)},
                                             {"second", static_cast<long long>(time.tm.tm_sec)}});
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
    throw Error(
        fmt::format("file_template '{}' gives the file name '{}'; it must be a plain "
                    "file name",
                    config.file_template(), name));
  }
  return name;
}

// What each ${...} of the template stands for, in YAML and in a comment line.
std::map<std::string, Placeholder> placeholders(const NewRevision& revision,
                                                const std::string& create_date) {
  std::string message_comment = revision.message;
  for (std::size_t pos = 0; (pos = message_comment.find('\n', pos)) != std::string::npos;) {
    message_comment.insert(pos + 1, "# ");
    pos += 3;
  }
  const auto& downs = revision.down_revisions;
  const std::string down_list = comma_list(downs);
  const std::string upgrades = operations_block(revision.upgrade_yaml);
  const std::string downgrades = operations_block(revision.downgrade_yaml);
  // import-alembic: Alembic never derives a downgrade, so an empty one stays empty.
  const std::string downgrade_key =
      revision.explicit_downgrade &&
              revision.downgrade_yaml.find_first_not_of(" \t\r\n") == std::string::npos
          ? "downgrade: []"
          : downgrade_section(revision.downgrade_yaml);
  return {
      {"message", {detail::double_quoted(revision.message), message_comment}},
      {"up_revision", {detail::double_quoted(revision.rev_id), revision.rev_id}},
      {"down_revision",
       {downs.empty()       ? "null"
        : downs.size() == 1 ? detail::double_quoted(downs.front())
                            : yaml_list(downs),
        down_list}},
      {"down_revision_comment", {down_list, down_list}},
      {"branch_labels", {yaml_list(revision.branch_labels), comma_list(revision.branch_labels)}},
      {"depends_on", {yaml_list(revision.depends_on), comma_list(revision.depends_on)}},
      {"create_date", {detail::double_quoted(create_date), create_date}},
      {"upgrades", {upgrades, upgrades}},
      {"downgrades", {downgrades, downgrades}},
      // The whole `downgrade:` key, or nothing: an absent downgrade is derived by inverting
      // upgrade, while an explicit `downgrade: []` would silently make downgrading a no-op.
      {"downgrade_section", {downgrade_key, downgrade_key}},
  };
}

// A template edited into something that does not load back is caught here, not at the next
// `migrate upgrade`.
void check_loads_back(const std::string& text, const fs::path& path, const NewRevision& revision,
                      const fs::path& template_path) {
  try {
    const Script script = detail::parse_script(text, path);
    if (script.info.revision.id != revision.rev_id ||
        script.info.revision.down_revisions != revision.down_revisions) {
      throw Error(
          "its revision or down_revision does not come from ${up_revision} and "
          "${down_revision}");
    }
  } catch (const Error& e) {
    throw Error(fmt::format("The script template {} gives an invalid script: {}",
                            template_path.string(), e.what()));
  }
}

}  // namespace

std::string render_revision_text(std::string_view tmpl, const NewRevision& revision,
                                 const std::string& create_date, const std::string& template_file) {
  validate_rev_id(revision.rev_id);
  return render(tmpl, placeholders(revision, create_date), template_file) + revision.extra_yaml;
}

void write_new_script(const fs::path& path, const std::string& text) { write_new_file(path, text); }

fs::path write_revision(const Config& config, const NewRevision& revision,
                        std::chrono::system_clock::time_point now,
                        std::string_view fallback_template) {
  validate_rev_id(revision.rev_id);
  const fs::path template_path = script_template_path(config);
  const std::string tmpl = read_template(template_path, fallback_template);
  const fs::path directory = version_directory(config, revision);
  const LocalTime time = local_time(now, config.timezone());
  const fs::path path = directory / (script_file_name(config, revision, time) + ".yaml");
  const std::string text =
      render(tmpl, placeholders(revision, create_date_text(time)), template_path.string()) +
      revision.extra_yaml;
  check_loads_back(text, path, revision, template_path);
  write_new_file(path, text);
  return path;
}

}  // namespace migrate
