#pragma once
// `migrate test` (SPEC §15) as a list of checks. Adding a check is one entry in test_checks()
// (test_checks.cpp): its name, what it asserts, and a function of the TestBench that returns
// its failures, or why it could not run.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::commands {

class TestBench;

// One failure, printed as `FAILED: test: <revision>: <message>`.
struct TestFailure {
  std::string check;     // the TestCheck's name
  std::string revision;  // the revision at fault; empty when no one revision is
  std::string message;   // what went wrong or differed, one line
};

struct CheckOutcome {
  std::vector<TestFailure> failures;
  // Why the check did not run (nothing to compare with, an earlier check stopped short); such a
  // check is reported as skipped, never as passed.
  std::optional<std::string> skipped;
};

struct TestCheck {
  std::string_view name;
  std::string_view asserts;  // what passing means, for `migrate test --help`
  CheckOutcome (*run)(TestBench& bench);
};

// In the order they run and are reported.
[[nodiscard]] std::span<const TestCheck> test_checks();

// A change as the differ words it, for a failure line: "Detected added column 'a.b'" becomes
// "added column 'a.b'".
[[nodiscard]] std::string change_words(std::string change);

}  // namespace migrate::commands
