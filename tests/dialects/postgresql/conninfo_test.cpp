// From URL to libpq connection string, and libpq messages to one line (no server).
#include "dialects/postgresql/conninfo.h"

#include <gtest/gtest.h>

#include "migrate/config/url.h"

namespace migrate::postgresql {
namespace {

std::string info(const std::string& url) { return conninfo(Url::parse(url)); }

TEST(Conninfo, UrlPartsAndDefaults) {
  EXPECT_EQ(info("postgresql://scott:tiger@db.example.com:5433/app"),
            "user='scott' password='tiger' host='db.example.com' port='5433' dbname='app' "
            "connect_timeout='10' client_encoding='UTF8' application_name='migrate'");
}

TEST(Conninfo, NoPasswordLeavesItToPgpassAndPgpassword) {
  const auto text = info("postgres://scott@localhost/app");
  EXPECT_EQ(text.find("password"), std::string::npos) << text;
  EXPECT_EQ(info("postgresql:///app"),
            "dbname='app' connect_timeout='10' client_encoding='UTF8' application_name='migrate'");
}

TEST(Conninfo, QueryParametersPassThroughAndOverride) {
  EXPECT_EQ(info("postgresql+psycopg2://u@/app?host=/var/run/postgresql&sslmode=require&"
                 "connect_timeout=3&application_name=deploy&target_session_attrs=read-write"),
            "user='u' dbname='app' application_name='deploy' connect_timeout='3' "
            "host='/var/run/postgresql' sslmode='require' target_session_attrs='read-write' "
            "client_encoding='UTF8'");
  // A query parameter wins over the URL part of the same name.
  EXPECT_EQ(info("postgresql://u@h1:1/app?port=2"),
            "user='u' host='h1' port='2' dbname='app' connect_timeout='10' "
            "client_encoding='UTF8' application_name='migrate'");
}

TEST(Conninfo, ValuesAreQuotedSafely) {
  const auto text = info("postgresql://u:it%27s%20a%5Cpw@h/my%20db");
  EXPECT_NE(text.find(" password='it\\'s a\\\\pw' "), std::string::npos) << text;
  EXPECT_NE(text.find(" dbname='my db' "), std::string::npos) << text;
}

TEST(OneLine, ServerErrorsKeepMessageAndShortDetail) {
  EXPECT_EQ(one_line("ERROR:  duplicate key value violates unique constraint \"x_pkey\"\n"
                     "DETAIL:  Key (a)=(1) already exists.\n"),
            "duplicate key value violates unique constraint \"x_pkey\" (Key (a)=(1) already "
            "exists.)");
  EXPECT_EQ(one_line("ERROR:  syntax error at or near \"selec\"\nLINE 1: selec 1\n        ^\n"),
            "syntax error at or near \"selec\"");
  EXPECT_EQ(one_line("ERROR:  function f(text) does not exist\nLINE 1: select f('a')\n"
                     "               ^\nHINT:  No function matches the given name.\n"),
            "function f(text) does not exist");
  const std::string long_detail(300, 'x');
  EXPECT_EQ(one_line("ERROR:  bad\nDETAIL:  " + long_detail + "\n"), "bad");
}

TEST(OneLine, LibpqConnectionMessages) {
  EXPECT_EQ(one_line("connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
                     "\tIs the server running on that host and accepting TCP/IP connections?\n"),
            "connection to server at \"127.0.0.1\", port 1 failed: Connection refused. Is the "
            "server running on that host and accepting TCP/IP connections?");
  EXPECT_EQ(one_line("connection to server at \"h\", port 5432 failed: FATAL:  password "
                     "authentication failed for user \"u\"\n"),
            "connection to server at \"h\", port 5432 failed: password authentication failed "
            "for user \"u\"");
  EXPECT_EQ(one_line("server closed the connection unexpectedly\n\tThis probably means the server "
                     "terminated abnormally\n\tbefore or while processing the request.\n"),
            "server closed the connection unexpectedly. This probably means the server "
            "terminated abnormally before or while processing the request.");
}

TEST(WithoutPassword, EveryOccurrenceIsMasked) {
  const auto url = Url::parse("postgresql://u:s3cret@h/db?password=other");
  EXPECT_EQ(without_password("a s3cret b s3crets3cret other", url), "a *** b ****** ***");
  EXPECT_EQ(without_password("nothing here", Url::parse("postgresql://u@h/db")), "nothing here");
}

}  // namespace
}  // namespace migrate::postgresql
