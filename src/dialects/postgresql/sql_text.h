#pragma once
// Just enough of PostgreSQL's lexical rules to tell where SQL text ends: the --sql sink must
// know whether a statement already ends in ';' and whether it is only comments, and a ';' or a
// "--" inside a string, a quoted name, a comment or a $$-quoted function body does not count.
#include <string_view>

namespace migrate::postgresql {

struct SqlEnd {
  bool blank = true;                  // nothing but whitespace and comments
  bool ends_with_semicolon = false;   // the last thing that is not a comment is ';'
  bool ends_in_line_comment = false;  // the text stops inside a "-- ..." comment
};

SqlEnd scan_end(std::string_view sql);

// What to append so that `sql` is terminated for psql: "" when it already ends in ';', "\n;"
// when it ends in a line comment (a ';' there would be commented out), else ";".
std::string_view missing_terminator(std::string_view sql);

}  // namespace migrate::postgresql
