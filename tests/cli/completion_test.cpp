// completion: the bash script, loaded in a real bash, completes commands, options and the
// project's own revisions; zsh and fish get the same words. No database is involved, so this
// runs on one backend only.
#include <filesystem>
#include <sstream>

#include "cli/e2e.h"

// RunOptions are built naming only the fields that matter.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::test {
namespace {

class Completion : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    revision("a.yaml", "aaaaaaaaaaaa", "", "  []\n", "", "branch_labels: [core]\n");
    const Result script = migrate({"completion", "bash"});
    ASSERT_EQ(script.exit_code, 0) << script.err;
    write_file(dir() / "migrate.bash", script.out);
  }
  // What bash offers for the command line `words`, the last one being completed.
  std::vector<std::string> complete(const std::vector<std::string>& words) const {
    std::string array;
    for (const auto& word : words) array += " '" + word + "'";
    const std::string bin = std::filesystem::path(MIGRATE_BINARY).parent_path().string();
    const Result result = run_program(
        {"/bin/bash", "--norc", "-c",
         "source ./migrate.bash; COMP_WORDS=(" + array + "); COMP_CWORD=" +
             std::to_string(words.size() - 1) + "; _migrate; printf '%s\\n' \"${COMPREPLY[@]}\""},
        RunOptions{.cwd = dir(), .env = {{"PATH", bin + ":/usr/bin:/bin"}}});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> lines;
    std::istringstream in(result.out);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
    return lines;
  }
};

TEST_P(Completion, BashCompletesCommandsOptionsAndRevisions) {
  EXPECT_EQ(complete({"migrate", "upg"}), std::vector<std::string>{"upgrade"});
  EXPECT_EQ(complete({"migrate", "--url", "sqlite://", "hist"}),
            std::vector<std::string>{"history"})
      << "a global option's value is not the command";
  const auto options = complete({"migrate", "upgrade", "--s"});
  EXPECT_NE(std::find(options.begin(), options.end(), "--sql"), options.end());
  EXPECT_EQ(complete({"migrate", "upgrade", "aa"}), std::vector<std::string>{"aaaaaaaaaaaa"});
  EXPECT_EQ(complete({"migrate", "downgrade", "co"}), std::vector<std::string>{"core@head"});
  EXPECT_EQ(complete({"migrate", "stamp", "he"}), (std::vector<std::string>{"head", "heads"}));
  EXPECT_EQ(complete({"migrate", "graph", "--f"}), std::vector<std::string>{"--format"});
}

TEST_P(Completion, ZshAndFishCarryTheSameWords) {
  const Result zsh = migrate({"completion", "zsh"});
  ASSERT_EQ(zsh.exit_code, 0);
  EXPECT_NE(zsh.out.find("bashcompinit"), std::string::npos);
  EXPECT_NE(zsh.out.find("complete -F _migrate migrate"), std::string::npos);
  const Result fish = migrate({"completion", "fish"});
  ASSERT_EQ(fish.exit_code, 0);
  EXPECT_NE(fish.out.find("complete -c migrate -n '__fish_use_subcommand' -a upgrade"),
            std::string::npos)
      << fish.out;
  EXPECT_NE(fish.out.find("complete -c migrate -n '__fish_seen_subcommand_from upgrade' -l sql"),
            std::string::npos);
  EXPECT_EQ(migrate({"completion", "tcsh"}).exit_code, 2);
}

INSTANTIATE_TEST_SUITE_P(OneBackend, Completion, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
