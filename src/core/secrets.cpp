#include "migrate/core/secrets.h"

#include "migrate/core/text.h"

namespace migrate {
namespace {

bool ends_value(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' || c == '"' || c == '`';
}

// Masks the password of the URL whose "://" ends at `start`; returns where scanning goes on.
std::size_t mask_userinfo(std::string& text, std::size_t start) {
  std::size_t i = start;
  while (i < text.size() && text[i] != ':' && text[i] != '@' && text[i] != '/' &&
         !ends_value(text[i])) {
    ++i;
  }
  if (i >= text.size() || text[i] != ':') return i;
  std::size_t at = i + 1;
  while (at < text.size() && text[at] != '@' && !ends_value(text[at])) ++at;
  if (at >= text.size() || text[at] != '@') return i + 1;
  text.replace(i + 1, at - i - 1, "***");
  return i + 5;
}

void mask_password_values(std::string& text) {
  const std::string lowered = lower(text);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t pos = lowered.find("password="); pos != std::string::npos;
       pos = lowered.find("password=", pos + 1)) {
    const std::size_t value = pos + 9;
    std::size_t end = value;
    while (end < text.size() && text[end] != '&' && !ends_value(text[end])) ++end;
    if (end == value) continue;
    out.append(text, copied, value - copied);
    out += "***";
    copied = end;
  }
  if (copied == 0) return;
  out.append(text, copied);
  text = std::move(out);
}

}  // namespace

std::string mask_credentials(std::string_view input) {
  std::string text(input);
  for (std::size_t pos = text.find("://"); pos != std::string::npos; pos = text.find("://", pos)) {
    pos = mask_userinfo(text, pos + 3);
  }
  mask_password_values(text);
  return text;
}

}  // namespace migrate
