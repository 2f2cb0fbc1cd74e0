// The checks of `migrate test` (test_checks.h).
#include "commands/test_checks.h"

#include <fmt/format.h>

#include <array>

#include "commands/autogenerate.h"
#include "commands/lint_errors.h"
#include "commands/test_bench.h"
#include "migrate/schema/differ.h"

namespace migrate::commands {
namespace {

CheckOutcome skipped(std::string why) { return CheckOutcome{{}, std::move(why)}; }

// More heads than expected means a merge revision is missing: `upgrade head` refuses them.
CheckOutcome heads(TestBench& bench) {
  const auto& found = bench.env().graph().real_heads();
  const int expected = bench.env().config().test_heads();
  if (found.empty()) return skipped("there are no revisions");
  if (found.size() == static_cast<std::size_t>(expected)) return {};
  return {{{"heads", "",
            fmt::format("{} heads ({}) where {} {} expected: merge them with 'migrate merge -m "
                        "MESSAGE heads', or set test_heads = {} in [{}] of {}",
                        found.size(), fmt::join(found, ", "), expected,
                        expected == 1 ? "is" : "are", found.size(), bench.env().config().section(),
                        bench.env().config().file().string())}},
          std::nullopt};
}

CheckOutcome stairway(TestBench& bench) { return {bench.stairway().steps, std::nullopt}; }

CheckOutcome no_trace(TestBench& bench) { return {bench.stairway().traces, std::nullopt}; }

// check's comparison, on the database the stairway left at the heads.
CheckOutcome target_schema(TestBench& bench) {
  if (!bench.target_schema()) return skipped("no target_schema is configured");
  const auto& walk = bench.stairway();
  if (!walk.steps.empty()) {
    return skipped(
        fmt::format("the stairway stopped at {}, short of the heads", walk.steps.front().revision));
  }
  Database& db = bench.database();
  const SchemaModel declared = declared_schema(db, *bench.target_schema(), bench.version_table());
  const SchemaModel reflected = db.dialect->reflect(*db.connection, bench.version_table());
  const std::string heads = fmt::format("{}", fmt::join(bench.env().graph().real_heads(), ", "));
  CheckOutcome outcome;
  for (auto& change : diff(reflected, declared, db.dialect->diff_rules()).changes) {
    outcome.failures.push_back(
        {"target_schema", heads,
         fmt::format("the schema at head differs from target_schema {}: {}",
                     bench.target_schema()->string(), change_words(std::move(change)))});
  }
  return outcome;
}

CheckOutcome lint(TestBench& bench) {
  return {lint_errors(bench.scripts(), *bench.database().dialect, bench.env().config()),
          std::nullopt};
}

constexpr std::array kChecks{
    TestCheck{"heads", "the history has one head, or test_heads of them", &heads},
    TestCheck{"stairway",
              "every revision, in upgrade order, upgrades, downgrades and upgrades again",
              &stairway},
    TestCheck{"no_trace", "after each downgrade the schema is what it was before that upgrade",
              &no_trace},
    TestCheck{"target_schema", "at the heads, the schema matches target_schema, as check does",
              &target_schema},
    TestCheck{"lint", "lint finds no error", &lint},
};

}  // namespace

std::span<const TestCheck> test_checks() { return kChecks; }

std::string change_words(std::string change) {
  constexpr std::string_view kDetected = "Detected ";
  if (change.starts_with(kDetected)) change.erase(0, kDetected.size());
  return change;
}

}  // namespace migrate::commands
