// bin/migrate hands postgresql:// commands to lib/migrate/migrate-postgresql, the same program
// with PostgreSQL linked in (src/dialects/dialect_program.h). An installation that lost it, or
// mixed it with another version's, must say so in one line, and everything else must keep
// working without it. (That it runs every PostgreSQL command correctly is the whole end-to-end
// suite on the postgresql backend, which goes through bin/migrate.)
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

class DialectProgram : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(temp_.path() / "bin");
    fs::copy_file(MIGRATE_BINARY, binary());
    fs::create_directories(project() / "migrations" / "versions");
    write_file(project() / "migrations" / "versions" / "a.yaml",
               "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n"
               "  - create_table: {name: account, columns: [{name: id, type: integer}]}\n");
    write_file(project() / "alembic.ini",
               "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n");
  }
  fs::path binary() const { return temp_.path() / "bin" / "migrate"; }
  fs::path program() const { return temp_.path() / "lib" / "migrate" / "migrate-postgresql"; }
  fs::path project() const { return temp_.path() / "project"; }
  void install_program() const {
    fs::create_directories(program().parent_path());
    fs::copy_file(MIGRATE_POSTGRESQL_PROGRAM, program());
  }
  Result run(const fs::path& executable, const std::vector<std::string>& args,
             std::map<std::string, std::string> env = {}) const {
    std::vector<std::string> argv{executable.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    env.try_emplace("MIGRATE_CONFIG", "");
    env.try_emplace("DATABASE_URL", "");
    return run_program(argv, RunOptions{.cwd = project(), .env = env, .stdin_text = std::nullopt});
  }

 private:
  TempDir temp_;
};

// Reaching a server is not needed: the program takes over before connecting.
const char* kPostgresUrl = "postgresql://scott:tiger@127.0.0.1:1/app";

TEST_F(DialectProgram, MissingProgramIsOneLineNamingThePathAndTheDialect) {
  const auto result = run(binary(), {"--url", kPostgresUrl, "upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "The postgresql dialect is a separate program"));
  EXPECT_NE(result.err.find(program().string()), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("tiger"), std::string::npos) << "password leaked: " << result.err;
}

TEST_F(DialectProgram, SqliteAndGraphCommandsDoNotNeedIt) {
  EXPECT_EQ(run(binary(), {"--url", kPostgresUrl, "heads"}).out, "aaaaaaaaaaaa (head)\n");
  const auto upgrade = run(binary(), {"upgrade", "head"});
  EXPECT_EQ(upgrade.exit_code, 0) << upgrade.err;
  const auto current = run(binary(), {"current"});
  EXPECT_EQ(current.out, "aaaaaaaaaaaa (head)\n") << current.err;
}

TEST_F(DialectProgram, TakesOverWithTheSameArguments) {
  install_program();
  // The program's own failure to connect, naming the masked URL: the arguments reached it.
  const auto result = run(binary(), {"-q", "--url", kPostgresUrl, "current"});
  EXPECT_TRUE(failed_with(result, "postgresql://scott:***@127.0.0.1:1/app"));
  EXPECT_EQ(result.err.find("separate program"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("tiger"), std::string::npos) << result.err;
  // --sql needs no server: the whole output comes from the program.
  const auto sql = run(binary(), {"--url", kPostgresUrl, "upgrade", "--sql", "head"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("CREATE TABLE account"), std::string::npos) << sql.out;
  EXPECT_NE(sql.out.find("INSERT INTO alembic_version (version_num) VALUES ('aaaaaaaaaaaa')"),
            std::string::npos)
      << sql.out;
}

TEST_F(DialectProgram, ProgramStartedByAnotherVersionRefusesToRun) {
  install_program();
  const auto result = run(program(), {"--url", kPostgresUrl, "upgrade", "--sql", "head"},
                          {{"MIGRATE_STARTED_BY", "0.0.0-other"}});
  EXPECT_TRUE(failed_with(result, "but was started by migrate 0.0.0-other"));
  EXPECT_NE(result.err.find(program().string()), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(DialectProgram, VersionSaysWhichDialectProgramsAreThere) {
  install_program();
  const Result result = run(binary(), {"--version"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "migrate " MIGRATE_VERSION) << "the first line stays what scripts read";
  std::getline(lines, line);
  EXPECT_TRUE(std::regex_match(line, std::regex("commit ([0-9a-f]{12}(-modified)?|unknown)")))
      << line;
  EXPECT_NE(result.out.find("\ndialect sqlite: built in\n"), std::string::npos) << result.out;
  EXPECT_NE(
      result.out.find("\ndialect postgresql: " + program().lexically_normal().string() + "\n"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\ndialect mysql: not found (" +
                            (program().parent_path() / "migrate-mysql").string() + ")"),
            std::string::npos)
      << result.out;
  const Result json = run(binary(), {"--version", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find(R"({"name":"mysql","built_in":false,"program":")"), std::string::npos)
      << json.out;
  EXPECT_NE(json.out.find(R"("found":false})"), std::string::npos) << json.out;
  EXPECT_NE(json.out.find(R"({"schema":"migrate.version/1","version":")" MIGRATE_VERSION),
            std::string::npos)
      << json.out;
  // The last word wins, as for any option: --format text over MIGRATE_FORMAT=json.
  EXPECT_EQ(run(binary(), {"--version", "--format", "text"}, {{"MIGRATE_FORMAT", "json"}})
                .out.rfind("migrate ", 0),
            0u);
}

TEST_F(DialectProgram, AMissingProgramIsAJsonErrorToo) {
  const Result result = run(binary(), {"--format", "json", "--url", kPostgresUrl, "current"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find(R"({"schema":"migrate.error/1","error":"The postgresql dialect)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.err.find("FAILED: The postgresql dialect"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace migrate::test
