// The checksum `validate` compares (SPEC §15): it changes when what a script does changes, and
// only then. Scripts are read from files, as the runner and `validate` read them.
#include "migrate/script/script_checksum.h"

#include <gtest/gtest.h>

#include "migrate/script/script_directory.h"
#include "support/process.h"

namespace migrate {
namespace {

class ScriptChecksumTest : public ::testing::Test {
 protected:
  // The checksum of `text` written as a script file.
  std::string checksum_of(const std::string& text, const std::string& file = "a.yaml") const {
    const auto path = dir_.path() / "versions" / file;
    test::write_file(path, text);
    const ScriptDirectory directory(dir_.path(), {dir_.path() / "versions"});
    const std::string sum = script_checksum(directory.load_script(read_script_info(path)));
    std::filesystem::remove(path);
    return sum;
  }
  test::TempDir dir_;
};

const std::string kScript =
    "# create account\n"
    "revision: \"aaaaaaaaaaaa\"\n"
    "down_revision: null\n"
    "message: create account\n"
    "create_date: \"2026-11-23 12:00:00.000000\"\n"
    "upgrade:\n"
    "  - create_table:\n"
    "      name: account\n"
    "      columns:\n"
    "        - {name: id, type: integer, primary_key: true}\n"
    "        - {name: email, type: string(100), nullable: false}\n"
    "  - execute: \"INSERT INTO account (id, email) VALUES (1, 'a@b')\"\n";

TEST_F(ScriptChecksumTest, IsTheHexSha256OfTheOperations) {
  const std::string sum = checksum_of(kScript);
  EXPECT_EQ(sum.size(), 64u);
  EXPECT_EQ(sum.find_first_not_of("0123456789abcdef"), std::string::npos) << sum;
}

TEST_F(ScriptChecksumTest, CommentsWhitespaceQuotingAndKeyOrderChangeNothing) {
  const std::string rewritten =
      "# create account, now with a longer comment\n"
      "#\n"
      "# and a second paragraph\n"
      "message: 'create the account table'\n"
      "revision: aaaaaaaaaaaa\n"
      "create_date: \"2027-01-01 00:00:00.000000\"\n"
      "down_revision:\n"
      "\n"
      "upgrade:\n"
      "- create_table:\n"
      "    columns:\n"
      "    - name: id         # the key\n"
      "      primary_key: true\n"
      "      type: integer\n"
      "    - {nullable: false, type: 'string(100)', name: email}\n"
      "    name: \"account\"\n"
      "- execute: >-\n"
      "    INSERT INTO account (id, email) VALUES (1, 'a@b')\n";
  EXPECT_EQ(checksum_of(rewritten), checksum_of(kScript));
}

TEST_F(ScriptChecksumTest, TheFileNameIsNotPartOfIt) {
  EXPECT_EQ(checksum_of(kScript, "aaaaaaaaaaaa_renamed.yaml"), checksum_of(kScript));
}

TEST_F(ScriptChecksumTest, AChangedOperationChangesIt) {
  std::string edited = kScript;
  edited.replace(edited.find("string(100)"), 11, "string(200)");
  EXPECT_NE(checksum_of(edited), checksum_of(kScript));
  std::string sql = kScript;
  sql.replace(sql.find("'a@b'"), 5, "'c@d'");
  EXPECT_NE(checksum_of(sql), checksum_of(kScript));
}

TEST_F(ScriptChecksumTest, TheDowngradeAndTheTransactionalFlagAreCovered) {
  const std::string derived = checksum_of(kScript);
  const std::string written =
      checksum_of(kScript + "downgrade:\n  - drop_table: {name: account}\n");
  const std::string other = checksum_of(kScript + "downgrade:\n  - execute: \"SELECT 1\"\n");
  const std::string empty = checksum_of(kScript + "downgrade: []\n");
  EXPECT_NE(written, derived);
  EXPECT_NE(other, written);
  EXPECT_NE(empty, derived) << "an empty downgrade is not the derived one";
  EXPECT_NE(checksum_of(kScript + "transactional: false\n"), derived);
  EXPECT_EQ(checksum_of(kScript + "transactional: true\n"), derived) << "true is the default";
}

// Per-dialect column types left the checksum of every script without one as it was: this is the
// sum main computed for it before they existed.
const std::string kTyped =
    "# create account\n"
    "revision: \"aaaaaaaaaaaa\"\n"
    "down_revision: null\n"
    "message: create account\n"
    "create_date: \"2026-11-23 12:00:00.000000\"\n"
    "upgrade:\n"
    "  - create_table:\n"
    "      name: account\n"
    "      columns:\n"
    "        - {name: id, type: integer, primary_key: true}\n"
    "        - {name: email, type: string(100), nullable: false}\n"
    "        - {name: f, type: float}\n"
    "  - add_column: {table: account, column: {name: g, type: text}}\n"
    "  - alter_column: {table: account, name: g, type: string(5)}\n"
    "  - execute: \"INSERT INTO account (id, email) VALUES (1, 'a@b')\"\n";

TEST_F(ScriptChecksumTest, PerDialectTypesChangeNothingForScriptsWithout) {
  EXPECT_EQ(checksum_of(kTyped),
            "4f2543f0d35bf9a9dfe0114a7e98f7ece24d78a214f088f5b1e43591aa79dc7b");
}

TEST_F(ScriptChecksumTest, APerDialectTypeIsCoveredWhateverItsKeyOrder) {
  std::string mapped = kTyped;
  mapped.replace(mapped.find("type: float"), 11,
                 "type: {postgresql: double precision, default: float}");
  std::string reordered = kTyped;
  reordered.replace(reordered.find("type: float"), 11,
                    "type: {default: float, postgresql: \"double precision\"}");
  EXPECT_NE(checksum_of(mapped), checksum_of(kTyped));
  EXPECT_EQ(checksum_of(reordered), checksum_of(mapped));
  std::string other = kTyped;
  other.replace(other.find("type: float"), 11, "type: {postgresql: real, default: float}");
  EXPECT_NE(checksum_of(other), checksum_of(mapped));
}

// `dialect:` changes what runs, so it changes the checksum; `lint:` does not, and a script
// without either keeps the checksum it had before filters existed.
TEST_F(ScriptChecksumTest, ADialectFilterChangesItAndLintIgnoresDoNot) {
  EXPECT_EQ(checksum_of(kScript),
            "a180ce263730f18dde9c5e0fda1ae9463f720bb025897012062a72b9f2027815")
      << "the checksum main recorded for it";
  const std::string filtered = kScript + "    dialect: [postgresql]\n";
  EXPECT_NE(checksum_of(filtered), checksum_of(kScript));
  EXPECT_NE(checksum_of(kScript + "    dialect: {not: [postgresql]}\n"), checksum_of(filtered));
  EXPECT_EQ(checksum_of(kScript + "    dialect: [mariadb, sqlite]\n"),
            checksum_of(kScript + "    dialect: [sqlite, mysql]\n"));
  EXPECT_EQ(checksum_of(kScript + "    lint: {ignore: [drop-column]}\n"), checksum_of(kScript));
}

}  // namespace
}  // namespace migrate
