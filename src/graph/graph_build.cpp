// RevisionGraph::build: validation and linking (Alembic's RevisionMap._revision_map), with every
// error naming the file and line at fault. Cycle detection peels the graph from both ends
// (Kahn's algorithm), which is linear, and then names one actual cycle.
#include <algorithm>

#include "graph/graph_data.h"
#include "migrate/core/error.h"
#include "migrate/graph/revision_graph.h"

namespace migrate {
namespace {

using detail::Adjacency;
using detail::GraphData;
using detail::kNone;
using detail::NodeId;
using detail::where;

constexpr std::size_t kMaxIdLength = 32;  // alembic_version.version_num is VARCHAR(32)

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool is_reserved(char c) { return c == '@' || c == '-' || c == '+' || c == ':' || is_space(c); }

std::string describe_char(char c) {
  if (is_space(c)) return "whitespace";
  return std::string("'") + c + "'";
}

void check_id(const Revision& r) {
  if (r.id.empty()) throw Error(where(r.source) + "revision id is empty");
  if (r.id.size() > kMaxIdLength) {
    throw Error(where(r.source) + "revision id '" + r.id +
                "' is longer than 32 characters, the size of the version table's column");
  }
  auto bad = std::find_if(r.id.begin(), r.id.end(), is_reserved);
  if (bad != r.id.end()) {
    throw Error(where(r.source) + "revision id '" + r.id + "' contains " + describe_char(*bad) +
                "; revision ids may not contain @ - + : or whitespace");
  }
}

void check_label(const Revision& r, const std::string& label) {
  auto bad = std::find_if(label.begin(), label.end(),
                          [](char c) { return c == '@' || c == ':' || is_space(c); });
  if (label.empty() || bad != label.end()) {
    throw Error(where(r.source) + "branch label '" + label + "' of revision " + r.id +
                " is not valid; branch labels must be non-empty and may not contain @ : or "
                "whitespace");
  }
}

const SourceRef& or_source(const SourceRef& specific, const Revision& r) {
  return specific.file.empty() ? r.source : specific;
}

std::string located(const GraphData& g, NodeId n) {
  const SourceRef& s = g.revisions[n].source;
  if (s.file.empty()) return g.id(n);
  return g.id(n) + " (" + s.file + (s.line > 0 ? ":" + std::to_string(s.line) : "") + ")";
}

// Ids in the graph in sorted order, built only if some depends_on entry is a prefix.
class PrefixIndex {
 public:
  explicit PrefixIndex(const GraphData& g) : g_(g) {}
  std::vector<NodeId> matches(std::string_view prefix) {
    if (sorted_.empty()) {
      sorted_.resize(g_.size());
      for (NodeId i = 0; i < static_cast<NodeId>(g_.size()); ++i) sorted_[i] = i;
      std::sort(sorted_.begin(), sorted_.end(),
                [&](NodeId a, NodeId b) { return g_.id(a) < g_.id(b); });
    }
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), prefix,
                               [&](NodeId a, std::string_view p) { return g_.id(a) < p; });
    std::vector<NodeId> out;
    for (; it != sorted_.end() && g_.id(*it).starts_with(prefix); ++it) {
      if (g_.id(*it).size() > 3) out.push_back(*it);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  const GraphData& g_;
  std::vector<NodeId> sorted_;
};

void index_ids_and_labels(GraphData& g) {
  const auto n = static_cast<NodeId>(g.size());
  g.by_id.reserve(g.size());
  for (NodeId i = 0; i < n; ++i) {
    const Revision& r = g.revisions[i];
    check_id(r);
    NodeId first = g.by_id.insert(r.id, i);
    if (first != i) {
      throw Error(where(r.source) + "duplicate revision id '" + r.id + "'; " + located(g, first) +
                  " has the same id");
    }
  }
  for (NodeId i = 0; i < n; ++i) {
    const Revision& r = g.revisions[i];
    for (const std::string& label : r.branch_labels) {
      check_label(r, label);
      NodeId other = g.find(label);
      if (other != kNone) {
        throw Error(where(r.source) + "branch label '" + label + "' of revision " + r.id +
                    " is already the id of revision " + located(g, other));
      }
      NodeId first = g.by_label.insert(label, i);
      if (first != i) {
        throw Error(where(r.source) + "branch label '" + label + "' of revision " + r.id +
                    " is already used by revision " + located(g, first));
      }
    }
  }
}

void link_parents(GraphData& g) {
  PrefixIndex prefixes(g);
  std::vector<NodeId> list, all;
  for (Adjacency* a : {&g.down, &g.deps, &g.all_down}) {
    a->offsets.reserve(g.size() + 1);
    a->targets.reserve(g.size());
  }
  for (NodeId i = 0; i < static_cast<NodeId>(g.size()); ++i) {
    const Revision& r = g.revisions[i];
    auto at_down = [&] { return where(or_source(r.down_revision_source, r)); };
    list.clear();
    for (const std::string& parent : r.down_revisions) {
      if (parent == r.id) {
        throw Error(at_down() + "Self-loop is detected in revisions (" + r.id + "): revision " +
                    r.id + " names itself in down_revision");
      }
      NodeId p = g.find(parent);
      if (p == kNone) {
        throw Error(at_down() + "down_revision '" + parent + "' of revision " + r.id +
                    " names no revision");
      }
      if (std::find(list.begin(), list.end(), p) != list.end()) {
        throw Error(at_down() + "down_revision of revision " + r.id + " names '" + parent +
                    "' twice");
      }
      list.push_back(p);
    }
    g.down.add_list(list);

    auto at_deps = [&] { return where(or_source(r.depends_on_source, r)); };
    list.clear();
    for (const std::string& dep : r.depends_on) {
      NodeId d = g.find(dep);
      if (d == kNone) d = g.find_label(dep);
      if (d == kNone) {
        std::vector<NodeId> found = prefixes.matches(dep);
        if (found.size() > 1) {
          throw Error(at_deps() + "depends_on '" + dep + "' of revision " + r.id +
                      " is ambiguous: it starts " + detail::list_candidates(g, found) +
                      "; write more of the id");
        }
        if (found.empty()) {
          throw Error(at_deps() + "depends_on '" + dep + "' of revision " + r.id +
                      " names no revision or branch label");
        }
        d = found.front();
      }
      if (d == i) {
        throw Error(at_deps() + "Dependency self-loop is detected in revisions (" + r.id +
                    "): revision " + r.id + " depends on itself");
      }
      if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
    }
    g.deps.add_list(list);

    // _all_down_revisions: parents then dependencies, without repeats.
    all.assign(g.down[i].begin(), g.down[i].end());
    for (NodeId d : g.deps[i]) {
      if (std::find(all.begin(), all.end(), d) == all.end()) all.push_back(d);
    }
    g.all_down.add_list(all);
  }
  g.next = g.down.reversed(g.size());
  g.all_next = g.all_down.reversed(g.size());
}

// Kahn's algorithm over `parents`; returns the nodes in topological order (parents first). The
// order is shorter than the graph when there is a cycle.
std::vector<NodeId> topological_order(const GraphData& g, const Adjacency& parents,
                                      const Adjacency& children) {
  std::vector<std::uint32_t> waiting(g.size());
  std::vector<NodeId> order;
  order.reserve(g.size());
  for (NodeId i = 0; i < static_cast<NodeId>(g.size()); ++i) {
    waiting[i] = static_cast<std::uint32_t>(parents.degree(i));
    if (waiting[i] == 0) order.push_back(i);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (NodeId c : children[order[k]]) {
      if (--waiting[c] == 0) order.push_back(c);
    }
  }
  return order;
}

[[noreturn]] void report_cycle(const GraphData& g, const std::vector<NodeId>& order,
                               const Adjacency& parents, const Adjacency& children,
                               std::string_view kind, std::string_view through) {
  // Left after Kahn: nodes on a cycle or above one. Peel those above (no child left) too.
  std::vector<char> left(g.size(), 1);
  for (NodeId n : order) left[n] = 0;
  std::vector<std::uint32_t> kids(g.size(), 0);
  std::vector<NodeId> peel;
  for (NodeId i = 0; i < static_cast<NodeId>(g.size()); ++i) {
    if (!left[i]) continue;
    for (NodeId c : children[i]) kids[i] += left[c];
    if (kids[i] == 0) peel.push_back(i);
  }
  while (!peel.empty()) {
    NodeId n = peel.back();
    peel.pop_back();
    left[n] = 0;
    for (NodeId p : parents[n]) {
      if (left[p] && --kids[p] == 0) peel.push_back(p);
    }
  }
  // Every node left has a parent left: walk parents from the first one until a node repeats.
  NodeId start = static_cast<NodeId>(std::find(left.begin(), left.end(), 1) - left.begin());
  std::vector<std::int32_t> seen_at(g.size(), -1);
  std::vector<NodeId> path;
  NodeId n = start;
  while (seen_at[n] < 0) {
    seen_at[n] = static_cast<std::int32_t>(path.size());
    path.push_back(n);
    for (NodeId p : parents[n]) {
      if (left[p]) {
        n = p;
        break;
      }
    }
  }
  std::vector<NodeId> cycle(path.begin() + seen_at[n], path.end());
  std::string chain;
  for (NodeId c : cycle) chain += g.id(c) + " -> ";
  chain += g.id(cycle.front());
  std::vector<NodeId> sorted = cycle;
  std::sort(sorted.begin(), sorted.end(), [&](NodeId a, NodeId b) { return g.id(a) < g.id(b); });
  std::string files;
  for (NodeId c : cycle) {
    if (!g.revisions[c].source.file.empty()) files += (files.empty() ? "" : ", ") + located(g, c);
  }
  const Revision& first = g.revisions[cycle.front()];
  throw Error(where(first.source) + std::string(kind) + " is detected in revisions (" +
              detail::join_ids(g, sorted) + "): " + chain + " through " + std::string(through) +
              (files.empty() ? "" : "; revisions: " + files));
}

}  // namespace

RevisionGraph RevisionGraph::build(std::vector<Revision> revisions) {
  auto data = std::make_shared<GraphData>();
  GraphData& g = *data;
  g.revisions = std::move(revisions);
  index_ids_and_labels(g);
  link_parents(g);

  std::vector<NodeId> order = topological_order(g, g.down, g.next);
  if (order.size() != g.size()) report_cycle(g, order, g.down, g.next, "Cycle", "down_revision");
  std::vector<NodeId> all_order = topological_order(g, g.all_down, g.all_next);
  if (all_order.size() != g.size()) {
    report_cycle(g, all_order, g.all_down, g.all_next, "Dependency cycle",
                 "down_revision and depends_on");
  }

  detail::derive_normalized_dependencies(g, order);
  detail::derive_reachability(g);
  detail::derive_branch_labels(g, order);

  for (NodeId i = 0; i < static_cast<NodeId>(g.size()); ++i) {
    if (g.is_head(i)) {
      g.head_nodes.push_back(i);
      g.heads.push_back(g.id(i));
    }
    if (g.is_real_head(i)) {
      g.real_head_nodes.push_back(i);
      g.real_heads.push_back(g.id(i));
    }
    if (g.down.degree(i) == 0) {
      g.base_nodes.push_back(i);
      g.bases.push_back(g.id(i));
    }
  }
  return RevisionGraph(std::move(data));
}

}  // namespace migrate
