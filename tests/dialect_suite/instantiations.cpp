// Every dialect runs the whole contract suite: one line each.
#include "dialect_suite/contract.h"

namespace migrate::test {

INSTANTIATE_TEST_SUITE_P(Sqlite, DialectContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgresql, DialectContract, ::testing::Values("postgresql"));
INSTANTIATE_TEST_SUITE_P(Mysql, DialectContract, ::testing::Values("mysql"));

}  // namespace migrate::test
