#pragma once
// The SQLite type map (SPEC §7): generic type names, case-insensitive, to SQLite column types.
// The choices follow what SQLAlchemy emits on SQLite, so that a database built by Alembic and one
// built by migrate look alike: interval -> DATETIME, uuid -> CHAR(32), timestamptz -> DATETIME.
#include <string>
#include <string_view>

namespace migrate::sqlite {

// "string(50)" -> "VARCHAR(50)", "numeric(10,2)" -> "NUMERIC(10, 2)", "jsonb" -> "jsonb".
// Anything that is not a generic name (or a generic name with unexpected arguments) is
// returned verbatim, since SQLite accepts any type name.
std::string render_type(std::string_view type);

// True for the generic integer types (integer, bigint, smallint): the ones whose single-column
// primary key autoincrements under SQLAlchemy's rule (SPEC §6).
bool is_integer_type(std::string_view type);

}  // namespace migrate::sqlite
