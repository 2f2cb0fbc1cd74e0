// A statement failing midway leaves what the dialect's capabilities promise: nothing of the
// command where DDL is transactional, and exactly the statements before it (reported, with the
// version table at the last whole migration) where it is not. The second case runs here on
// every dialect, declared as if it lacked transactional DDL.
#include <algorithm>
#include <sstream>

#include "dialect_suite/contract.h"
#include "migrate/core/error.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/script_directory.h"

namespace migrate::test {
namespace {

// The dialect under test, but declaring no transactional DDL, so that the runtime takes the
// statement-by-statement path a database like MySQL needs.
class WithoutTransactionalDdl final : public Dialect {
 public:
  explicit WithoutTransactionalDdl(const Dialect& inner) : inner_(&inner) {
    capabilities_ = inner.capabilities();
    capabilities_.transactional_ddl = false;
  }
  const Capabilities& capabilities() const override { return capabilities_; }
  std::string_view name() const override { return inner_->name(); }
  std::unique_ptr<Connection> connect(const Url& url) const override {
    return inner_->connect(url);
  }
  std::unique_ptr<Connection> offline(const Url& url, std::ostream& out) const override {
    return inner_->offline(url, out);
  }
  std::unique_ptr<LockGuard> lock(Connection& c, std::string_view key) const override {
    return inner_->lock(c, key);
  }
  std::vector<Statement> render(const Operation& op, Connection& c) const override {
    return inner_->render(op, c);
  }
  std::string quote_identifier(std::string_view n) const override {
    return inner_->quote_identifier(n);
  }
  std::string quote_literal(std::string_view t) const override { return inner_->quote_literal(t); }
  std::string qualified(const TableName& t) const override { return inner_->qualified(t); }
  std::string create_version_table(const TableName& t, bool if_not_exists) const override {
    return inner_->create_version_table(t, if_not_exists);
  }
  bool table_exists(Connection& c, const TableName& t) const override {
    return inner_->table_exists(c, t);
  }
  std::optional<std::string> schema_of(Connection& c, std::string_view t) const override {
    return inner_->schema_of(c, t);
  }
  SchemaModel reflect(Connection& c, const TableName& t) const override {
    return inner_->reflect(c, t);
  }
  std::unique_ptr<Connection> scratch(const Url& url) const override {
    return inner_->scratch(url);
  }
  const DiffRules& diff_rules() const override { return inner_->diff_rules(); }

 private:
  const Dialect* inner_;
  Capabilities capabilities_;
};

// Two revisions on disk: a creates t1; b creates t2 and t3, then fails. Scripts can be
// rewritten between runs, as a user fixing the failing one would.
class FailingProject {
 public:
  explicit FailingProject(std::filesystem::path dir) : dir_(std::move(dir)) {
    write("a.yaml",
          "revision: a\nupgrade:\n  - create_table: {name: t1, columns: [{name: id, type: "
          "integer}]}\n");
    write_b("  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
  }

  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(dir_ / "versions");
    write_file(dir_ / "versions" / name, text);
  }
  // b's upgrade: t2, t3, then `third`.
  void write_b(const std::string& third, const std::string& first = "t2") const {
    write("b.yaml",
          "revision: b\ndown_revision: a\nupgrade:\n"
          "  - create_table: {name: " +
              first +
              ", columns: [{name: id, type: integer}]}\n"
              "  - create_table: {name: t3, columns: [{name: id, type: integer}]}\n" +
              third);
  }

  // `upgrade head` with `dialect`, as the command runs it; the FAILED message or "no error".
  std::string upgrade(const Dialect& dialect, Connection& connection) const {
    return run(dialect, connection, [](MigrationContext& c) { c.run(Direction::up, "head"); });
  }
  std::string downgrade(const Dialect& dialect, Connection& connection,
                        const std::string& target) const {
    return run(dialect, connection, [&](MigrationContext& c) { c.run(Direction::down, target); });
  }
  std::string stamp(const Dialect& dialect, Connection& connection,
                    const std::string& target) const {
    return run(dialect, connection, [&](MigrationContext& c) { c.stamp(target, false); });
  }

 private:
  template <typename F>
  std::string run(const Dialect& dialect, Connection& connection, F&& command) const {
    const ScriptDirectory directory(dir_, {dir_ / "versions"});
    const auto infos = directory.load_infos();
    std::vector<Revision> revisions;
    for (const auto& info : infos) revisions.push_back(info.revision);
    const RevisionGraph graph = RevisionGraph::build(std::move(revisions));
    ScriptSet scripts{&directory, &graph, {}};
    for (const auto& info : infos) scripts.by_id.emplace(info.revision.id, &info);
    VersionTable table(dialect, TableName{std::nullopt, "alembic_version"});
    table.resolve_schema(connection);
    std::ostringstream out;
    std::ostringstream log;
    const Output output(out, log, true);
    auto lock = dialect.lock(connection, table.lock_key());
    MigrationContext context(dialect, connection, scripts, std::move(table), output, false);
    try {
      command(context);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }

  std::filesystem::path dir_;
};

// What the progress table holds, read as the runtime reads it.
std::optional<PartialRecord> recorded(const Dialect& dialect, Connection& connection) {
  VersionTable table(dialect, TableName{std::nullopt, "alembic_version"});
  table.resolve_schema(connection);
  return table.progress_table().read(connection);
}

// `tables` and the two that migrate keeps beside the version table: the progress table and the
// history table (SPEC §15), which every run that starts a migration creates.
std::vector<std::string> with_bookkeeping(std::vector<std::string> tables) {
  tables.push_back("alembic_version_progress");
  tables.push_back("alembic_version_history");
  std::sort(tables.begin(), tables.end());
  return tables;
}

TEST_P(DialectContract, StatementFailingMidwayLeavesWhatTheCapabilitiesPromise) {
  const FailingProject project(dir());
  const std::string message = project.upgrade(dialect(), *connect());
  EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
  if (dialect().capabilities().transactional_ddl) {
    EXPECT_NE(message.find("rolled back: the database is still at base"), std::string::npos)
        << message;
    // One transaction for the command, and then the failed migration's own history row.
    EXPECT_EQ(backend().tables(), std::vector<std::string>{"alembic_version_history"});
    EXPECT_EQ(rows(*connect(), "SELECT revision, outcome FROM alembic_version_history"),
              std::vector<std::string>{"b|failed"});
  } else {
    EXPECT_NE(message.find("were applied"), std::string::npos) << message;
  }
}

// The rest runs on every dialect declared as lacking transactional DDL (SPEC §13).

TEST_P(DialectContract, PartialStatementsCommitOneByOneAndTheRestIsRecorded) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  const std::string message = project.upgrade(autocommit, *connect());
  // Which statement of which migration, how many before it stay, and how to go on.
  EXPECT_NE(message.find("upgrade a -> b: operation 3 of 3 (execute), statement 3 of the "
                         "migration failed"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("; statements 1 to 2 of that migration were applied and cannot be "
                         "rolled back (this database commits DDL by itself); the version "
                         "table is still at a; recorded in "),
            std::string::npos)
      << message;
  EXPECT_TRUE(
      message.ends_with("again once the script is fixed to resume at statement 3, or "
                        "`migrate downgrade -1` to undo them"))
      << message;
  // a is whole and recorded; b's first two statements stayed, and the record says so.
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1", "t2", "t3"}));
  EXPECT_EQ(rows(*connect(), "SELECT version_num FROM alembic_version"),
            std::vector<std::string>{"a"});
  const auto record = recorded(autocommit, *connect());
  ASSERT_TRUE(record);
  EXPECT_EQ(record->revision, "b");
  EXPECT_EQ(record->direction, Direction::up);
  EXPECT_EQ(record->statements(), 2u);
  ASSERT_EQ(record->operations.size(), 2u);
  EXPECT_TRUE(record->operations[1].complete);
  EXPECT_NE(record->operations[1].sql.find("t3"), std::string::npos) << record->operations[1].sql;
  EXPECT_EQ(record->operations[1].checksum.size(), 64u);
}

TEST_P(DialectContract, PartialTheNextUpgradeResumesAtTheFailedStatementOnceTheScriptIsFixed) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  project.upgrade(autocommit, *connect());
  project.write_b("  - create_table: {name: t4, columns: [{name: id, type: integer}]}\n");
  // Running t2's CREATE again would fail: "already exists".
  EXPECT_EQ(project.upgrade(autocommit, *connect()), "no error");
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1", "t2", "t3", "t4"}));
  EXPECT_EQ(rows(*connect(), "SELECT version_num FROM alembic_version"),
            std::vector<std::string>{"b"});
  EXPECT_FALSE(recorded(autocommit, *connect())) << "the record is gone with the migration";
}

TEST_P(DialectContract, PartialResumeRefusesWhenAStatementThatRanWasEdited) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  project.upgrade(autocommit, *connect());
  project.write_b("  - create_table: {name: t4, columns: [{name: id, type: integer}]}\n", "t2x");
  const std::string message = project.upgrade(autocommit, *connect());
  EXPECT_NE(message.find("Cannot resume the upgrade of b: operation 1 of it ran before"),
            std::string::npos)
      << message;
  EXPECT_TRUE(message.ends_with("), or `migrate downgrade -1` to undo them")) << message;
  // Nothing ran: no t2x, no t4, the record unchanged.
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1", "t2", "t3"}));
  ASSERT_TRUE(recorded(autocommit, *connect()));
  EXPECT_EQ(recorded(autocommit, *connect())->statements(), 2u);
}

TEST_P(DialectContract, PartialDowngradeMinusOneUndoesWhatRanWithTheInverseOperations) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  project.upgrade(autocommit, *connect());
  EXPECT_EQ(project.downgrade(autocommit, *connect(), "-1"), "no error");
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1"}));
  EXPECT_EQ(rows(*connect(), "SELECT version_num FROM alembic_version"),
            std::vector<std::string>{"a"});
  EXPECT_FALSE(recorded(autocommit, *connect()));
  // And the fixed script then runs from its start.
  project.write_b("");
  EXPECT_EQ(project.upgrade(autocommit, *connect()), "no error");
  EXPECT_EQ(rows(*connect(), "SELECT version_num FROM alembic_version"),
            std::vector<std::string>{"b"});
}

TEST_P(DialectContract, PartialUndoNamesWhatItCannotInvertAndStampForgetsTheRecord) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  project.write("b.yaml",
                "revision: b\ndown_revision: a\nupgrade:\n"
                "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n"
                "  - execute: \"CREATE TABLE t3 (id integer)\"\n"
                "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
  project.upgrade(autocommit, *connect());
  const std::string message = project.downgrade(autocommit, *connect(), "-1");
  EXPECT_NE(message.find("Cannot undo the upgrade of b by itself: operation 2 (execute) has no "
                         "inverse that migrate can derive. Undo by hand what ran and stays "
                         "applied: CREATE TABLE"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("then run `migrate stamp --purge a`"), std::string::npos) << message;
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1", "t2", "t3"}))
      << "nothing is undone out of order";
  // The user drops both by hand and settles the record.
  connect()->execute("DROP TABLE t3");
  connect()->execute("DROP TABLE t2");
  EXPECT_EQ(project.stamp(autocommit, *connect(), "a"), "no error");
  EXPECT_FALSE(recorded(autocommit, *connect()));
}

TEST_P(DialectContract, PartialRecordHoldsOperationsOfAnySize) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  // 70,000 characters of SQL: more than MySQL's TEXT holds.
  const std::string big = "SELECT 1 /* " + std::string(70000, 'x') + " */";
  project.write("b.yaml", "revision: b\ndown_revision: a\nupgrade:\n  - execute: \"" + big +
                              "\"\n  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
  const std::string message = project.upgrade(autocommit, *connect());
  EXPECT_EQ(message.find("recording that"), std::string::npos) << message.substr(0, 400);
  const auto record = recorded(autocommit, *connect());
  ASSERT_TRUE(record);
  EXPECT_GT(record->operations.at(0).sql.size(), 70000u);
}

TEST_P(DialectContract, PartialStatementsThatOnlyChangeDataRunInOneTransaction) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  project.write("b.yaml",
                "revision: b\ndown_revision: a\nupgrade:\n"
                "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n"
                "  - execute: \"INSERT INTO t2 VALUES (1); INSERT INTO no_such_table VALUES "
                "(2)\"\n");
  const std::string message = project.upgrade(autocommit, *connect());
  EXPECT_NE(message.find("statement 2 of the migration failed"), std::string::npos) << message;
  EXPECT_EQ(rows(*connect(), "SELECT id FROM t2"), std::vector<std::string>{})
      << "the first INSERT went with the second";
  ASSERT_TRUE(recorded(autocommit, *connect()));
  EXPECT_EQ(recorded(autocommit, *connect())->statements(), 1u);
}

TEST_P(DialectContract, PartialDowngradeIsResumedByDowngradeAndUndoneByUpgrade) {
  const WithoutTransactionalDdl autocommit(dialect());
  const FailingProject project(dir());
  // b's downgrade drops t3 and t2, then fails; b is whole to begin with.
  const std::string down_fails =
      "downgrade:\n"
      "  - drop_table: {name: t3}\n"
      "  - create_table: {name: t5, columns: [{name: id, type: integer}]}\n"
      "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n";
  project.write_b("", "t2");
  ASSERT_EQ(project.upgrade(autocommit, *connect()), "no error");
  project.write_b(down_fails);
  const std::string message = project.downgrade(autocommit, *connect(), "a");
  EXPECT_NE(message.find("statements 1 to 2 of that migration were applied"), std::string::npos)
      << message;
  // drop_table has no inverse: the way back offered is by hand, not an undo that would stop.
  EXPECT_TRUE(
      message.ends_with("or undo them by hand (not every one has an inverse migrate can "
                        "derive) and run `migrate stamp --purge b`"))
      << message;
  const auto record = recorded(autocommit, *connect());
  ASSERT_TRUE(record);
  EXPECT_EQ(record->direction, Direction::down);
  // upgrade undoes the part-way downgrade: t5 goes (create_table inverts), and drop_table has no
  // inverse, so the undo stops there and says so.
  const std::string undo = project.upgrade(autocommit, *connect());
  EXPECT_NE(undo.find("Cannot undo the downgrade of b by itself: operation 1 (drop_table)"),
            std::string::npos)
      << undo;
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1", "t2"}));
  // Fixed, the downgrade resumes where it stopped: t3 is not dropped twice.
  project.write_b(
      "downgrade:\n"
      "  - drop_table: {name: t3}\n"
      "  - drop_table: {name: t2}\n");
  EXPECT_EQ(project.downgrade(autocommit, *connect(), "a"), "no error");
  EXPECT_EQ(backend().tables(), with_bookkeeping({"alembic_version", "t1"}));
  EXPECT_EQ(rows(*connect(), "SELECT version_num FROM alembic_version"),
            std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace migrate::test
