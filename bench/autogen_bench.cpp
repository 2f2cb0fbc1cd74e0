// In-process benchmarks of what `check` and `revision --autogenerate` pay for on a generated
// 500-table schema (10 columns, 2 indexes and a foreign key per table), each beside its baseline:
// - SQLite (in memory): reflect, and reflect + diff against the declared model, beside reading
//   the schema's text once (`SELECT sql FROM sqlite_master`), the least any reflection costs;
// - PostgreSQL, when MIGRATE_TEST_PG_URL is set (in a scratch database on that server, dropped
//   afterwards): the same, beside one catalog query over every column;
// - MySQL/MariaDB, when MIGRATE_TEST_MYSQL_URL is set: the same, beside one information_schema
//   query over every column (its unique index has no `where`: MySQL has no partial indexes).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "migrate/config/url.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema.h"

// The schema is built with designated initializers naming only the fields that matter; g++ 12
// warns about every field left to its default, which is the point here.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

using namespace migrate;

constexpr int kTables = 500;
const TableName kVersionTable{std::nullopt, "alembic_version"};

struct Generated {
  std::vector<Operation> operations;
  SchemaModel declared;
};

Generated generate(bool partial_indexes) {
  {
    Generated out;
    for (int t = 0; t < kTables; ++t) {
      const std::string name = fmt::format("t{:04}", t);
      CreateTable table;
      table.name = name;
      table.columns.push_back(Column{.name = "id", .type = "integer", .primary_key = true});
      const char* types[] = {"string(50)", "integer",       "text", "datetime",   "boolean",
                             "bigint",     "numeric(10,2)", "date", "string(200)"};
      for (int c = 1; c <= 9; ++c) {
        Column column{.name = fmt::format("c{}", c), .type = types[c - 1]};
        if (c == 2) column.nullable = false;
        if (c == 5) column.default_ = "false";
        table.columns.push_back(column);
      }
      if (t > 0) {
        table.foreign_keys.push_back(ForeignKey{.name = "fk_" + name + "_c2",
                                                .columns = {"c2"},
                                                .ref_table = fmt::format("t{:04}", t - 1),
                                                .ref_columns = {"id"},
                                                .ondelete = "CASCADE"});
      }
      std::vector<CreateIndex> indexes{
          CreateIndex{.name = "ix_" + name + "_c1", .table = name, .columns = {"c1"}},
          CreateIndex{.name = "ix_" + name + "_c3_c4",
                      .table = name,
                      .columns = {"c3", "c4"},
                      .unique = true}};
      if (partial_indexes) indexes.back().where = "c4 IS NOT NULL";
      out.declared.tables.push_back(table_from_operation(table, indexes));
      out.operations.push_back(table);
      for (auto& index : indexes) out.operations.push_back(index);
    }
    validate(out.declared, "the generated schema");
    return out;
  }
}

const Generated& generated(const Dialect& dialect) {
  static const Generated with = generate(true);
  static const Generated without = generate(false);
  return dialect.capabilities().partial_indexes ? with : without;
}

void load(const Dialect& dialect, Connection& connection) {
  connection.begin();
  for (const auto& op : generated(dialect).operations) {
    for (const auto& statement : dialect.render(op, connection)) connection.execute(statement.sql);
  }
  connection.commit();
}

struct Database {
  const Dialect* dialect = nullptr;
  std::unique_ptr<Connection> connection;
};

Database& sqlite() {
  static Database db = [] {
    const Url url = Url::parse("sqlite://");
    Database out{&dialects::find(url), nullptr};
    out.connection = out.dialect->scratch(url);
    load(*out.dialect, *out.connection);
    return out;
  }();
  return db;
}

// A scratch database on the server that `variable` names, loaded; nullptr when it is unset.
std::unique_ptr<Database> server(const char* variable) {
  const char* text = std::getenv(variable);
  if (text == nullptr || *text == '\0') return nullptr;
  const Url url = Url::parse(text);
  auto out = std::make_unique<Database>();
  out->dialect = &dialects::find(url);
  out->connection = out->dialect->scratch(url);  // dropped when the process ends
  load(*out->dialect, *out->connection);
  return out;
}

Database* postgresql() {
  static const std::unique_ptr<Database> db = server("MIGRATE_TEST_PG_URL");
  return db.get();
}

Database* mysql() {
  static const std::unique_ptr<Database> db = server("MIGRATE_TEST_MYSQL_URL");
  return db.get();
}

void reflect_and_diff(benchmark::State& state, Database* db) {
  if (db == nullptr) {
    state.SkipWithError("set the server's URL variable to run this benchmark");
    return;
  }
  const SchemaModel& declared = generated(*db->dialect).declared;
  for (auto _ : state) {
    const SchemaModel reflected = db->dialect->reflect(*db->connection, kVersionTable);
    const SchemaDiff result = diff(reflected, declared, db->dialect->diff_rules());
    if (!result.empty()) state.SkipWithError(result.changes.front().c_str());
    benchmark::DoNotOptimize(result);
  }
}

void BM_SqliteReadSchemaTextBaseline(benchmark::State& state) {
  auto& db = sqlite();
  for (auto _ : state) {
    benchmark::DoNotOptimize(db.connection->query("SELECT sql FROM sqlite_master"));
  }
}
BENCHMARK(BM_SqliteReadSchemaTextBaseline)->Unit(benchmark::kMillisecond);

void BM_SqliteReflect(benchmark::State& state) {
  auto& db = sqlite();
  for (auto _ : state) benchmark::DoNotOptimize(db.dialect->reflect(*db.connection, kVersionTable));
}
BENCHMARK(BM_SqliteReflect)->Unit(benchmark::kMillisecond);

void BM_SqliteReflectAndDiff(benchmark::State& state) { reflect_and_diff(state, &sqlite()); }
BENCHMARK(BM_SqliteReflectAndDiff)->Unit(benchmark::kMillisecond);

void BM_PostgresqlCatalogQueryBaseline(benchmark::State& state) {
  Database* db = postgresql();
  if (db == nullptr) {
    state.SkipWithError("set MIGRATE_TEST_PG_URL to run the PostgreSQL benchmarks");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(db->connection->query(
        "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) "
        "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
        "WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0"));
  }
}
BENCHMARK(BM_PostgresqlCatalogQueryBaseline)->Unit(benchmark::kMillisecond);

void BM_PostgresqlReflectAndDiff(benchmark::State& state) { reflect_and_diff(state, postgresql()); }
BENCHMARK(BM_PostgresqlReflectAndDiff)->Unit(benchmark::kMillisecond);

void BM_MysqlInformationSchemaBaseline(benchmark::State& state) {
  Database* db = mysql();
  if (db == nullptr) {
    state.SkipWithError("set MIGRATE_TEST_MYSQL_URL to run the MySQL benchmarks");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(db->connection->query(
        "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE "
        "TABLE_SCHEMA = DATABASE()"));
  }
}
BENCHMARK(BM_MysqlInformationSchemaBaseline)->Unit(benchmark::kMillisecond);

void BM_MysqlReflectAndDiff(benchmark::State& state) { reflect_and_diff(state, mysql()); }
BENCHMARK(BM_MysqlReflectAndDiff)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
