// alter_column's `comment` (beyond SPEC §6, for Alembic's alter_column(comment=...)): sets or
// drops a column's comment on every dialect that has comments, leaving the rest of the column as
// it was; where columns have no comments the operation still runs, as under SQLAlchemy.
#include <gtest/gtest.h>

#include <optional>

#include "cli/e2e.h"
#include "migrate/config/url.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/schema.h"

namespace migrate::test {
namespace {

class AlterComment : public E2E {
 protected:
  const SchemaColumn& column(const std::string& name) {
    const Url parsed = Url::parse(url());
    const Dialect& d = dialects::find(parsed);
    auto connection = d.connect(parsed);
    model_ = d.reflect(*connection, TableName{std::nullopt, "alembic_version"});
    const SchemaTable* table = model_.find("t");
    if (table == nullptr) throw std::runtime_error("no table t");
    for (const auto& c : table->columns) {
      if (c.name == name) return c;
    }
    throw std::runtime_error("no column " + name);
  }
  std::optional<std::string> when_kept(const char* comment) const {
    if (!capabilities().column_comments) return std::nullopt;
    return comment;
  }

 private:
  SchemaModel model_;
};

TEST_P(AlterComment, SetsAndDropsTheCommentAndKeepsTheRestOfTheColumn) {
  revision("1_t.yaml", "1", "",
           "  - create_table:\n"
           "      name: t\n"
           "      columns:\n"
           "        - {name: id, type: integer, primary_key: true}\n"
           "        - {name: c, type: string(20), nullable: false, default: \"'x'\", "
           "comment: old}\n");
  revision("2_t.yaml", "2", "1", "  - alter_column: {table: t, name: c, comment: \"it's new\"}\n",
           "  - alter_column: {table: t, name: c, comment: old}\n");
  revision("3_t.yaml", "3", "2", "  - alter_column: {table: t, name: c, comment: null}\n",
           "  - alter_column: {table: t, name: c, comment: \"it's new\"}\n");
  ASSERT_EQ(migrate({"upgrade", "1"}).exit_code, 0);
  const SchemaColumn before = column("c");
  EXPECT_EQ(before.comment, when_kept("old"));

  const Result up = migrate({"upgrade", "2"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  SchemaColumn after = column("c");
  EXPECT_EQ(after.comment, when_kept("it's new"));
  after.comment = before.comment;
  EXPECT_EQ(after, before) << "only the comment changes";

  ASSERT_EQ(migrate({"upgrade", "3"}).exit_code, 0);
  EXPECT_EQ(column("c").comment, std::nullopt);
  const Result down = migrate({"downgrade", "1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(column("c").comment, when_kept("old"));
  EXPECT_EQ(versions(), std::vector<std::string>{"1"});
}

INSTANTIATE_TEST_SUITE_P(Dialects, AlterComment, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
