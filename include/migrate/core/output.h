#pragma once
// Where a command writes: data to `out` (stdout), progress and warnings to `log` (stderr).
// Passed explicitly to every command; never global. `quiet` silences progress, not data or
// warnings.
#include <fmt/format.h>

#include <cstddef>
#include <iosfwd>
#include <string_view>

namespace migrate {

class Output {
 public:
  // `terminal`: stderr is a terminal, where a run's step lines redraw one line instead of
  // scrolling (step()); everywhere else the lines are exactly Alembic's.
  Output(std::ostream& out, std::ostream& log, bool quiet, bool terminal = false)
      : out_(&out), log_(&log), quiet_(quiet), terminal_(terminal) {}

  // One line of data (stdout). A newline is appended.
  void data(std::string_view line) const;
  // Raw text to stdout, no newline added (SQL in --sql mode).
  void raw(std::string_view text) const;
  // One progress line (stderr), dropped under --quiet.
  void progress(std::string_view line) const;
  // Step `index` (1-based) of `count` of a run: on a terminal "[index/count] line" redrawn in
  // place (end_steps() ends it), elsewhere progress(line).
  void step(std::size_t index, std::size_t count, std::string_view line) const;
  void end_steps() const;
  // One warning line (stderr), printed even under --quiet.
  void warn(std::string_view line) const;

  // The same streams without progress lines: for a runner that a command drives step by step
  // (`migrate test` runs three steps per revision and reports on its own).
  [[nodiscard]] Output without_progress() const { return Output(*out_, *log_, true, terminal_); }

  std::ostream& out() const { return *out_; }
  bool quiet() const { return quiet_; }

 private:
  std::ostream* out_;
  std::ostream* log_;
  bool quiet_;
  bool terminal_;
  mutable bool redrawing_ = false;  // a step line is on screen without its newline
};

}  // namespace migrate
