// Rules about the code that still runs while a migration commits (the expand/contract rule):
// during a deploy the old release reads and writes the schema it knew.
#include <fmt/format.h>

#include "lint/rule_check.h"

namespace migrate::lint {

namespace {

constexpr std::string_view kContract =
    "expand and contract: add the new one, write both, backfill, move reads over, and drop the "
    "old one in a later release";

void check_alter(const AlterColumn& op, const OpContext& context, Hits& hits) {
  if (!op.new_name || !context.existing(op.schema, op.table)) return;
  hits.push_back({"rename-column",
                  fmt::format("code still running reads and writes {}.{}, which stops existing "
                              "as this commits",
                              op.table, op.name),
                  std::string(kContract)});
}

}  // namespace

void check_compatibility(const Operation& op, const OpContext& context, Hits& hits) {
  if (const auto* alter = std::get_if<AlterColumn>(&op)) check_alter(*alter, context, hits);
  if (const auto* rename = std::get_if<RenameTable>(&op)) {
    if (context.existing(rename->schema, rename->name)) {
      hits.push_back({"rename-table",
                      fmt::format("code still running uses {}, which stops existing as this "
                                  "commits",
                                  rename->name),
                      std::string(kContract)});
    }
  }
  if (const auto* drop = std::get_if<DropColumn>(&op)) {
    if (context.existing(drop->schema, drop->table)) {
      hits.push_back({"drop-column",
                      fmt::format("code still running that reads {}.{} fails from the moment "
                                  "this commits",
                                  drop->table, drop->name),
                      "release code that no longer uses it first, then drop it in a later "
                      "migration (and ignore this rule there)"});
    }
  }
  if (const auto* drop = std::get_if<DropTable>(&op)) {
    if (context.existing(drop->schema, drop->name)) {
      hits.push_back({"drop-table",
                      fmt::format("code still running that uses {} fails from the moment this "
                                  "commits",
                                  drop->name),
                      "release code that no longer uses it first, then drop it in a later "
                      "migration (and ignore this rule there)"});
    }
  }
  const auto* execute = std::get_if<Execute>(&op);
  if (execute && (execute->sql || execute->per_dialect.contains(context.settings.dialect))) {
    hits.push_back({"execute-not-analysed",
                    "SQL in `execute` runs as written; lint cannot see what it locks or rewrites",
                    "review it by hand, or use an operation of its own where one fits"});
  }
}

}  // namespace migrate::lint
