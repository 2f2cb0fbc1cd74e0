// A statement failing midway leaves what the dialect's capabilities promise: nothing of the
// command where DDL is transactional, and exactly the statements before it (reported, with the
// version table at the last whole migration) where it is not. The second case runs here on
// every dialect, declared as if it lacked transactional DDL.
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

class Recorder final : public PartialMigrationRecorder {
 public:
  void record(const PartialMigration& partial) override {
    revision = partial.step->info->revision.id;
    committed = partial.committed;
  }
  std::string revision;
  std::vector<std::string> committed;
};

// Two revisions on disk: a creates t1; b creates t2 and t3, then fails.
class FailingProject {
 public:
  explicit FailingProject(const std::filesystem::path& dir) {
    const auto versions = dir / "versions";
    std::filesystem::create_directories(versions);
    write_file(versions / "a.yaml",
               "revision: a\nupgrade:\n  - create_table: {name: t1, columns: [{name: id, type: "
               "integer}]}\n");
    write_file(versions / "b.yaml",
               "revision: b\ndown_revision: a\nupgrade:\n"
               "  - create_table: {name: t2, columns: [{name: id, type: integer}]}\n"
               "  - create_table: {name: t3, columns: [{name: id, type: integer}]}\n"
               "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n");
    directory_ = std::make_unique<ScriptDirectory>(dir, std::vector{versions});
    infos_ = directory_->load_infos();
    std::vector<Revision> revisions;
    for (const auto& info : infos_) revisions.push_back(info.revision);
    graph_ = RevisionGraph::build(std::move(revisions));
    scripts_ = ScriptSet{directory_.get(), &graph_, {}};
    for (const auto& info : infos_) scripts_.by_id.emplace(info.revision.id, &info);
  }

  // `upgrade head` with `dialect`, as the command runs it; the FAILED message.
  std::string upgrade(const Dialect& dialect, Connection& connection,
                      PartialMigrationRecorder* recorder = nullptr) const {
    VersionTable table(dialect, TableName{std::nullopt, "alembic_version"});
    table.resolve_schema(connection);
    std::ostringstream out;
    std::ostringstream log;
    const Output output(out, log, true);
    auto lock = dialect.lock(connection, table.lock_key());
    MigrationContext context(dialect, connection, scripts_, std::move(table), output, false);
    context.set_partial_recorder(recorder);
    try {
      context.run(Direction::up, "head");
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }

 private:
  std::unique_ptr<ScriptDirectory> directory_;
  std::vector<ScriptInfo> infos_;
  RevisionGraph graph_;
  ScriptSet scripts_;
};

TEST_P(DialectContract, StatementFailingMidwayLeavesWhatTheCapabilitiesPromise) {
  const FailingProject project(dir());
  const std::string message = project.upgrade(dialect(), *connect());
  EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
  if (dialect().capabilities().transactional_ddl) {
    EXPECT_NE(message.find("rolled back: the database is still at base"), std::string::npos)
        << message;
    EXPECT_EQ(backend().tables(), std::vector<std::string>{}) << "one transaction for the command";
  } else {
    EXPECT_NE(message.find("were applied"), std::string::npos) << message;
  }
}

TEST_P(DialectContract, WithoutTransactionalDdlStatementsCommitOneByOneAndAreReported) {
  const FailingProject project(dir());
  const WithoutTransactionalDdl autocommit(dialect());
  Recorder recorder;
  const std::string message = project.upgrade(autocommit, *connect(), &recorder);
  // Which statement of which migration, and how many before it stay.
  EXPECT_NE(message.find("upgrade a -> b: operation 3 of 3 (execute), statement 3 of the "
                         "migration failed"),
            std::string::npos)
      << message;
  EXPECT_TRUE(
      message.ends_with("; statements 1 to 2 of that migration were applied and cannot be "
                        "rolled back (this database commits DDL by itself); the version "
                        "table is still at a"))
      << message;
  // a is whole and recorded; b's first two statements stayed.
  EXPECT_EQ(backend().tables(), (std::vector<std::string>{"alembic_version", "t1", "t2", "t3"}));
  EXPECT_EQ(rows(*connect(), "SELECT version_num FROM alembic_version"),
            std::vector<std::string>{"a"});
  EXPECT_EQ(recorder.revision, "b");
  ASSERT_EQ(recorder.committed.size(), 2u);
  EXPECT_NE(recorder.committed[1].find("t3"), std::string::npos) << recorder.committed[1];
}

}  // namespace
}  // namespace migrate::test
