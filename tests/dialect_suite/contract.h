#pragma once
// The dialect contract suite (ANCHORS: golang-migrate's database/testing, Alembic's
// testing/suite): what every dialect must do, tested in-process over the Dialect interface on a
// real database of each kind. A dialect joins with one line in instantiations.cpp; its own folder
// under tests/dialects/ keeps only its quirks.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dialect_suite/helpers.h"
#include "migrate/config/url.h"
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"
#include "migrate/schema/schema.h"
#include "support/backend.h"
#include "support/process.h"

// Tests build operations with designated initializers naming only the fields that matter.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace migrate::test {

// A fresh, empty database of the parameter's dialect per test (tests/support's Backend), and
// that dialect as migrate finds it from the URL.
class DialectContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;

  const Dialect& dialect() const { return *dialect_; }
  const std::string& url() const { return url_; }
  Backend& backend() const { return *backend_; }
  const std::filesystem::path& dir() const { return temp_.path(); }
  std::unique_ptr<Connection> connect() const;
  std::vector<std::string> apply(Connection& connection, const Operation& op) const {
    return test::apply(*dialect_, connection, op);
  }
  // The database's tables as a model, without the version table.
  SchemaModel reflect(Connection& connection) const;
  // "" when `connection`'s schema equals `declared`, else the differences, one per line.
  std::string differences(Connection& connection, const SchemaModel& declared) const;

 private:
  TempDir temp_;
  std::unique_ptr<Backend> backend_;
  std::string url_;
  const Dialect* dialect_ = nullptr;
};

}  // namespace migrate::test
