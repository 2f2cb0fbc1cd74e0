#include "dialects/mysql/types.h"

#include <array>

#include "dialects/common/type_map.h"
#include "migrate/core/error.h"
#include "migrate/core/text.h"

namespace migrate::mysql {
namespace {

// SQLAlchemy's choices where MySQL has no exact equivalent: BOOL is TINYINT(1); TIMESTAMP is the
// only type that converts to and from the session's time zone (it stores UTC); a UUID is its
// 36-character text.
constexpr std::array kTypes{
    dialects::TypeMapping{"integer", "INTEGER", 0},
    dialects::TypeMapping{"bigint", "BIGINT", 0},
    dialects::TypeMapping{"smallint", "SMALLINT", 0},
    dialects::TypeMapping{"string", "VARCHAR", 1},
    dialects::TypeMapping{"text", "TEXT", 0},
    dialects::TypeMapping{"boolean", "BOOL", 0},
    dialects::TypeMapping{"float", "FLOAT", 0},
    dialects::TypeMapping{"double", "DOUBLE", 0},
    dialects::TypeMapping{"numeric", "NUMERIC", 2},
    dialects::TypeMapping{"date", "DATE", 0},
    dialects::TypeMapping{"datetime", "DATETIME", 0},
    dialects::TypeMapping{"timestamptz", "TIMESTAMP", 0},
    dialects::TypeMapping{"time", "TIME", 0},
    dialects::TypeMapping{"binary", "LONGBLOB", 0},
    dialects::TypeMapping{"json", "JSON", 0},
    dialects::TypeMapping{"uuid", "CHAR(36)", 0},
};

}  // namespace

std::string render_type(std::string_view type) {
  if (iequals(trim(type), "interval")) {
    throw Error(
        "type 'interval' has no MySQL equivalent; store a number of seconds (bigint) or use "
        "the database's own type");
  }
  if (iequals(trim(type), "string")) {
    throw Error(
        "type 'string' needs a length on MySQL, where every VARCHAR has one; write string(255), "
        "say, or text");
  }
  return dialects::render_type(type, kTypes);
}

}  // namespace migrate::mysql
