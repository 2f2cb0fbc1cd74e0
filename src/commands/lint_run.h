#pragma once
// Linting revisions of an environment (SPEC §15), for `lint`, `upgrade` and `test`: the history
// is replayed from base so that each linted migration is judged against the schema it finds.
#include <set>
#include <string>
#include <vector>

#include "commands/environment.h"
#include "migrate/lint/lint.h"

namespace migrate::commands {

// The lint settings of this config for `dialect`; with `connection`, SQLite's rebuild rule
// counts the rows of the table it would rebuild.
[[nodiscard]] lint::Settings lint_settings(const Config& config, const Dialect& dialect,
                                           Connection* connection);

// The findings for the revisions in `ids`, in upgrade order; the scripts before them are loaded
// only to replay what they do.
// `parsed`, when given, receives the scripts of `ids`.
[[nodiscard]] std::vector<lint::Finding> lint_revisions(const Environment& env,
                                                        lint::Settings settings,
                                                        const std::set<std::string>& ids,
                                                        ScriptSet::Parsed* parsed = nullptr);

// What `upgrade` prints before it runs: the warnings and errors of the scripts that `steps` will
// apply, one line each on stderr (not with -q). Returns those scripts, parsed, for the runner.
[[nodiscard]] ScriptSet::Parsed warn_before_upgrade(const Environment& env, const Dialect& dialect,
                                                    const std::vector<MigrationStep>& steps,
                                                    const Output& out);

}  // namespace migrate::commands
