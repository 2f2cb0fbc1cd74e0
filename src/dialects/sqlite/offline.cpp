#include "dialects/sqlite/offline.h"

#include <ostream>

#include "dialects/sqlite/sql_tokenizer.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {

OfflineConnection::OfflineConnection(std::ostream& out)
    : out_(&out), shadow_(SqliteConnection::open_memory("the --sql shadow database")) {}

void OfflineConnection::execute(std::string_view sql) {
  if (tokenize(sql).empty()) return;  // only whitespace or comments: nothing to run or print
  // The shadow runs exactly what is printed, so that it holds what a replay of the script holds.
  // It only ever holds what the migrations built, though: SQL about objects made outside them
  // (an `execute` on a legacy table) fails there yet is right for the real database, so such a
  // failure is not an error. Only a rebuild needs the shadow, and it reports a missing table.
  const auto text = sql.substr(0, sql.find_last_not_of(" \t\r\n") + 1);
  try {
    shadow_->execute(text);
  } catch (const Error&) {
  }
  *out_ << text << missing_terminator(text) << '\n';
}

std::vector<Row> OfflineConnection::query(std::string_view sql) { return shadow_->query(sql); }

void OfflineConnection::begin() {
  shadow_->begin();
  *out_ << "BEGIN;\n";
}

void OfflineConnection::commit() {
  shadow_->commit();
  *out_ << "COMMIT;\n";
}

void OfflineConnection::rollback() noexcept { shadow_->rollback(); }

}  // namespace migrate::sqlite
