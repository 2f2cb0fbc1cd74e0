#include "migrate/core/output.h"

#include <ostream>

#include "migrate/core/secrets.h"

namespace migrate {

void Output::data(std::string_view line) const { *out_ << line << '\n'; }

void Output::raw(std::string_view text) const { *out_ << text; }

void Output::progress(std::string_view line) const {
  if (!quiet_) *log_ << line << '\n';
}

void Output::warn(std::string_view line) const { *log_ << mask_credentials(line) << '\n'; }

}  // namespace migrate
