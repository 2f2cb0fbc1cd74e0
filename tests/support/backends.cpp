#include <stdexcept>

#include "support/backend.h"

namespace migrate::test {

std::unique_ptr<Backend> make_sqlite_backend();
std::unique_ptr<Backend> make_postgresql_backend();
std::unique_ptr<Backend> make_mysql_backend();

std::unique_ptr<Backend> make_backend(const std::string& name) {
  if (name == "sqlite") return make_sqlite_backend();
  if (name == "postgresql") return make_postgresql_backend();
  if (name == "mysql") return make_mysql_backend();
  throw std::invalid_argument("no test backend for " + name);
}

// MySQL joins the end-to-end suite once bin/migrate ships its dialect (issue 9); its own tests
// and make_backend("mysql") use the server already.
std::vector<std::string> backend_names() { return {"sqlite", "postgresql"}; }

}  // namespace migrate::test
