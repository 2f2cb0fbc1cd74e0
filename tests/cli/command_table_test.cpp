// Only the command being run is built (cli::Command); which one that is must be read from argv
// exactly as CLI11 will read it, or the command would run without its options.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/cli.h"

namespace migrate::cli {
namespace {

std::string invoked(std::vector<std::string> words) {
  std::vector<char*> args;
  for (auto& word : words) args.push_back(word.data());
  const Command* command = invoked_command(args);
  return command == nullptr ? "(none)" : command->name;
}

TEST(InvokedCommand, FirstWordAfterGlobalOptions) {
  EXPECT_EQ(invoked({"upgrade", "head"}), "upgrade");
  EXPECT_EQ(invoked({"-q", "history", "-v"}), "history");
  EXPECT_EQ(invoked({"-c", "heads", "current"}), "current");
  EXPECT_EQ(invoked({"--config", "x.ini", "-n", "show", "show", "head"}), "show");
  EXPECT_EQ(invoked({"--url", "sqlite:///a.db", "stamp", "base"}), "stamp");
  EXPECT_EQ(invoked({"--url=sqlite:///a.db", "-cfile.ini", "check"}), "check");
  EXPECT_EQ(invoked({"-qc", "history", "heads"}), "heads");
}

TEST(InvokedCommand, DashXTakesValuesUntilACommand) {
  EXPECT_EQ(invoked({"-x", "a=1", "b=2", "downgrade", "-1"}), "downgrade");
  EXPECT_EQ(invoked({"-x", "heads", "heads"}), "heads");
  EXPECT_EQ(invoked({"-x", "a=1", "-q", "branches"}), "branches");
}

TEST(InvokedCommand, NoneWhenThereIsNoCommandWord) {
  EXPECT_EQ(invoked({}), "(none)");
  EXPECT_EQ(invoked({"--version"}), "(none)");
  EXPECT_EQ(invoked({"--help"}), "(none)");
  EXPECT_EQ(invoked({"frob", "upgrade"}), "(none)");
  EXPECT_EQ(invoked({"--", "upgrade"}), "(none)");
}

}  // namespace
}  // namespace migrate::cli
