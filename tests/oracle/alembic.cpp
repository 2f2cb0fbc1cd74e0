#include "oracle/alembic.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include "migrate/config/url.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/schema.h"

namespace migrate::test {
namespace {

template <typename T>
std::string joined(const std::vector<T>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ",") + std::string(item);
  return "[" + text + "]";
}

std::string optional_text(const std::optional<std::string>& value) {
  return value ? "'" + *value + "'" : "-";
}

void dump_column(std::ostringstream& out, const SchemaColumn& column) {
  out << "  column " << column.name << " " << column.type << (column.nullable ? "" : " not null")
      << " default=" << optional_text(column.default_)
      << (column.autoincrement ? " autoincrement" : "")
      << " comment=" << optional_text(column.comment) << "\n";
}

void dump_table(std::ostringstream& out, const SchemaTable& table) {
  out << "table " << table.name << " key " << joined(table.primary_key) << " "
      << optional_text(table.primary_key_name) << "\n";
  for (const auto& column : table.columns) dump_column(out, column);
  for (const auto& index : table.indexes) {
    out << "  index " << index.name << " " << joined(index.columns)
        << (index.unique ? " unique" : "") << " where=" << optional_text(index.where) << "\n";
  }
  for (const auto& unique : table.unique)
    out << "  unique " << optional_text(unique.name) << " " << joined(unique.columns) << "\n";
  for (const auto& key : table.foreign_keys) {
    out << "  foreign key " << optional_text(key.name) << " " << joined(key.columns) << " -> "
        << key.ref_table << joined(key.ref_columns) << " ondelete=" << optional_text(key.ondelete)
        << " onupdate=" << optional_text(key.onupdate) << "\n";
  }
  for (const auto& check : table.checks)
    out << "  check " << optional_text(check.name) << " " << check.condition << "\n";
}

std::string reflected(const std::string& url) {
  const Url parsed = Url::parse(url);
  const Dialect& dialect = dialects::find(parsed);
  const auto connection = dialect.connect(parsed);
  std::ostringstream out;
  for (const auto& table :
       dialect.reflect(*connection, TableName{std::nullopt, "alembic_version"}).tables) {
    dump_table(out, table);
  }
  return out.str();
}

// Every table's rows but the version tables', ordered by the first column. `created_at` is left
// out: its default is the clock, which differs between the two runs.
std::string rows(Backend& backend) {
  std::string text;
  for (const auto& table : backend.tables()) {
    if (table.rfind("alembic_version", 0) == 0) continue;
    std::string columns;
    for (const auto& column : backend.columns(table)) {
      if (column != "created_at") columns += (columns.empty() ? "" : ", ") + column;
    }
    for (const auto& row : backend.query("SELECT " + columns + " FROM " + table + " ORDER BY 1")) {
      text += "row " + table + ":";
      for (const auto& cell : row) text += " " + cell.value_or("NULL");
      text += "\n";
    }
  }
  return text;
}

std::string versions(Backend& backend) {
  const auto tables = backend.tables();
  if (std::find(tables.begin(), tables.end(), "alembic_version") == tables.end())
    return "no version table\n";
  std::vector<std::string> ids;
  for (const auto& row : backend.query("SELECT version_num FROM alembic_version"))
    ids.push_back(row[0].value_or("NULL"));
  std::sort(ids.begin(), ids.end());
  return "versions " + joined(ids) + "\n";
}

}  // namespace

std::filesystem::path alembic_fixture(const std::string& name) {
  return std::filesystem::path(MIGRATE_SOURCE_DIR) / "tests" / "data" / "alembic" / name;
}

std::string sqlalchemy_url(const std::string& url) {
  if (url.rfind("mysql://", 0) == 0) return "mysql+pymysql://" + url.substr(8);
  return url;
}

Result run_alembic(const std::filesystem::path& fixture, const std::string& url,
                   const std::vector<std::string>& args) {
  std::vector<std::string> argv{
      "/usr/bin/python3",          "-m", "alembic", "-c", (fixture / "alembic.ini").string(), "-x",
      "url=" + sqlalchemy_url(url)};
  argv.insert(argv.end(), args.begin(), args.end());
  // No __pycache__ in the source tree; SQLAlchemy 1.4's 2.0 warnings are noise here.
  return run_program(argv, RunOptions{.cwd = fixture,
                                      .env = {{"PYTHONDONTWRITEBYTECODE", "1"},
                                              {"SQLALCHEMY_SILENCE_UBER_WARNING", "1"}},
                                      .stdin_text = std::nullopt});
}

// SPEC §6 lets an autoincrementing PostgreSQL key be SERIAL (SQLAlchemy's choice) or an identity
// column (migrate's): both number rows the same way and take explicit values, so the catalog
// line of a SERIAL column is written as the identity column's.
std::string serial_as_identity(const std::string& catalog) {
  static const std::regex serial(R"(\| nextval\('[A-Za-z0-9_]+_seq'::regclass\) \|  \|)");
  return std::regex_replace(catalog, serial, "| NULL | d |");
}

std::string database_dump(Backend& backend, const std::string& url) {
  return "-- reflected\n" + reflected(url) + "-- catalog\n" +
         serial_as_identity(backend.catalog_fingerprint()) + "-- rows\n" + rows(backend) + "-- " +
         versions(backend);
}

}  // namespace migrate::test
