#pragma once
// The PostgreSQL type map (SPEC §7): generic type names, case-insensitive, to PostgreSQL types.
//
// float -> REAL and double -> DOUBLE PRECISION. SQLAlchemy's Float renders FLOAT, which
// PostgreSQL reads as DOUBLE PRECISION; but SPEC §7 names float and double as two types, so
// float keeps the single-precision meaning it has in SQL and C. datetime and time are the
// WITHOUT TIME ZONE kinds, as SQLAlchemy's DateTime and Time are.
#include <string>
#include <string_view>

namespace migrate::postgresql {

// "string(50)" -> "VARCHAR(50)", "numeric(10,2)" -> "NUMERIC(10, 2)", "jsonb" -> "jsonb".
// Anything that is not a generic name (or a generic name with unexpected arguments) is returned
// verbatim, trimmed: it is PostgreSQL's to accept or reject (`int[]`, `inet`, `varchar(10)`).
std::string render_type(std::string_view type);

}  // namespace migrate::postgresql
