// Real schemas nobody here wrote (../shared/datasets/schemas, see its README) load through
// `execute` and reflect, on every dialect that has a file for them.
#include <fstream>
#include <regex>

#include "dialect_suite/contract.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

struct Sample {
  fs::path file;
  std::size_t tables;                       // load_check.jsonl's counts for it
  std::optional<std::size_t> foreign_keys;  // unknown where partitions hold keys of their own
};

// The samples for a dialect, with the table counts the datasets' own load check found.
std::vector<Sample> samples_for(const std::string& dialect) {
  const fs::path root(MIGRATE_DATASETS_DIR);
  const std::string engine = dialect == "sqlite" ? "sqlite3" : dialect;
  std::ifstream check(root / "load_check.jsonl");
  const std::regex line(
      R"re("file": "schemas/([^"]+)", "engine": "([^"]+)".*"tables": (\d+).*"foreign_keys": (\d+))re");
  std::vector<Sample> out;
  for (std::string text; std::getline(check, text);) {
    std::smatch m;
    if (!std::regex_search(text, m, line) || m[2] != engine) continue;
    const fs::path file = root / m[1].str();
    if (file.filename() != dialect + ".sql") continue;  // schema only, not *_with_data
    // Reflection leaves partitions out (they are their parent's), with the keys declared on them.
    static const std::regex partitions(R"re("partitions": [1-9])re");
    const bool partitioned = std::regex_search(text, partitions);
    out.push_back({file, std::stoul(m[3].str()),
                   partitioned ? std::nullopt : std::optional(std::stoul(m[4].str()))});
  }
  return out;
}

TEST_P(DialectContract, SampleSchemasLoadAndReflect) {
  const auto samples = samples_for(GetParam());
  if (samples.empty()) {
    // A fact about the datasets, not the dialect: say so in the test report.
    GTEST_SKIP() << "../shared/datasets/schemas holds no " << GetParam() << ".sql";
  }
  for (const auto& sample : samples) {
    SCOPED_TRACE(sample.file.string());
    auto fresh = make_backend(GetParam());
    TempDir dir;
    const auto url = fresh->create_database(dir.path());
    {
      auto connection = dialect().connect(Url::parse(url));
      ASSERT_NO_THROW(apply(*connection, Execute{.sql = read_file(sample.file)}));
    }
    // A fresh connection: pg_dump files empty their session's search_path.
    auto connection = dialect().connect(Url::parse(url));
    SchemaModel model;
    ASSERT_NO_THROW(model = reflect(*connection));
    EXPECT_EQ(model.tables.size(), sample.tables);
    std::size_t foreign_keys = 0;
    for (const auto& table : model.tables) foreign_keys += table.foreign_keys.size();
    if (sample.foreign_keys) {
      EXPECT_EQ(foreign_keys, *sample.foreign_keys);
    }
  }
}

}  // namespace
}  // namespace migrate::test
