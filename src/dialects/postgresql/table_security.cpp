// What PostgreSQL keeps beside a table and create_table cannot say, for `migrate baseline`:
// the comment on a table or view, row-level security switched on (and forced), and the
// policies. All come after the tables and views they belong to, and go with them: their
// downgrade only undoes them, for a downgrade that stops short of dropping the table.
#include <fmt/format.h>

#include "dialects/postgresql/catalog_query.h"
#include "dialects/postgresql/quoting.h"

namespace migrate::postgresql {
namespace {

using Phase = CatalogObject::Phase;

constexpr const char* kQualified =
    "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)";

std::string not_in(const std::vector<std::string>& names) {
  return fmt::format("c.relname NOT IN ({})", literal_list(names, quote_literal));
}

std::string_view relation_kind(const std::string& relkind) {
  if (relkind == "v") return "VIEW";
  if (relkind == "m") return "MATERIALIZED VIEW";
  return "TABLE";
}

void comments(Catalog& catalog, const std::vector<std::string>& own_tables) {
  for (const auto& row : catalog.query(fmt::format(
           "SELECT {}, c.relname, c.relkind, pg_catalog.obj_description(c.oid, 'pg_class') "
           "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
           "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = {{0}} AND {} AND "
           "pg_catalog.obj_description(c.oid, 'pg_class') IS NOT NULL ORDER BY c.relname",
           kQualified, not_in(own_tables)))) {
    const auto kind = relation_kind(text(row, 2));
    catalog.add(
        Phase::after_tables, "comment", text(row, 1),
        fmt::format("COMMENT ON {} {} IS {}", kind, text(row, 0), quote_literal(text(row, 3))),
        fmt::format("COMMENT ON {} {} IS NULL", kind, text(row, 0)));
  }
}

void row_security(Catalog& catalog) {
  for (const auto& row : catalog.query(fmt::format(
           "SELECT {}, c.relname, c.relforcerowsecurity FROM pg_catalog.pg_class c JOIN "
           "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
           "AND c.relrowsecurity AND n.nspname = {{0}} ORDER BY c.relname",
           kQualified))) {
    const std::string& table = text(row, 0);
    std::string create = fmt::format("ALTER TABLE {} ENABLE ROW LEVEL SECURITY", table);
    if (text(row, 2) == "t")
      create += fmt::format(";\nALTER TABLE {} FORCE ROW LEVEL SECURITY", table);
    catalog.add(Phase::after_tables, "row security", text(row, 1), std::move(create),
                fmt::format("ALTER TABLE {0} NO FORCE ROW LEVEL SECURITY;\n"
                            "ALTER TABLE {0} DISABLE ROW LEVEL SECURITY",
                            table));
  }
}

std::string_view command_of(const std::string& polcmd) {
  if (polcmd == "r") return "SELECT";
  if (polcmd == "a") return "INSERT";
  if (polcmd == "w") return "UPDATE";
  if (polcmd == "d") return "DELETE";
  return "ALL";
}

// Roles are named as they are: a policy for a role the target server lacks fails there, as
// it would under pg_restore.
void policies(Catalog& catalog) {
  for (const auto& row : catalog.query(fmt::format(
           "SELECT pg_catalog.quote_ident(p.polname), {}, c.relname || '.' || p.polname, "
           "p.polpermissive, p.polcmd, CASE WHEN p.polroles = '{{{{0}}}}' THEN 'PUBLIC' ELSE "
           "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(r.rolname), ', ' ORDER BY "
           "r.rolname) FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles)) END, "
           "pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr("
           "p.polwithcheck, p.polrelid) FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c "
           "ON c.oid = p.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
           "WHERE n.nspname = {{0}} ORDER BY c.relname, p.polname",
           kQualified))) {
    std::string create = fmt::format(
        "CREATE POLICY {} ON {} AS {} FOR {} TO {}", text(row, 0), text(row, 1),
        text(row, 3) == "t" ? "PERMISSIVE" : "RESTRICTIVE", command_of(text(row, 4)), text(row, 5));
    if (row[6]) create += fmt::format(" USING ({})", *row[6]);
    if (row[7]) create += fmt::format(" WITH CHECK ({})", *row[7]);
    catalog.add(Phase::after_tables, "policy", text(row, 2), std::move(create),
                fmt::format("DROP POLICY {} ON {}", text(row, 0), text(row, 1)));
  }
}

}  // namespace

void table_security(Catalog& catalog, const std::vector<std::string>& own_tables) {
  comments(catalog, own_tables);
  row_security(catalog);
  policies(catalog);
}

}  // namespace migrate::postgresql
