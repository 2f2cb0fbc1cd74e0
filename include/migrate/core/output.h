#pragma once
// Where a command writes: data to `out` (stdout), progress and warnings to `log` (stderr).
// Passed explicitly to every command; never global. `quiet` silences progress, not data or
// warnings.
#include <fmt/format.h>

#include <iosfwd>
#include <string_view>

namespace migrate {

class Output {
 public:
  Output(std::ostream& out, std::ostream& log, bool quiet)
      : out_(&out), log_(&log), quiet_(quiet) {}

  // One line of data (stdout). A newline is appended.
  void data(std::string_view line) const;
  // Raw text to stdout, no newline added (SQL in --sql mode).
  void raw(std::string_view text) const;
  // One progress line (stderr), dropped under --quiet.
  void progress(std::string_view line) const;
  // One warning line (stderr), printed even under --quiet.
  void warn(std::string_view line) const;

  std::ostream& out() const { return *out_; }
  bool quiet() const { return quiet_; }

 private:
  std::ostream* out_;
  std::ostream* log_;
  bool quiet_;
};

}  // namespace migrate
