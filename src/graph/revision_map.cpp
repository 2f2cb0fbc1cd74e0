#include "graph/revision_map.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "migrate/core/error.h"

namespace migrate::detail {
namespace {

[[noreturn]] void cannot_locate(std::string_view what) {
  throw Error("Can't locate revision identified by '" + std::string(what) + "'");
}

bool is_negative_int(std::string_view s) {
  return s.size() > 1 && s[0] == '-' &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

NodeId find_exact(const GraphData& g, std::string_view id) {
  NodeId n = g.find(id);
  return n != kNone ? n : g.find_label(id);
}

}  // namespace

std::string RevArg::display() const {
  if (!is_tuple()) return std::string(text);
  return ids->empty() ? std::string("base") : join(*ids);
}

std::string multiple_heads_message(const GraphData& g, std::span<const NodeId> heads) {
  return "Multiple head revisions are present; please specify a specific target revision, "
         "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads (heads: " +
         join_ids(g, heads) + ")";
}

RevisionNumber resolve_revision_number(const GraphData& g, std::string_view text) {
  RevisionNumber out;
  std::string_view id = text;
  if (auto at = text.find('@'); at != std::string_view::npos) {
    out.branch = text.substr(0, at);
    id = text.substr(at + 1);
  }
  if (id == "heads") {
    if (!out.branch.empty()) {
      for (NodeId h : filter_for_lineage(g, g.head_nodes, out.branch, Edges::versioned)) {
        out.ids.push_back(g.id(h));
      }
    } else {
      out.ids.assign(g.real_heads.begin(), g.real_heads.end());
    }
  } else if (id == "head") {
    if (NodeId h = current_head(g, out.branch); is_node(h)) out.ids.push_back(g.id(h));
  } else if (id != "base" && !id.empty()) {
    out.ids.push_back(id);
  }
  return out;
}

std::vector<NodeId> get_revisions(const GraphData& g, std::string_view text) {
  RevisionNumber number = resolve_revision_number(g, text);
  std::vector<NodeId> out;
  if (number.ids.size() == 1 && is_negative_int(number.ids[0])) {
    // label@-N: N steps down from each head carrying the label.
    const std::string_view digits = number.ids[0];
    int steps = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), steps);
    if (error != std::errc() || end != digits.data() + digits.size()) {
      throw Error("Relative revision '" + std::string(text) + "' is too large");
    }
    NodeId owner = number.branch.empty() ? kNone : g.find_label(number.branch);
    for (NodeId h : g.real_head_nodes) {
      if (number.branch.empty() || (is_node(owner) && g.has_label_of(h, owner))) {
        out.push_back(walk(g, h, steps, "", true, text));
      }
    }
    return out;
  }
  for (std::string_view id : number.ids) out.push_back(revision_for_ident(g, id, number.branch));
  return out;
}

std::vector<NodeId> get_revisions(const GraphData& g, const RevArg& arg) {
  if (!arg.is_tuple()) return get_revisions(g, arg.text);
  std::vector<NodeId> out;
  for (const std::string& id : *arg.ids) {
    std::vector<NodeId> part = get_revisions(g, id);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

NodeId get_revision(const GraphData& g, std::string_view text) {
  RevisionNumber number = resolve_revision_number(g, text);
  if (number.ids.size() > 1) {
    std::vector<NodeId> heads;
    for (std::string_view id : number.ids) heads.push_back(g.find(id));
    throw Error(multiple_heads_message(g, heads));
  }
  return revision_for_ident(g, number.ids.empty() ? std::string_view() : number.ids[0],
                            number.branch);
}

NodeId resolve_branch(const GraphData& g, std::string_view label) {
  NodeId n = find_exact(g, label);
  if (n != kNone) return n;
  std::vector<NodeId> found = prefix_matches(g, label);
  if (found.size() != 1) {
    throw Error("Can't locate branch or revision identified by '" + std::string(label) + "'");
  }
  return found.front();
}

NodeId revision_for_ident(const GraphData& g, std::string_view id, std::string_view check_branch) {
  NodeId branch_rev = check_branch.empty() ? kNone : resolve_branch(g, check_branch);
  if (id.empty()) return kNone;
  NodeId n = find_exact(g, id);
  if (n == kNone) {
    std::vector<NodeId> found = prefix_matches(g, id);
    if (is_node(branch_rev)) {
      Mask line = lineage(g, std::span(&branch_rev, 1), Edges::versioned);
      std::erase_if(found, [&](NodeId f) { return !line[f]; });
    }
    if (found.empty()) cannot_locate(id);
    if (found.size() > 1) {
      throw Error("Multiple revisions start with '" + std::string(id) +
                  "': " + list_candidates(g, found) + "; give more characters of the id");
    }
    n = found.front();
  }
  if (is_node(branch_rev) && !lineage(g, std::span(&branch_rev, 1), Edges::versioned)[n]) {
    throw Error("Revision " + g.id(n) + " is not a member of branch '" + std::string(check_branch) +
                "'");
  }
  return n;
}

NodeId current_head(const GraphData& g, std::string_view branch) {
  std::vector<NodeId> heads = g.head_nodes;
  if (!branch.empty()) heads = filter_for_lineage(g, heads, branch, Edges::versioned);
  if (heads.size() > 1) throw Error(multiple_heads_message(g, heads));
  return heads.empty() ? kNone : heads.front();
}

Mask lineage(const GraphData& g, std::span<const NodeId> shares, Edges edges) {
  Mask line = ancestors(g, shares, edges);
  Mask down = descendants(g, shares, edges);
  for (std::size_t i = 0; i < line.size(); ++i) line[i] |= down[i];
  return line;
}

std::optional<Mask> lineage_of(const GraphData& g, std::string_view check_against, Edges edges) {
  RevisionNumber number = resolve_revision_number(g, check_against);
  std::vector<NodeId> shares;
  if (!number.branch.empty()) shares.push_back(revision_for_ident(g, number.branch, ""));
  for (std::string_view id : number.ids) shares.push_back(revision_for_ident(g, id, ""));
  if (shares.empty()) return std::nullopt;
  return lineage(g, shares, edges);
}

std::vector<NodeId> filter_for_lineage(const GraphData& g, std::span<const NodeId> targets,
                                       std::string_view check_against, Edges edges) {
  // Alembic resolves `check_against` per target, so with no target it is never looked at.
  if (targets.empty()) return {};
  std::optional<Mask> line = lineage_of(g, check_against, edges);
  std::vector<NodeId> out;
  for (NodeId t : targets) {
    if (is_node(t) && (!line || (*line)[t])) out.push_back(t);
  }
  return out;
}

std::vector<NodeId> all_current(const GraphData& g, std::span<const NodeId> heads) {
  Mask top = ancestors(g, heads, Edges::all);
  std::vector<NodeId> out;
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    if (!top[n]) continue;
    auto kids = g.next[n];
    if (std::none_of(kids.begin(), kids.end(), [&](NodeId c) { return top[c]; })) {
      out.push_back(n);
    }
  }
  return out;
}

NodeId walk(const GraphData& g, NodeId start, int steps, std::string_view branch, bool no_overwalk,
            std::string_view target) {
  const int count = steps < 0 ? -steps : steps;
  NodeId at = start;
  std::vector<NodeId> candidates;
  std::optional<std::optional<Mask>> on_branch;  // computed once, on first use
  for (int i = 0; i < count; ++i) {
    if (steps > 0) {
      auto up = is_node(at) ? g.next[at] : std::span<const NodeId>(g.base_nodes);
      candidates.assign(up.begin(), up.end());
      if (!branch.empty() && !candidates.empty()) {
        if (!on_branch) on_branch = lineage_of(g, branch, Edges::versioned);
        if (*on_branch) std::erase_if(candidates, [&](NodeId c) { return !(**on_branch)[c]; });
      }
    } else if (at == kBase) {
      candidates.clear();
    } else {
      auto down = is_node(at) ? g.down[at] : std::span<const NodeId>(g.head_nodes);
      candidates.assign(down.begin(), down.end());
      if (candidates.empty()) candidates.push_back(kBase);
    }
    if (candidates.empty()) return no_overwalk ? kNone : at;
    if (candidates.size() > 1) {
      const int left = count - i - 1;
      std::string why = !is_node(at)
                            ? (steps > 0 ? "there are several bases" : "there are several heads")
                            : g.id(at) + (steps > 0 ? " is a branch point" : " is a merge point");
      std::string choices;
      for (NodeId c : candidates) {
        std::string pick = (branch.empty() ? "" : std::string(branch) + "@") + g.id(c);
        if (left > 0) pick += (steps > 0 ? "+" : "-") + std::to_string(left);
        choices += (choices.empty() ? "" : ", ") + g.id(c) + " (target '" + pick + "')";
      }
      throw Error("Relative revision '" + std::string(target) + "' is ambiguous: " + why +
                  "; candidates: " + choices);
    }
    at = candidates.front();
  }
  return at;
}

}  // namespace migrate::detail
