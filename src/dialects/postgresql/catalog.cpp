#include "dialects/postgresql/catalog.h"

#include <fmt/format.h>

#include <set>
#include <sstream>

#include "dialects/postgresql/catalog_query.h"
#include "dialects/postgresql/quoting.h"

namespace migrate::postgresql {
namespace {

using Phase = CatalogObject::Phase;

// Leaves out what an extension created (its functions, types, ...): the extension creates them.
constexpr const char* kNotFromExtension =
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.objid = {}.oid AND x.deptype = "
    "'e')";

std::string not_from_extension(std::string_view alias) {
  return fmt::format(fmt::runtime(kNotFromExtension), alias);
}

void extensions(Catalog& catalog) {
  for (const auto& row : catalog.query(
           "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e JOIN "
           "pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' "
           "ORDER BY e.oid")) {
    const std::string name = quote_identifier(text(row, 0));
    catalog.add(Phase::before_tables, "extension", text(row, 0),
                fmt::format("CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {}", name,
                            quote_identifier(text(row, 1))),
                fmt::format("DROP EXTENSION IF EXISTS {}", name));
  }
}

// Enums first, then domains and composite types in creation order (a domain over an enum, a
// composite over a domain).
void types(Catalog& catalog) {
  const std::string sql = fmt::format(
      "SELECT t.typtype, pg_catalog.quote_ident(n.nspname) || '.' || "
      "pg_catalog.quote_ident(t.typname), t.typname, "
      "(SELECT string_agg(pg_catalog.quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) "
      "FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), "
      "pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull, "
      "(SELECT string_agg(' CONSTRAINT ' || pg_catalog.quote_ident(c.conname) || ' ' || "
      "pg_catalog.pg_get_constraintdef(c.oid), '' ORDER BY c.conname) FROM "
      "pg_catalog.pg_constraint c WHERE c.contypid = t.oid), "
      "(SELECT string_agg(pg_catalog.quote_ident(a.attname) || ' ' || "
      "pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM "
      "pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT "
      "a.attisdropped) "
      "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
      "WHERE n.nspname = {{0}} AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT "
      "c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')) AND {} "
      "ORDER BY t.typtype <> 'e', t.oid",
      not_from_extension("t"));
  for (const auto& row : catalog.query(sql)) {
    const std::string& kind = text(row, 0);
    const std::string& name = text(row, 1);
    if (kind == "e") {
      catalog.add(Phase::before_tables, "enum type", text(row, 2),
                  fmt::format("CREATE TYPE {} AS ENUM ({})", name, text(row, 3)),
                  fmt::format("DROP TYPE {}", name));
    } else if (kind == "d") {
      std::string create = fmt::format("CREATE DOMAIN {} AS {}", name, text(row, 4));
      if (row[5]) create += " DEFAULT " + *row[5];
      if (text(row, 6) == "t") create += " NOT NULL";
      create += text(row, 7);
      catalog.add(Phase::before_tables, "domain", text(row, 2), std::move(create),
                  fmt::format("DROP DOMAIN {}", name));
    } else {
      catalog.add(Phase::before_tables, "composite type", text(row, 2),
                  fmt::format("CREATE TYPE {} AS ({})", name, text(row, 8)),
                  fmt::format("DROP TYPE {}", name));
    }
  }
}

// Sequences with their options, including those a serial column owns (OWNED BY, restored by
// column_defaults()), but not an identity column's, which comes with its column.
void sequences(Catalog& catalog) {
  const std::string sql = fmt::format(
      "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), "
      "c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, "
      "s.seqstart, s.seqcache, s.seqcycle FROM pg_catalog.pg_class c JOIN "
      "pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_sequence s ON "
      "s.seqrelid = c.oid WHERE c.relkind = 'S' AND n.nspname = {{0}} AND NOT EXISTS (SELECT 1 "
      "FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass AND "
      "d.objid = c.oid AND d.deptype IN ('i', 'e')) ORDER BY c.oid");
  for (const auto& row : catalog.query(sql)) {
    catalog.add(Phase::before_tables, "sequence", text(row, 1),
                fmt::format("CREATE SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} "
                            "START WITH {} CACHE {}{}",
                            text(row, 0), text(row, 2), text(row, 3), text(row, 4), text(row, 5),
                            text(row, 6), text(row, 7), text(row, 8) == "t" ? " CYCLE" : ""),
                fmt::format("DROP SEQUENCE IF EXISTS {}", text(row, 0)));
  }
}

// Columns whose default takes the next value of a sequence (serial, or pg_dump's nextval
// defaults). Reflection reads them as autoincrement, which create_table makes an identity
// column; this puts the original default back, and the sequence's owner.
void column_defaults(Catalog& catalog, const std::vector<std::string>& own_tables) {
  const std::string sql = fmt::format(
      "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), "
      "pg_catalog.quote_ident(a.attname), c.relname || '.' || a.attname, "
      "pg_catalog.pg_get_expr(d.adbin, d.adrelid), (SELECT pg_catalog.quote_ident(sn.nspname) "
      "|| '.' || pg_catalog.quote_ident(s.relname) FROM pg_catalog.pg_depend o JOIN "
      "pg_catalog.pg_class s ON s.oid = o.objid JOIN pg_catalog.pg_namespace sn ON sn.oid = "
      "s.relnamespace WHERE o.classid = 'pg_catalog.pg_class'::regclass AND o.refclassid = "
      "'pg_catalog.pg_class'::regclass AND o.refobjid = c.oid AND o.refobjsubid = a.attnum AND "
      "o.deptype = 'a' AND s.relkind = 'S' LIMIT 1) FROM pg_catalog.pg_attrdef d JOIN "
      "pg_catalog.pg_class c ON c.oid = d.adrelid JOIN pg_catalog.pg_namespace n ON n.oid = "
      "c.relnamespace JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = "
      "d.adnum WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = {{0}} AND "
      "c.relname NOT IN ({}) AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' "
      "ORDER BY c.relname, a.attnum",
      literal_list(own_tables, quote_literal));
  for (const auto& row : catalog.query(sql)) {
    const std::string& table = text(row, 0);
    const std::string& column = text(row, 1);
    std::string create = fmt::format(
        "ALTER TABLE {0} ALTER COLUMN {1} DROP IDENTITY IF EXISTS;\n"
        "ALTER TABLE {0} ALTER COLUMN {1} SET DEFAULT {2}",
        table, column, text(row, 3));
    if (row[4])
      create += fmt::format(";\nALTER SEQUENCE {} OWNED BY {}.{}", *row[4], table, column);
    catalog.add(Phase::after_tables, "column default", text(row, 2), std::move(create),
                fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT", table, column));
  }
}

// Functions and procedures, in creation order. Those a column default, a check, an index
// expression or a partition key uses (a dependency of a pg_attrdef, pg_constraint or pg_class
// row) go before the tables. A function body may call a function created after it, as in a pg_dump
// file: the server checks bodies only where check_function_bodies says so, and pg_dump turns it off
// too.
void functions(Catalog& catalog) {
  const std::string sql = fmt::format(
      "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || "
      "'(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', p.proname, "
      "p.prokind, pg_catalog.pg_get_functiondef(p.oid), EXISTS (SELECT 1 FROM "
      "pg_catalog.pg_depend d WHERE d.refobjid = p.oid AND d.refclassid = "
      "'pg_catalog.pg_proc'::regclass AND d.classid IN ('pg_catalog.pg_attrdef'::regclass, "
      "'pg_catalog.pg_constraint'::regclass, 'pg_catalog.pg_class'::regclass)) FROM "
      "pg_catalog.pg_proc p JOIN "
      "pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = {{0}} AND p.prokind "
      "IN ('f', 'p', 'w') AND {} ORDER BY p.oid",
      not_from_extension("p"));
  for (const auto& row : catalog.query(sql)) {
    const bool procedure = text(row, 2) == "p";
    std::string definition = text(row, 3);
    while (!definition.empty() && (definition.back() == '\n' || definition.back() == ' ')) {
      definition.pop_back();
    }
    catalog.add(text(row, 4) == "t" ? Phase::before_tables : Phase::after_tables,
                procedure ? "procedure" : "function", text(row, 1),
                "SET LOCAL check_function_bodies = false;\n" + definition,
                fmt::format("DROP {} {}", procedure ? "PROCEDURE" : "FUNCTION", text(row, 0)));
  }
}

// Aggregates (pg_get_functiondef does not write them): the transition state and functions.
void aggregates(Catalog& catalog) {
  const std::string sql = fmt::format(
      "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || "
      "'(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', p.proname, "
      "a.aggtransfn::regprocedure::regproc, pg_catalog.format_type(a.aggtranstype, NULL), "
      "NULLIF(a.aggfinalfn, 0)::regproc, a.agginitval FROM pg_catalog.pg_proc p JOIN "
      "pg_catalog.pg_namespace n ON n.oid = p.pronamespace JOIN pg_catalog.pg_aggregate a ON "
      "a.aggfnoid = p.oid WHERE n.nspname = {{0}} AND p.prokind = 'a' AND {} ORDER BY p.oid",
      not_from_extension("p"));
  for (const auto& row : catalog.query(sql)) {
    std::string options = fmt::format("SFUNC = {}, STYPE = {}", text(row, 2), text(row, 3));
    if (row[4]) options += ", FINALFUNC = " + *row[4];
    if (row[5]) options += ", INITCOND = " + quote_literal(*row[5]);
    catalog.add(Phase::after_tables, "aggregate", text(row, 1),
                fmt::format("CREATE AGGREGATE {} ({})", text(row, 0), options),
                fmt::format("DROP AGGREGATE {}", text(row, 0)));
  }
}

// Views and materialized views, each after the views it reads (pg_depend of its rewrite rule),
// else in creation order; then the indexes of materialized views.
void views(Catalog& catalog) {
  const std::string sql = fmt::format(
      "SELECT c.oid, pg_catalog.quote_ident(n.nspname) || '.' || "
      "pg_catalog.quote_ident(c.relname), c.relname, c.relkind, "
      "pg_catalog.pg_get_viewdef(c.oid), c.relispopulated, (SELECT string_agg(DISTINCT "
      "d.refobjid::text, ' ') FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d ON "
      "d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = "
      "'pg_catalog.pg_class'::regclass WHERE r.ev_class = c.oid AND d.refobjid <> c.oid) FROM "
      "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
      "c.relkind IN ('v', 'm') AND n.nspname = {{0}} AND {} ORDER BY c.oid",
      not_from_extension("c"));
  const std::vector<Row> rows = catalog.query(sql);
  std::set<std::string> pending;
  for (const auto& row : rows) pending.insert(text(row, 0));
  // Repeated passes, each adding the views whose dependencies are all added: a handful of
  // passes for any real schema, and a cycle (impossible in PostgreSQL) cannot loop.
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    for (const auto& row : rows) {
      if (!pending.contains(text(row, 0))) continue;
      bool ready = true;
      std::string word;
      for (std::istringstream deps(text(row, 6)); deps >> word;)
        ready = ready && !pending.contains(word);
      if (!ready) continue;
      pending.erase(text(row, 0));
      progress = true;
      std::string definition = text(row, 4);
      while (!definition.empty() &&
             (definition.back() == ';' || definition.back() == '\n' || definition.back() == ' ')) {
        definition.pop_back();
      }
      const bool materialized = text(row, 3) == "m";
      const char* what = materialized ? "MATERIALIZED VIEW" : "VIEW";
      std::string create = fmt::format("CREATE {} {} AS\n{}", what, text(row, 1), definition);
      if (materialized) create += text(row, 5) == "t" ? "\nWITH DATA" : "\nWITH NO DATA";
      catalog.add(Phase::after_tables, materialized ? "materialized view" : "view", text(row, 2),
                  std::move(create), fmt::format("DROP {} {}", what, text(row, 1)));
    }
  }
  for (const auto& row : catalog.query(
           "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(i.relname), "
           "i.relname, pg_catalog.pg_get_indexdef(x.indexrelid) FROM pg_catalog.pg_index x JOIN "
           "pg_catalog.pg_class c ON c.oid = x.indrelid JOIN pg_catalog.pg_class i ON i.oid = "
           "x.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
           "c.relkind = 'm' AND n.nspname = {0} ORDER BY i.oid")) {
    catalog.add(Phase::after_tables, "index", text(row, 1), text(row, 2),
                fmt::format("DROP INDEX {}", text(row, 0)));
  }
}

// Indexes of another method than btree (GiST, GIN, ...) on the tables reflected, which
// create_index cannot write, as pg_get_indexdef writes them; the operations leave them out.
void other_indexes(Catalog& catalog) {
  for (const auto& row : catalog.query(
           "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(i.relname), "
           "i.relname, pg_catalog.pg_get_indexdef(x.indexrelid) FROM pg_catalog.pg_index x JOIN "
           "pg_catalog.pg_class c ON c.oid = x.indrelid JOIN pg_catalog.pg_class i ON i.oid = "
           "x.indexrelid JOIN pg_catalog.pg_am m ON m.oid = i.relam JOIN pg_catalog.pg_namespace "
           "n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND NOT c.relispartition "
           "AND m.amname <> 'btree' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
           "WHERE k.conindid = x.indexrelid) AND n.nspname = {0} ORDER BY i.relname")) {
    catalog.objects.push_back({.phase = Phase::after_tables,
                               .kind = "index",
                               .name = text(row, 1),
                               .create_sql = text(row, 2),
                               .drop_sql = fmt::format("DROP INDEX {}", text(row, 0)),
                               .tables = {},
                               .indexes = {text(row, 1)}});
  }
}

// Triggers on the tables and views reflected (not on partitions, whose triggers are clones).
void triggers(Catalog& catalog) {
  for (const auto& row : catalog.query(
           "SELECT pg_catalog.quote_ident(t.tgname), pg_catalog.quote_ident(n.nspname) || '.' || "
           "pg_catalog.quote_ident(c.relname), c.relname || '.' || t.tgname, "
           "pg_catalog.pg_get_triggerdef(t.oid) FROM pg_catalog.pg_trigger t JOIN "
           "pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = "
           "c.relnamespace WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND NOT "
           "c.relispartition AND n.nspname = {0} ORDER BY c.relname, t.tgname")) {
    catalog.add(Phase::after_tables, "trigger", text(row, 2), text(row, 3),
                fmt::format("DROP TRIGGER {} ON {}", text(row, 0), text(row, 1)));
  }
}

}  // namespace

std::vector<CatalogObject> catalog_objects(Connection& connection, const TableName& version_table) {
  Catalog catalog{connection,
                  version_table.schema ? quote_literal(*version_table.schema)
                                       : std::string("pg_catalog.current_schema()"),
                  {}};
  extensions(catalog);
  types(catalog);
  sequences(catalog);
  const std::vector<std::string> own_tables{version_table.name,
                                            progress_table_name(version_table.name),
                                            history_table_name(version_table.name)};
  column_defaults(catalog, own_tables);
  functions(catalog);
  partitioned_tables(catalog);
  aggregates(catalog);
  other_indexes(catalog);
  views(catalog);
  triggers(catalog);
  table_security(catalog, own_tables);
  return std::move(catalog.objects);
}

}  // namespace migrate::postgresql
