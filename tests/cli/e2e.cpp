#include "cli/e2e.h"

#include <algorithm>

#include "migrate/config/url.h"

namespace migrate::test {

void E2E::SetUp() {
  backend_ = make_backend(GetParam());
  url_ = backend_->create_database(dir());
  std::filesystem::create_directories(dir() / "migrations" / "versions");
  write_file(
      dir() / "migrations" / "script.yaml.tmpl",
      read_file(std::filesystem::path(MIGRATE_SOURCE_DIR) / "migrations" / "script.yaml.tmpl"));
  write_config();
}

void E2E::write_config(const std::string& extra_lines) const {
  write_file(dir() / "alembic.ini", "[alembic]\nscript_location = migrations\nsqlalchemy.url = " +
                                        url_ + "\n" + extra_lines);
}

Result E2E::migrate(const std::vector<std::string>& args,
                    std::map<std::string, std::string> env) const {
  std::vector<std::string> argv{MIGRATE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  // A developer's own settings must not leak into the tests.
  env.try_emplace("MIGRATE_CONFIG", "");
  env.try_emplace("DATABASE_URL", "");
  return run_program(argv, RunOptions{.cwd = dir(), .env = env, .stdin_text = std::nullopt});
}

void E2E::script(const std::string& file, const std::string& yaml) const {
  write_file(dir() / "migrations" / "versions" / file, yaml);
}

void E2E::revision(const std::string& file, const std::string& id, const std::string& down,
                   const std::string& upgrade, const std::string& downgrade,
                   const std::string& extra) const {
  std::string yaml = "# " + file + "\nrevision: \"" + id + "\"\ndown_revision: " +
                     (down.empty()          ? "null"
                      : down.front() == '[' ? down
                                            : "\"" + down + "\"") +
                     "\nmessage: \"" + file + "\"\n" + extra + "upgrade:\n" + upgrade;
  if (!downgrade.empty()) yaml += "downgrade:\n" + downgrade;
  script(file, yaml);
}

const Capabilities& E2E::capabilities() const {
  return dialects::find(Url::parse(url_)).capabilities();
}

std::vector<std::string> E2E::versions() const {
  std::vector<std::string> ids;
  const auto tables = backend_->tables();
  if (std::find(tables.begin(), tables.end(), "alembic_version") == tables.end()) return ids;
  for (const auto& row : backend_->query("SELECT version_num FROM alembic_version"))
    ids.push_back(*row[0]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

::testing::AssertionResult failed_with(const Result& result, const std::string& fragment) {
  if (result.exit_code != 1) {
    return ::testing::AssertionFailure() << "exit code " << result.exit_code << ", stderr:\n"
                                         << result.err;
  }
  const auto pos = result.err.find("FAILED: ");
  if (pos == std::string::npos)
    return ::testing::AssertionFailure() << "no FAILED: line in\n" << result.err;
  const std::string line = result.err.substr(pos);
  if (std::count(line.begin(), line.end(), '\n') != 1 || line.back() != '\n') {
    return ::testing::AssertionFailure() << "FAILED: is not one last line:\n" << result.err;
  }
  if (result.err.find("FAILED: ", pos + 1) != std::string::npos) {
    return ::testing::AssertionFailure() << "several FAILED: lines:\n" << result.err;
  }
  if (line.find(fragment) == std::string::npos) {
    return ::testing::AssertionFailure() << "FAILED line lacks '" << fragment << "':\n" << line;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace migrate::test
