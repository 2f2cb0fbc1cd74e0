#pragma once
// The end-to-end fixture: a temporary project folder with alembic.ini, migrations/versions/ and
// a fresh database of the parameter's dialect; helpers run the real binary there.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "support/backend.h"
#include "support/process.h"

namespace migrate::test {

class E2E : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;

  // Runs `migrate ARGS...` in the project folder.
  Result migrate(const std::vector<std::string>& args,
                 std::map<std::string, std::string> env = {}) const;
  // Writes migrations/versions/<file> with the given YAML.
  void script(const std::string& file, const std::string& yaml) const;
  // A revision script from its parts (upgrade/downgrade are YAML list bodies, indented by 2).
  void revision(const std::string& file, const std::string& id, const std::string& down,
                const std::string& upgrade, const std::string& downgrade = "",
                const std::string& extra = "") const;
  // The rows of the version table, sorted.
  std::vector<std::string> versions() const;
  const std::filesystem::path& dir() const { return temp_.path(); }
  const std::string& url() const { return url_; }
  Backend& db() const { return *backend_; }
  // What the database under test can do, as `migrate` itself asks it: a test whose expectation
  // depends on it asks this, never the dialect's name.
  const Capabilities& capabilities() const;
  // Rewrites alembic.ini with extra lines in [alembic].
  void write_config(const std::string& extra_lines = "") const;

 private:
  TempDir temp_;
  std::unique_ptr<Backend> backend_;
  std::string url_;
};

// The FAILED: line of a failed run must be the last line of stderr and the only one.
::testing::AssertionResult failed_with(const Result& result, const std::string& fragment);

}  // namespace migrate::test
