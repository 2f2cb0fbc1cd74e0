#include "dialects/postgresql/offline.h"

#include <ostream>

#include "dialects/postgresql/sql_text.h"

namespace migrate::postgresql {

void OfflineConnection::execute(std::string_view sql) {
  if (scan_end(sql).blank) return;  // only whitespace or comments: nothing to run
  const auto text = sql.substr(0, sql.find_last_not_of(" \t\r\n") + 1);
  *out_ << text << missing_terminator(text) << '\n';
}

std::vector<Row> OfflineConnection::query(std::string_view) { return {}; }

void OfflineConnection::begin() { *out_ << "BEGIN;\n"; }

void OfflineConnection::commit() { *out_ << "COMMIT;\n"; }

}  // namespace migrate::postgresql
