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

std::vector<std::string> backend_names() { return {"sqlite", "postgresql", "mysql"}; }

}  // namespace migrate::test
