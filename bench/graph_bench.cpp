// In-process benchmarks of what graph commands pay for, each beside its baseline:
// - reading a script's header with the fast scanner vs parsing the whole script with yaml-cpp
//   (the cost graph commands avoid);
// - building the revision graph, and walking history, for a 10,000-revision chain.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "migrate/graph/plan.h"
#include "migrate/graph/revision_graph.h"
#include "migrate/script/script_directory.h"
#include "script/script_header.h"

namespace {

namespace fs = std::filesystem;

const char* kScript = R"(# create table t000042
#
# Revision ID: a0000000002a
# Revises: a00000000029
# Create Date: 2026-11-24 00:00:00.000000
revision: "a0000000002a"
down_revision: "a00000000029"
message: "create table t000042"
create_date: "2026-11-24 00:00:00.000000"
upgrade:
  - create_table:
      name: t000042
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: name, type: string(50), nullable: false}
        - {name: created, type: datetime}
  - create_index: {name: ix_t000042_name, table: t000042, columns: [name]}
downgrade:
  - drop_index: {name: ix_t000042_name, table: t000042}
  - drop_table: {name: t000042}
)";

fs::path script_file() {
  static const fs::path path = [] {
    fs::path p = fs::temp_directory_path() / "migrate_bench_script.yaml";
    std::ofstream(p) << kScript;
    return p;
  }();
  return path;
}

// Baseline: what Alembic-style loading costs, a full parse and validation of the script.
void BM_FullParse(benchmark::State& state) {
  const std::string text = kScript;
  for (auto _ : state) benchmark::DoNotOptimize(migrate::detail::parse_script(text, "s.yaml"));
}
BENCHMARK(BM_FullParse);

void BM_HeaderScan(benchmark::State& state) {
  const fs::path path = script_file();
  for (auto _ : state) benchmark::DoNotOptimize(migrate::read_script_info(path));
}
BENCHMARK(BM_HeaderScan);

std::vector<migrate::Revision> chain(int n) {
  std::vector<migrate::Revision> revisions(n);
  for (int i = 0; i < n; ++i) {
    std::ostringstream id;
    id << std::hex << (0xa00000000000ULL + i);
    revisions[i].id = id.str();
    if (i > 0) revisions[i].down_revisions = {revisions[i - 1].id};
  }
  return revisions;
}

void BM_BuildGraph(benchmark::State& state) {
  const auto revisions = chain(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(migrate::RevisionGraph::build(revisions));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_BuildGraph)->Arg(1000)->Arg(10000)->Arg(100000)->Complexity();

void BM_History(benchmark::State& state) {
  const auto graph = migrate::RevisionGraph::build(chain(static_cast<int>(state.range(0))));
  for (auto _ : state) benchmark::DoNotOptimize(migrate::history_range(graph, {}, ""));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_History)->Arg(1000)->Arg(10000)->Arg(100000)->Complexity();

void BM_PlanUpgradeHead(benchmark::State& state) {
  const auto graph = migrate::RevisionGraph::build(chain(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    benchmark::DoNotOptimize(migrate::plan_upgrade(graph, {}, graph.heads()));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_PlanUpgradeHead)->Arg(1000)->Arg(10000)->Arg(100000)->Complexity();

}  // namespace

BENCHMARK_MAIN();
