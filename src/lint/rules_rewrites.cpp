// Rules about changes that touch every row of a table that may be large: a column the rows
// cannot take, a rewrite, a copy, a rebuild.
#include <fmt/format.h>

#include <array>
#include <charconv>

#include "lint/rule_check.h"
#include "migrate/core/text.h"

namespace migrate::lint {

namespace {

// A declared type split into its family and its numbers: "varchar(20)" → {varchar, [20]}.
struct TypeName {
  std::string family;
  std::vector<long> args;
};

TypeName parse_type(std::string_view type) {
  const std::string text = lower(trim(type));
  const auto open = text.find('(');
  TypeName parsed{std::string(trim(std::string_view(text).substr(0, open))), {}};
  if (parsed.family == "string" || parsed.family == "character varying" ||
      parsed.family == "nvarchar") {
    parsed.family = "varchar";
  } else if (parsed.family == "decimal") {
    parsed.family = "numeric";
  }
  for (std::size_t at = open; at != std::string::npos && at + 1 < text.size();) {
    std::size_t start = text.find_first_of("0123456789", at + 1);
    if (start == std::string::npos) break;
    long value = 0;
    const auto [end, error] =
        std::from_chars(text.data() + start, text.data() + text.size(), value);
    if (error != std::errc()) break;
    parsed.args.push_back(value);
    at = text.find(',', static_cast<std::size_t>(end - text.data()));
  }
  return parsed;
}

// PostgreSQL keeps the rows of a column whose type only widens (a longer or unbounded varchar,
// a numeric with more digits and the same scale, text and unbounded varchar alike).
bool widens_in_place(const TypeName& from, const TypeName& to) {
  const auto unbounded = [](const TypeName& t) {
    return t.family == "text" || (t.family == "varchar" && t.args.empty());
  };
  if (from.family == "varchar" || from.family == "text") {
    if (unbounded(to)) return true;
    return from.family == "varchar" && to.family == "varchar" && !from.args.empty() &&
           to.args.front() >= from.args.front();
  }
  if (from.family == "numeric" && to.family == "numeric") {
    if (to.args.empty()) return true;
    return from.args.size() == to.args.size() && !from.args.empty() &&
           to.args.front() >= from.args.front() &&
           (from.args.size() < 2 || from.args[1] == to.args[1]);
  }
  return false;
}

// InnoDB widens a varchar in place while its length prefix stays one byte (at most 255 bytes,
// counted at four bytes a character for utf8mb4) or stays two.
bool widens_without_copy(const TypeName& from, const TypeName& to) {
  if (from.family != "varchar" || to.family != "varchar" || from.args.empty() || to.args.empty()) {
    return false;
  }
  return to.args.front() >= from.args.front() &&
         (from.args.front() * 4 <= 255) == (to.args.front() * 4 <= 255);
}

bool same_type(const TypeName& a, const TypeName& b) {
  return a.family == b.family && a.args == b.args;
}

void check_add_column(const AddColumn& op, const OpContext& context, Hits& hits) {
  if (!context.existing(op.schema, op.table)) return;
  const Column& column = op.column;
  if (!column.is_nullable() && !column.default_ && column.autoincrement != true) {
    hits.push_back({"not-null-column-without-default",
                    fmt::format("a table with rows cannot take it: the database refuses, or "
                                "fills {} with an implicit zero or empty value",
                                column.name),
                    "add it nullable, backfill it, then set `nullable: false`; or give it a "
                    "`default`"});
  }
  static constexpr std::array kVolatile = {
      "random(",    "gen_random_uuid(", "uuid_generate_v",  "clock_timestamp(",
      "timeofday(", "nextval(",         "gen_random_bytes("};
  if (column.default_ && context.can().alter_cost == AlterCost::locked_in_place) {
    const std::string sql = lower(*column.default_);
    for (const char* name : kVolatile) {
      if (sql.find(name) == std::string::npos) continue;
      hits.push_back({"volatile-default",
                      fmt::format("each row gets its own value of {}, so {} is rewritten while "
                                  "reads and writes wait",
                                  *column.default_, op.table),
                      "add the column without a default, backfill it in batches, then set the "
                      "default with alter_column"});
      break;
    }
  }
}

void check_type_change(const AlterColumn& op, const OpContext& context, Hits& hits) {
  if (!op.type || !context.existing(op.schema, op.table)) return;
  const auto old = context.schema.column_type(op.schema, op.table, op.name);
  const TypeName to = parse_type(*op.type);
  if (old && same_type(parse_type(*old), to)) return;
  const std::string change =
      old ? fmt::format("from {} to {}", *old, *op.type)
          : fmt::format("to {} (its old type is unknown to migrate)", *op.type);
  if (context.can().alter_cost == AlterCost::locked_in_place &&
      !(old && widens_in_place(parse_type(*old), to))) {
    hits.push_back({"type-change-rewrite",
                    fmt::format("changing {} {} rewrites {} and its indexes while reads and "
                                "writes wait",
                                op.name, change, op.table),
                    "add a new column, backfill it in batches, move the code over, then drop the "
                    "old one (widening a varchar or numeric needs none of this)"});
  }
  if (context.can().alter_cost == AlterCost::table_copy &&
      !(old && widens_without_copy(parse_type(*old), to))) {
    hits.push_back({"table-copy",
                    fmt::format("changing {} {} copies {} into a new table while writes wait",
                                op.name, change, op.table),
                    "for a large table, add a new column and backfill it, or use an online "
                    "schema change tool (gh-ost, pt-online-schema-change)"});
  }
}

// MySQL copies the table to add a foreign key (with foreign_key_checks on) or drop a primary key.
void check_copy(const Operation& op, const OpContext& context, Hits& hits) {
  if (context.can().alter_cost != AlterCost::table_copy) return;
  const auto* fk = std::get_if<CreateForeignKey>(&op);
  const auto* drop = std::get_if<DropConstraint>(&op);
  if (!(fk || (drop && drop->type == ConstraintType::primary))) return;
  const auto table = changed_table(op);
  if (!table || !context.existing(table->schema, table->name)) return;
  hits.push_back(
      {"table-copy",
       fmt::format("{} copies {} into a new table while writes wait",
                   fk ? "adding a foreign key" : "dropping the primary key", table->name),
       "for a large table, run it when writes can wait, or use an online schema "
       "change tool (gh-ost, pt-online-schema-change)"});
}

// The operations SQLite cannot do by ALTER TABLE, which migrate does by rebuilding the table.
bool rebuilds(const Operation& op) {
  if (const auto* alter = std::get_if<AlterColumn>(&op)) {
    return alter->type || alter->nullable || alter->default_;
  }
  if (const auto* add = std::get_if<AddColumn>(&op)) {
    return add->column.primary_key || add->column.unique;
  }
  return std::holds_alternative<CreateUniqueConstraint>(op) ||
         std::holds_alternative<CreatePrimaryKey>(op) ||
         std::holds_alternative<CreateForeignKey>(op) ||
         std::holds_alternative<CreateCheckConstraint>(op) ||
         std::holds_alternative<DropConstraint>(op);
}

constexpr long long kLargeTable = 100'000;

void check_rebuild(const Operation& op, const OpContext& context, Hits& hits) {
  if (context.can().alter_cost != AlterCost::table_rebuild || !rebuilds(op)) return;
  const auto table = changed_table(op);
  if (!table || !context.existing(table->schema, table->name)) return;
  const auto rows = context.settings.row_count ? context.settings.row_count(*table) : std::nullopt;
  const bool large = rows && *rows > kLargeTable;
  hits.push_back(
      {"table-rebuild",
       fmt::format("migrate rebuilds {}{}: a new table, every row copied, the old one dropped, "
                   "all under the database's write lock",
                   table->name, rows ? fmt::format(" ({} rows)", *rows) : ""),
       large ? "run it when writers can wait that long, or copy the data in batches to a new "
               "table yourself"
             : "fine for a small table; for a large one, run it when writers can wait",
       large ? std::optional(Severity::warning) : std::nullopt});
}

}  // namespace

void check_rewrites(const Operation& op, const OpContext& context, Hits& hits) {
  if (const auto* add = std::get_if<AddColumn>(&op)) check_add_column(*add, context, hits);
  if (const auto* alter = std::get_if<AlterColumn>(&op)) check_type_change(*alter, context, hits);
  check_copy(op, context, hits);
  check_rebuild(op, context, hits);
}

}  // namespace migrate::lint
