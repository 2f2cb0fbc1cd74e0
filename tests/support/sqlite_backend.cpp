#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "support/backend.h"

namespace migrate::test {
namespace {

class SqliteBackend : public Backend {
 public:
  std::string name() const override { return "sqlite"; }

  std::string create_database(const std::filesystem::path& dir) override {
    path_ = dir / "test.db";
    return "sqlite:///" + path_.string();  // absolute path: sqlite:////tmp/...
  }

  Rows query(const std::string& sql) override {
    SQLite::Database db(path_.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Statement statement(db, sql);
    Rows rows;
    while (statement.executeStep()) {
      std::vector<std::optional<std::string>> row;
      for (int i = 0; i < statement.getColumnCount(); ++i) {
        const auto column = statement.getColumn(i);
        row.push_back(column.isNull() ? std::nullopt
                                      : std::optional<std::string>(column.getString()));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  void execute(const std::string& sql) override {
    SQLite::Database db(path_.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(sql);
  }

  std::vector<std::string> tables() override {
    std::vector<std::string> names;
    for (const auto& row : query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT "
                                 "LIKE 'sqlite_%' ORDER BY name")) {
      names.push_back(*row[0]);
    }
    return names;
  }

  std::vector<std::string> columns(const std::string& table) override {
    std::vector<std::string> names;
    for (const auto& row :
         query("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid")) {
      names.push_back(*row[0]);
    }
    return names;
  }

  std::string schema_fingerprint() override {
    std::string text;
    // The history table is the online runs' bookkeeping, which --sql does not write.
    for (const auto& row : query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE "
                                 "tbl_name <> 'alembic_version_history' ORDER BY type, name")) {
      for (const auto& cell : row) text += cell.value_or("NULL") + " | ";
      text += "\n";
    }
    const bool has_versions =
        !query("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").empty();
    if (!has_versions) return text;
    for (const auto& row : query("SELECT version_num FROM alembic_version ORDER BY version_num")) {
      text += "version " + row[0].value_or("NULL") + "\n";
    }
    return text;
  }

  // The PRAGMAs' view: columns, indexes and foreign keys. A declared type is compared without
  // case or blanks (NUMERIC(12, 2) is numeric(12,2)), a default without enclosing parentheses
  // (SQLAlchemy writes DEFAULT (TRUE) where `migrate` may write DEFAULT TRUE: the same default),
  // and the index a UNIQUE or PRIMARY KEY clause makes is known by its columns: its number
  // (sqlite_autoindex_t_2) only says where the clause stood in the CREATE TABLE.
  // Check constraints have no PRAGMA; Dialect::reflect() reads them.
  std::string catalog_fingerprint() override {
    std::string text;
    const auto line = [this, &text](const std::string& prefix, const std::string& sql) {
      for (const auto& row : query(sql)) {
        text += prefix;
        for (const auto& cell : row) text += cell.value_or("NULL") + " | ";
        text += "\n";
      }
    };
    for (const auto& table : tables()) {
      if (table == "alembic_version_history") continue;
      const std::string quoted = "'" + table + "'";
      text += "table " + table + "\n";
      line("  column ",
           "SELECT name, upper(replace(type, ' ', '')), \"notnull\", "
           "CASE WHEN dflt_value LIKE '(%)' THEN substr(dflt_value, 2, length(dflt_value) - 2) "
           "ELSE dflt_value END, pk, hidden "
           "FROM pragma_table_xinfo(" +
               quoted + ") ORDER BY cid");
      line("  index ",
           "SELECT CASE l.origin WHEN 'c' THEN l.name ELSE 'sqlite_autoindex' END, "
           "l.\"unique\", l.origin, l.partial, group_concat(i.name) "
           "FROM pragma_index_list(" +
               quoted + ") l, pragma_index_info(l.name) i GROUP BY l.name ORDER BY 1, 5");
      line("  foreign key ",
           "SELECT \"table\", group_concat(\"from\"), group_concat(\"to\"), on_update, "
           "on_delete FROM pragma_foreign_key_list(" +
               quoted + ") GROUP BY id ORDER BY 1, 2");
    }
    return text;
  }

  Result run_sql_file(const std::filesystem::path& file) override {
    return run_program(
        {"/usr/bin/sqlite3", "-bail", path_.string()},
        RunOptions{.cwd = file.parent_path(), .env = {}, .stdin_text = read_file(file)});
  }

  std::string unreachable_url(const std::filesystem::path& dir) override {
    return "sqlite:///" + (dir / "no" / "such" / "dir" / "x.db").string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend() { return std::make_unique<SqliteBackend>(); }

}  // namespace migrate::test
