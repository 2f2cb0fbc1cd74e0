// Rules about locks held while an index or constraint is built on a table in use: PostgreSQL
// can build both without blocking writes, when the script asks for it.
#include <fmt/format.h>

#include "lint/rule_check.h"

namespace migrate::lint {

namespace {

void check_index(const CreateIndex& op, const OpContext& context, Hits& hits) {
  if (!context.can().concurrent_index_builds) return;
  if (op.concurrently && context.script.transactional) {
    hits.push_back({"concurrently-in-transaction",
                    "CONCURRENTLY cannot run inside a transaction block, so the database refuses "
                    "it",
                    "give this script `transactional: false`, with this operation alone in it"});
  }
  if (!op.concurrently && context.existing(op.schema, op.table)) {
    hits.push_back({"index-without-concurrently",
                    fmt::format("writes to {} wait until the whole index is built", op.table),
                    "set `concurrently: true`, in a script with `transactional: false`"});
  }
}

void check_drop_index(const DropIndex& op, const OpContext& context, Hits& hits) {
  if (context.can().concurrent_index_builds && op.concurrently && context.script.transactional) {
    hits.push_back({"concurrently-in-transaction",
                    "CONCURRENTLY cannot run inside a transaction block, so the database refuses "
                    "it",
                    "give this script `transactional: false`, with this operation alone in it"});
  }
}

// A new constraint's rows are checked under a lock that blocks writes, unless it is NOT VALID.
template <typename Constraint>
void check_validation(const Constraint& op, const OpContext& context, Hits& hits,
                      std::string_view also_locked) {
  if (!context.can().not_valid_constraints || op.not_valid) return;
  if (!context.existing(op.schema, op.table)) return;
  hits.push_back(
      {"constraint-without-not-valid",
       fmt::format("every row of {} is checked while writes to it{} wait", op.table, also_locked),
       fmt::format("add it with `not_valid: true`, then run `ALTER TABLE {} VALIDATE "
                   "CONSTRAINT {}` (an `execute` in a later migration), which lets "
                   "writes go on",
                   op.table, op.name)});
}

template <typename Constraint>
void check_unique(const Constraint& op, const OpContext& context, Hits& hits,
                  std::string_view kind) {
  if (!context.can().concurrent_index_builds || !context.existing(op.schema, op.table)) return;
  hits.push_back(
      {"unique-constraint-under-lock",
       fmt::format("its index is built while writes to {} wait", op.table),
       fmt::format("build a unique index with `concurrently: true` first (transactional: false), "
                   "then `ALTER TABLE {} ADD CONSTRAINT {} {} USING INDEX <index>` as `execute`",
                   op.table, op.name, kind)});
}

void check_set_not_null(const AlterColumn& op, const OpContext& context, Hits& hits) {
  if (op.nullable != false || !context.existing(op.schema, op.table)) return;
  if (context.can().alter_cost != AlterCost::locked_in_place) return;
  hits.push_back(
      {"set-not-null",
       fmt::format("SET NOT NULL reads every row of {} while reads and writes wait", op.table),
       fmt::format("add a check `{} IS NOT NULL` with `not_valid: true`, validate it in a later "
                   "migration, then set `nullable: false`: the database uses the check instead "
                   "of reading the table",
                   op.name)});
}

}  // namespace

void check_locking(const Operation& op, const OpContext& context, Hits& hits) {
  if (const auto* index = std::get_if<CreateIndex>(&op)) check_index(*index, context, hits);
  if (const auto* drop = std::get_if<DropIndex>(&op)) check_drop_index(*drop, context, hits);
  if (const auto* fk = std::get_if<CreateForeignKey>(&op)) {
    check_validation(*fk, context, hits, fmt::format(" and to {}", fk->ref_table));
  }
  if (const auto* check = std::get_if<CreateCheckConstraint>(&op)) {
    check_validation(*check, context, hits, "");
  }
  if (const auto* unique = std::get_if<CreateUniqueConstraint>(&op)) {
    check_unique(*unique, context, hits, "UNIQUE");
  }
  if (const auto* key = std::get_if<CreatePrimaryKey>(&op)) {
    check_unique(*key, context, hits, "PRIMARY KEY");
  }
  if (const auto* alter = std::get_if<AlterColumn>(&op)) check_set_not_null(*alter, context, hits);
}

}  // namespace migrate::lint
