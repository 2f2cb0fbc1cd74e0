// RevisionGraph's accessors and id resolution; building is in graph_build.cpp.
#include "migrate/graph/revision_graph.h"

#include "graph/graph_data.h"
#include "migrate/core/error.h"

namespace migrate {
namespace detail {

Adjacency Adjacency::reversed(std::size_t node_count) const {
  Adjacency out;
  out.offsets.assign(node_count + 1, 0);
  for (NodeId t : targets) ++out.offsets[t + 1];
  for (std::size_t i = 0; i < node_count; ++i) out.offsets[i + 1] += out.offsets[i];
  out.targets.resize(targets.size());
  std::vector<std::uint32_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (NodeId from = 0; from < static_cast<NodeId>(node_count); ++from) {
    for (NodeId to : (*this)[from]) out.targets[fill[to]++] = from;
  }
  return out;
}

void NameIndex::reserve(std::size_t count) {
  std::size_t capacity = 16;
  while (capacity < 2 * count) capacity *= 2;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  used_ = 0;
  for (const Slot& s : old) {
    if (s.node >= 0) insert(s.key, s.node);
  }
}

NodeId NameIndex::insert(std::string_view key, NodeId node) {
  if (2 * (used_ + 1) > slots_.size()) reserve(used_ + 1);
  const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.node < 0) {
      s = {key, hash, node};
      ++used_;
      return node;
    }
    if (s.hash == hash && s.key == key) return s.node;
  }
}

NodeId NameIndex::find(std::string_view key) const {
  if (slots_.empty()) return kNone;
  const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.node < 0) return kNone;
    if (s.hash == hash && s.key == key) return s.node;
  }
}

std::string where(const SourceRef& source) {
  if (source.file.empty()) return "";
  if (source.line <= 0) return source.file + ": ";
  return source.file + ":" + std::to_string(source.line) + ": ";
}

std::string join_ids(const GraphData& g, std::span<const NodeId> nodes, std::string_view sep) {
  std::string out;
  for (NodeId n : nodes) {
    if (!out.empty()) out += sep;
    out += is_node(n) ? g.id(n) : std::string(n == kBase ? "base" : "None");
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string list_candidates(const GraphData& g, std::span<const NodeId> nodes) {
  constexpr std::size_t kShown = 10;
  if (nodes.size() <= kShown) return join_ids(g, nodes);
  return join_ids(g, nodes.first(kShown)) + ", ... (" + std::to_string(nodes.size()) + " in all)";
}

std::vector<NodeId> prefix_matches(const GraphData& g, std::string_view prefix) {
  std::vector<NodeId> out;
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    const std::string& id = g.id(n);
    if (id.size() > 3 && id.starts_with(prefix)) out.push_back(n);
  }
  return out;
}

}  // namespace detail

using detail::kNone;
using detail::NodeId;

RevisionGraph::RevisionGraph() : data_(std::make_shared<detail::GraphData>()) {}

RevisionGraph::RevisionGraph(std::shared_ptr<const detail::GraphData> data)
    : data_(std::move(data)) {}

std::size_t RevisionGraph::size() const { return data_->size(); }

bool RevisionGraph::contains(std::string_view id) const { return data_->find(id) != kNone; }

namespace {
NodeId require(const detail::GraphData& g, std::string_view id) {
  NodeId n = g.find(id);
  if (n == kNone) throw Error("Can't locate revision identified by '" + std::string(id) + "'");
  return n;
}
}  // namespace

const Revision& RevisionGraph::at(std::string_view id) const {
  return data_->revisions[require(*data_, id)];
}

const std::vector<Revision>& RevisionGraph::revisions() const { return data_->revisions; }
const std::vector<std::string>& RevisionGraph::heads() const { return data_->heads; }
const std::vector<std::string>& RevisionGraph::real_heads() const { return data_->real_heads; }
const std::vector<std::string>& RevisionGraph::bases() const { return data_->bases; }

std::vector<std::string> RevisionGraph::children(std::string_view id) const {
  std::vector<std::string> out;
  for (NodeId c : data_->next[require(*data_, id)]) out.push_back(data_->id(c));
  return out;
}

std::vector<std::string> RevisionGraph::dependencies(std::string_view id) const {
  std::vector<std::string> out;
  for (NodeId d : data_->deps[require(*data_, id)]) out.push_back(data_->id(d));
  return out;
}

std::vector<std::string> RevisionGraph::branch_labels(std::string_view id) const {
  std::vector<std::string> out;
  for (NodeId owner : data_->label_owners(require(*data_, id))) {
    const auto& own = data_->revisions[owner].branch_labels;
    out.insert(out.end(), own.begin(), own.end());
  }
  return out;
}

bool RevisionGraph::is_head(std::string_view id) const {
  return data_->is_head(require(*data_, id));
}
bool RevisionGraph::is_real_head(std::string_view id) const {
  return data_->is_real_head(require(*data_, id));
}
bool RevisionGraph::is_branch_point(std::string_view id) const {
  return data_->is_branch_point(require(*data_, id));
}
bool RevisionGraph::is_merge_point(std::string_view id) const {
  return data_->is_merge_point(require(*data_, id));
}

std::string RevisionGraph::resolve_id(std::string_view text) const {
  const detail::GraphData& g = *data_;
  if (text.empty()) throw Error("Can't locate revision identified by ''");
  NodeId n = g.find(text);
  if (n == kNone) n = g.find_label(text);
  if (n != kNone) return g.id(n);
  std::vector<NodeId> found = detail::prefix_matches(g, text);
  if (found.size() > 1) {
    throw Error("Multiple revisions start with '" + std::string(text) +
                "': " + detail::list_candidates(g, found) + "; give more characters of the id");
  }
  if (found.empty()) {
    throw Error("Can't locate revision identified by '" + std::string(text) + "'");
  }
  return g.id(found.front());
}

}  // namespace migrate
