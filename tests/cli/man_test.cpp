// migrate(1): written by the binary from its command table, so every command and option that
// --help lists is in it; it renders cleanly with groff; the build installs the same text.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/e2e.h"

// RunOptions are built naming only the fields that matter.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::test {
namespace {

class ManPage : public E2E {};

// The subcommands `migrate --help` lists.
std::vector<std::string> listed_commands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help.substr(help.find("Subcommands:")));
  std::string line;
  std::getline(lines, line);
  const std::regex entry(R"(  ([a-z]+) .*)");
  while (std::getline(lines, line)) {
    std::smatch match;
    if (std::regex_match(line, match, entry)) names.push_back(match[1]);
  }
  return names;
}

TEST_P(ManPage, ListsEveryCommandOptionKeyAndExitStatus) {
  const Result help = migrate({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit status: 0 success; 1 failure"), std::string::npos) << help.out;
  const auto names = listed_commands(help.out);
  ASSERT_GE(names.size(), 14u) << help.out;
  EXPECT_EQ(std::find(names.begin(), names.end(), "man"), names.end()) << "hidden";
  const Result man = migrate({"man"});
  ASSERT_EQ(man.exit_code, 0) << man.err;
  for (const auto& name : names) {
    EXPECT_NE(man.out.find("\n.SS " + name + "\n"), std::string::npos) << name;
    // Each of the command's options, as its own --help lists them.
    const Result sub = migrate({name, "--help"});
    const std::regex option(R"(--([a-z][a-z-]+))");
    for (std::sregex_iterator it(sub.out.begin(), sub.out.end(), option), end; it != end; ++it) {
      if ((*it)[1] == "help") continue;
      std::string roff = "\\-\\-" + (*it)[1].str();
      for (std::size_t at = 2; (at = roff.find('-', at + 2)) != std::string::npos;) {
        roff.insert(at, "\\");
      }
      EXPECT_NE(man.out.find(roff), std::string::npos) << name << " " << (*it)[0];
    }
  }
  for (const char* key : {"script_location", "version_table_schema", "target_schema"}) {
    EXPECT_NE(man.out.find(std::string("\\fB") + key + "\\fR"), std::string::npos) << key;
  }
  for (const char* text :
       {".SH EXIT STATUS", "MIGRATE_FORMAT", "DATABASE_URL", ".SH ENVIRONMENT"}) {
    EXPECT_NE(man.out.find(text), std::string::npos) << text;
  }
  // groff renders it without a warning.
  const Result rendered = run_program({"/usr/bin/groff", "-man", "-Tutf8", "-ww", "-z"},
                                      RunOptions{.stdin_text = man.out});
  EXPECT_EQ(rendered.exit_code, 0);
  EXPECT_EQ(rendered.err, "");
  // And the build wrote the same page where `cmake --install` takes it from.
  const auto built = std::filesystem::path(MIGRATE_BINARY).parent_path().parent_path() /
                     "share/man/man1/migrate.1";
  ASSERT_TRUE(std::filesystem::exists(built)) << built;
  std::ifstream file(built);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, man.out);
}

INSTANTIATE_TEST_SUITE_P(OneBackend, ManPage, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
