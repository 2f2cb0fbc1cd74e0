#pragma once
// PostgreSQL reflection (SPEC §12): the catalog (pg_class, pg_attribute, pg_constraint,
// pg_index) read in three queries whatever the number of tables, for one schema: the version
// table's, or current_schema() (normally `public`). The version table is left out.
//
// The server rewrites what it stores: 'home' becomes 'home'::character varying, IN (...)
// becomes = ANY (ARRAY[...]), BETWEEN becomes two comparisons. Defaults that are a cast literal
// are stored without the cast (what a user writes); check conditions, index WHERE clauses and
// expressions keep the server's text, and diff_rules() compares them through expression_key(),
// which undoes those rewrites.
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema.h"

namespace migrate::postgresql {

// With `only`, just the tables it names (any case): what `migrate test` compares per revision.
[[nodiscard]] SchemaModel reflect(Connection& connection, const TableName& version_table,
                                  const std::vector<std::string>* only = nullptr);

// PostgreSQL's answers to "the same": serial types are their integer types, char(n) is
// character(n), and expressions compare through expression_key().
[[nodiscard]] const DiffRules& diff_rules();

// The comparison key of an expression as written by a user or as deparsed by the server: casts
// (::type) dropped, grouping parentheses dropped, `x = ANY (ARRAY[a, b])` read as
// `x IN (a, b)`, `x BETWEEN a AND b` as `x >= a AND x <= b`, `~~` as LIKE, `!=` as `<>`;
// words lower-cased, tokens joined by one blank. "status::text = ANY (ARRAY['a'::character
// varying])" and "status IN ('a')" have the same key. Parenthesisation is therefore not
// compared: `(a OR b) AND c` and `a OR b AND c` have the same key.
[[nodiscard]] std::string expression_key(std::string_view expression);

// A default without the cast the server adds to a literal: "'home'::character varying" ->
// "'home'", "'-1'::integer" -> "-1". Anything else is returned trim_sql()'d.
[[nodiscard]] std::string plain_default(std::string_view expression);

}  // namespace migrate::postgresql
