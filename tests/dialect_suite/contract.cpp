#include "dialect_suite/contract.h"

#include "migrate/schema/differ.h"

namespace migrate::test {

void DialectContract::SetUp() {
  backend_ = make_backend(GetParam());
  url_ = backend_->create_database(temp_.path());
  dialect_ = &dialects::find(Url::parse(url_));
}

std::unique_ptr<Connection> DialectContract::connect() const {
  return dialect_->connect(Url::parse(url_));
}

SchemaModel DialectContract::reflect(Connection& connection) const {
  return dialect_->reflect(connection, TableName{std::nullopt, "alembic_version"});
}

std::string DialectContract::differences(Connection& connection,
                                         const SchemaModel& declared) const {
  const SchemaDiff changes = diff(reflect(connection), declared, dialect_->diff_rules());
  std::string out;
  for (const auto& change : changes.changes) out += change + "\n";
  return out;
}

}  // namespace migrate::test
