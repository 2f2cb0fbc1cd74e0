#include "migrate/config/url.h"

#include <gtest/gtest.h>

#include "migrate/core/error.h"

namespace migrate {
namespace {

std::string error_of(std::string_view text) {
  try {
    Url::parse(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Url, SqliteRelativeAbsoluteAndMemory) {
  const Url relative = Url::parse("sqlite:///relative/path.db");
  EXPECT_EQ(relative.scheme(), "sqlite");
  EXPECT_EQ(relative.database(), "relative/path.db");
  EXPECT_FALSE(relative.host());
  EXPECT_FALSE(relative.is_memory());

  EXPECT_EQ(Url::parse("sqlite:////abs/path.db").database(), "/abs/path.db");
  EXPECT_TRUE(Url::parse("sqlite://").is_memory());
  EXPECT_TRUE(Url::parse("sqlite:///:memory:").is_memory());
  EXPECT_EQ(Url::parse("sqlite:///:memory:").database(), ":memory:");
}

TEST(Url, PostgresqlAllParts) {
  const Url url = Url::parse(
      "postgresql://alice:s3cret@db.example.com:6543/"
      "shop?sslmode=require&application_name=migrate");
  EXPECT_EQ(url.scheme(), "postgresql");
  EXPECT_EQ(url.scheme_as_written(), "postgresql");
  EXPECT_EQ(url.user(), "alice");
  EXPECT_EQ(url.password(), "s3cret");
  EXPECT_EQ(url.host(), "db.example.com");
  EXPECT_EQ(url.port(), 6543);
  EXPECT_EQ(url.database(), "shop");
  EXPECT_EQ(url.query(), (std::map<std::string, std::string>{{"sslmode", "require"},
                                                             {"application_name", "migrate"}}));
}

TEST(Url, SchemeAliasesAndDrivers) {
  EXPECT_EQ(Url::parse("postgres://h/db").scheme(), "postgresql");
  const Url driver = Url::parse("postgresql+psycopg2://h/db");
  EXPECT_EQ(driver.scheme(), "postgresql");
  EXPECT_EQ(driver.scheme_as_written(), "postgresql+psycopg2");
  EXPECT_EQ(Url::parse("postgres+asyncpg://h/db").scheme(), "postgresql");
  EXPECT_EQ(Url::parse("sqlite+pysqlite:///a.db").scheme(), "sqlite");
  EXPECT_EQ(Url::parse("mysql://h/db").scheme(), "mysql");
  // Unknown schemes parse; dialects::find() rejects them with the supported list.
  EXPECT_EQ(Url::parse("oracle://h/db").scheme(), "oracle");
}

TEST(Url, OptionalParts) {
  const Url url = Url::parse("postgresql://localhost/db");
  EXPECT_FALSE(url.user());
  EXPECT_FALSE(url.password());
  EXPECT_EQ(url.host(), "localhost");
  EXPECT_FALSE(url.port());
  EXPECT_TRUE(url.query().empty());

  const Url user_only = Url::parse("postgresql://bob@localhost/db");
  EXPECT_EQ(user_only.user(), "bob");
  EXPECT_FALSE(user_only.password());

  // libpq-style: no host means the local socket.
  const Url socket = Url::parse("postgresql:///db?host=/var/run/postgresql");
  EXPECT_FALSE(socket.host());
  EXPECT_EQ(socket.database(), "db");
  EXPECT_EQ(socket.query().at("host"), "/var/run/postgresql");

  const Url flag = Url::parse("postgresql://h/db?a=1&flag&&b=");
  EXPECT_EQ(flag.query(),
            (std::map<std::string, std::string>{{"a", "1"}, {"flag", ""}, {"b", ""}}));
}

TEST(Url, PercentEncoding) {
  const Url url = Url::parse("postgresql://us%65r:p%40ss%3Aw%2Fd@h/my%20db?opt=a%26b");
  EXPECT_EQ(url.user(), "user");
  EXPECT_EQ(url.password(), "p@ss:w/d");
  EXPECT_EQ(url.database(), "my db");
  EXPECT_EQ(url.query().at("opt"), "a&b");
  // A '%' not followed by two hex digits is kept as written.
  EXPECT_EQ(Url::parse("postgresql://u:100%@h/db").password(), "100%");
  EXPECT_EQ(Url::parse("postgresql://u:%zz@h/db").password(), "%zz");
  EXPECT_EQ(Url::parse("postgresql://u:%-1@h/db").password(), "%-1");
  EXPECT_EQ(Url::parse("postgresql://u:%+1@h/db").password(), "%+1");
}

TEST(Url, RawAtSignInPasswordUsesTheLastAt) {
  const Url url = Url::parse("postgresql://u:p@ss@h/db");
  EXPECT_EQ(url.password(), "p@ss");
  EXPECT_EQ(url.host(), "h");
  EXPECT_EQ(url.masked(), "postgresql://u:***@h/db");
}

TEST(Url, Ipv6Host) {
  const Url with_port = Url::parse("postgresql://u:pw@[::1]:5433/db");
  EXPECT_EQ(with_port.host(), "::1");
  EXPECT_EQ(with_port.port(), 5433);
  EXPECT_EQ(with_port.masked(), "postgresql://u:***@[::1]:5433/db");

  const Url no_port = Url::parse("postgresql://[2001:db8::7]/db");
  EXPECT_EQ(no_port.host(), "2001:db8::7");
  EXPECT_FALSE(no_port.port());
  EXPECT_EQ(no_port.database(), "db");
}

TEST(Url, MaskedNeverShowsThePassword) {
  const std::vector<std::string> urls = {
      "postgresql://alice:s3cret@h:5432/db?sslmode=require",
      "postgresql://alice:s3cret@h/db",
      "postgresql://:s3cret@h/db",
      "postgresql://alice:s3cret@h",
      "postgresql://alice:s3cret@[::1]:5432/db",
      "postgresql://alice:s%33cret@h/db",
      "postgres+psycopg2://alice:s3cret@h/db",
      "postgresql://alice:s3cret@h/db?password=s3cret",
      "postgresql://h/db?password=s3cret",
  };
  for (const std::string& text : urls) {
    const std::string masked = Url::parse(text).masked();
    EXPECT_EQ(masked.find("s3cret"), std::string::npos) << text << " -> " << masked;
    EXPECT_EQ(masked.find("s%33cret"), std::string::npos) << text << " -> " << masked;
  }
  EXPECT_EQ(Url::parse("postgresql://alice:s3cret@h:5432/db?sslmode=require").masked(),
            "postgresql://alice:***@h:5432/db?sslmode=require");
  EXPECT_EQ(Url::parse("postgresql://h/db?sslmode=require&password=s3cret").masked(),
            "postgresql://h/db?sslmode=require&password=***");
  // Nothing to hide: shown as written.
  EXPECT_EQ(Url::parse("postgresql://alice@h/db").masked(), "postgresql://alice@h/db");
  EXPECT_EQ(Url::parse("sqlite:///a.db").masked(), "sqlite:///a.db");
}

TEST(Url, PasswordWithSlashOrQuestionMarkReadsAsSqlAlchemyReadsIt) {
  const Url slash = Url::parse("postgresql://app:hunt/er2@db/prod");
  EXPECT_EQ(slash.user(), "app");
  EXPECT_EQ(slash.password(), "hunt/er2");
  EXPECT_EQ(slash.host(), "db");
  EXPECT_EQ(slash.database(), "prod");
  EXPECT_EQ(slash.masked(), "postgresql://app:***@db/prod");
  const Url question = Url::parse("postgresql://app:a?b@db:5433/prod?sslmode=disable");
  EXPECT_EQ(question.password(), "a?b");
  EXPECT_EQ(question.port(), 5433);
  EXPECT_EQ(question.query().at("sslmode"), "disable");
  EXPECT_EQ(question.masked(), "postgresql://app:***@db:5433/prod?sslmode=disable");
  // A port, not a password: the usual reading.
  const Url port = Url::parse("postgresql://h:5432/db?application_name=a@b");
  EXPECT_EQ(port.host(), "h");
  EXPECT_EQ(port.port(), 5432);
  EXPECT_FALSE(port.password());
}

TEST(Url, MysqlAndMariadbSchemesAreOneDialect) {
  EXPECT_EQ(Url::parse("mysql://u:p@h:3306/db?charset=utf8mb4").scheme(), "mysql");
  EXPECT_EQ(Url::parse("mariadb://u@h/db").scheme(), "mysql");
  EXPECT_EQ(Url::parse("mysql+pymysql://u@h/db").scheme(), "mysql");
  const Url url = Url::parse("mariadb+mariadbconnector://app:s3cret@db:3307/shop");
  EXPECT_EQ(url.scheme(), "mysql");
  EXPECT_EQ(url.scheme_as_written(), "mariadb+mariadbconnector");
  EXPECT_EQ(url.port(), 3307);
  EXPECT_EQ(url.masked(), "mariadb+mariadbconnector://app:***@db:3307/shop");
}

TEST(Url, Errors) {
  EXPECT_EQ(error_of(""),
            "Could not parse database URL '': expected scheme://[user[:password]@]host[:port]/"
            "database or sqlite:///path.db");
  EXPECT_NE(error_of("not a url").find("Could not parse database URL 'not a url'"),
            std::string::npos);
  EXPECT_NE(error_of("://h/db").find("Could not parse database URL"), std::string::npos);
  // A password in an unparseable URL is not echoed.
  const std::string hidden = error_of("postgresql:/u:s3cret@h/db");
  EXPECT_NE(hidden.find("<hidden>"), std::string::npos);
  EXPECT_EQ(hidden.find("s3cret"), std::string::npos);

  EXPECT_EQ(error_of("postgresql://u:s3cret@h:port/db"),
            "Could not parse database URL 'postgresql://u:***@h:port/db': port 'port' is not a "
            "number from 1 to 65535");
  EXPECT_NE(error_of("postgresql://h:0/db").find("port '0'"), std::string::npos);
  EXPECT_NE(error_of("postgresql://h:70000/db").find("port '70000'"), std::string::npos);
  EXPECT_NE(error_of("postgresql://h:/db").find("port ''"), std::string::npos);
  EXPECT_NE(error_of("postgresql://[::1/db").find("unclosed '['"), std::string::npos);
  EXPECT_NE(error_of("postgresql://[::1]x/db").find("after ']'"), std::string::npos);
}

}  // namespace
}  // namespace migrate
