// revision --autogenerate and check (SPEC §12), end to end on every dialect: the round-trip
// property — autogenerate from an empty database, upgrade, check passes; change the declared
// schema, the next autogenerate produces exactly that change, and downgrade restores the
// reflected schema exactly.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/e2e.h"
#include "migrate/config/url.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/schema.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

const fs::path kSchemas = fs::path(MIGRATE_SOURCE_DIR) / "tests" / "data" / "schemas";

const char* kV1 = R"y(tables:
  - name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: string(200), nullable: false}
      - {name: nickname, type: string(50)}
      - {name: legacy, type: text}
    indexes:
      - {name: ix_account_email, columns: [email], unique: true}
)y";

// v1 plus: a column, an index (partial where the database has them), a table with a foreign
// key; minus a column; a tightened nullability and a changed type.
const char* kV2 = R"y(tables:
  - name: account
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: email, type: text, nullable: false}
      - {name: nickname, type: string(50), nullable: false}
      - {name: created_at, type: datetime}
    indexes:
      - {name: ix_account_email, columns: [email], unique: true}
      - {name: ix_account_created, columns: [created_at]%s}
  - name: post
    columns:
      - {name: id, type: integer, primary_key: true}
      - {name: account_id, type: integer, nullable: false}
    foreign_keys:
      - {name: fk_post_account, columns: [account_id], ref_table: account, ref_columns: [id], ondelete: cascade}
)y";

class Autogenerate : public E2E {
 protected:
  // The database as the dialect reflects it, the version table left out.
  SchemaModel reflected() const {
    const Url parsed = Url::parse(url());
    const Dialect& dialect = dialects::find(parsed);
    auto connection = dialect.connect(parsed);
    return dialect.reflect(*connection, TableName{std::nullopt, "alembic_version"});
  }

  void declare(const std::string& yaml) const { write_file(dir() / "schema.yaml", yaml); }

  // The one new script in versions/ whose name contains `slug`.
  std::string script_text(const std::string& slug) const {
    for (const auto& entry : fs::directory_iterator(dir() / "migrations" / "versions")) {
      if (entry.path().filename().string().find(slug) != std::string::npos) {
        return read_file(entry.path());
      }
    }
    return "";
  }

  Result autogenerate(const std::string& message) const {
    return migrate({"revision", "--autogenerate", "-m", message});
  }
};

TEST_P(Autogenerate, RoundTripFromEmptyThroughAChangeAndBack) {
  write_config("target_schema = schema.yaml\n");
  declare(kV1);
  auto first = autogenerate("first");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("Detected added table 'account'"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("Detected added index 'ix_account_email' on '['email']'"),
            std::string::npos);
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  auto clean = migrate({"check"});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.out, "No new upgrade operations detected.\n");
  const SchemaModel v1_schema = reflected();
  ASSERT_EQ(v1_schema.tables.size(), 1u);

  std::string v2 = kV2;
  v2.replace(v2.find("%s"), 2,
             capabilities().partial_indexes ? ", where: created_at IS NOT NULL" : "");
  declare(v2);
  auto drift = migrate({"check"});
  EXPECT_TRUE(failed_with(drift, "New upgrade operations detected: 6 changes"));
  EXPECT_EQ(drift.out,
            "Detected added column 'account.created_at'\n"
            "Detected type change from string(200) to text on 'account.email'\n"
            "Detected NOT NULL on column 'account.nickname'\n"
            "Detected added table 'post'\n"
            "Detected removed column 'account.legacy'\n"
            "Detected added index 'ix_account_created' on '['created_at']'\n");
  auto second = autogenerate("second");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("WARNING: the upgrade drops column 'account.legacy'"),
            std::string::npos)
      << second.err;
  const std::string text = script_text("second");
  EXPECT_NE(text.find("- add_column: {table: account, column: {name: created_at, type: datetime}}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- drop_column: {table: account, name: legacy}"), std::string::npos) << text;
  EXPECT_NE(text.find("- add_column: {table: account, column: {name: legacy, type: text}}"),
            std::string::npos)
      << text;

  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(migrate({"check"}).exit_code, 0);
  // Nothing left: a third autogenerate writes an empty revision and says so.
  auto third = autogenerate("third");
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.err.find("No changes in schema detected."), std::string::npos) << third.err;
  EXPECT_NE(script_text("third").find("upgrade:\n  []"), std::string::npos) << script_text("third");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);

  ASSERT_EQ(migrate({"downgrade", "-2"}).exit_code, 0);
  EXPECT_EQ(reflected(), v1_schema);
  declare(kV1);
  EXPECT_EQ(migrate({"check"}).exit_code, 1);  // not at head any more
  ASSERT_EQ(migrate({"downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(db().tables(),
            (std::vector<std::string>{"alembic_version", "alembic_version_history"}));
}

// The shop schema with its partial indexes left out: each is one line in either form, an index
// entry with `where:` or a CREATE INDEX with a WHERE clause.
std::string without_partial_indexes(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto eol = std::min(text.find('\n', at), text.size() - 1);
    const std::string line = text.substr(at, eol - at + 1);
    at = eol + 1;
    const bool partial_yaml =
        line.find("- {name: ") != std::string::npos && line.find(", where: ") != std::string::npos;
    const bool partial_sql =
        line.rfind("CREATE ", 0) == 0 && line.find(" WHERE ") != std::string::npos;
    if (!partial_yaml && !partial_sql) out += line;
  }
  // A table whose only index was partial keeps an empty list, not a null `indexes:`.
  for (std::size_t key = out.find(" indexes:\n"); key != std::string::npos;
       key = out.find(" indexes:\n", key + 1)) {
    const std::size_t next = key + std::string(" indexes:\n").size();
    if (out.compare(next, 8, "      - ") != 0) out.insert(next - 1, " []");
  }
  return out;
}

TEST_P(Autogenerate, ShopSchemaInBothFormsRoundTrips) {
  // DDL is each database's own language: where the portable shop.sql means something else (on
  // MySQL, TIMESTAMP is not `datetime`), the dialect has its own file, as the datasets do.
  fs::path ddl_file = kSchemas / ("shop." + GetParam() + ".sql");
  if (!fs::exists(ddl_file)) ddl_file = kSchemas / "shop.sql";
  std::string yaml = read_file(kSchemas / "shop.yaml");
  std::string ddl = read_file(ddl_file);
  // Where the database has no partial indexes, the rest of the shop schema still round-trips,
  // and the partial indexes themselves fail by name (below).
  if (!capabilities().partial_indexes) {
    const std::string trimmed = without_partial_indexes(yaml);
    ASSERT_NE(trimmed, yaml) << "shop.yaml has no partial index left to leave out";
    yaml = trimmed;
    ddl = without_partial_indexes(ddl);
  }
  const fs::path schemas = dir() / "schemas";
  fs::create_directories(schemas);
  write_file(schemas / "shop.yaml", yaml);
  write_file(schemas / "shop.sql", ddl);
  for (const char* form : {"shop.yaml", "shop.sql"}) {
    SCOPED_TRACE(form);
    const std::string target = (schemas / form).string();
    auto first = migrate({"-q", "revision", "--autogenerate", "-m", std::string("shop ") + form,
                          "--target-schema", target});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    auto up = migrate({"upgrade", "head"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
    // Either form describes the same schema, so each checks clean against both.
    for (const char* other : {"shop.yaml", "shop.sql"}) {
      auto result = migrate({"check", "--target-schema", (schemas / other).string()});
      EXPECT_EQ(result.exit_code, 0) << other << "\n" << result.out << result.err;
    }
    ASSERT_EQ(migrate({"downgrade", "base"}).exit_code, 0);
    EXPECT_EQ(db().tables(),
              (std::vector<std::string>{"alembic_version", "alembic_version_history"}));
    for (const auto& entry : fs::directory_iterator(dir() / "migrations" / "versions")) {
      fs::remove(entry.path());
    }
  }
  if (capabilities().partial_indexes) return;
  auto full = migrate({"-q", "revision", "--autogenerate", "-m", "shop", "--target-schema",
                       (kSchemas / "shop.yaml").string()});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_TRUE(
      failed_with(migrate({"upgrade", "head"}), "index 'ix_customer_email_live' has a `where`"));
  EXPECT_TRUE(versions().empty());
}

TEST_P(Autogenerate, RequiresTheDatabaseAtHead) {
  write_config("target_schema = schema.yaml\n");
  declare(kV1);
  ASSERT_EQ(autogenerate("first").exit_code, 0);
  const std::string head = migrate({"heads"}).out.substr(0, 12);
  // Where the database is, where it should be, and the command that gets it there.
  const std::string behind = "Target database is not up to date: it is at base, and the head is " +
                             head + "; run 'migrate upgrade head' first";
  EXPECT_TRUE(failed_with(autogenerate("again"), behind));
  EXPECT_TRUE(failed_with(migrate({"check"}), behind));
}

TEST_P(Autogenerate, ErrorsNameTheSettingOrFile) {
  EXPECT_TRUE(
      failed_with(migrate({"check"}), "No target schema to compare with; set target_schema"));
  EXPECT_TRUE(failed_with(migrate({"check", "--target-schema", "missing.yaml"}),
                          "missing.yaml' does not exist; check --target-schema"));
  // The path is checked before connecting: no wait on an unreachable database.
  EXPECT_TRUE(failed_with(
      migrate({"--url", db().unreachable_url(dir()), "check", "--target-schema", "missing.yaml"}),
      "missing.yaml' does not exist"));
  write_config("target_schema = nosuch.sql\n");
  EXPECT_TRUE(
      failed_with(migrate({"check"}), "nosuch.sql' does not exist; check target_schema in"));
  write_config();
  write_file(dir() / "schema.txt", "");
  EXPECT_TRUE(failed_with(migrate({"check", "--target-schema", "schema.txt"}),
                          "must be a .yaml, .yml or .sql file"));
  declare("tables:\n  - name: t\n    columns:\n      - {name: a, tpye: text}\n");
  EXPECT_TRUE(failed_with(migrate({"check", "--target-schema", "schema.yaml"}),
                          "schema.yaml:4: table 1 (t): column 1: unknown field 'tpye'"));
  write_file(dir() / "schema.sql", "CREATE TABLE t (a INTEGER);\nCREATE TABLE t (b INTEGER);\n");
  EXPECT_TRUE(failed_with(migrate({"check", "--target-schema", "schema.sql"}),
                          "in a scratch database failed"));
}

TEST_P(Autogenerate, TheVersionTableIsNeverPartOfTheSchema) {
  declare("tables: []\n");
  ASSERT_EQ(migrate({"stamp", "base"}).exit_code, 0);
  ASSERT_EQ(db().tables(), std::vector<std::string>{"alembic_version"});
  auto result = migrate({"check", "--target-schema", "schema.yaml"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

// A real-world schema loaded with plain DDL reflects the same from the database as from the
// scratch database, and autogenerate reproduces it from an empty database.
TEST_P(Autogenerate, ChinookLoadedByHandChecksCleanAndRoundTrips) {
  const fs::path chinook = fs::path(MIGRATE_DATASETS_DIR) / "chinook" / (GetParam() + ".sql");
  if (!fs::exists(chinook)) {
    GTEST_SKIP() << "there is no " << GetParam() << " dump of chinook in the shared datasets ("
                 << chinook << ")";
  }
  db().execute(read_file(chinook));
  ASSERT_EQ(migrate({"stamp", "base"}).exit_code, 0);
  auto loaded = migrate({"check", "--target-schema", chinook.string()});
  EXPECT_EQ(loaded.exit_code, 0) << loaded.out << loaded.err;
  EXPECT_EQ(loaded.out, "No new upgrade operations detected.\n");
  const SchemaModel by_hand = reflected();
  EXPECT_EQ(by_hand.tables.size(), 11u);

  // Dropped and rebuilt by migrate from the reflected target schema: the same schema again.
  // PostgreSQL refuses to drop a referenced table without CASCADE; SQLite has no CASCADE and
  // drops an empty referenced table.
  const std::string cascade = GetParam() == "postgresql" ? " CASCADE" : "";
  for (const auto& table : by_hand.tables) {
    db().execute("DROP TABLE \"" + table.name + "\"" + cascade);
  }
  ASSERT_EQ(db().tables(), std::vector<std::string>{"alembic_version"});
  auto first = migrate(
      {"-q", "revision", "--autogenerate", "-m", "chinook", "--target-schema", chinook.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto up = migrate({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto rebuilt = migrate({"check", "--target-schema", chinook.string()});
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.out << rebuilt.err;
}

INSTANTIATE_TEST_SUITE_P(Dialects, Autogenerate, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
