#include "migrate/core/output.h"

#include <ostream>

#include "migrate/core/secrets.h"

namespace migrate {

void Output::data(std::string_view line) const { *out_ << line << '\n'; }

void Output::raw(std::string_view text) const { *out_ << text; }

void Output::progress(std::string_view line) const {
  if (quiet_) return;
  end_steps();
  *log_ << line << '\n';
}

void Output::step(std::size_t index, std::size_t count, std::string_view line) const {
  if (quiet_) return;
  if (!terminal_) {
    *log_ << line << '\n';
    return;
  }
  // Carriage return, the line, and "erase to end of line" for a shorter line after a longer.
  *log_ << '\r' << fmt::format("[{}/{}] ", index, count) << line << "\x1b[K" << std::flush;
  redrawing_ = true;
}

void Output::end_steps() const {
  if (redrawing_) *log_ << '\n';
  redrawing_ = false;
}

void Output::warn(std::string_view line) const {
  end_steps();
  *log_ << mask_credentials(line) << '\n';
}

}  // namespace migrate
