// SPEC §11: --sql output, run with the database's own client, leaves the same schema and
// version table as the online command.
#include <gtest/gtest.h>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

class Offline : public E2E {
 protected:
  // Each alter_column states type, nullable and default: MySQL's MODIFY restates the whole
  // column, and --sql has no database to read the rest from.
  void scripts() const {
    revision(
        "a.yaml", "aaaaaaaaaaaa", "",
        "  - create_table:\n"
        "      name: account\n"
        "      columns:\n"
        "        - {name: id, type: integer, primary_key: true}\n"
        "        - {name: name, type: string(50), nullable: false}\n"
        "  - create_index: {name: ix_account_name, table: account, columns: [name], unique: true}\n"
        "  - bulk_insert: {table: account, rows: [{id: 1, name: admin}]}\n");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
             "  - add_column: {table: account, column: {name: email, type: string(100)}}\n"
             "  - alter_column: {table: account, name: name, type: text, nullable: true, "
             "default: null}\n"
             "  - create_table:\n"
             "      name: orders\n"
             "      columns:\n"
             "        - {name: id, type: integer, primary_key: true}\n"
             "        - {name: account_id, type: integer, references: account.id}\n",
             "  - drop_table: {name: orders}\n"
             "  - alter_column: {table: account, name: name, type: string(50), nullable: false, "
             "default: null}\n"
             "  - drop_column: {table: account, name: email}\n");
  }
  std::string online_fingerprint(const std::vector<std::string>& args) {
    const auto result = migrate(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return db().schema_fingerprint();
  }
};

TEST_P(Offline, UpgradeSqlMatchesTheOnlineUpgrade) {
  scripts();
  const auto sql = migrate({"upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("alembic_version"), std::string::npos);
  if (capabilities().transactional_ddl) {
    EXPECT_NE(sql.out.find("BEGIN;"), std::string::npos);
    EXPECT_NE(sql.out.find("COMMIT;"), std::string::npos);
  } else {
    // DDL would commit each statement anyway: a BEGIN; would promise an atomic script.
    EXPECT_EQ(sql.out.find("BEGIN;"), std::string::npos) << sql.out;
  }
  EXPECT_TRUE(db().tables().empty()) << "--sql must not touch the database";
  const std::string online = online_fingerprint({"upgrade", "head"});

  // A second, fresh database of the same dialect, built only from the printed SQL.
  TempDir other;
  auto fresh = make_backend(GetParam());
  fresh->create_database(other.path());
  write_file(other.path() / "upgrade.sql", sql.out);
  const auto applied = fresh->run_sql_file(other.path() / "upgrade.sql");
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(fresh->schema_fingerprint(), online);
}

TEST_P(Offline, DowngradeSqlNeedsARangeAndMatchesTheOnlineDowngrade) {
  scripts();
  EXPECT_TRUE(failed_with(migrate({"downgrade", "base", "--sql"}), "START:END"));
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  const auto sql = migrate({"downgrade", "bbbbbbbbbbbb:aaaaaaaaaaaa", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  write_file(dir() / "down.sql", sql.out);
  // Apply the offline downgrade to the upgraded database, then compare with an online one.
  const auto applied = db().run_sql_file(dir() / "down.sql");
  ASSERT_EQ(applied.exit_code, 0) << applied.err << "\n" << sql.out;
  const std::string offline = db().schema_fingerprint();
  TempDir other;
  auto fresh = make_backend(GetParam());
  const std::string other_url = fresh->create_database(other.path());
  ASSERT_EQ(migrate({"--url", other_url, "upgrade", "head"}).exit_code, 0);
  ASSERT_EQ(migrate({"--url", other_url, "downgrade", "aaaaaaaaaaaa"}).exit_code, 0);
  EXPECT_EQ(offline, fresh->schema_fingerprint());
}

TEST_P(Offline, StampSqlWritesOnlyTheVersionTable) {
  scripts();
  const auto sql = migrate({"stamp", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  write_file(dir() / "stamp.sql", sql.out);
  ASSERT_EQ(db().run_sql_file(dir() / "stamp.sql").exit_code, 0);
  EXPECT_EQ(db().tables(), std::vector<std::string>{"alembic_version"});
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
}

TEST_P(Offline, StampSqlPurgeEmptiesTheVersionTableFirst) {
  scripts();
  // Rows the offline run cannot know about: --purge must remove them all the same.
  ASSERT_EQ(migrate({"stamp", "heads"}).exit_code, 0);
  db().execute("INSERT INTO alembic_version (version_num) VALUES ('ffffffffffff')");
  const auto sql = migrate({"stamp", "--sql", "--purge", "aaaaaaaaaaaa"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  write_file(dir() / "stamp.sql", sql.out);
  const auto applied = db().run_sql_file(dir() / "stamp.sql");
  ASSERT_EQ(applied.exit_code, 0) << applied.err << "\n" << sql.out;
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"}) << sql.out;
}

TEST_P(Offline, SqlAboutTablesMadeOutsideTheMigrationsIsPrinted) {
  // A table the DBA made by hand: --sql has no database to see it in, yet must print the SQL.
  db().execute("CREATE TABLE legacy (id integer)");
  revision("a.yaml", "aaaaaaaaaaaa", "", "  - execute: \"INSERT INTO legacy VALUES (7)\"\n");
  const auto sql = migrate({"upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  write_file(dir() / "up.sql", sql.out);
  ASSERT_EQ(db().run_sql_file(dir() / "up.sql").exit_code, 0);
  EXPECT_EQ(db().query("SELECT id FROM legacy").size(), 1u);
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
}

TEST_P(Offline, FailedSqlGenerationPrintsNoPartialScript) {
  scripts();
  // Rendering the third script fails on every dialect, after two were rendered.
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - create_foreign_key: {name: fk_self, table: account, columns: [id], "
           "ref_table: account, ref_columns: [id], ondelete: explode}\n");
  const auto result = migrate({"upgrade", "head", "--sql"});
  EXPECT_TRUE(failed_with(result, "explode"));
  EXPECT_EQ(result.out, "");
}

TEST_P(Offline, SqlDroppingAConstraintTheScriptsNeverMadeFailsWhereTheTableIsRebuilt) {
  if (GetParam() != "sqlite") {
    GTEST_SKIP() << GetParam() << " drops a constraint with one ALTER TABLE statement, so --sql "
                 << "prints it without knowing the table (as Alembic does); only SQLite's table "
                 << "rebuild needs the table's shape, which --sql takes from the scripts";
  }
  scripts();
  revision("c.yaml", "cccccccccccc", "bbbbbbbbbbbb",
           "  - drop_constraint: {name: no_such, table: account}\n");
  const auto result = migrate({"upgrade", "head", "--sql"});
  EXPECT_TRUE(failed_with(result, "no_such"));
  EXPECT_EQ(result.out, "");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Offline, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
