// Writes a benchmark project: alembic.ini, migrations/versions/ with an N-revision chain (each
// revision creates a table of three columns plus an index, and drops them on downgrade).
// The raw floor SQL is taken from `migrate upgrade head --sql` by bench/run.sh, so that the
// floor runs exactly the statements and version-table updates migrate runs.
//
// Usage: make_chain DIR N
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string rev_id(int i) {
  return fmt::format("{:012x}", 0xa00000000000ULL + static_cast<unsigned>(i));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: make_chain DIR N\n";
    return 2;
  }
  const fs::path dir = argv[1];
  const int n = std::atoi(argv[2]);
  fs::create_directories(dir / "migrations" / "versions");
  std::ofstream(dir / "alembic.ini") << "[alembic]\nscript_location = migrations\n";
  for (int i = 1; i <= n; ++i) {
    const std::string id = rev_id(i);
    const std::string parent = i == 1 ? "null" : "\"" + rev_id(i - 1) + "\"";
    const std::string table = fmt::format("t{:06d}", i);
    std::ofstream(dir / "migrations" / "versions" / fmt::format("{:06d}_{}.yaml", i, id))
        << fmt::format(
               "# create table {t}\n#\n# Revision ID: {id}\n# Revises: {p}\n"
               "# Create Date: 2026-11-24 00:00:00.000000\n"
               "revision: \"{id}\"\ndown_revision: {parent}\nmessage: \"create table {t}\"\n"
               "create_date: \"2026-11-24 00:00:00.000000\"\n"
               "upgrade:\n"
               "  - create_table:\n"
               "      name: {t}\n"
               "      columns:\n"
               "        - {{name: id, type: integer, primary_key: true}}\n"
               "        - {{name: name, type: string(50), nullable: false}}\n"
               "        - {{name: created, type: datetime}}\n"
               "  - create_index: {{name: ix_{t}_name, table: {t}, columns: [name]}}\n"
               "downgrade:\n"
               "  - drop_index: {{name: ix_{t}_name, table: {t}}}\n"
               "  - drop_table: {{name: {t}}}\n",
               fmt::arg("t", table), fmt::arg("id", id), fmt::arg("parent", parent),
               fmt::arg("p", i == 1 ? "" : rev_id(i - 1)));
  }
  return 0;
}
