// A migration failing at its third statement on a server whose DDL commits by itself (SPEC
// §13): the runtime goes statement by statement, moves the version table after each whole
// migration, and says exactly what stayed applied.
#include <sstream>

#include "migrate/graph/revision_graph.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/script_directory.h"
#include "mysql_test_support.h"

namespace migrate::mysql {
namespace {

using testing::MysqlTest;
using testing::rows;

TEST_F(MysqlTest, FailureMidwayReportsTheStatementsThatStayed) {
  const auto versions = dir_.path() / "versions";
  std::filesystem::create_directories(versions);
  test::write_file(versions / "a.yaml",
                   "revision: a\nupgrade:\n  - create_table: {name: t1, columns: [{name: id, "
                   "type: integer}]}\n");
  test::write_file(versions / "b.yaml",
                   "revision: b\ndown_revision: a\nupgrade:\n"
                   "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n"
                   "  - create_table: {name: t3, columns: [{name: id, type: integer}]}\n"
                   "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
  const ScriptDirectory directory(dir_.path(), {versions});
  const auto infos = directory.load_infos();
  std::vector<Revision> revisions;
  for (const auto& info : infos) revisions.push_back(info.revision);
  const RevisionGraph graph = RevisionGraph::build(std::move(revisions));
  ScriptSet scripts{&directory, &graph, {}};
  for (const auto& info : infos) scripts.by_id.emplace(info.revision.id, &info);

  VersionTable table(testing::my(), TableName{std::nullopt, "alembic_version"});
  table.resolve_schema(*conn_);
  std::ostringstream out;
  std::ostringstream log;
  const Output output(out, log, true);
  auto lock = testing::my().lock(*conn_, table.lock_key());
  MigrationContext context(testing::my(), *conn_, scripts, std::move(table), output, false);
  std::string message = "no error";
  try {
    context.run(Direction::up, "head");
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("upgrade a -> b: operation 3 of 3 (execute), statement 3 of the "
                         "migration failed"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
  EXPECT_TRUE(message.find("statements 1 to 2 of that migration were applied and cannot be "
                           "rolled back (this database commits DDL by itself); the version "
                           "table is still at a; recorded in `") != std::string::npos)
      << message;
  EXPECT_EQ(
      backend_->tables(),
      (std::vector<std::string>{"alembic_version", "alembic_version_progress", "t1", "t2", "t3"}));
  EXPECT_EQ(rows(*conn_, "SELECT version_num FROM alembic_version"), std::vector<std::string>{"a"});
  EXPECT_EQ(rows(*conn_, "SELECT statements FROM alembic_version_progress ORDER BY position"),
            (std::vector<std::string>{"1", "1"}));
}

}  // namespace
}  // namespace migrate::mysql
