// test: the checks of test_checks.h on a throwaway database, one FAILED line per failure, a
// summary, and exit 1 when anything failed (SPEC §15).
#include <fmt/format.h>

#include <chrono>

#include "commands/json_report.h"
#include "commands/test_bench.h"
#include "commands/test_checks.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"

namespace migrate::commands {
namespace {

std::string failure_line(const TestFailure& failure) {
  return fmt::format("FAILED: test: {}{}", failure.revision.empty() ? "" : failure.revision + ": ",
                     failure.message);
}

// Runs every check; a check that cannot finish (a target schema that does not load) fails with
// that reason instead of ending the others.
json::TestReport run_checks(TestBench& bench, const Output& out) {
  json::TestReport report;
  for (const TestCheck& check : test_checks()) {
    CheckOutcome outcome;
    try {
      outcome = check.run(bench);
    } catch (const Error& e) {
      outcome = CheckOutcome{{{std::string(check.name), "", e.what()}}, std::nullopt};
    }
    std::string status = outcome.failures.empty() ? "passed" : "failed";
    if (outcome.skipped) {
      status = "skipped";
      out.progress(fmt::format("Skipped {}: {}", check.name, *outcome.skipped));
    }
    for (const auto& failure : outcome.failures) out.warn(failure_line(failure));
    report.checks.push_back({std::string(check.name), status, outcome.skipped.value_or("")});
    report.failures.insert(report.failures.end(), outcome.failures.begin(), outcome.failures.end());
  }
  return report;
}

// "3 checks passed, 2 skipped, 1 failed (stairway), 2 failures over 10 revisions in 0.3 s".
std::string summary(const json::TestReport& report) {
  std::size_t passed = 0;
  std::size_t skipped = 0;
  std::vector<std::string> failed;
  for (const auto& check : report.checks) {
    if (check.status == "passed") ++passed;
    if (check.status == "skipped") ++skipped;
    if (check.status == "failed") failed.push_back(check.name);
  }
  const std::chrono::duration<double> took = report.duration;
  return fmt::format(
      "test: {} check{} passed, {} skipped, {} failed{}; {} failure{} over {} revision{} on {} in "
      "{:.1f} s",
      passed, passed == 1 ? "" : "s", skipped, failed.size(),
      failed.empty() ? "" : fmt::format(" ({})", fmt::join(failed, ", ")), report.failures.size(),
      report.failures.size() == 1 ? "" : "s", report.revisions, report.revisions == 1 ? "" : "s",
      report.database, took.count());
}

}  // namespace

void test(const GlobalOptions& global, const TestOptions& options, const Output& out) {
  const auto started = std::chrono::steady_clock::now();
  // Never the configured database: --url names the server to make a scratch database on.
  const Url url = Url::parse(global.url.value_or("sqlite://"));
  // Before anything is read or printed: a dialect built as a program of its own takes over here.
  const Dialect& dialect = dialects::find(url);
  const Environment env(global, out);
  TestBench bench(env, url, out,
                  options.target_schema
                      ? std::optional(std::filesystem::absolute(*options.target_schema))
                      : env.config().target_schema());
  const std::string database =
      global.url ? fmt::format("a scratch {} database (--url {})", dialect.name(), url.masked())
                 : fmt::format("a scratch {} database in memory (no --url)", dialect.name());
  out.progress(fmt::format("Testing {} revision{} on {}", bench.scripts().size(),
                           bench.scripts().size() == 1 ? "" : "s", database));
  json::TestReport report = run_checks(bench, out);
  report.database = database;
  report.revisions = bench.scripts().size();
  report.duration = std::chrono::steady_clock::now() - started;
  const std::string line = summary(report);
  if (json::wanted(global)) {
    out.data(json::test(report, report.failures.empty() ? std::string() : line));
    if (!report.failures.empty()) throw ReportedFailure(line);
    return;
  }
  if (!report.failures.empty()) throw Error(line);
  out.progress(line);
}

}  // namespace migrate::commands
