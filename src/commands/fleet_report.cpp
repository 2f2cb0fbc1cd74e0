// What a fleet prints and writes: the live line, FAILED lines, the summary, the JSON records
// (RapidJSON, as json_report.cpp) and --report's JSON Lines, which --from-report reads back.
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <fstream>
#include <sstream>

#include "commands/fleet.h"
#include "migrate/core/error.h"
#include "migrate/core/file.h"

namespace migrate::commands::fleet_run {
namespace {

constexpr std::array<std::string_view, kStatusCount> kNames{
    "upgraded", "downgraded", "stamped",       "noop",        "ok",
    "pending",  "failed",     "not_attempted", "unreachable", "lock_timeout"};

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void heads(Writer& w, std::string_view key, const std::optional<std::vector<std::string>>& list) {
  string(w, key);
  if (!list) {
    w.Null();
    return;
  }
  w.StartArray();
  for (const auto& head : *list) string(w, head);
  w.EndArray();
}

void write_record(Writer& w, const Record& r) {
  w.StartObject();
  string(w, "target");
  string(w, r.target);
  heads(w, "from", r.from);
  heads(w, "to", r.to);
  string(w, "status");
  string(w, name(r.status));
  string(w, "duration_ms");
  w.Int64(r.duration.count());
  string(w, "error");
  if (r.error.empty()) {
    w.Null();
  } else {
    string(w, r.error);
  }
  w.EndObject();
}

std::map<Status, std::size_t> count(const std::vector<Record>& records) {
  std::map<Status, std::size_t> counts;
  for (const auto& record : records) ++counts[record.status];
  return counts;
}

std::optional<std::vector<std::string>> heads_of(const rapidjson::Value& value) {
  if (!value.IsArray()) return std::nullopt;
  std::vector<std::string> list;
  for (const auto& item : value.GetArray()) {
    if (item.IsString()) list.emplace_back(item.GetString());
  }
  return list;
}

// One line of a report; throws naming the file and line.
Record parse_record(const std::string& line, const std::string& where) {
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("target") ||
      !doc["target"].IsString() || !doc.HasMember("status") || !doc["status"].IsString()) {
    throw Error(
        fmt::format("{} is not a fleet report record (JSON with target and status)", where));
  }
  Record record;
  record.target = doc["target"].GetString();
  const auto status = status_named(doc["status"].GetString());
  if (!status)
    throw Error(fmt::format("{}: unknown status '{}'", where, doc["status"].GetString()));
  record.status = *status;
  if (doc.HasMember("from")) record.from = heads_of(doc["from"]);
  if (doc.HasMember("to")) record.to = heads_of(doc["to"]);
  if (doc.HasMember("error") && doc["error"].IsString()) record.error = doc["error"].GetString();
  return record;
}

}  // namespace

std::string_view name(Status status) { return kNames[static_cast<std::size_t>(status)]; }

std::optional<Status> status_named(std::string_view word) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == word) return static_cast<Status>(i);
  }
  return std::nullopt;
}

bool succeeded(Status status) {
  return status == Status::upgraded || status == Status::downgraded || status == Status::stamped ||
         status == Status::noop || status == Status::ok || status == Status::pending;
}

std::string record_json(const Record& record) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  write_record(w, record);
  return buffer.GetString();
}

std::vector<Record> read_report(const std::string& path) {
  const std::string text = read_file(path, fmt::format("Could not read the report '{}'", path));
  std::vector<Record> records;
  std::istringstream in(text);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    records.push_back(parse_record(line, fmt::format("{}:{}", path, line_no)));
  }
  return records;
}

void write_report(const std::string& path, const std::vector<Record>& records) {
  std::ostringstream text;
  for (const auto& record : records) text << record_json(record) << '\n';
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text.str();
  file.close();
  if (!file) throw Error(fmt::format("Could not write the report '{}'", path));
}

Progress::Progress(const Output& out, bool terminal, std::size_t total, bool quiet)
    : out_(&out), terminal_(terminal), quiet_(quiet), total_(total) {}

void Progress::started() {
  const std::lock_guard lock(mutex_);
  ++running_;
  draw();
}

void Progress::finished(const Record& record) {
  const std::lock_guard lock(mutex_);
  if (running_ > 0 && record.status != Status::not_attempted) --running_;
  ++done_;
  ++counts_[record.status];
  if (record.status == Status::not_attempted) {
    // Counted in the summary; one FAILED line each would bury the failure that stopped the run.
  } else if (!succeeded(record.status)) {
    ++failures_;
    out_->warn(fmt::format(
        "FAILED: {}: {}{}", record.target,
        record.status == Status::failed ? std::string() : fmt::format("{}: ", name(record.status)),
        record.error));
  } else if (!terminal_ && !quiet_) {
    std::string where;
    if (record.from && record.to && *record.from != *record.to) {
      where = fmt::format(
          " {} -> {}",
          record.from->empty() ? "base" : fmt::format("{}", fmt::join(*record.from, ",")),
          record.to->empty() ? "base" : fmt::format("{}", fmt::join(*record.to, ",")));
    }
    out_->progress(fmt::format("{}: {}{} ({} ms)", record.target, name(record.status), where,
                               record.duration.count()));
  }
  draw();
}

void Progress::draw() {
  if (!terminal_ || quiet_) return;
  std::string line;
  for (const auto& [status, n] : counts_) {
    line += fmt::format("{}{} {}", line.empty() ? "" : " · ", name(status), n);
  }
  line += fmt::format("{}running {}", line.empty() ? "" : " · ", running_);
  out_->step(done_, total_, line);
}

void Progress::end() {
  const std::lock_guard lock(mutex_);
  out_->end_steps();
}

std::size_t Progress::failures() const {
  const std::lock_guard lock(mutex_);
  return failures_;
}

void print_results(const Settings& settings, const std::vector<Record>& records,
                   std::chrono::milliseconds took, const Output& out) {
  const auto counts = count(records);
  if (settings.format == "jsonl") {
    for (const auto& record : records) out.data(record_json(record));
    return;
  }
  if (settings.format == "json") {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    string(w, "schema");
    string(w, "migrate.fleet/1");
    string(w, "command");
    string(w, command_line(settings));
    string(w, "targets");
    w.StartArray();
    for (const auto& record : records) write_record(w, record);
    w.EndArray();
    string(w, "summary");
    w.StartObject();
    string(w, "total");
    w.Uint64(records.size());
    for (const auto& [status, n] : counts) {
      string(w, name(status));
      w.Uint64(n);
    }
    w.EndObject();
    string(w, "duration_ms");
    w.Int64(took.count());
    string(w, "ok");
    w.Bool(std::all_of(records.begin(), records.end(),
                       [](const Record& r) { return succeeded(r.status); }));
    w.EndObject();
    out.data(buffer.GetString());
    return;
  }
  out.data(fmt::format("fleet {}: {} target{} in {:.1f} s", command_line(settings), records.size(),
                       records.size() == 1 ? "" : "s", static_cast<double>(took.count()) / 1000.0));
  for (const auto& [status, n] : counts) out.data(fmt::format("  {:<14}{:>7}", name(status), n));
}

}  // namespace migrate::commands::fleet_run
