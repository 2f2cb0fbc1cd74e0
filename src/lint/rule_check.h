#pragma once
// How the rules are written: one function per concern (rules_*.cpp) looks at one operation in
// its context and reports hits by rule id; linter.cpp turns hits into findings with the file,
// line, revision and operation, and drops the ignored ones.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lint/known_schema.h"
#include "migrate/lint/lint.h"

namespace migrate::lint {

struct OpContext {
  const Script& script;
  const Settings& settings;
  const KnownSchema& schema;             // as it stands before this operation
  const std::set<std::string>& created;  // tables this script created before this operation

  const Capabilities& can() const { return settings.capabilities; }
  // The table was already there when the migration started, so it may hold rows and traffic.
  // A table that migrate does not know (made by `execute`) counts as already there.
  bool existing(const std::optional<std::string>& schema, std::string_view table) const {
    return !created.contains(KnownSchema::key(schema, table));
  }
};

struct Hit {
  std::string_view rule;
  std::string reason;
  std::string advice;
  std::optional<Severity> severity = std::nullopt;  // raised from the rule's own
};
using Hits = std::vector<Hit>;

// Each concern's rules, over one operation.
void check_locking(const Operation& op, const OpContext& context, Hits& hits);
void check_rewrites(const Operation& op, const OpContext& context, Hits& hits);
void check_compatibility(const Operation& op, const OpContext& context, Hits& hits);

// The operation as findings name it: "create_index ix_a on account".
std::string describe(const Operation& op);
// The table an operation changes, if it changes one that exists.
std::optional<TableName> changed_table(const Operation& op);

}  // namespace migrate::lint
