#include "dialects/mysql/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <set>

#include "dialects/mysql/quoting.h"

namespace migrate::mysql {
namespace {

using Phase = CatalogObject::Phase;

const std::string& text(const Row& row, std::size_t i) {
  static const std::string kEmpty;
  return i < row.size() && row[i] ? *row[i] : kEmpty;
}

// `CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW ...` without
// the definer, which names an account of the server it came from.
std::string without_definer(const std::string& sql) {
  static const std::regex definer(
      R"re( DEFINER=(`(?:[^`]|``)*`|'[^']*'|\S+)@(`(?:[^`]|``)*`|'[^']*'|\S+))re");
  return std::regex_replace(sql, definer, "", std::regex_constants::format_first_only);
}

// The `SHOW CREATE ...` statement of one object, column `column` of its single row.
std::string show_create(Connection& connection, std::string_view what, const std::string& name,
                        std::size_t column) {
  const auto rows =
      connection.query(fmt::format("SHOW CREATE {} {}", what, quote_identifier(name)));
  return rows.empty() ? std::string() : without_definer(text(rows.front(), column));
}

void routines(Connection& connection, const std::string& schema,
              std::vector<CatalogObject>& objects) {
  for (const auto& row : connection.query(
           fmt::format("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE "
                       "ROUTINE_SCHEMA = {} ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
                       schema))) {
    const std::string& type = text(row, 0);  // FUNCTION or PROCEDURE
    const std::string& name = text(row, 1);
    objects.push_back({.phase = Phase::after_tables,
                       .kind = type == "FUNCTION" ? "function" : "procedure",
                       .name = name,
                       .create_sql = show_create(connection, type, name, 2),
                       .drop_sql = fmt::format("DROP {} {}", type, quote_identifier(name))});
  }
}

// Views, each after the views its definition names (as a quoted identifier).
void views(Connection& connection, const std::string& schema, std::vector<CatalogObject>& objects) {
  std::vector<std::pair<std::string, std::string>> found;  // name, CREATE VIEW
  for (const auto& row : connection.query(fmt::format(
           "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {} ORDER BY "
           "TABLE_NAME",
           schema))) {
    found.emplace_back(text(row, 0), show_create(connection, "VIEW", text(row, 0), 1));
  }
  std::set<std::string> pending;
  for (const auto& [name, sql] : found) pending.insert(name);
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    for (const auto& [name, sql] : found) {
      if (!pending.contains(name)) continue;
      const std::string body =
          sql.substr(sql.find(" AS ") == std::string::npos ? 0 : sql.find(" AS "));
      const bool ready =
          std::none_of(pending.begin(), pending.end(), [&](const std::string& other) {
            return other != name && body.find(quote_identifier(other)) != std::string::npos;
          });
      if (!ready) continue;
      pending.erase(name);
      progress = true;
      objects.push_back({.phase = Phase::after_tables,
                         .kind = "view",
                         .name = name,
                         .create_sql = sql,
                         .drop_sql = fmt::format("DROP VIEW {}", quote_identifier(name))});
    }
  }
}

void triggers(Connection& connection, const std::string& schema,
              std::vector<CatalogObject>& objects) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE "
           "TRIGGER_SCHEMA = {} ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, "
           "EVENT_MANIPULATION, ACTION_ORDER",
           schema))) {
    const std::string& name = text(row, 0);
    objects.push_back({.phase = Phase::after_tables,
                       .kind = "trigger",
                       .name = text(row, 1) + "." + name,
                       .create_sql = show_create(connection, "TRIGGER", name, 2),
                       .drop_sql = fmt::format("DROP TRIGGER {}", quote_identifier(name))});
  }
}

// Objects of one kind, listed by name (`list_sql`), each created as SHOW CREATE `what` writes it.
void shown(Connection& connection, const std::string& list_sql, Phase phase, const char* kind,
           std::string_view what, std::size_t column, std::vector<CatalogObject>& objects) {
  for (const auto& row : connection.query(list_sql)) {
    const std::string& name = text(row, 0);
    objects.push_back({.phase = phase,
                       .kind = kind,
                       .name = name,
                       .create_sql = show_create(connection, what, name, column),
                       .drop_sql = fmt::format("DROP {} {}", what, quote_identifier(name))});
  }
}

// MariaDB's sequences (listed among the tables, of type SEQUENCE; MySQL has none), before the
// tables, whose defaults may take NEXT VALUE FOR one.
void sequences(Connection& connection, const std::string& schema,
               std::vector<CatalogObject>& objects) {
  shown(connection,
        fmt::format("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} AND "
                    "TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME",
                    schema),
        Phase::before_tables, "sequence", "SEQUENCE", 1, objects);
}

// Scheduled events, after the tables their bodies use (which are not checked when an event is
// created); an event is created whether or not the server's scheduler runs.
void events(Connection& connection, const std::string& schema,
            std::vector<CatalogObject>& objects) {
  shown(connection,
        fmt::format("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = {} "
                    "ORDER BY EVENT_NAME",
                    schema),
        Phase::after_tables, "event", "EVENT", 3, objects);
}

// A table's comment, which create_table cannot say; the version tables named are left out.
void table_comments(Connection& connection, const std::string& schema,
                    const std::vector<std::string>& own_tables,
                    std::vector<CatalogObject>& objects) {
  std::vector<std::string> names;
  for (const auto& name : own_tables) names.push_back(quote_literal(name));
  for (const auto& row : connection.query(fmt::format(
           "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
           "{} AND TABLE_TYPE = 'BASE TABLE' AND TABLE_COMMENT <> '' AND TABLE_NAME NOT IN ({}) "
           "ORDER BY TABLE_NAME",
           schema, fmt::join(names, ", ")))) {
    const std::string table = quote_identifier(text(row, 0));
    objects.push_back({.phase = Phase::after_tables,
                       .kind = "comment",
                       .name = text(row, 0),
                       .create_sql = fmt::format("ALTER TABLE {} COMMENT = {}", table,
                                                 quote_literal(text(row, 1))),
                       .drop_sql = fmt::format("ALTER TABLE {} COMMENT = ''", table)});
  }
}

}  // namespace

std::vector<CatalogObject> catalog_objects(Connection& connection, const TableName& version_table) {
  const std::string schema =
      version_table.schema ? quote_literal(*version_table.schema) : std::string("DATABASE()");
  std::vector<CatalogObject> objects;
  // Routines first: a view may call a function, and neither a routine's nor a trigger's body is
  // checked against the schema when it is created.
  sequences(connection, schema, objects);
  routines(connection, schema, objects);
  views(connection, schema, objects);
  triggers(connection, schema, objects);
  events(connection, schema, objects);
  table_comments(connection, schema,
                 {version_table.name, progress_table_name(version_table.name),
                  history_table_name(version_table.name)},
                 objects);
  return objects;
}

}  // namespace migrate::mysql
