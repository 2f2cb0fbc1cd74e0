// What a new user hits first (issue 12): each case failed, or fell short of Alembic, before.
#include <gtest/gtest.h>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

const char* kCreateAccount = R"(  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: name, type: string(50)}
)";

class RoughEdges : public E2E {
 protected:
  std::size_t script_count() const {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir() / "migrations" / "versions"), {}));
  }
};

TEST_P(RoughEdges, ShowOfAScriptWithoutHeaderCommentKeepsAlembicsLayout) {
  script("a.yaml",
         "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nmessage: \"create account\"\n"
         "create_date: \"2026-11-23 12:00:00.000000\"\nupgrade:\n" +
             std::string(kCreateAccount));
  const auto show = migrate({"show", "aaaaaaaaaaaa"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(
      show.out.ends_with("\n\n    create account\n    \n    Revision ID: aaaaaaaaaaaa\n"
                         "    Revises:\n    Create Date: 2026-11-23 12:00:00.000000\n\n"))
      << show.out;
  const auto history = migrate({"history", "--verbose"});
  EXPECT_NE(history.out.find("    Revision ID: aaaaaaaaaaaa\n"), std::string::npos) << history.out;
}

TEST_P(RoughEdges, RevisionAndMergeWorkWithoutATemplateFile) {
  fs::remove(dir() / "migrations" / "script.yaml.tmpl");
  const auto first = migrate({"revision", "-m", "one", "--rev-id", "aaaaaaaaaaaa"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("script.yaml.tmpl'; using the built-in one"), std::string::npos)
      << first.err;
  ASSERT_EQ(migrate({"revision", "-m", "two", "--rev-id", "bbbbbbbbbbbb"}).exit_code, 0);
  ASSERT_EQ(migrate({"revision", "-m", "three", "--head", "aaaaaaaaaaaa", "--splice", "--rev-id",
                     "cccccccccccc"})
                .exit_code,
            0);
  const auto merge = migrate({"merge", "-m", "join", "heads", "--rev-id", "dddddddddddd"});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  // What was written loads and runs.
  EXPECT_EQ(migrate({"heads"}).out, "dddddddddddd (head)\n");
  ASSERT_EQ(migrate({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"dddddddddddd"});
}

TEST_P(RoughEdges, RevisionRefusesWhatTheLoaderWouldRejectAndWritesNothing) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  for (const std::string label : {"a b", "x@y", "aaaaaaaaaaaa"}) {
    EXPECT_TRUE(failed_with(migrate({"revision", "-m", "x", "--branch-label", label}),
                            "branch label '" + label + "'"))
        << label;
  }
  EXPECT_TRUE(failed_with(migrate({"revision", "-m", "x", "--rev-id", "a b"}), "'a b'"));
  EXPECT_TRUE(failed_with(migrate({"revision", "-m", "x", "--depends-on", "nosuch"}), "nosuch"));
  EXPECT_EQ(script_count(), 1u);
  EXPECT_EQ(migrate({"heads"}).exit_code, 0);
}

TEST_P(RoughEdges, GlobalOptionsAfterTheCommandWork) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  write_file(dir() / "other.ini",
             "[alembic]\nscript_location = migrations\nsqlalchemy.url = " + url() + "\n");
  fs::remove(dir() / "alembic.ini");
  const auto result = migrate({"upgrade", "head", "-c", "other.ini", "-q"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(migrate({"current", "--config", "other.ini", "--url", url()}).out,
            "aaaaaaaaaaaa (head)\n");
}

TEST_P(RoughEdges, ForeignKeyToAMissingTableFailsOnEveryDialect) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - add_column: {table: account, column: {name: owner_id, type: integer}}\n"
           "  - create_foreign_key: {name: fk_account_owner, table: account, columns: [owner_id], "
           "ref_table: nosuch_owner, ref_columns: [id]}\n");
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "nosuch_owner"));
  if (capabilities().transactional_ddl) {
    EXPECT_TRUE(failed_with(result, "rolled back: the database is still at base"));
    EXPECT_TRUE(versions().empty());
    return;
  }
  // The add_column before the key committed by itself; the line says so, and what it says holds.
  EXPECT_TRUE(
      failed_with(result, "; statement 1 of that migration was applied and cannot be rolled back"));
  EXPECT_TRUE(failed_with(result, "; the version table is still at aaaaaaaaaaaa; recorded in "));
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(db().columns("account"), (std::vector<std::string>{"id", "name", "owner_id"}));
}

TEST_P(RoughEdges, ForeignKeyThatRowsBreakNamesThem) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - create_table: {name: pet, columns: [{name: id, type: integer, primary_key: true}, "
           "{name: account_id, type: integer}]}\n"
           "  - execute: \"INSERT INTO pet (id, account_id) VALUES (1, 42)\"\n"
           "  - create_foreign_key: {name: fk_pet_account, table: pet, columns: [account_id], "
           "ref_table: account, ref_columns: [id]}\n");
  const auto result = migrate({"upgrade", "head"});
  // SQLite names the rows its check found; PostgreSQL names the key in its own words.
  EXPECT_TRUE(failed_with(result, GetParam() == "sqlite" ? "table pet, rowid 1, references account"
                                                         : "fk_pet_account"));
  if (capabilities().transactional_ddl) {
    // One transaction for the command: both revisions are undone.
    EXPECT_TRUE(failed_with(result, "rolled back: the database is still at base"));
    EXPECT_TRUE(versions().empty());
    return;
  }
  // Each migration commits on its own: aaaaaaaaaaaa stays, and so do the table and the row that
  // broke the key, as the line says.
  EXPECT_TRUE(failed_with(
      result, "; statements 1 to 2 of that migration were applied and cannot be rolled back"));
  EXPECT_TRUE(failed_with(result, "; the version table is still at aaaaaaaaaaaa; recorded in "));
  EXPECT_EQ(versions(), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(db().query("SELECT id, account_id FROM pet"),
            (Rows{{std::string("1"), std::string("42")}}));
}

TEST_P(RoughEdges, RebuildFailureNamesTheUsersTable) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - execute: \"INSERT INTO account (id, name) VALUES (1, NULL)\"\n"
           "  - alter_column: {table: account, name: name, nullable: false}\n");
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "account"));
  EXPECT_EQ(result.err.find("failed: NOT NULL constraint failed: _migrate_tmp"), std::string::npos)
      << result.err;
  if (GetParam() == "sqlite") {
    EXPECT_TRUE(failed_with(result, "NOT NULL constraint failed: account.name"));
  }
}

TEST_P(RoughEdges, ConfigErrorsNeverEchoAPassword) {
  write_file(dir() / "alembic.ini",
             "sqlalchemy.url = postgresql://user:s3cret@host/db\n[alembic]\nscript_location = "
             "migrations\n");
  const auto above = migrate({"current"});
  EXPECT_TRUE(failed_with(above, "alembic.ini:1:"));
  EXPECT_EQ(above.err.find("s3cret"), std::string::npos) << above.err;
  write_config();
  for (const std::string bad :
       {"postgresql://app:hunt/er2@127.0.0.1:1/prod", "postgresql://app:hunt?er2@127.0.0.1:1/prod",
        "postgresql:/app:hunter2@db/prod", "sqlite://app:hunter2@host/db"}) {
    const auto result = migrate({"--url", bad, "current"});
    EXPECT_EQ(result.exit_code, 1) << bad << "\n" << result.err;
    EXPECT_EQ(result.err.find("er2"), std::string::npos) << result.err;
  }
}

TEST_P(RoughEdges, SqliteUrlWithAHostOrCredentialsIsRefused) {
  const auto result = migrate({"--url", "sqlite://user:secret@host/db", "upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "SQLite URL 'sqlite://user:***@host/db' names a host"));
  EXPECT_FALSE(fs::exists(dir() / "db"));
  EXPECT_TRUE(failed_with(migrate({"--url", "sqlite://host/db", "upgrade", "head", "--sql"}),
                          "names a host"));
}

TEST_P(RoughEdges, VersionTableSchemaThatDoesNotExistIsNamed) {
  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  write_config("version_table_schema = nosuch\n");
  const auto result = migrate({"upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "nosuch"));
  EXPECT_TRUE(failed_with(result, "version_table_schema"));
}

TEST_P(RoughEdges, InitInAnEmptyFolderDoesNotClaimToCreateIt) {
  fs::create_directories(dir() / "fresh");
  RunOptions options{.cwd = dir() / "fresh", .env = {{"MIGRATE_CONFIG", ""}}, .stdin_text = {}};
  const auto result = run_program({MIGRATE_BINARY, "init", "."}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("Creating directory . "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("Creating directory ./versions ...  done"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("logging"), std::string::npos) << result.err;
  EXPECT_EQ(read_file(dir() / "fresh" / "alembic.ini").find("SPEC"), std::string::npos);
}

TEST_P(RoughEdges, YamlErrorsNameTheLikelyCause) {
  const std::string head = "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"  - create_table:\n    name: x\n    columns: []\n", "indented under its name"},
      {"  - create_table: {name: x\n", "not closed with '}'"},
      {"\t- drop_table: {name: x}\n", "tab"},
      {"  - drop_table: {name: x}\n - drop_table: {name: y}\n", "indentation"},
      {std::string(3000, '[') + "\n", "nests deeper than"},
  };
  for (const auto& [body, cause] : cases) {
    script("a.yaml", head + body);
    const auto result = migrate({"upgrade", "head"});
    EXPECT_TRUE(failed_with(result, "a.yaml")) << body;
    EXPECT_TRUE(failed_with(result, cause)) << body;
  }
}

TEST_P(RoughEdges, MisspeltNamesGetASuggestion) {
  script(
      "a.yaml",
      "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n  - create_tabel: {name: x}\n");
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "(did you mean 'create_table'?)"));
  script("a.yaml",
         "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n  - create_table: {name: x, "
         "colums: []}\n");
  EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}), "(did you mean 'columns'?)"));
  script("a.yaml", "revision: \"aaaaaaaaaaaa\"\ndown_revison: null\nupgrade: []\n");
  EXPECT_TRUE(failed_with(migrate({"history"}), "(did you mean 'down_revision'?)"));
  const auto command = migrate({"upgarde", "head"});
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_NE(command.err.find("(did you mean 'upgrade'?)"), std::string::npos) << command.err;

  revision("a.yaml", "aaaaaaaaaaaa", "", kCreateAccount);
  write_config("transaction_per_migraton = true\nmy_own_key = 1\n");
  const auto typo = migrate({"history"});
  ASSERT_EQ(typo.exit_code, 0) << typo.err;
  EXPECT_NE(typo.err.find("'transaction_per_migraton' in [alembic] of "), std::string::npos)
      << typo.err;
  EXPECT_NE(typo.err.find("(did you mean 'transaction_per_migration'?); it is ignored"),
            std::string::npos)
      << typo.err;
  EXPECT_EQ(typo.err.find("my_own_key"), std::string::npos) << "a key of the user's own: quiet";
  write_file(dir() / "alembic.ini", "[alembic]\nscirpt_location = migrations\n");
  EXPECT_TRUE(failed_with(migrate({"history"}), "there is a key 'scirpt_location'"));
}

TEST_P(RoughEdges, AMigrationThatEmptiesTheSearchPathKeepsTheVersionTable) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "search_path is PostgreSQL's";
  // pagila's dump, as pg_dump writes it: it starts with set_config('search_path', '', false).
  const std::string dump = read_file(fs::path(MIGRATE_DATASETS_DIR) / "pagila" / "postgresql.sql");
  std::string yaml = "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n  - execute: |\n";
  for (std::size_t at = 0; at < dump.size();) {
    const auto eol = std::min(dump.find('\n', at), dump.size());
    yaml += "      " + dump.substr(at, eol - at) + "\n";
    at = eol + 1;
  }
  yaml += "downgrade: []\n";
  script("a.yaml", yaml);
  revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa",
           "  - create_table: {name: t2, schema: public, columns: [{name: id, type: integer}]}\n");
  const auto result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  EXPECT_EQ(migrate({"current"}).out, "bbbbbbbbbbbb (head)\n");
  EXPECT_EQ(db().query("SELECT count(*) FROM public.actor").at(0).at(0), "0");
}

INSTANTIATE_TEST_SUITE_P(Dialects, RoughEdges, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
