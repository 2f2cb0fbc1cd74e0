// Every lint rule: a risky case that fires on each dialect the rule applies to (and on no other),
// and a safe case that fires nowhere. The dialects' own Capabilities decide, as in `migrate lint`.
#include "migrate/lint/lint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

#include "migrate/config/url.h"
#include "script/script_header.h"

namespace migrate::lint {
namespace {

const std::vector<std::string> kDialects = {"sqlite", "postgresql", "mysql"};

// The schema every case starts from, applied by an earlier migration.
constexpr const char* kBase = R"(
  - create_table:
      name: account
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: email, type: string(50)}
        - {name: amount, type: 'numeric(10, 2)'}
)";

Script parse(const std::string& id, const std::string& upgrade, bool transactional = true) {
  const std::string text = "revision: \"" + id + "\"\ndown_revision: null\nmessage: m\n" +
                           (transactional ? "" : "transactional: false\n") + "upgrade:" + upgrade;
  return detail::parse_script(text, "versions/" + id + ".yaml");
}

Settings settings_for(const std::string& dialect_name) {
  const Dialect& dialect = dialects::find(Url::parse(dialect_name + "://"));
  Settings settings;
  settings.capabilities = dialect.capabilities();
  settings.dialect = dialect_name;
  settings.lock_timeout = true;  // no-lock-timeout has its own tests
  return settings;
}

std::vector<std::string> fired(const std::string& dialect, const std::string& upgrade,
                               bool transactional = true, Settings settings = {}) {
  if (settings.dialect.empty()) settings = settings_for(dialect);
  Linter linter(std::move(settings));
  linter.replay(parse("base", kBase));
  std::vector<std::string> ids;
  for (const auto& finding : linter.lint(parse("next", upgrade, transactional))) {
    ids.emplace_back(finding.rule->id);
  }
  return ids;
}

bool contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

struct Case {
  std::string rule;
  std::set<std::string> dialects;  // where the risky case fires
  std::string risky;
  std::string safe;
  bool risky_transactional = true;
  bool safe_transactional = true;
};

const std::vector<Case> kCases = {
    {"concurrently-in-transaction",
     {"postgresql"},
     "\n  - create_index: {name: ix, table: account, columns: [email], concurrently: true}\n",
     "\n  - create_index: {name: ix, table: account, columns: [email], concurrently: true}\n",
     true,
     false},
    {"not-null-column-without-default",
     {"sqlite", "postgresql", "mysql"},
     "\n  - add_column: {table: account, column: {name: n, type: integer, nullable: false}}\n",
     "\n  - add_column: {table: account, column: {name: n, type: integer, nullable: false, "
     "default: '0'}}\n"},
    {"index-without-concurrently",
     {"postgresql"},
     "\n  - create_index: {name: ix, table: account, columns: [email]}\n",
     "\n  - create_table: {name: t, columns: [{name: a, type: integer}]}\n"
     "  - create_index: {name: ix, table: t, columns: [a]}\n"},
    {"volatile-default",
     {"postgresql"},
     "\n  - add_column: {table: account, column: {name: u, type: uuid, default: "
     "'gen_random_uuid()'}}\n",
     "\n  - add_column: {table: account, column: {name: u, type: integer, default: '7'}}\n"},
    {"type-change-rewrite",
     {"postgresql"},
     "\n  - alter_column: {table: account, name: id, type: bigint}\n",
     "\n  - alter_column: {table: account, name: email, type: string(200)}\n"
     "  - alter_column: {table: account, name: amount, type: 'numeric(12, 2)'}\n"},
    {"set-not-null",
     {"postgresql"},
     "\n  - alter_column: {table: account, name: email, nullable: false}\n",
     "\n  - alter_column: {table: account, name: email, nullable: true}\n"},
    {"constraint-without-not-valid",
     {"postgresql"},
     "\n  - create_check_constraint: {name: ck, table: account, condition: 'id > 0'}\n"
     "  - create_foreign_key: {name: fk, table: account, columns: [id], ref_table: account, "
     "ref_columns: [id]}\n",
     "\n  - create_check_constraint: {name: ck, table: account, condition: 'id > 0', "
     "not_valid: true}\n"},
    {"unique-constraint-under-lock",
     {"postgresql"},
     "\n  - create_unique_constraint: {name: uq, table: account, columns: [email]}\n",
     "\n  - create_index: {name: uq, table: account, columns: [email], unique: true, "
     "concurrently: true}\n",
     true,
     false},
    {"rename-column",
     {"sqlite", "postgresql", "mysql"},
     "\n  - alter_column: {table: account, name: email, new_name: mail}\n",
     "\n  - add_column: {table: account, column: {name: mail, type: string(50)}}\n"},
    {"rename-table",
     {"sqlite", "postgresql", "mysql"},
     "\n  - rename_table: {name: account, new_name: accounts}\n",
     "\n  - create_table: {name: t, columns: [{name: a, type: integer}]}\n"
     "  - rename_table: {name: t, new_name: t2}\n"},
    {"drop-column",
     {"sqlite", "postgresql", "mysql"},
     "\n  - drop_column: {table: account, name: email}\n",
     "\n  - create_table: {name: t, columns: [{name: a, type: integer}, {name: b, type: "
     "integer}]}\n  - drop_column: {table: t, name: b}\n"},
    {"drop-table",
     {"sqlite", "postgresql", "mysql"},
     "\n  - drop_table: {name: account}\n",
     "\n  - create_table: {name: t, columns: [{name: a, type: integer}]}\n"
     "  - drop_table: {name: t}\n"},
    {"table-copy",
     {"mysql"},
     "\n  - alter_column: {table: account, name: email, type: integer}\n",
     "\n  - alter_column: {table: account, name: email, type: string(60)}\n"},
    {"table-rebuild",
     {"sqlite"},
     "\n  - alter_column: {table: account, name: email, nullable: false}\n",
     "\n  - add_column: {table: account, column: {name: note, type: text}}\n"},
    {"execute-not-analysed",
     {"sqlite", "postgresql", "mysql"},
     "\n  - execute: \"UPDATE account SET email = lower(email)\"\n",
     "\n  - bulk_insert: {table: account, rows: [{id: 1, email: a}]}\n"},
};

class Rules : public ::testing::TestWithParam<std::string> {};

TEST_P(Rules, EachRiskyCaseFiresWhereItsRuleAppliesAndEachSafeCaseNowhere) {
  const std::string& dialect = GetParam();
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.rule);
    ASSERT_NE(find_rule(c.rule), nullptr);
    EXPECT_EQ(contains(fired(dialect, c.risky, c.risky_transactional), c.rule),
              c.dialects.contains(dialect));
    EXPECT_FALSE(contains(fired(dialect, c.safe, c.safe_transactional), c.rule));
  }
}

TEST_P(Rules, EveryRuleOfTheCatalogueHasACase) {
  for (const auto& rule : rules()) {
    if (rule.id == "no-lock-timeout") continue;  // settings, not operations: NoLockTimeout.*
    EXPECT_TRUE(std::any_of(kCases.begin(), kCases.end(), [&](const Case& c) {
      return c.rule == rule.id;
    })) << rule.id;
  }
}

TEST_P(Rules, NoLockTimeoutIsSaidOnceWhereTheDatabaseHasOneAndNoneIsSet) {
  const std::string& dialect = GetParam();
  Settings settings = settings_for(dialect);
  settings.lock_timeout = false;
  Linter linter(settings);
  linter.replay(parse("base", kBase));
  const std::string add = "\n  - add_column: {table: account, column: {name: a, type: text}}\n";
  const auto first = linter.lint(parse("b1", add));
  const auto second = linter.lint(parse("b2", add));
  const auto named = [](const std::vector<Finding>& findings) {
    return std::count_if(findings.begin(), findings.end(),
                         [](const Finding& f) { return f.rule->id == "no-lock-timeout"; });
  };
  EXPECT_EQ(named(first), settings.capabilities.lock_timeout ? 1 : 0);
  EXPECT_EQ(named(second), 0) << "one setting, said once";
  settings.lock_timeout = true;
  EXPECT_FALSE(contains(fired(dialect, add, true, settings), "no-lock-timeout"));
}

TEST_P(Rules, IgnoredBesideTheOperationOrInTheConfig) {
  const std::string& dialect = GetParam();
  const std::string drop = "\n  - drop_column: {table: account, name: email}\n";
  EXPECT_TRUE(contains(fired(dialect, drop), "drop-column"));
  EXPECT_FALSE(contains(fired(dialect,
                              "\n  - drop_column: {table: account, name: email}\n"
                              "    lint: {ignore: [drop-column]}\n"),
                        "drop-column"));
  Settings settings = settings_for(dialect);
  settings.ignore = {"drop-column"};
  EXPECT_FALSE(contains(fired(dialect, drop, true, settings), "drop-column"));
}

TEST_P(Rules, OneRunCountsTablesAnEarlierMigrationOfTheRunCreatedAsNew) {
  Settings settings = settings_for(GetParam());
  const auto lint_two = [&](bool one_run) {
    settings.one_run = one_run;
    Linter linter(settings);
    (void)linter.lint(
        parse("a", "\n  - create_table: {name: t, columns: [{name: a, type: integer}]}\n"));
    return linter.lint(parse("b", "\n  - drop_column: {table: t, name: a}\n"));
  };
  EXPECT_EQ(lint_two(false).size(), 1u) << "lint: another deploy may sit between the two";
  EXPECT_EQ(lint_two(true).size(), 0u) << "upgrade: nothing used t before this command";
}

TEST_P(Rules, AFindingNamesFileLineRevisionOperationReasonAndTheSafeWay) {
  Settings settings = settings_for(GetParam());
  Linter linter(settings);
  linter.replay(parse("base", kBase));
  const auto findings = linter.lint(parse("next",
                                          "\n  - add_column: {table: account, column: "
                                          "{name: a, type: text}}\n"
                                          "  - drop_column: {table: account, name: email}\n"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(
      format_finding(findings[0]),
      "versions/next.yaml:6: warning: drop-column: next drop_column account.email: code still "
      "running that reads account.email fails from the moment this commits; release code "
      "that no longer uses it first, then drop it in a later migration (and ignore this "
      "rule there)");
}

INSTANTIATE_TEST_SUITE_P(Dialects, Rules, ::testing::ValuesIn(kDialects),
                         [](const auto& info) { return info.param; });

TEST(Catalogue, ReadmeDocumentsEveryRuleWithItsSeverity) {
  std::ifstream file(std::string(MIGRATE_SOURCE_DIR) + "/README.rst");
  const std::string readme{std::istreambuf_iterator<char>(file), {}};
  for (const auto& rule : rules()) {
    const std::string severity =
        rule.severity == Severity::info ? "note" : std::string(severity_name(rule.severity));
    const std::regex row("\n``" + std::string(rule.id) + "``\\s+" + severity + "\\s");
    EXPECT_TRUE(std::regex_search(readme, row)) << rule.id << " " << severity;
  }
}

TEST(TableRebuild, ALargeTableRaisesItToAWarning) {
  Settings settings = settings_for("sqlite");
  settings.row_count = [](const TableName&) { return std::optional<long long>(250'000); };
  Linter linter(settings);
  linter.replay(parse("base", kBase));
  const auto findings = linter.lint(
      parse("next", "\n  - alter_column: {table: account, name: email, nullable: false}\n"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::warning);
  EXPECT_NE(findings[0].reason.find("250000 rows"), std::string::npos) << findings[0].reason;
}

}  // namespace
}  // namespace migrate::lint
