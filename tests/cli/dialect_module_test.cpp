// The PostgreSQL dialect is a module the binary loads from ../lib/migrate/ on the first
// postgresql:// URL (src/dialects/module_abi.h). An installation that lost it, or mixed it with
// another version's, must say so in one line, and everything else must keep working without it.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

class DialectModule : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(temp_.path() / "bin");
    fs::copy_file(MIGRATE_BINARY, binary());
    fs::create_directories(temp_.path() / "project" / "migrations" / "versions");
    write_file(temp_.path() / "project" / "migrations" / "versions" / "a.yaml",
               "revision: \"aaaaaaaaaaaa\"\ndown_revision: null\nupgrade:\n"
               "  - create_table: {name: account, columns: [{name: id, type: integer}]}\n");
    write_file(temp_.path() / "project" / "alembic.ini",
               "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n");
  }
  fs::path binary() const { return temp_.path() / "bin" / "migrate"; }
  fs::path module_dir() const { return temp_.path() / "lib" / "migrate"; }
  Result run(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, RunOptions{.cwd = temp_.path() / "project",
                                        .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                                        .stdin_text = std::nullopt});
  }

 private:
  TempDir temp_;
};

// Reaching the server is not needed: the module is loaded before connecting.
const char* kPostgresUrl = "postgresql://scott:tiger@127.0.0.1:1/app";

TEST_F(DialectModule, MissingModuleIsOneLineNamingThePathAndTheDialect) {
  const auto result = run({"--url", kPostgresUrl, "upgrade", "head"});
  EXPECT_TRUE(failed_with(result, "postgresql dialect could not be loaded"));
  EXPECT_NE(result.err.find((module_dir() / "migrate-postgresql.so").string()), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("tiger"), std::string::npos) << "password leaked: " << result.err;
}

TEST_F(DialectModule, SqliteAndGraphCommandsDoNotNeedIt) {
  EXPECT_EQ(run({"heads"}).exit_code, 0);
  const auto upgrade = run({"upgrade", "head"});
  EXPECT_EQ(upgrade.exit_code, 0) << upgrade.err;
  const auto current = run({"current"});
  EXPECT_EQ(current.out, "aaaaaaaaaaaa (head)\n") << current.err;
}

TEST_F(DialectModule, AFileThatIsNotAModuleIsRefused) {
  fs::create_directories(module_dir());
  write_file(module_dir() / "migrate-postgresql.so", "not an ELF file\n");
  EXPECT_TRUE(failed_with(run({"--url", kPostgresUrl, "current"}), "could not be loaded"));
}

TEST_F(DialectModule, AModuleFromAnotherVersionIsRefused) {
  fs::create_directories(module_dir());
  fs::copy_file(OTHER_VERSION_MODULE, module_dir() / "migrate-postgresql.so");
  const auto result = run({"--url", kPostgresUrl, "current"});
  EXPECT_TRUE(failed_with(result, "belongs to migrate 0.0.0-other"));
  EXPECT_NE(result.err.find("this binary is migrate " MIGRATE_VERSION), std::string::npos)
      << result.err;
}

TEST_F(DialectModule, TheBuiltModuleLoadsFromTheInstalledLayout) {
  fs::create_directories(module_dir());
  fs::copy_file(
      fs::path(MIGRATE_BINARY).parent_path() / ".." / "lib" / "migrate" / "migrate-postgresql.so",
      module_dir() / "migrate-postgresql.so");
  // Loaded, so the failure is the connection's, naming the masked URL.
  const auto result = run({"--url", kPostgresUrl, "current"});
  EXPECT_TRUE(failed_with(result, "127.0.0.1"));
  EXPECT_EQ(result.err.find("could not be loaded"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("tiger"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace migrate::test
