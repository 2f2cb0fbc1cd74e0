// Real schema dumps (/work/shared/datasets/schemas, see its README) load through `execute` on
// a fresh database: one multi-statement string each, as an `execute:` operation would send it.
#include <gtest/gtest.h>

#include <filesystem>

#include "pg_test_support.h"
#include "support/process.h"

namespace migrate::postgresql {
namespace {

using testing::FreshDatabase;
using testing::value;

struct Sample {
  std::string name;
  int tables;  // ordinary and partitioned tables that are not partitions (the README's count)
  int foreign_keys;
};

// The name alone in test output, not gtest's byte dump.
void PrintTo(const Sample& sample, std::ostream* out) { *out << sample.name; }

class SampleSchema : public ::testing::TestWithParam<Sample> {};

TEST_P(SampleSchema, LoadsThroughExecute) {
  const auto& sample = GetParam();
  const auto path = std::filesystem::path(MIGRATE_DATASETS_DIR) / sample.name / "postgresql.sql";
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  FreshDatabase db;
  auto connection = db.connect();
  ASSERT_NO_THROW(testing::apply(*connection, Execute{.sql = test::read_file(path)}));
  // pg_dump files set an empty search_path for their session: count on a fresh one.
  auto check = db.connect();
  EXPECT_EQ(value(*check,
                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                  "c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND "
                  "NOT c.relispartition"),
            std::to_string(sample.tables));
  EXPECT_EQ(value(*check,
                  "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 "
                  "AND connamespace = 'public'::regnamespace"),
            std::to_string(sample.foreign_keys));
}

INSTANTIATE_TEST_SUITE_P(Datasets, SampleSchema,
                         ::testing::Values(Sample{"pagila", 15, 36}, Sample{"chinook", 11, 11},
                                           Sample{"northwind", 14, 13}, Sample{"sakila", 21, 40},
                                           Sample{"synapse", 138, 14},
                                           Sample{"openstreetmap", 56, 69}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace migrate::postgresql
