#include "importer/alembic_revision.h"

#include <gtest/gtest.h>

#include "migrate/core/error.h"

namespace migrate::importer {
namespace {

constexpr const char* kHeader =
    "\"\"\"add things\n\nRevision ID: kilo\nRevises: a1, b2\nCreate Date: 2024-01-02 "
    "03:04:05.000001\n\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n"
    "revision = 'kilo'\ndown_revision = ('a1', 'b2')\nbranch_labels = ('shop',)\n"
    "depends_on = 'c3'\n";

AlembicRevision convert(const std::string& upgrade, const std::string& downgrade = "pass") {
  return convert_revision(std::string(kHeader) + "def upgrade():\n" + upgrade +
                              "\ndef downgrade():\n    " + downgrade + "\n",
                          "v.py");
}

TEST(AlembicRevision, HeaderFromAssignmentsAndDocstring) {
  const auto r = convert("    pass");
  EXPECT_EQ(r.revision, "kilo");
  EXPECT_EQ(r.down_revisions, (std::vector<std::string>{"a1", "b2"}));
  EXPECT_EQ(r.branch_labels, std::vector<std::string>{"shop"});
  EXPECT_EQ(r.depends_on, std::vector<std::string>{"c3"});
  EXPECT_EQ(r.message, "add things");
  EXPECT_EQ(r.create_date, "2024-01-02 03:04:05.000001");
  EXPECT_TRUE(r.upgrade.empty());
  EXPECT_TRUE(r.downgrade.empty());  // pass: nothing, never a derived inverse
  EXPECT_TRUE(r.unconverted.empty());
}

TEST(AlembicRevision, NoRevisionIsAnError) {
  EXPECT_THROW((void)convert_revision("x = 1\n", "v.py"), Error);
}

TEST(AlembicRevision, CreateTableWithColumnsConstraintsAndIndex) {
  const auto r = convert(
      "    op.create_table('t',\n"
      "        sa.Column('id', sa.Integer(), nullable=False),\n"
      "        sa.Column('n', sa.String(length=20), server_default='a''b', comment='c'),\n"
      "        sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()')),\n"
      "        sa.Column('p', sa.Numeric(10, 2), index=True),\n"
      "        sa.Column('r', sa.Integer, sa.ForeignKey('o.id', ondelete='CASCADE')),\n"
      "        sa.PrimaryKeyConstraint('id', name=op.f('pk_t')),\n"
      "        sa.UniqueConstraint('n', name='uq'),\n"
      "        sa.CheckConstraint('p > 0', name='ck'))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 2u);
  const auto& t = std::get<CreateTable>(r.upgrade[0]);
  ASSERT_EQ(t.columns.size(), 5u);
  EXPECT_EQ(t.columns[0].nullable, false);
  EXPECT_EQ(t.columns[1].type, "string(20)");
  EXPECT_EQ(t.columns[1].default_, "'ab'");  // Python concatenates 'a' 'b'
  EXPECT_EQ(t.columns[1].comment, "c");
  EXPECT_EQ(t.columns[2].type, "timestamptz");
  EXPECT_EQ(t.columns[2].default_, "now()");
  EXPECT_EQ(t.columns[3].type, "numeric(10,2)");
  ASSERT_TRUE(t.columns[4].references);
  EXPECT_EQ(t.columns[4].references->ondelete, "CASCADE");
  EXPECT_EQ(t.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(t.primary_key_name, "pk_t");
  EXPECT_EQ(t.unique.size(), 1u);
  EXPECT_EQ(t.checks[0].condition, "p > 0");
  EXPECT_EQ(std::get<CreateIndex>(r.upgrade[1]).name, "ix_t_p");
}

TEST(AlembicRevision, DialectTypes) {
  const auto r = convert(
      "    op.add_column('t', sa.Column('a', postgresql.JSONB(astext_type=sa.Text())))\n"
      "    op.add_column('t', sa.Column('b', postgresql.ARRAY(sa.String(10))))\n"
      "    op.add_column('t', sa.Column('c', mysql.TINYINT(display_width=1)))\n"
      "    op.add_column('t', sa.Column('d', mysql.INTEGER(unsigned=True)))\n"
      "    op.add_column('t', sa.Column('e', postgresql.TIMESTAMP(timezone=True)))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  const auto type = [&](std::size_t i) { return std::get<AddColumn>(r.upgrade[i]).column.type; };
  EXPECT_EQ(type(0), "JSONB");
  EXPECT_EQ(type(1), "VARCHAR(10)[]");
  EXPECT_EQ(type(2), "TINYINT(1)");
  EXPECT_EQ(type(3), "INTEGER UNSIGNED");
  EXPECT_EQ(type(4), "TIMESTAMP WITH TIME ZONE");
}

TEST(AlembicRevision, CommonOpsAndBatchBlocks) {
  const auto r = convert(
      "    op.create_index('ix', 't', ['a', sa.text('lower(b)')], unique=True,\n"
      "                    postgresql_where=sa.text('a > 0'), postgresql_concurrently=True)\n"
      "    op.create_foreign_key('fk', 't', 'o', ['o_id'], ['id'], ondelete='SET NULL')\n"
      "    op.drop_constraint('uq', 't', type_='unique')\n"
      "    op.alter_column('t', 'a', existing_type=sa.Integer(), nullable=True,\n"
      "                    server_default=None)\n"
      "    with op.batch_alter_table('t', schema=None) as batch_op:\n"
      "        batch_op.drop_column('x')\n"
      "        batch_op.create_unique_constraint(batch_op.f('uq_t_y'), ['y'])\n"
      "    op.execute('DELETE FROM t')\n"
      "    op.get_bind().execute(sa.text('UPDATE t SET a = 1'))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 8u);
  const auto& index = std::get<CreateIndex>(r.upgrade[0]);
  EXPECT_EQ(index.columns, (std::vector<std::string>{"a", "(lower(b))"}));
  EXPECT_TRUE(index.unique);
  EXPECT_TRUE(index.concurrently);
  EXPECT_EQ(index.where, "a > 0");
  EXPECT_EQ(std::get<CreateForeignKey>(r.upgrade[1]).ondelete, "SET NULL");
  EXPECT_EQ(std::get<DropConstraint>(r.upgrade[2]).type, ConstraintType::unique);
  const auto& alter = std::get<AlterColumn>(r.upgrade[3]);
  EXPECT_EQ(alter.nullable, true);
  ASSERT_TRUE(alter.default_.has_value());
  EXPECT_FALSE(alter.default_->has_value());  // server_default=None drops it
  EXPECT_FALSE(alter.type.has_value());       // existing_type is only documentation
  EXPECT_EQ(std::get<DropColumn>(r.upgrade[4]).table, "t");
  EXPECT_EQ(std::get<CreateUniqueConstraint>(r.upgrade[5]).name, "uq_t_y");
  EXPECT_EQ(std::get<Execute>(r.upgrade[7]).sql, "UPDATE t SET a = 1");
}

// Reported by the import oracle (E): Alembic ignores postgresql_where on the other dialects.
TEST(AlembicRevision, PostgresqlWhereIsPartialOnPostgresqlOnly) {
  const auto r = convert(
      "    op.create_index('ix_p', 'accounts', ['user_id', 'balance'],\n"
      "                    postgresql_where=sa.text('balance > 0'))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  const std::string plain = "CREATE INDEX ix_p ON accounts (user_id, balance)";
  EXPECT_EQ(
      std::get<Execute>(r.upgrade.at(0)).per_dialect,
      (std::map<std::string, std::string>{
          {"postgresql", plain + " WHERE balance > 0"}, {"sqlite", plain}, {"mysql", plain}}));
}

TEST(AlembicRevision, BulkInsertOfLiteralRows) {
  const auto r = convert(
      "    t = sa.table('t', sa.column('id', sa.Integer), sa.column('n', sa.String))\n"
      "    op.bulk_insert(t, [{'id': 1, 'n': 'a'}, {'id': -2, 'n': None}])\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  const auto& insert = std::get<BulkInsert>(r.upgrade.at(0));
  EXPECT_EQ(insert.table, "t");
  ASSERT_EQ(insert.rows.size(), 2u);
  EXPECT_EQ(insert.rows[1][0].second.text, "-2");
  EXPECT_EQ(insert.rows[1][1].second.kind, Value::Kind::null);
}

TEST(AlembicRevision, DialectBranchesOfSqlBecomePerDialectExecute) {
  const auto r = convert(
      "    bind = op.get_bind()\n"
      "    if bind.dialect.name == 'postgresql':\n"
      "        op.execute('A')\n"
      "        op.execute('B')\n"
      "    elif op.get_context().dialect.name in ('mysql', 'mariadb'):\n"
      "        op.execute('C')\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 1u);
  const auto& execute = std::get<Execute>(r.upgrade[0]);
  EXPECT_FALSE(execute.sql);
  EXPECT_EQ(execute.per_dialect,
            (std::map<std::string, std::string>{{"postgresql", "A;\nB"}, {"mysql", "C"}}));
}

// Reported by the import oracle: the spellings of its fixture.
TEST(AlembicRevision, AutocommitBlockAndADialectLocalConvert) {
  const auto r = convert(
      "    with op.get_context().autocommit_block():\n"
      "        op.create_index('ix', 't', ['c'], postgresql_concurrently=True)\n"
      "    dialect = op.get_bind().dialect.name\n"
      "    if dialect == 'postgresql':\n"
      "        op.execute('A')\n"
      "    elif dialect == 'mysql':\n"
      "        op.execute('B')\n"
      "    else:\n"
      "        op.execute('C')\n"
      "    conn = op.get_bind()\n"
      "    conn.execute('UPDATE t SET c = 1')\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 3u);
  EXPECT_TRUE(std::get<CreateIndex>(r.upgrade[0]).concurrently);
  EXPECT_EQ(
      std::get<Execute>(r.upgrade[1]).per_dialect,
      (std::map<std::string, std::string>{{"postgresql", "A"}, {"mysql", "B"}, {"sqlite", "C"}}));
  EXPECT_EQ(std::get<Execute>(r.upgrade[2]).sql, "UPDATE t SET c = 1");
}

TEST(AlembicRevision, DialectBranchesWithTheSameOperationsConvertOnce) {
  const auto r = convert(
      "    if op.get_bind().dialect.name == 'sqlite':\n"
      "        op.drop_column('t', 'c')\n"
      "    else:\n"
      "        op.drop_column('t', 'c')\n");
  ASSERT_TRUE(r.unconverted.empty());
  EXPECT_EQ(r.upgrade.size(), 1u);
}

TEST(AlembicRevision, WhatDoesNotConvertIsListedWithLineAndSource) {
  const auto r = convert(
      "    op.execute('A')\n"
      "    for name in ['a', 'b']:\n"
      "        op.drop_table(name)\n"
      "    helpers.backfill(op)\n"
      "    op.execute(users.update().values(x=1))\n"
      "    if op.get_bind().dialect.name == 'postgresql':\n"
      "        op.create_index('ix', 't', ['a'], postgresql_include=['b'])\n"
      "    else:\n"
      "        op.create_index('ix', 't', ['a'])\n");
  ASSERT_EQ(r.upgrade.size(), 1u);
  ASSERT_EQ(r.unconverted.size(), 4u);
  EXPECT_EQ(r.unconverted[0].line, 16);
  EXPECT_EQ(r.unconverted[0].function, "upgrade");
  EXPECT_EQ(r.unconverted[0].source, "    for name in ['a', 'b']:\n        op.drop_table(name)");
  EXPECT_EQ(r.unconverted[1].line, 18);
  EXPECT_EQ(r.unconverted[2].line, 19);
  EXPECT_EQ(r.unconverted[3].line, 20);
}

// A branch whose arms run different structured operations: each arm's operations, filtered to
// the dialects it runs on; `else` (and `!=`) also takes in dialects migrate adds later.
TEST(AlembicRevision, DialectBranchesWithDifferentOperationsBecomeFilteredOperations) {
  const auto r = convert(
      "    if op.get_bind().dialect.name == 'postgresql':\n"
      "        op.add_column('t', sa.Column('j', postgresql.JSONB()))\n"
      "        op.execute('A')\n"
      "    elif op.get_bind().dialect.name == 'mariadb':\n"
      "        pass\n"
      "    else:\n"
      "        op.add_column('t', sa.Column('j', sa.JSON()))\n"
      "        if op.get_bind().dialect.name != 'sqlite':\n"
      "            op.drop_column('t', 'k')\n",
      "op.drop_column('t', 'j')");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 4u);
  ASSERT_EQ(r.upgrade_sources.size(), 4u);
  EXPECT_EQ(std::get<AddColumn>(r.upgrade[0]).column.type, "JSONB");
  EXPECT_EQ(r.upgrade_sources[0].dialects, (DialectFilter{{"postgresql"}, false}));
  EXPECT_EQ(std::get<Execute>(r.upgrade[1]).sql, "A");
  EXPECT_EQ(r.upgrade_sources[1].dialects, (DialectFilter{{"postgresql"}, false}));
  EXPECT_EQ(std::get<AddColumn>(r.upgrade[2]).column.type, "json");
  EXPECT_EQ(r.upgrade_sources[2].dialects, (DialectFilter{{"mysql", "postgresql"}, true}));
  // The nested branch: not sqlite, within the else arm: dialects migrate adds later only.
  EXPECT_EQ(std::get<DropColumn>(r.upgrade[3]).name, "k");
  EXPECT_EQ(r.upgrade_sources[3].dialects,
            (DialectFilter{{"mysql", "postgresql", "sqlite"}, true}));
  ASSERT_EQ(r.downgrade_sources.size(), 1u);
  EXPECT_TRUE(r.downgrade_sources[0].dialects.everywhere());
}

TEST(AlembicRevision, ABranchWithoutElseFiltersItsArmAndSameArmsStayUnfiltered) {
  const auto r = convert(
      "    if op.get_bind().dialect.name in ('postgresql', 'mysql'):\n"
      "        op.create_unique_constraint('uq', 't', ['a'])\n"
      "    if op.get_bind().dialect.name == 'sqlite':\n"
      "        op.drop_column('t', 'c')\n"
      "    else:\n"
      "        op.drop_column('t', 'c')\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(r.upgrade_sources[0].dialects, (DialectFilter{{"mysql", "postgresql"}, false}));
  EXPECT_TRUE(r.upgrade_sources[1].dialects.everywhere());
}

// postgresql_using, like postgresql_where, applies on PostgreSQL only; SPEC §6 has no `using`.
TEST(AlembicRevision, PostgresqlUsingIsAnIndexMethodOnPostgresqlOnly) {
  const auto r = convert(
      "    op.create_index('ix_g', 'docs', ['body'], postgresql_using='gin',\n"
      "                    postgresql_where=sa.text('body IS NOT NULL'))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  const std::string plain = "CREATE INDEX ix_g ON docs";
  EXPECT_EQ(std::get<Execute>(r.upgrade.at(0)).per_dialect,
            (std::map<std::string, std::string>{
                {"postgresql", plain + " USING gin (body) WHERE body IS NOT NULL"},
                {"sqlite", plain + " (body)"},
                {"mysql", plain + " (body)"}}));
  const auto concurrent = convert(
      "    op.create_index('ix_g', 'docs', ['body'], postgresql_using='gin',\n"
      "                    postgresql_concurrently=True)\n");
  ASSERT_EQ(concurrent.unconverted.size(), 1u);
  EXPECT_NE(concurrent.unconverted[0].why.find("postgresql_using"), std::string::npos);
}

// Inside a filtered arm, a per-dialect execute keeps its arm's entries and needs no filter.
TEST(AlembicRevision, APerDialectExecuteInAFilteredArmKeepsItsArmsEntries) {
  const auto r = convert(
      "    if op.get_bind().dialect.name == 'postgresql':\n"
      "        op.create_index('ix', 't', ['a'], postgresql_using='gin')\n"
      "    else:\n"
      "        op.create_index('ix', 't', ['a'])\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 2u);
  EXPECT_EQ(
      std::get<Execute>(r.upgrade[0]).per_dialect,
      (std::map<std::string, std::string>{{"postgresql", "CREATE INDEX ix ON t USING gin (a)"}}));
  EXPECT_TRUE(r.upgrade_sources[0].dialects.everywhere());
  EXPECT_EQ(std::get<CreateIndex>(r.upgrade[1]).name, "ix");
  EXPECT_EQ(r.upgrade_sources[1].dialects, (DialectFilter{{"postgresql"}, true}));
}

TEST(AlembicRevision, AlterColumnCommentSetsOrDropsIt) {
  const auto r = convert(
      "    op.alter_column('t', 'c', comment='hi', existing_type=sa.Integer())\n"
      "    op.alter_column('t', 'd', comment=None, existing_comment='old')\n"
      "    op.alter_column('t', 'e', nullable=False, comment=False)\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 3u);
  EXPECT_EQ(std::get<AlterColumn>(r.upgrade[0]).comment, std::optional<std::string>("hi"));
  const auto& dropped = std::get<AlterColumn>(r.upgrade[1]).comment;
  EXPECT_TRUE(dropped.has_value() && !dropped->has_value()) << "None drops the comment";
  EXPECT_FALSE(std::get<AlterColumn>(r.upgrade[2]).comment.has_value()) << "False: not given";
}

// Identity() and Computed() have no migrate form; the reason names them, so that the user sees
// which part of the column to write as SQL.
TEST(AlembicRevision, IdentityAndComputedAreRefusedByName) {
  const auto r = convert(
      "    op.create_table('t', sa.Column('id', sa.Integer(), sa.Identity(), primary_key=True))\n"
      "    op.add_column('t', sa.Column('c', sa.Integer(), sa.Computed('id * 2')))\n");
  ASSERT_EQ(r.unconverted.size(), 2u);
  EXPECT_EQ(r.unconverted[0].why, "sa.Column('id') argument 3, Identity(), has no migrate form");
  EXPECT_EQ(r.unconverted[1].why, "sa.Column('c') argument 3, Computed(), has no migrate form");
  EXPECT_EQ(r.unconverted[1].line, r.unconverted[0].line + 1);
}

// Inline constraints without a name convert: the database names them, as under Alembic.
TEST(AlembicRevision, NamelessInlineConstraintsConvert) {
  const auto r = convert(
      "    op.create_table('t', sa.Column('id', sa.Integer()), sa.Column('p_id', sa.Integer()),\n"
      "        sa.PrimaryKeyConstraint('id'), sa.ForeignKeyConstraint(['p_id'], ['p.id']),\n"
      "        sa.UniqueConstraint('p_id'), sa.CheckConstraint('id > 0'))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  const auto& table = std::get<CreateTable>(r.upgrade.at(0));
  ASSERT_EQ(table.foreign_keys.size(), 1u);
  EXPECT_FALSE(table.foreign_keys[0].name);
  ASSERT_EQ(table.unique.size(), 1u);
  EXPECT_FALSE(table.unique[0].name);
  ASSERT_EQ(table.checks.size(), 1u);
  EXPECT_FALSE(table.checks[0].name);
}

}  // namespace
}  // namespace migrate::importer
