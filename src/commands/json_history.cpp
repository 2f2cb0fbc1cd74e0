#include "commands/json_history.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "migrate/core/error.h"

namespace migrate::commands::json {
namespace {

using Buffer = rapidjson::StringBuffer;
using Writer = rapidjson::Writer<Buffer>;

void string(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void field(Writer& w, std::string_view key, std::string_view value) {
  string(w, key);
  string(w, value);
}

// A string, or null when empty.
void optional_field(Writer& w, std::string_view key, std::string_view value) {
  string(w, key);
  if (value.empty()) {
    w.Null();
  } else {
    string(w, value);
  }
}

void strings(Writer& w, std::string_view key, const std::vector<std::string>& list) {
  string(w, key);
  w.StartArray();
  for (const auto& item : list) string(w, item);
  w.EndArray();
}

void revision(Writer& w, const ScriptInfo& info) {
  field(w, "revision", info.revision.id);
  field(w, "message", info.message);
  field(w, "create_date", info.create_date);
  field(w, "path", info.path.string());
}

void revisions(Writer& w, std::string_view key, const std::vector<const ScriptInfo*>& infos) {
  string(w, key);
  w.StartArray();
  for (const ScriptInfo* info : infos) {
    w.StartObject();
    revision(w, *info);
    w.EndObject();
  }
  w.EndArray();
}

// "problems", "unknown" and "checked": what validate and status share.
void validation_fields(Writer& w, const Validation& result) {
  string(w, "checked");
  w.Uint64(result.checked);
  string(w, "problems");
  w.StartArray();
  for (const auto& finding : result.problems) {
    w.StartObject();
    field(w, "kind",
          finding.kind == Finding::Kind::out_of_order ? "out_of_order" : finding.kind_name());
    field(w, "revision", finding.revision);
    optional_field(w, "path", finding.path);
    field(w, "message", finding.detail);
    w.EndObject();
  }
  w.EndArray();
  strings(w, "unknown", result.unknown);
}

void error_fields(Writer& w, const std::string& error, int exit_code) {
  if (error.empty()) return;
  field(w, "error", error);
  string(w, "exit_code");
  w.Int(exit_code);
}

void history_row(Writer& w, const HistoryRow& row) {
  w.StartObject();
  string(w, "id");
  w.Int64(row.id);
  field(w, "revision", row.revision);
  field(w, "direction", row.direction == Direction::up ? "upgrade" : "downgrade");
  field(w, "outcome", row.outcome == Outcome::success ? "success" : "failed");
  optional_field(w, "checksum", row.checksum);
  field(w, "started_at", row.started_at);
  field(w, "finished_at", row.finished_at);
  string(w, "duration_ms");
  w.Int64(row.duration_ms);
  field(w, "migrate_version", row.migrate_version);
  optional_field(w, "error", row.error);
  w.EndObject();
}

void partial(Writer& w, const std::optional<PartialRecord>& record) {
  string(w, "partial");
  if (!record) {
    w.Null();
    return;
  }
  w.StartObject();
  field(w, "revision", record->revision);
  field(w, "direction", record->direction == Direction::up ? "upgrade" : "downgrade");
  string(w, "statements_applied");
  w.Uint64(record->statements());
  w.EndObject();
}

std::string text(const Buffer& buffer) { return {buffer.GetString(), buffer.GetSize()}; }

}  // namespace

std::string validate(const Validation& result, const std::string& error) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.validate/1");
  string(w, "valid");
  w.Bool(result.problems.empty());
  validation_fields(w, result);
  error_fields(w, error, kExitFailure);
  w.EndObject();
  return text(buffer);
}

std::string status(const StatusReport& report) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.status/1");
  field(w, "state", report.state);
  revisions(w, "current", report.current);
  partial(w, report.partial);
  string(w, "heads");
  w.StartArray();
  for (std::size_t i = 0; i < report.heads.size(); ++i) {
    w.StartObject();
    revision(w, *report.heads[i]);
    string(w, "applied");
    w.Bool(report.head_applied[i]);
    w.EndObject();
  }
  w.EndArray();
  if (report.pending) {
    revisions(w, "pending", *report.pending);
  } else {
    string(w, "pending");
    w.Null();
  }
  validation_fields(w, *report.validation);
  string(w, "recent");
  w.StartArray();
  for (const auto& row : report.recent) history_row(w, row);
  w.EndArray();
  string(w, "exit_code");
  w.Int(report.exit_code);
  if (!report.error.empty()) field(w, "error", report.error);
  w.EndObject();
  return text(buffer);
}

}  // namespace migrate::commands::json
