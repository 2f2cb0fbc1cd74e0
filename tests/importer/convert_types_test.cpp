// The SQLAlchemy types whose DDL differs per dialect, converted to per-dialect column types with
// what SQLAlchemy 1.4 renders on each (CreateTable(...).compile(dialect=...)), and Enum's
// PostgreSQL type created before create_table as Alembic's create_table does.
#include <gtest/gtest.h>

#include "importer/alembic_revision.h"

namespace migrate::importer {
namespace {

AlembicRevision convert(const std::string& upgrade) {
  return convert_revision(
      "from alembic import op\nimport sqlalchemy as sa\n"
      "from sqlalchemy.dialects import postgresql, mysql\n"
      "revision = 'r1'\ndown_revision = None\ndef upgrade():\n" +
          upgrade + "\ndef downgrade():\n    pass\n",
      "v.py");
}

const Column& added(const AlembicRevision& r, std::size_t i) {
  return std::get<AddColumn>(r.upgrade.at(i)).column;
}

TEST(ConvertTypes, TypesThatSqlalchemyRendersPerDialect) {
  const auto r = convert(
      "    op.add_column('t', sa.Column('a', sa.Float()))\n"
      "    op.add_column('t', sa.Column('b', sa.Float(precision=10)))\n"
      "    op.add_column('t', sa.Column('c', sa.Float(53)))\n"
      "    op.add_column('t', sa.Column('d', sa.DateTime(timezone=True)))\n"
      "    op.add_column('t', sa.Column('e', sa.LargeBinary()))\n"
      "    op.add_column('t', sa.Column('f', sa.LargeBinary(length=100)))\n"
      "    op.add_column('t', sa.Column('g', sa.Interval()))\n"
      "    op.add_column('t', sa.Column('h', sa.DateTime()))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  // FLOAT: double precision on PostgreSQL.
  EXPECT_EQ(added(r, 0).type, "float");
  EXPECT_EQ(added(r, 0).dialect_types, (DialectTypes{{"postgresql", "double precision"}}));
  // FLOAT(10) is REAL on PostgreSQL, as migrate's float is.
  EXPECT_EQ(added(r, 1).type, "float");
  EXPECT_TRUE(added(r, 1).dialect_types.empty());
  EXPECT_EQ(added(r, 2).dialect_types,
            (DialectTypes{{"mysql", "double"}, {"postgresql", "double precision"}}));
  // DATETIME on MySQL, TIMESTAMP WITH TIME ZONE on PostgreSQL.
  EXPECT_EQ(added(r, 3).type, "timestamptz");
  EXPECT_EQ(added(r, 3).dialect_types, (DialectTypes{{"mysql", "datetime"}}));
  // BLOB on MySQL (migrate's binary is LONGBLOB there).
  EXPECT_EQ(added(r, 4).type, "binary");
  EXPECT_EQ(added(r, 4).dialect_types, (DialectTypes{{"mysql", "BLOB"}}));
  EXPECT_EQ(added(r, 5).dialect_types, (DialectTypes{{"mysql", "BLOB(100)"}}));
  // INTERVAL on PostgreSQL, DATETIME elsewhere.
  EXPECT_EQ(added(r, 6).type, "datetime");
  EXPECT_EQ(added(r, 6).dialect_types, (DialectTypes{{"postgresql", "interval"}}));
  EXPECT_TRUE(added(r, 7).dialect_types.empty());
}

TEST(ConvertTypes, NamedEnumCreatesItsPostgresqlTypeBeforeTheTableOnce) {
  const auto r = convert(
      "    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True),\n"
      "        sa.Column('m', sa.Enum('calm', \"it's ok\", name='mood'), nullable=False),\n"
      "        sa.Column('n', sa.Enum('calm', \"it's ok\", name='mood')),\n"
      "        sa.Column('p', postgresql.ENUM('x', name='Kind', create_type=False)))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 2u);
  const auto& create = std::get<Execute>(r.upgrade[0]);
  EXPECT_FALSE(create.sql);
  EXPECT_EQ(create.per_dialect,
            (std::map<std::string, std::string>{
                {"postgresql", "CREATE TYPE mood AS ENUM ('calm', 'it''s ok')"}}));
  const auto& table = std::get<CreateTable>(r.upgrade[1]);
  EXPECT_EQ(table.columns[1].type, "string(7)");  // VARCHAR of the longest value elsewhere
  EXPECT_EQ(table.columns[1].dialect_types,
            (DialectTypes{{"mysql", "ENUM('calm','it''s ok')"}, {"postgresql", "mood"}}));
  // create_type=False: the type is used, not created; a mixed-case name is quoted.
  EXPECT_EQ(table.columns[3].dialect_types,
            (DialectTypes{{"mysql", "ENUM('x')"}, {"postgresql", "\"Kind\""}}));
}

TEST(ConvertTypes, EnumOutsideCreateTableCreatesNoTypeAsUnderAlembic) {
  const auto r = convert(
      "    op.add_column('t', sa.Column('a', sa.Enum('x', 'yy', name='e')))\n"
      "    op.alter_column('t', 'a', type_=sa.Enum('x', 'yy', 'z', name='e2'))\n"
      "    op.add_column('t', sa.Column('b', mysql.ENUM('x', 'yy')))\n"
      "    op.add_column('t', sa.Column('c', sa.Enum('x', 'yyy', native_enum=False)))\n"
      "    op.add_column('t', sa.Column('d', sa.Enum('x', 'yy')))\n");
  ASSERT_TRUE(r.unconverted.empty()) << r.unconverted[0].why;
  ASSERT_EQ(r.upgrade.size(), 5u);
  EXPECT_EQ(added(r, 0).dialect_types.at("postgresql"), "e");
  const auto& alter = std::get<AlterColumn>(r.upgrade[1]);
  EXPECT_EQ(alter.type, "string(2)");
  EXPECT_EQ(alter.dialect_types,
            (DialectTypes{{"mysql", "ENUM('x','yy','z')"}, {"postgresql", "e2"}}));
  // mysql.ENUM renders on MySQL only: elsewhere there is no type, and the run fails there.
  EXPECT_EQ(added(r, 2).type, "");
  EXPECT_EQ(added(r, 2).dialect_types, (DialectTypes{{"mysql", "ENUM('x','yy')"}}));
  EXPECT_EQ(added(r, 3).type, "string(3)");
  EXPECT_TRUE(added(r, 3).dialect_types.empty());
  // Without a name SQLAlchemy cannot create it on PostgreSQL.
  EXPECT_EQ(added(r, 4).type, "");
  EXPECT_EQ(added(r, 4).dialect_types,
            (DialectTypes{{"mysql", "ENUM('x','yy')"}, {"sqlite", "string(2)"}}));
}

TEST(ConvertTypes, EnumFormsWithoutAMigrateFormAreListed) {
  const auto r = convert(
      "    op.add_column('t', sa.Column('a', sa.Enum('x', name='e', create_constraint=True)))\n"
      "    op.add_column('t', sa.Column('b', sa.Enum(Mood, name='mood')))\n"
      "    op.add_column('t', sa.Column('c', sa.Enum('x', name='e', schema='s')))\n");
  ASSERT_EQ(r.unconverted.size(), 3u);
  EXPECT_NE(r.unconverted[0].why.find("create_constraint"), std::string::npos);
  EXPECT_NE(r.unconverted[1].why.find("Python enum"), std::string::npos);
}

}  // namespace
}  // namespace migrate::importer
