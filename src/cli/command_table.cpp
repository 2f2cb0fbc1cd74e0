// The subcommands, in the order `migrate --help` lists them, and which one argv runs.
#include <algorithm>
#include <array>
#include <string_view>

#include "cli/cli.h"

namespace migrate::cli {
namespace {

constexpr std::array kCommands{
    Command{"init", "Initialize a new migration environment", &wire_init_command},
    Command{"revision", "Create a new revision file", &wire_revision_command},
    Command{"merge", "Merge two (or more) revisions together", &wire_merge_command},
    Command{"baseline",
            "Write a first revision that creates the database's whole schema, and stamp it there",
            &wire_baseline_command},
    Command{"upgrade", "Upgrade to a later version", &wire_upgrade_command},
    Command{"downgrade", "Revert to a previous version", &wire_downgrade_command},
    Command{"stamp", "'stamp' the revision table with the given revision; don't run any migrations",
            &wire_stamp_command},
    Command{"current", "Display the current revision for a database", &wire_current_command},
    Command{"history", "List changeset scripts in chronological order", &wire_history_command},
    Command{"heads", "Show current available heads in the script directory", &wire_heads_command},
    Command{"branches", "Show current branch points", &wire_branches_command},
    Command{"show", "Show the revision(s) denoted by the given symbol", &wire_show_command},
    Command{"graph", "Draw the revision graph (DOT, Mermaid or SVG)", &wire_graph_command},
    Command{"check",
            "Exit 1 if 'revision --autogenerate' would generate operations (CI drift check)",
            &wire_check_command},
    Command{"lint", "Find migrations that lock, rewrite or break a database in use",
            &wire_lint_command},
    Command{"validate",
            "Exit 1 if applied scripts were edited or are missing, or pending ones are older than "
            "applied ones",
            &wire_validate_command},
    Command{"status",
            "Where the database stands: heads, pending revisions, script problems, recent runs "
            "(exit 0 up to date, 3 pending, 1 drift)",
            &wire_status_command},
    Command{"test",
            "Test the migrations on a throwaway database: heads, up/down/up stairway, no trace, "
            "target schema, lint",
            &wire_test_command},
    Command{"fleet",
            "Run upgrade, downgrade, stamp, current, check or status over many databases "
            "(tenants, shards, files) at once",
            &wire_fleet_command},
    Command{"import-alembic",
            "Convert an Alembic environment (alembic.ini or script directory) into a migrate one",
            &wire_import_alembic_command},
    Command{"completion", "Print a completion script for bash, zsh or fish",
            &wire_completion_command},
    Command{"man", "", &wire_man_command},
};

const Command* find_command(std::string_view word) {
  const auto* found = std::find_if(kCommands.begin(), kCommands.end(),
                                   [&](const Command& c) { return c.name == word; });
  return found == kCommands.end() ? nullptr : found;
}

// The global options that take a value (main.cpp): -c/--config, -n/--name, --url, --format take
// one; -x takes one or more, and CLI11 stops it at the first option or command name after the
// first.
enum class Takes { nothing, one, several };

Takes value_of(std::string_view arg) {
  if (arg == "--config" || arg == "--name" || arg == "--url" || arg == "--format") {
    return Takes::one;
  }
  // A short option, alone or last of a cluster (`-qc FILE`); `-cFILE` carries its own value.
  if (arg.size() >= 2 && arg[0] == '-' && arg[1] != '-') {
    switch (arg.back()) {
      case 'c':
      case 'n':
        return Takes::one;
      case 'x':
        return Takes::several;
      default:
        return Takes::nothing;
    }
  }
  return Takes::nothing;
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

const Command* invoked_command(std::span<char* const> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") return nullptr;
    if (arg.starts_with('-')) {
      const Takes takes = value_of(arg);
      if (takes != Takes::nothing) ++i;
      if (takes == Takes::several) {
        while (i + 1 < args.size() && !std::string_view(args[i + 1]).starts_with('-') &&
               find_command(args[i + 1]) == nullptr) {
          ++i;
        }
      }
      continue;
    }
    return find_command(arg);
  }
  return nullptr;
}

}  // namespace migrate::cli
