// README.rst's examples run as written, on every dialect: the block is read from the file itself,
// so the documentation cannot drift from what the program accepts.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/e2e.h"

namespace migrate::test {
namespace {

// The literal block after the line `intro` (an RST "::" paragraph), without its indentation.
std::string literal_block_after(const std::string& intro) {
  const std::string readme = read_file(std::filesystem::path(MIGRATE_SOURCE_DIR) / "README.rst");
  auto at = readme.find("\n" + intro + "\n");
  if (at == std::string::npos) throw std::runtime_error("README.rst has no '" + intro + "'");
  at = readme.find('\n', at + 1) + 1;
  std::string block;
  while (at < readme.size()) {
    const auto eol = std::min(readme.find('\n', at), readme.size());
    const std::string line = readme.substr(at, eol - at);
    at = eol + 1;
    if (line.empty()) {
      if (!block.empty()) block += "\n";
      continue;
    }
    if (line.rfind("    ", 0) != 0) break;
    block += line.substr(4) + "\n";
  }
  return block;
}

// The tables and indexes the examples work on.
const char* kPreamble = R"yaml(  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: email, type: string(100)}
        - {name: kind, type: string(10)}
        - {name: active, type: boolean}
        - {name: balance, type: "numeric(10,2)"}
        - {name: fax, type: text}
        - {name: nickname, type: string(50)}
        - {name: score, type: integer}
        - {name: last_login, type: datetime}
  - create_index: {name: ix_account_old, table: account, columns: [email]}
  - create_table:
      name: tag
      columns:
        - {name: code, type: string(20), primary_key: true}
  - create_table: {name: counter, columns: [{name: n, type: integer}]}
  - create_table: {name: plain, columns: [{name: a, type: integer, nullable: false}]}
  - create_table:
      name: note
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: account_id, type: integer}
)yaml";

// The items of an `upgrade:` list, each with its continuation lines.
std::vector<std::string> list_items(const std::string& block) {
  std::vector<std::string> items;
  std::size_t at = block.find('\n') + 1;  // past "upgrade:"
  while (at < block.size()) {
    const auto eol = std::min(block.find('\n', at), block.size());
    const std::string line = block.substr(at, eol - at + 1);
    at = eol + 1;
    if (line.rfind("  - ", 0) == 0 || items.empty()) {
      items.push_back(line);
    } else {
      items.back() += line;
    }
  }
  return items;
}

bool is_partial_index(const std::string& item) {
  return item.rfind("  - create_index:", 0) == 0 && item.find(" where:") != std::string::npos;
}

std::string first_field(const std::string& item, const std::string& field) {
  const auto at = item.find(field + ": ") + field.size() + 2;
  return item.substr(at, item.find_first_of(",}", at) - at);
}

class Readme : public E2E {};

TEST_P(Readme, OperationExamplesRunAsWritten) {
  const std::string examples = literal_block_after("Examples, one of each::");
  ASSERT_EQ(examples.rfind("upgrade:\n", 0), 0u) << examples;
  // The README says which dialects lack partial indexes; there those examples must fail, by
  // name, and the rest must run without them.
  std::string runnable = "upgrade:\n";
  std::vector<std::string> partial;
  for (const auto& item : list_items(examples)) {
    if (is_partial_index(item)) partial.push_back(item);
    if (!is_partial_index(item) || capabilities().partial_indexes) runnable += item;
  }
  ASSERT_FALSE(partial.empty()) << "the examples lost their partial index:\n" << examples;
  revision("a.yaml", "aaaaaaaaaaaa", "", kPreamble);
  script("b.yaml", "revision: \"bbbbbbbbbbbb\"\ndown_revision: \"aaaaaaaaaaaa\"\n" + runnable);
  const auto result = migrate({"upgrade", "head"});
  ASSERT_EQ(result.exit_code, 0) << result.err << "\n" << runnable;
  EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  const auto tables = db().tables();
  for (const char* table : {"account_tag", "counters"}) {
    EXPECT_NE(std::find(tables.begin(), tables.end(), table), tables.end()) << table;
  }
  EXPECT_EQ(db().query("SELECT count(*) FROM account").at(0).at(0), "2");
  if (capabilities().partial_indexes) return;
  for (const auto& item : partial) {
    script("c.yaml",
           "revision: \"cccccccccccc\"\ndown_revision: \"bbbbbbbbbbbb\"\nupgrade:\n" + item);
    EXPECT_TRUE(failed_with(migrate({"upgrade", "head"}),
                            "index '" + first_field(item, "name") + "' has a `where`"))
        << item;
    EXPECT_EQ(versions(), std::vector<std::string>{"bbbbbbbbbbbb"});
  }
}

INSTANTIATE_TEST_SUITE_P(Dialects, Readme, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
