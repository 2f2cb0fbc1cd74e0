#include "dialects/mysql/offline.h"

#include <ostream>

namespace migrate::mysql {

void OfflineConnection::execute(std::string_view sql) {
  const auto end = sql.find_last_not_of(" \t\r\n");
  if (end == std::string_view::npos) return;
  const auto text = sql.substr(0, end + 1);
  *out_ << text << (text.back() == ';' ? "" : ";") << '\n';
}

}  // namespace migrate::mysql
