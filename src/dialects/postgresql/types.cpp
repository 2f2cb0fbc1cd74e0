#include "dialects/postgresql/types.h"

#include <array>

#include "dialects/common/type_map.h"

namespace migrate::postgresql {
namespace {

constexpr std::array kTypes{
    dialects::TypeMapping{"integer", "INTEGER", 0},
    dialects::TypeMapping{"bigint", "BIGINT", 0},
    dialects::TypeMapping{"smallint", "SMALLINT", 0},
    dialects::TypeMapping{"string", "VARCHAR", 1},
    dialects::TypeMapping{"text", "TEXT", 0},
    dialects::TypeMapping{"boolean", "BOOLEAN", 0},
    dialects::TypeMapping{"float", "REAL", 0},
    dialects::TypeMapping{"double", "DOUBLE PRECISION", 0},
    dialects::TypeMapping{"numeric", "NUMERIC", 2},
    dialects::TypeMapping{"date", "DATE", 0},
    dialects::TypeMapping{"datetime", "TIMESTAMP WITHOUT TIME ZONE", 0},
    dialects::TypeMapping{"timestamptz", "TIMESTAMP WITH TIME ZONE", 0},
    dialects::TypeMapping{"time", "TIME WITHOUT TIME ZONE", 0},
    dialects::TypeMapping{"interval", "INTERVAL", 0},
    dialects::TypeMapping{"binary", "BYTEA", 0},
    dialects::TypeMapping{"json", "JSON", 0},
    dialects::TypeMapping{"uuid", "UUID", 0},
};

}  // namespace

std::string render_type(std::string_view type) { return dialects::render_type(type, kTypes); }

}  // namespace migrate::postgresql
