#pragma once
// The revision graph (SPEC §8): Alembic's RevisionMap, built once from the revisions in file-name
// order and immutable afterwards. It knows no files; the SourceRef of each Revision is only used
// to name file:line in errors. File order stands in for Alembic's map-insertion order wherever
// Alembic's output depends on it (heads, bases, children, history and upgrade order).
//
// Vocabulary, as in Alembic:
// - parent / down revision: an entry of `down_revision`; a base has none.
// - head: a revision that no other revision names as parent (`heads`, Alembic's `heads`).
// - real head: a head that no revision depends on either (`heads --resolve-dependencies`, and
//   what the target `heads` means); a head that is only depended on is an "effective head".
// - branch labels: a label applies to its revision, to every revision above it, and (when the
//   branch above it is a plain line) to the revisions below it down to the branch point, as
//   Alembic's `_add_branches` does.
//
// Everything is linear or near-linear in the number of revisions.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/graph/revision.h"

namespace migrate {

namespace detail {
struct GraphData;
}

class RevisionGraph {
 public:
  // Validates and links the revisions. Throws Error ("file:line: ...") for: an id that is empty,
  // longer than 32 characters or contains @ - + : or whitespace; a duplicate id; a duplicate
  // branch label (or one equal to a revision id); a down_revision naming no revision; a
  // depends_on naming no revision (entries may be a full id, a unique prefix or a branch label);
  // a cycle through down_revision or depends_on (naming the revisions in it).
  static RevisionGraph build(std::vector<Revision> revisions);

  RevisionGraph();  // an empty graph

  std::size_t size() const;
  bool contains(std::string_view id) const;
  // The revision with exactly this id; Error if there is none.
  const Revision& at(std::string_view id) const;
  // All revisions in file order, as given to build().
  const std::vector<Revision>& revisions() const;

  // Heads and bases in file order (Alembic's order).
  const std::vector<std::string>& heads() const;
  const std::vector<std::string>& real_heads() const;
  const std::vector<std::string>& bases() const;

  // Revisions naming `id` in down_revision (Alembic's nextrev), in file order.
  std::vector<std::string> children(std::string_view id) const;
  // depends_on resolved to full ids, in the order written.
  std::vector<std::string> dependencies(std::string_view id) const;
  // Own and inherited branch labels, ordered by the file order of the labelled revision.
  std::vector<std::string> branch_labels(std::string_view id) const;

  bool is_head(std::string_view id) const;       // no child
  bool is_real_head(std::string_view id) const;  // no child and no dependent
  bool is_branch_point(std::string_view id) const;
  bool is_merge_point(std::string_view id) const;

  // A full id, a branch label or a unique prefix of an id → the full id. Unknown: Error
  // "Can't locate revision identified by 'x'"; ambiguous prefix: Error listing the candidates.
  std::string resolve_id(std::string_view text) const;

  // For the planning code in src/graph only.
  const detail::GraphData& data() const { return *data_; }

 private:
  explicit RevisionGraph(std::shared_ptr<const detail::GraphData> data);
  std::shared_ptr<const detail::GraphData> data_;
};

}  // namespace migrate
