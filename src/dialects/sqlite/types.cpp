#include "dialects/sqlite/types.h"

#include <array>

#include "dialects/common/type_map.h"

namespace migrate::sqlite {
namespace {

constexpr std::array kTypes{
    dialects::TypeMapping{"integer", "INTEGER", 0},
    dialects::TypeMapping{"bigint", "BIGINT", 0},
    dialects::TypeMapping{"smallint", "SMALLINT", 0},
    dialects::TypeMapping{"string", "VARCHAR", 1},
    dialects::TypeMapping{"text", "TEXT", 0},
    dialects::TypeMapping{"boolean", "BOOLEAN", 0},
    dialects::TypeMapping{"float", "FLOAT", 0},
    dialects::TypeMapping{"double", "DOUBLE", 0},
    dialects::TypeMapping{"numeric", "NUMERIC", 2},
    dialects::TypeMapping{"date", "DATE", 0},
    dialects::TypeMapping{"datetime", "DATETIME", 0},
    dialects::TypeMapping{"timestamptz", "DATETIME", 0},
    dialects::TypeMapping{"time", "TIME", 0},
    dialects::TypeMapping{"interval", "DATETIME", 0},
    dialects::TypeMapping{"binary", "BLOB", 0},
    dialects::TypeMapping{"json", "JSON", 0},
    // SQLAlchemy's Uuid stores 32 hex digits on databases without a native UUID type.
    dialects::TypeMapping{"uuid", "CHAR(32)", 0},
};

}  // namespace

std::string render_type(std::string_view type) { return dialects::render_type(type, kTypes); }

bool is_integer_type(std::string_view type) { return dialects::is_generic_integer_type(type); }

}  // namespace migrate::sqlite
