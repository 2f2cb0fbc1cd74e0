// mask_credentials: what every FAILED: line and warning passes through.
#include "migrate/core/secrets.h"

#include <gtest/gtest.h>

namespace migrate {
namespace {

TEST(MaskCredentials, UrlPasswordsAnywhereInALine) {
  EXPECT_EQ(mask_credentials("alembic.ini:1: 'sqlalchemy.url = postgresql://user:s3cret@host/db' "
                             "comes before any [section] header"),
            "alembic.ini:1: 'sqlalchemy.url = postgresql://user:***@host/db' comes before any "
            "[section] header");
  EXPECT_EQ(mask_credentials("Could not parse 'postgresql://app:hunt/er2@db/prod'"),
            "Could not parse 'postgresql://app:***@db/prod'");
  EXPECT_EQ(mask_credentials("a mysql://u:p@h/x and b postgres://v:q?r@h"),
            "a mysql://u:***@h/x and b postgres://v:***@h");
}

TEST(MaskCredentials, PasswordKeyValues) {
  EXPECT_EQ(mask_credentials("host=h password=s3cret dbname=x"), "host=h password=*** dbname=x");
  EXPECT_EQ(mask_credentials("postgresql://h/db?sslmode=require&PASSWORD=s3cret&x=1"),
            "postgresql://h/db?sslmode=require&PASSWORD=***&x=1");
}

TEST(MaskCredentials, LeavesTextWithoutSecretsAlone) {
  for (const char* text : {"sqlite:///a.db", "postgresql://alice@h:5432/db",
                           "postgresql://h:5432/db", "no such table: x", "password= "}) {
    EXPECT_EQ(mask_credentials(text), text);
  }
}

}  // namespace
}  // namespace migrate
