#pragma once
// The one exception type of migrate. Its what() is the sentence printed after "FAILED: ", so it
// must name the file, revision, operation, setting or SQL at fault (SPEC §1). Only main.cpp
// catches it for output; lower layers add context by catching and rethrowing a new Error.
#include <stdexcept>
#include <string>

namespace migrate {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// An operation whose SQL depends on what the database holds now (MySQL's MODIFY restates the
// current column), rendered without one: --sql asks the script for more, and the check that
// renders a plan before it runs (SPEC §13) leaves that operation to run time.
class NeedsDatabase : public Error {
 public:
  using Error::Error;
};

// A failure whose --format json report the command has printed itself (check's drift): main()
// prints the FAILED line but no second JSON document.
class ReportedFailure : public Error {
 public:
  using Error::Error;
};

// The migration lock stayed held by another run for longer than the caller would wait (a fleet's
// --lock-wait; SQLite's busy timeout).
class LockTimeout : public Error {
 public:
  using Error::Error;
};

// Exit status for `check` drift and similar "not an error, but not success" outcomes is still 1;
// usage errors are 2 and come only from the CLI layer.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
// `status`: the database is fine but migrations are pending (SPEC §15) — not a failure, so no
// FAILED line, but a pipeline can tell it from "up to date".
inline constexpr int kExitPending = 3;

}  // namespace migrate
