// import-alembic (SPEC §14) end to end on every dialect: a database Alembic left at a revision is
// carried on by the imported scripts; code that does not convert is listed and nothing is
// written, or kept under `todo:`, which upgrade refuses while graph commands still work.
#include <algorithm>
#include <fstream>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFirst = R"PY("""create account table

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2024-01-02 03:04:05.123456

"""
from alembic import op
import sqlalchemy as sa

revision = '1a2b3c4d5e6f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('account')
)PY";

constexpr const char* kSecond = R"PY("""add orders

Revision ID: kilo
Revises: 1a2b3c4d5e6f
Create Date: 2024-01-03 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision: str = "kilo"
down_revision = "1a2b3c4d5e6f"
branch_labels = ("shop",)
depends_on = None


def upgrade() -> None:
    op.create_table('orders',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('account.id'), nullable=False),
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(200), nullable=True))
        batch_op.alter_column('name', existing_type=sa.String(50), type_=sa.String(100),
                              existing_nullable=False)
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute("INSERT INTO account (id, name) VALUES (1, 'pg')")
    elif bind.dialect.name in ('mysql', 'mariadb'):
        op.execute(sa.text("INSERT INTO account (id, name) VALUES (1, 'my')"))
    else:
        op.execute("INSERT INTO account (id, name) VALUES (1, 'lite')")


def downgrade() -> None:
    pass
)PY";

class ImportAlembic : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    fs::create_directories(dir() / "old" / "alembic" / "versions");
    write("old/alembic.ini",
          "[alembic]\nscript_location = alembic\nversion_table = alembic_version\n");
    write("old/alembic/versions/1a2b3c4d5e6f_create_account.py", kFirst);
    write("old/alembic/versions/kilo_add_orders.py", kSecond);
  }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir() / file) << text;
  }
  // The database as Alembic leaves it at the first revision.
  void migrated_by_alembic() const {
    db().execute(
        "CREATE TABLE account (id INTEGER NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY (id))");
    db().execute(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT "
        "alembic_version_pkc PRIMARY KEY (version_num))");
    db().execute("INSERT INTO alembic_version (version_num) VALUES ('1a2b3c4d5e6f')");
  }
  Result imported(const std::vector<std::string>& args) const {
    std::vector<std::string> all{"-c", "new/alembic.ini", "--url", url()};
    all.insert(all.end(), args.begin(), args.end());
    return migrate(all);
  }
  static constexpr const char* kLoop =
      "\ndef upgrade():\n    op.execute('SELECT 1')\n    for name in ['a', 'b']:\n"
      "        op.drop_table(name)\n\ndef downgrade():\n    pass\n";
  void add_unconvertible() const {
    write("old/alembic/versions/lima_loop.py",
          "\"\"\"loop\"\"\"\nrevision = 'lima'\ndown_revision = 'kilo'\nfrom alembic import "
          "op\n" +
              std::string(kLoop));
  }
};

TEST_P(ImportAlembic, AnAlembicDatabaseCarriesOnWithTheImportedScripts) {
  migrated_by_alembic();
  const Result result = migrate({"import-alembic", "old/alembic.ini", "--into", "new"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(dir() / "new/alembic/versions/kilo_add_orders.yaml"));

  const Result current = imported({"current"});
  EXPECT_EQ(current.out, "1a2b3c4d5e6f\n") << current.err;
  const Result history = imported({"history"});
  EXPECT_EQ(history.out,
            "1a2b3c4d5e6f -> kilo (shop) (head), add orders\n"
            "<base> -> 1a2b3c4d5e6f (shop), create account table\n");

  const Result upgrade = imported({"upgrade", "head"});
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
  EXPECT_EQ(versions(), std::vector<std::string>{"kilo"});
  const auto tables = db().tables();
  EXPECT_NE(std::find(tables.begin(), tables.end(), "orders"), tables.end());
  const auto columns = db().columns("account");
  EXPECT_NE(std::find(columns.begin(), columns.end(), "email"), columns.end());
  // Each dialect ran its own arm of the branch on the dialect name.
  const auto rows = db().query("SELECT name FROM account");
  ASSERT_EQ(rows.size(), 1u);
  const std::string name = rows[0][0].value_or("");
  EXPECT_TRUE(name == "pg" || name == "my" || name == "lite") << name;
  // downgrade() was `pass`: Alembic did nothing there, and neither does migrate.
  ASSERT_EQ(imported({"downgrade", "-1"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"1a2b3c4d5e6f"});
  const auto after = db().tables();
  EXPECT_NE(std::find(after.begin(), after.end(), "orders"), after.end());
}

// Alembic reads `${NAME}` as plain text (env.py may expand it); the import must carry it as
// written, never the secret it stands for, and must not need it set. `%(here)s` still means the
// Alembic folder, where the old SQLite file is.
TEST_P(ImportAlembic, TheUrlIsCarriedAsWrittenNotWithTheEnvironmentFilledIn) {
  write("old/alembic.ini",
        "[alembic]\nscript_location = alembic\nsqlalchemy.url = ${APP_DATABASE_URL}\n"
        "[other]\nscript_location = alembic\nsqlalchemy.url = sqlite:///%(here)s/app.db\n"
        "[indirect]\nscript_location = alembic\ndb = postgresql://app:${APP_PASS}@db/app\n"
        "sqlalchemy.url = %(db)s\n");
  const Result with_secret = migrate({"import-alembic", "old/alembic.ini", "--into", "new"},
                                     {{"APP_DATABASE_URL", "postgresql://app:s3cret@db/app"}});
  ASSERT_EQ(with_secret.exit_code, 0) << with_secret.err;
  std::ifstream in(dir() / "new/alembic.ini");
  const std::string ini{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(ini.find("s3cret"), std::string::npos) << ini;
  EXPECT_NE(ini.find("sqlalchemy.url = ${APP_DATABASE_URL}"), std::string::npos) << ini;

  const Result here = migrate({"-n", "other", "import-alembic", "old/alembic.ini", "--into", "b"});
  ASSERT_EQ(here.exit_code, 0) << here.err;
  std::ifstream in_b(dir() / "b/alembic.ini");
  const std::string ini_b{std::istreambuf_iterator<char>(in_b), {}};
  const std::string old_db = "sqlite:///" + (dir() / "old" / "app.db").lexically_normal().string();
  EXPECT_NE(ini_b.find("sqlalchemy.url = " + old_db), std::string::npos) << ini_b;

  // Through another key, ${NAME} is still not filled in.
  const Result indirect =
      migrate({"-n", "indirect", "import-alembic", "old/alembic.ini", "--into", "c"},
              {{"APP_PASS", "s3cret"}});
  ASSERT_EQ(indirect.exit_code, 0) << indirect.err;
  std::ifstream in_c(dir() / "c/alembic.ini");
  const std::string ini_c{std::istreambuf_iterator<char>(in_c), {}};
  EXPECT_EQ(ini_c.find("s3cret"), std::string::npos) << ini_c;
  EXPECT_NE(ini_c.find("sqlalchemy.url = postgresql://app:${APP_PASS}@db/app"), std::string::npos)
      << ini_c;
}

TEST_P(ImportAlembic, CodeThatDoesNotConvertIsListedAndNothingIsWritten) {
  add_unconvertible();
  const Result result = migrate({"import-alembic", "old/alembic.ini", "--into", "new"});
  EXPECT_TRUE(failed_with(result, "1 statement(s) cannot be converted"));
  EXPECT_NE(result.out.find("old/alembic/versions/lima_loop.py:8: upgrade(): "), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("    for name in ['a', 'b']:\n        op.drop_table(name)\n"),
            std::string::npos)
      << result.out;
  EXPECT_FALSE(fs::exists(dir() / "new"));
}

TEST_P(ImportAlembic, KeptTodoScriptsShowInTheGraphButDoNotRun) {
  migrated_by_alembic();
  add_unconvertible();
  const Result result =
      migrate({"import-alembic", "old/alembic.ini", "--into", "new", "--keep-unconverted"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(imported({"heads"}).out, "lima (shop) (head)\n");
  const Result upgrade = imported({"upgrade", "head"});
  EXPECT_TRUE(failed_with(upgrade,
                          "revision lima still has a 'todo:' from import-alembic "
                          "(old/alembic/versions/lima_loop.py:8)"));
  EXPECT_EQ(versions(), std::vector<std::string>{"1a2b3c4d5e6f"});  // nothing half-done
  ASSERT_EQ(imported({"upgrade", "kilo"}).exit_code, 0);
  EXPECT_EQ(versions(), std::vector<std::string>{"kilo"});
}

INSTANTIATE_TEST_SUITE_P(Dialects, ImportAlembic, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
