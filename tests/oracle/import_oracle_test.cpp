// Issue 10, item 5: `migrate import-alembic` verified against Alembic itself. Debian's Alembic
// runs a history under tests/data/alembic/ on one scratch database, `migrate` runs the imported
// YAML on another of the same dialect, and the two must hold the same schema, rows and version
// table after `upgrade heads`, after a downgrade to a middle revision and after one to base.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>

#include "oracle/alembic.h"

namespace migrate::test {
namespace {

class ImportOracle : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(temp_.path() / "alembic");
    std::filesystem::create_directories(temp_.path() / "migrate");
    alembic_db_ = make_backend(GetParam());
    alembic_url_ = alembic_db_->create_database(temp_.path() / "alembic");
    migrate_db_ = make_backend(GetParam());
    migrate_url_ = migrate_db_->create_database(temp_.path() / "migrate");
  }

  // `migrate import-alembic FIXTURE --into imported`, then imported/alembic.ini pointed at the
  // migrate side's database (`url` wins over the sqlalchemy.url the import kept).
  Result import(const std::filesystem::path& fixture, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"import-alembic", (fixture / "alembic.ini").string(), "--into",
                                  imported().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return migrate_in(temp_.path(), args);
  }

  void point_imported_at_database() const {
    const auto ini = imported() / "alembic.ini";
    const std::string text = read_file(ini);
    const auto header = text.find("[alembic]\n");
    ASSERT_NE(header, std::string::npos) << text;
    write_file(ini, text.substr(0, header + 10) + "url = " + migrate_url_ + "\n" +
                        text.substr(header + 10));
  }

  Result migrate(const std::vector<std::string>& args) const {
    std::vector<std::string> with_config{"-c", (imported() / "alembic.ini").string()};
    with_config.insert(with_config.end(), args.begin(), args.end());
    return migrate_in(imported(), with_config);
  }

  // One step on both sides, then the two databases compared.
  void both(const std::filesystem::path& fixture, const std::vector<std::string>& args) {
    const Result alembic = run_alembic(fixture, alembic_url_, args);
    ASSERT_EQ(alembic.exit_code, 0) << "alembic failed:\n" << alembic.err;
    const Result ours = migrate(args);
    ASSERT_EQ(ours.exit_code, 0) << "migrate failed:\n" << ours.err;
    EXPECT_EQ(database_dump(*migrate_db_, migrate_url_), database_dump(*alembic_db_, alembic_url_))
        << "after " << args[0] << " " << args[1] << " (expected: Alembic's; actual: migrate's)";
  }

  std::filesystem::path imported() const { return temp_.path() / "imported"; }
  const std::filesystem::path& dir() const { return temp_.path(); }
  Backend& migrate_db() const { return *migrate_db_; }
  const std::string& migrate_url() const { return migrate_url_; }

 private:
  static Result migrate_in(const std::filesystem::path& cwd, const std::vector<std::string>& args) {
    std::vector<std::string> argv{MIGRATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, RunOptions{.cwd = cwd,
                                        .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                                        .stdin_text = std::nullopt});
  }

  TempDir temp_;
  std::unique_ptr<Backend> alembic_db_;
  std::unique_ptr<Backend> migrate_db_;
  std::string alembic_url_;
  std::string migrate_url_;
};

TEST_P(ImportOracle, EveryConvertibleConstructBuildsWhatAlembicBuilds) {
  const auto fixture = alembic_fixture("full");
  const Result imported = import(fixture);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  point_imported_at_database();
  both(fixture, {"upgrade", "heads"});
  // From the merge back to one side of it: the merge and the other branch's tip go.
  both(fixture, {"downgrade", "c3d4e5f6a7b8"});
  both(fixture, {"downgrade", "base"});
}

// A downgrade() that is missing is nothing to do: Alembic cannot run it at all, the import makes
// it a no-op, so the table stays and the version table empties.
TEST_P(ImportOracle, AMissingDowngradeDowngradesAsNothing) {
  const auto fixture = alembic_fixture("nodowngrade");
  const Result imported = import(fixture);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  point_imported_at_database();
  both(fixture, {"upgrade", "head"});
  const Result down = migrate({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(migrate_db().columns("notes"), (std::vector<std::string>{"id", "body"}));
  const auto rows = migrate_db().query("SELECT COUNT(*) FROM alembic_version");
  EXPECT_EQ(rows.at(0).at(0), "0");
}

INSTANTIATE_TEST_SUITE_P(Dialects, ImportOracle, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

// The lines marked "# UNCONVERTIBLE" in tests/data/alembic/unconvertible/versions/, as
// "file:line".
std::vector<std::string> marked_lines(const std::filesystem::path& versions) {
  std::vector<std::string> marks;
  for (const auto& entry : std::filesystem::directory_iterator(versions)) {
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (line.find("# UNCONVERTIBLE") != std::string::npos)
        marks.push_back(entry.path().filename().string() + ":" + std::to_string(number));
    }
  }
  std::sort(marks.begin(), marks.end());
  return marks;
}

TEST(ImportOracleUnconvertible, ListsEveryFileAndLineAndWritesNothing) {
  const auto fixture = alembic_fixture("unconvertible");
  TempDir temp;
  const Result result = run_program(
      {MIGRATE_BINARY, "import-alembic", (fixture / "alembic.ini").string(), "--into",
       (temp.path() / "imported").string()},
      RunOptions{.cwd = temp.path(), .env = {{"MIGRATE_CONFIG", ""}}, .stdin_text = std::nullopt});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  // The list is the command's data (stdout); the FAILED: line closes stderr.
  const auto marks = marked_lines(fixture / "versions");
  ASSERT_EQ(marks.size(), 4u);  // a loop, Core, the ORM, an application helper
  for (const auto& mark : marks) EXPECT_NE(result.out.find(mark), std::string::npos) << mark;
  EXPECT_EQ(result.out.find("1111aaaa2222_base.py"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("FAILED: "), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(temp.path() / "imported")) << "the import wrote files";
}

}  // namespace
}  // namespace migrate::test
