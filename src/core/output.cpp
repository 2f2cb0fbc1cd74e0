#include "migrate/core/output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <ostream>
#include <string>

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
  // Carriage return, the line, and "erase to end of line" for a shorter line after a longer. A
  // line wider than the terminal would wrap, and '\r' would redraw only its last row: cut it.
  std::string text = fmt::format("[{}/{}] {}", index, count, line);
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 1 &&
      text.size() >= size.ws_col) {
    std::size_t cut = size.ws_col - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    text.resize(cut);
  }
  *log_ << '\r' << text << "\x1b[K" << std::flush;
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
