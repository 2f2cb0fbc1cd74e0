#include "commands/json_report.h"

// RapidJSON's Writer (Debian's rapidjson-dev): a streaming writer with no document tree, so a
// history of 10,000 revisions costs about what its text does. (nlohmann/json, tried first, built
// a tree of 10,000 objects and took 1.35x to 2x the text.)
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ostream>

#include "migrate/core/error.h"

namespace migrate::commands::json {
namespace {

using Buffer = rapidjson::StringBuffer;
using Writer = rapidjson::Writer<Buffer>;

void string(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void strings(Writer& w, const std::vector<std::string>& list) {
  w.StartArray();
  for (const auto& item : list) string(w, item);
  w.EndArray();
}

void field(Writer& w, std::string_view key, std::string_view value) {
  string(w, key);
  string(w, value);
}

// Named apart from field(): a string literal would choose a bool overload over string_view.
void flag(Writer& w, std::string_view key, bool value) {
  string(w, key);
  w.Bool(value);
}

// The last fields of a report whose command failed (check, lint, test): none when it did not.
void failure_fields(Writer& w, const std::string& error) {
  if (error.empty()) return;
  field(w, "error", error);
  string(w, "exit_code");
  w.Int(kExitFailure);
}

void partial_fields(Writer& w, const PartialRecord& partial) {
  field(w, "direction", partial.direction == Direction::up ? "upgrade" : "downgrade");
  string(w, "statements_applied");
  w.Uint64(partial.statements());
}

// The fields of one revision, without the braces (branches adds its children).
void revision_fields(Writer& w, const RevisionGraph& graph, const ScriptInfo& script,
                     const Marks& marks) {
  const Revision& r = script.revision;
  field(w, "revision", r.id);
  string(w, "down_revisions");
  strings(w, r.down_revisions);
  string(w, "depends_on");
  strings(w, r.depends_on);
  string(w, "branch_labels");
  strings(w, graph.branch_labels(r.id));
  field(w, "message", script.message);
  field(w, "create_date", script.create_date);
  field(w, "path", script.path.string());
  flag(w, "is_head", graph.is_real_head(r.id));
  flag(w, "is_branch_point", graph.is_branch_point(r.id));
  flag(w, "is_merge_point", graph.is_merge_point(r.id));
  if (marks.current != nullptr) flag(w, "is_current", marks.current->count(r.id) > 0);
  if (marks.partial != nullptr && *marks.partial && (*marks.partial)->revision == r.id) {
    string(w, "partial");
    w.StartObject();
    partial_fields(w, **marks.partial);
    w.EndObject();
  }
}

std::string text(const Buffer& buffer) { return {buffer.GetString(), buffer.GetSize()}; }

}  // namespace

bool wanted(const GlobalOptions& global) { return global.format == "json"; }

void revisions(std::ostream& out, std::string_view schema, const RevisionGraph& graph,
               const std::vector<const ScriptInfo*>& scripts, const Marks& marks) {
  // Flushed as it goes, so that 100,000 revisions never sit in memory as one string.
  constexpr std::size_t kFlushAt = 1 << 16;
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", schema);
  string(w, "revisions");
  w.StartArray();
  for (const ScriptInfo* script : scripts) {
    w.StartObject();
    revision_fields(w, graph, *script, marks);
    w.EndObject();
    if (buffer.GetSize() >= kFlushAt) {
      out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
      buffer.Clear();
    }
  }
  w.EndArray();
  w.EndObject();
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out << '\n';
}

std::string current(const RevisionGraph& graph, const std::vector<const ScriptInfo*>& scripts,
                    const std::optional<PartialRecord>& partial) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.current/1");
  string(w, "revisions");
  w.StartArray();
  for (const ScriptInfo* script : scripts) {
    w.StartObject();
    revision_fields(w, graph, *script, {});
    w.EndObject();
  }
  w.EndArray();
  string(w, "partial");
  if (partial) {
    w.StartObject();
    field(w, "revision", partial->revision);
    partial_fields(w, *partial);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  return text(buffer);
}

std::string branches(const RevisionGraph& graph,
                     const std::vector<const ScriptInfo*>& branch_points) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.branches/1");
  string(w, "branch_points");
  w.StartArray();
  for (const ScriptInfo* script : branch_points) {
    w.StartObject();
    revision_fields(w, graph, *script, {});
    string(w, "children");
    strings(w, graph.children(script->revision.id));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return text(buffer);
}

std::string run(std::string_view command, const std::vector<StepReport>& steps,
                const std::vector<std::string>& heads) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.run/1");
  field(w, "command", command);
  string(w, "steps");
  w.StartArray();
  for (const auto& step : steps) {
    w.StartObject();
    field(w, "revision", step.revision);
    field(w, "direction", step.direction);
    field(w, "message", step.message);
    string(w, "duration_ms");
    w.Double(std::chrono::duration<double, std::milli>(step.duration).count());
    w.EndObject();
  }
  w.EndArray();
  string(w, "heads");
  strings(w, heads);
  w.EndObject();
  return text(buffer);
}

std::string written(std::string_view revision, const std::filesystem::path& path) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.revision/1");
  field(w, "revision", revision);
  field(w, "path", path.string());
  w.EndObject();
  return text(buffer);
}

std::string check(const std::vector<std::string>& changes, const std::string& error) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.check/1");
  flag(w, "up_to_date", changes.empty());
  string(w, "changes");
  strings(w, changes);
  failure_fields(w, error);
  w.EndObject();
  return text(buffer);
}

std::string lint(const std::vector<lint::Finding>& findings, const std::string& dialect,
                 std::size_t migrations, const std::string& error) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.lint/1");
  field(w, "dialect", dialect);
  string(w, "migrations");
  w.Uint64(migrations);
  flag(w, "ok", error.empty());
  string(w, "findings");
  w.StartArray();
  for (const auto& f : findings) {
    w.StartObject();
    field(w, "rule", f.rule->id);
    field(w, "severity", lint::severity_name(f.severity));
    field(w, "file", f.file);
    string(w, "line");
    w.Int(f.line);
    field(w, "revision", f.revision);
    field(w, "operation", f.operation);
    field(w, "reason", f.reason);
    field(w, "advice", f.advice);
    w.EndObject();
  }
  w.EndArray();
  failure_fields(w, error);
  w.EndObject();
  return text(buffer);
}

std::string test(const TestReport& report, const std::string& error) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.test/1");
  field(w, "database", report.database);
  string(w, "revisions");
  w.Uint64(report.revisions);
  string(w, "checks");
  w.StartArray();
  for (const auto& check : report.checks) {
    w.StartObject();
    field(w, "name", check.name);
    field(w, "status", check.status);
    if (!check.reason.empty()) field(w, "reason", check.reason);
    w.EndObject();
  }
  w.EndArray();
  string(w, "failures");
  w.StartArray();
  for (const auto& failure : report.failures) {
    w.StartObject();
    field(w, "check", failure.check);
    field(w, "revision", failure.revision);
    field(w, "message", failure.message);
    w.EndObject();
  }
  w.EndArray();
  string(w, "duration_ms");
  w.Double(std::chrono::duration<double, std::milli>(report.duration).count());
  flag(w, "ok", report.failures.empty());
  failure_fields(w, error);
  w.EndObject();
  return text(buffer);
}

std::string error(std::string_view message, int exit_code) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.error/1");
  field(w, "error", message);
  string(w, "exit_code");
  w.Int(exit_code);
  w.EndObject();
  return text(buffer);
}

std::string version(std::string_view version, std::string_view commit,
                    const std::vector<DialectReport>& dialects) {
  Buffer buffer;
  Writer w(buffer);
  w.StartObject();
  field(w, "schema", "migrate.version/1");
  field(w, "version", version);
  field(w, "commit", commit);
  string(w, "dialects");
  w.StartArray();
  for (const auto& d : dialects) {
    w.StartObject();
    field(w, "name", d.name);
    flag(w, "built_in", d.built_in);
    string(w, "program");
    if (d.built_in) {
      w.Null();
    } else {
      string(w, d.program);
    }
    flag(w, "found", d.found);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return text(buffer);
}

}  // namespace migrate::commands::json
