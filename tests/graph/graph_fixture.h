#pragma once
// Helpers for graph tests: revisions from literal lists (in file order), and a plan's steps run
// through the version-table bookkeeping as the runtime does.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "migrate/core/error.h"
#include "migrate/graph/plan.h"
#include "migrate/graph/revision_graph.h"

namespace migrate::test {

using Ids = std::vector<std::string>;

inline Revision rev(std::string id, Ids down = {}, Ids deps = {}, Ids labels = {}) {
  Revision r;
  r.id = std::move(id);
  r.down_revisions = std::move(down);
  r.depends_on = std::move(deps);
  r.branch_labels = std::move(labels);
  return r;
}

inline RevisionGraph graph(std::vector<Revision> revisions) {
  return RevisionGraph::build(std::move(revisions));
}

// Alembic's MultipleBaseCrossDependencyTestOne: three labelled bases (b_1, b_2, b_3); b1b and
// c2 depend on a3, so the 2 branch relies on the 3 branch.
inline RevisionGraph cross_dependency_graph() {
  return graph({
      rev("base1", {}, {}, {"b_1"}),
      rev("a1a", {"base1"}),
      rev("a1b", {"base1"}),
      rev("b1a", {"a1a"}),
      rev("b1b", {"a1b"}, {"a3"}),
      rev("base2", {}, {}, {"b_2"}),
      rev("a2", {"base2"}),
      rev("b2", {"a2"}),
      rev("c2", {"b2"}, {"a3"}),
      rev("d2", {"c2"}),
      rev("base3", {}, {}, {"b_3"}),
      rev("a3", {"base3"}),
      rev("b3", {"a3"}),
  });
}

inline Ids ids(const std::vector<MigrationStep>& steps) {
  Ids out;
  for (const MigrationStep& s : steps) out.push_back(s.revision);
  return out;
}

inline Ids sorted(Ids v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The rows after running `steps` from `heads`, sorted.
inline Ids run(const RevisionGraph& g, Ids heads, const std::vector<MigrationStep>& steps) {
  for (const MigrationStep& s : steps) heads = apply_change(heads, head_change(g, heads, s));
  return sorted(heads);
}

// The message of the Error `f` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace migrate::test

#define EXPECT_ERROR(statement, part)                                                   \
  do {                                                                                  \
    const std::string message_ = ::migrate::test::error_of([&] { (void)(statement); }); \
    EXPECT_NE(message_.find(part), std::string::npos) << "message: " << message_;       \
  } while (0)
