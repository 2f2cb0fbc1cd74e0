// `migrate baseline` (SPEC §14): a database with no history becomes the first revision. The
// proof is the round trip: the sample schemas (../shared/datasets/schemas, and for MySQL, which
// has none there, tests/data/schemas/baseline.mysql.sql) are loaded into database A, baselined,
// and the revision is upgraded on an empty database B; A and B must reflect alike and hold the
// same views, functions, triggers, types and sequences, and downgrading B must empty it.
#include <algorithm>
#include <chrono>
#include <sstream>
#include <string_view>
#include <tuple>

#include "cli/e2e.h"
#include "migrate/config/url.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema.h"

namespace migrate::test {
namespace {

namespace fs = std::filesystem;

// The sample schemas of a dialect: every dataset's <dialect>.sql, plus this repo's own.
std::vector<fs::path> samples_for(const std::string& dialect) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(MIGRATE_DATASETS_DIR)) {
    if (entry.is_directory() && fs::exists(entry.path() / (dialect + ".sql"))) {
      out.push_back(entry.path() / (dialect + ".sql"));
    }
  }
  const fs::path own =
      fs::path(MIGRATE_SOURCE_DIR) / "tests/data/schemas" / ("baseline." + dialect + ".sql");
  if (fs::exists(own)) out.push_back(own);
  std::sort(out.begin(), out.end());
  return out;
}

// A project folder pointed at one database.
struct Project {
  TempDir dir;
  std::string url;

  explicit Project(std::string database_url) : url(std::move(database_url)) {
    fs::create_directories(dir.path() / "migrations" / "versions");
    write_file(dir.path() / "migrations" / "script.yaml.tmpl",
               read_file(fs::path(MIGRATE_SOURCE_DIR) / "migrations" / "script.yaml.tmpl"));
    write_file(dir.path() / "alembic.ini",
               "[alembic]\nscript_location = migrations\nsqlalchemy.url = " + url + "\n");
  }
  Result migrate(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{MIGRATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, RunOptions{.cwd = dir.path(),
                                        .env = {{"MIGRATE_CONFIG", ""}, {"DATABASE_URL", ""}},
                                        .stdin_text = std::nullopt});
  }
  std::vector<fs::path> scripts() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir.path() / "migrations" / "versions")) {
      out.push_back(entry.path());
    }
    return out;
  }
};

const TableName kVersionTable{std::nullopt, "alembic_version"};

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t from = 0;
  for (auto at = line.find(" | "); at != std::string::npos; at = line.find(" | ", from)) {
    fields.push_back(line.substr(from, at - from));
    from = at + 3;
  }
  fields.push_back(line.substr(from));
  return fields;
}

// A catalog fingerprint as the README says a baseline keeps it. A key NOT VALID in the source
// is valid in B, where there are no rows to skip. SQLite keeps a declared type as written (INT,
// TIMESTAMP, BOOL) and the baseline writes migrate's spelling of the same type (INTEGER,
// DATETIME, BOOLEAN); and a SQLite key column the source left nullable (SQLite's legacy
// leniency; its fingerprint line is `name | type | notnull 0/1 | default | pk position | ...`)
// is NOT NULL, as SQLAlchemy creates every key column. The other catalogs spell synonyms one
// way and write NOT NULL as t/f or YES/NO, so this changes nothing there.
std::string comparable(const std::string& fingerprint) {
  std::istringstream lines(fingerprint);
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    for (auto at = line.find(" NOT VALID"); at != std::string::npos; at = line.find(" NOT VALID")) {
      line.erase(at, 10);
    }
    if (line.starts_with("  column ")) {
      auto fields = fields_of(line);
      if (fields.size() > 1) fields[1] = normalise_type(fields[1]);
      if (fields.size() > 4 && fields[2] == "0" && !fields[4].empty() && fields[4] != "0" &&
          std::all_of(fields[4].begin(), fields[4].end(), ::isdigit)) {
        fields[2] = "1";
      }
      line.clear();
      for (const auto& field : fields) line += (line.empty() ? "" : " | ") + field;
    }
    out += line + "\n";
  }
  return out;
}

// The catalog objects by kind and name, to compare two databases whatever their order.
std::vector<std::tuple<std::string, std::string, std::string>> objects_of(const Dialect& dialect,
                                                                          Connection& connection) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& object : dialect.catalog_objects(connection, kVersionTable)) {
    out.emplace_back(object.kind, object.name, object.create_sql);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Baseline : public E2E {
 protected:
  // A fresh database of the parameter's dialect holding `sql`.
  std::pair<std::unique_ptr<Backend>, std::string> loaded(const fs::path& where,
                                                          const std::string& sql) const {
    auto backend = make_backend(GetParam());
    const std::string url = backend->create_database(where);
    if (!sql.empty()) {
      const Dialect& dialect = dialects::find(Url::parse(url));
      dialect.connect(Url::parse(url))->execute(sql);
    }
    return {std::move(backend), url};
  }
};

TEST_P(Baseline, SampleSchemasRoundTripThroughTheFirstRevision) {
  const auto samples = samples_for(GetParam());
  ASSERT_FALSE(samples.empty());
  for (const auto& sample : samples) {
    SCOPED_TRACE(sample.string());
    const auto started = std::chrono::steady_clock::now();
    TempDir databases;
    fs::create_directories(databases.path() / "a");
    fs::create_directories(databases.path() / "b");
    const auto [a_backend, a_url] = loaded(databases.path() / "a", read_file(sample));
    const auto [b_backend, b_url] = loaded(databases.path() / "b", "");
    const Project project(a_url);

    const Result baseline = project.migrate({"baseline", "-m", "baseline", "--rev-id", "base1"});
    ASSERT_EQ(baseline.exit_code, 0) << baseline.err;
    EXPECT_NE(baseline.err.find("Generating "), std::string::npos) << baseline.err;
    EXPECT_EQ(project.migrate({"current"}).out, "base1 (head)\n");

    const Result upgrade = project.migrate({"--url", b_url, "upgrade", "head"});
    ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;

    const Dialect& dialect = dialects::find(Url::parse(a_url));
    auto a = dialect.connect(Url::parse(a_url));
    auto b = dialect.connect(Url::parse(b_url));
    const SchemaModel a_model = dialect.reflect(*a, kVersionTable);
    const SchemaModel b_model = dialect.reflect(*b, kVersionTable);
    EXPECT_FALSE(a_model.tables.empty());
    const SchemaDiff differences = diff(a_model, b_model, dialect.diff_rules());
    std::string listed;
    for (const auto& change : differences.changes) listed += change + "\n";
    EXPECT_TRUE(differences.empty()) << listed;
    EXPECT_EQ(a_model.tables.size(), b_model.tables.size());
    // Every table the catalog lists, partitions too, which reflection leaves out (B also has the
    // history table its upgrade wrote).
    auto b_tables = b_backend->tables();
    std::erase(b_tables, "alembic_version_history");
    EXPECT_EQ(a_backend->tables(), b_tables);
    // The tables as the catalog describes them: comments, defaults, keys and indexes by name,
    // row-level security and policies.
    EXPECT_EQ(comparable(a_backend->catalog_fingerprint()),
              comparable(b_backend->catalog_fingerprint()));
    const auto a_objects = objects_of(dialect, *a);
    EXPECT_EQ(a_objects, objects_of(dialect, *b));

    const Result downgrade = project.migrate({"--url", b_url, "downgrade", "base"});
    ASSERT_EQ(downgrade.exit_code, 0) << downgrade.err;
    auto b_after = dialect.connect(Url::parse(b_url));
    EXPECT_TRUE(dialect.reflect(*b_after, kVersionTable).tables.empty());
    EXPECT_TRUE(objects_of(dialect, *b_after).empty());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::cerr << sample.parent_path().filename().string() << "/" << sample.filename().string()
              << ": " << a_model.tables.size() << " tables, " << a_objects.size()
              << " other objects, " << took.count() << " s\n";
  }
}

// The fixture's own database with a table and a view, for the refusals.
class BaselineRefuses : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    db().execute("CREATE TABLE account (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50))");
    db().execute("CREATE VIEW account_name AS SELECT name FROM account");
  }
  std::size_t script_count() const {
    const auto it = fs::directory_iterator(dir() / "migrations" / "versions");
    return static_cast<std::size_t>(std::distance(fs::begin(it), fs::end(it)));
  }
};

TEST_P(BaselineRefuses, ADatabaseThatAlreadyHasAHistory) {
  db().execute(
      "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT "
      "alembic_version_pkc PRIMARY KEY (version_num))");
  db().execute("INSERT INTO alembic_version (version_num) VALUES ('cafe00000000')");
  EXPECT_TRUE(failed_with(migrate({"baseline", "-m", "first"}), "already has a history"));
  EXPECT_EQ(script_count(), 0u);
  EXPECT_EQ(versions(), std::vector<std::string>{"cafe00000000"});
}

TEST_P(BaselineRefuses, AScriptDirectoryThatAlreadyHasRevisions) {
  revision("a.yaml", "aaaaaaaaaaaa", "", "  - execute: \"SELECT 1\"\n");
  EXPECT_TRUE(failed_with(migrate({"baseline", "-m", "first"}), "already has 1 revision"));
  EXPECT_EQ(script_count(), 1u);
  EXPECT_TRUE(versions().empty());
}

TEST_P(BaselineRefuses, ToStampWhenTheScriptCannotBeWritten) {
  write_file(dir() / "migrations" / "script.yaml.tmpl", "revision: ${up_revision}\n${nope}\n");
  EXPECT_TRUE(failed_with(migrate({"baseline", "-m", "first"}), "nope"));
  EXPECT_EQ(script_count(), 0u);
  EXPECT_TRUE(versions().empty());
}

// Without the refusals: the script is the first revision, loads, and is what `current` shows.
TEST_P(BaselineRefuses, NothingOnAnEmptyProjectAndDatabaseWithNoHistory) {
  const Result result = migrate({"baseline", "-m", "initial schema", "--rev-id", "0001"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Detected view 'account_name'"), std::string::npos) << result.err;
  EXPECT_EQ(script_count(), 1u);
  EXPECT_EQ(versions(), std::vector<std::string>{"0001"});
  EXPECT_EQ(migrate({"history"}).out, "<base> -> 0001 (head), initial schema\n");
  // Once stamped, the database has a history: a second baseline is refused.
  fs::remove_all(dir() / "migrations" / "versions");
  fs::create_directories(dir() / "migrations" / "versions");
  EXPECT_TRUE(failed_with(migrate({"baseline"}), "already has a history"));
}

// A version table whose name has braces (the catalog queries are formatted twice).
TEST_P(BaselineRefuses, NothingForAVersionTableWithBracesInItsName) {
  write_config("version_table = mig_{v}");
  const Result result = migrate({"baseline", "-m", "initial schema", "--rev-id", "0001"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(script_count(), 1u);
  EXPECT_EQ(migrate({"current"}).out, "0001 (head)\n");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Baseline, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Dialects, BaselineRefuses, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
