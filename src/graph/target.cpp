// Targets: Alembic's _relative_destination, _parse_upgrade_target and _parse_downgrade_target,
// with the ambiguous cases Alembic warns about or asserts on turned into Errors that list the
// target picking each candidate.
#include "graph/target.h"

#include <algorithm>
#include <cctype>

#include "migrate/core/error.h"
#include "migrate/graph/plan.h"

namespace migrate::detail {
namespace {

bool is_word(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || u >= 0x80;  // \w, with UTF-8 letters as words
  });
}

std::string didnt_produce(std::string_view relative_text, int relative) {
  return "Relative revision " + std::string(relative_text) + " didn't produce " +
         std::to_string(relative < 0 ? -relative : relative) + " migrations";
}

std::string walked_too_far(std::string_view target) {
  return "Walked too far: relative revision '" + std::string(target) +
         "' goes past the end of the revision graph";
}

// `starts` are where the walk could begin; each candidate's target is `branch@id+N` (or, with
// `as_branch`, `id@-N`: the revision itself naming the branch to walk down).
[[noreturn]] void ambiguous_start(const GraphData& g, std::string_view target, std::string why,
                                  std::span<const NodeId> starts, std::string_view branch,
                                  std::string_view suffix, bool as_branch) {
  std::string choices;
  for (NodeId s : starts) {
    std::string pick = as_branch ? g.id(s) + "@" + std::string(suffix)
                                 : (branch.empty() ? "" : std::string(branch) + "@") + g.id(s) +
                                       std::string(suffix);
    choices += (choices.empty() ? "" : ", ") + g.id(s) + " (target '" + pick + "')";
  }
  throw Error("Relative revision '" + std::string(target) + "' is ambiguous: " + why +
              "; candidates: " + choices);
}

// `-1` from a single merge revision takes down that revision alone (SPEC §8). Downgrading to a
// parent that is not below any other parent or dependency of the merge does exactly that: nothing
// else lies between that parent and the merge.
NodeId unmerge_target(const GraphData& g, NodeId merge) {
  const auto before = g.all_down[merge];
  for (NodeId parent : g.down[merge]) {
    const bool below_another = std::any_of(before.begin(), before.end(), [&](NodeId other) {
      return other != parent && reaches(g, std::span(&other, 1), parent);
    });
    if (!below_another) return parent;
  }
  return g.down[merge].front();  // unreachable: the graph has no cycle
}

}  // namespace

std::optional<Relative> match_relative(std::string_view text) {
  std::size_t digits = text.size();
  while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9') --digits;
  if (digits == text.size() || digits == 0) return std::nullopt;
  const char sign = text[digits - 1];
  if (sign != '+' && sign != '-') return std::nullopt;
  Relative out;
  out.relative_text = text.substr(digits - 1);
  if (text.size() - digits > 9) {
    throw Error("Relative revision '" + std::string(text) + "' is too large");
  }
  for (char c : text.substr(digits)) out.relative = out.relative * 10 + (c - '0');
  if (sign == '-') out.relative = -out.relative;
  // `(?:(.+?)@)?(\w+)?`: the shortest branch before an '@' that leaves a word, else no branch.
  std::string_view head = text.substr(0, digits - 1);
  for (auto at = head.find('@', 1); at != std::string_view::npos; at = head.find('@', at + 1)) {
    if (is_word(head.substr(at + 1))) {
      out.branch = head.substr(0, at);
      out.symbol = head.substr(at + 1);
      return out;
    }
  }
  if (!is_word(head)) return std::nullopt;
  out.symbol = head;
  return out;
}

std::vector<NodeId> parse_upgrade_target(const GraphData& g, const RevArg& current,
                                         const RevArg& target, bool assert_relative_length) {
  std::optional<Relative> rel = target.is_tuple() ? std::nullopt : match_relative(target.text);
  if (!rel) return get_revisions(g, target);
  const std::string_view text = target.text;
  if (rel->relative > 0) {
    NodeId rev = kNone;
    if (rel->symbol.empty()) {
      // Up from the current state; with a branch, from where that branch currently is.
      std::vector<NodeId> starts = get_revisions(g, current);
      if (!rel->branch.empty()) {
        std::vector<NodeId> on_branch =
            filter_for_lineage(g, starts, rel->branch, Edges::versioned);
        if (on_branch.empty()) {
          // The branch is not at a current head: start from the tips of its applied part.
          std::vector<NodeId> active = filter_for_lineage(
              g, members(ancestors(g, starts, Edges::all)), rel->branch, Edges::versioned);
          Mask below(g.size(), 0);
          for (NodeId a : active) {
            for (NodeId d : g.norm_down[a]) below[d] = 1;
          }
          std::erase_if(active, [&](NodeId a) { return below[a]; });
          on_branch = std::move(active);
        }
        starts = std::move(on_branch);
      }
      std::erase_if(starts, [](NodeId s) { return !is_node(s); });
      std::sort(starts.begin(), starts.end());
      starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
      if (starts.size() > 1) {
        ambiguous_start(g, text,
                        "the database is at several revisions (" + join_ids(g, starts) + ")",
                        starts, rel->branch, rel->relative_text, false);
      }
      rev = walk(g, starts.empty() ? kNone : starts.front(), rel->relative, rel->branch,
                 assert_relative_length, text);
      if (rev == kNone) throw Error(didnt_produce(rel->relative_text, rel->relative));
    } else {
      rev = walk(g, get_revision(g, rel->symbol), rel->relative, rel->branch,
                 assert_relative_length, text);
      if (rev == kNone) throw Error(walked_too_far(text));
    }
    return {rev};
  }
  if (rel->symbol.empty()) {
    throw Error(didnt_produce(std::to_string(rel->relative), rel->relative));
  }
  NodeId start = rel->branch.empty()
                     ? get_revision(g, rel->symbol)
                     : get_revision(g, std::string(rel->branch) + "@" + std::string(rel->symbol));
  NodeId rev = walk(g, start, rel->relative, "", assert_relative_length, text);
  if (rev == kNone) throw Error(walked_too_far(text));
  return {rev};
}

ParsedDowngrade parse_downgrade_target(const GraphData& g, const RevArg& current,
                                       std::string_view target, bool assert_relative_length) {
  if (target.empty()) return {};
  std::optional<Relative> rel = match_relative(target);
  if (!rel) {
    // Absolute: `rev`, `base`, `label@rev`, `label@base`.
    auto at = target.rfind('@');
    std::string_view branch = at == std::string_view::npos ? "" : target.substr(0, at);
    std::string_view symbol = at == std::string_view::npos ? target : target.substr(at + 1);
    return {std::string(branch), get_revision(g, symbol)};
  }
  if (rel->relative >= 0) {
    if (rel->symbol.empty()) throw Error(didnt_produce(rel->relative_text, rel->relative));
    NodeId rev = walk(g, get_revision(g, rel->symbol), rel->relative, rel->branch,
                      assert_relative_length, target);
    if (rev == kNone) throw Error(walked_too_far(target));
    return {std::string(rel->branch), rev == kBase ? kNone : rev};
  }
  const bool from_current = rel->symbol.empty();
  std::string branch(rel->branch);
  std::string symbol(rel->symbol);
  if (from_current) {
    std::vector<NodeId> heads = get_revisions(g, current);
    std::erase_if(heads, [](NodeId h) { return !is_node(h); });
    std::sort(heads.begin(), heads.end());
    heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
    if (!branch.empty()) {
      std::vector<NodeId> on_branch = filter_for_lineage(g, heads, branch, Edges::versioned);
      if (on_branch.empty()) {
        // Other branches' heads may imply this branch through depends_on.
        on_branch = filter_for_lineage(g, all_current(g, heads), branch, Edges::versioned);
      }
      if (on_branch.empty()) {
        throw Error("Relative revision '" + std::string(target) +
                    "' does not apply: no current revision is on branch '" + branch + "'");
      }
      if (on_branch.size() > 1) {
        ambiguous_start(g, target,
                        "several current revisions are on branch '" + branch + "' (" +
                            join_ids(g, on_branch) + ")",
                        on_branch, "", rel->relative_text, true);
      }
      symbol = g.id(on_branch.front());
    } else {
      if (heads.empty()) throw Error(didnt_produce(rel->relative_text, rel->relative));
      if (heads.size() > 1) {
        // Alembic only warns here and takes whichever row the database returns first.
        ambiguous_start(g, target, "the database is at several heads (" + join_ids(g, heads) + ")",
                        heads, "", rel->relative_text, true);
      }
      if (rel->relative == -1 && g.down.degree(heads.front()) > 1) {
        return {g.id(heads.front()), unmerge_target(g, heads.front())};
      }
      symbol = g.id(heads.front());
      branch = symbol;  // restrict the downgrade to the branch of that head
    }
  }
  NodeId start = branch.empty() ? get_revision(g, symbol) : get_revision(g, branch + "@" + symbol);
  NodeId rev = walk(g, start, rel->relative, "", assert_relative_length, target);
  if (rev == kNone) {
    throw Error(from_current ? didnt_produce(rel->relative_text, rel->relative)
                             : walked_too_far(target));
  }
  return {branch, rev == kBase ? kNone : rev};
}

}  // namespace migrate::detail

namespace migrate {

using detail::RevArg;

std::vector<std::string> resolve_upgrade_target(const RevisionGraph& graph,
                                                const std::vector<std::string>& current_heads,
                                                std::string_view target) {
  const detail::GraphData& g = graph.data();
  if (target.empty()) throw Error("No upgrade target given; use 'head', 'heads' or a revision");
  std::vector<std::string> out;
  for (detail::NodeId n :
       detail::parse_upgrade_target(g, RevArg::of(current_heads), RevArg::of(target), true)) {
    if (detail::is_node(n) && std::find(out.begin(), out.end(), g.id(n)) == out.end()) {
      out.push_back(g.id(n));
    }
  }
  return out;
}

DowngradeTarget resolve_downgrade_target(const RevisionGraph& graph,
                                         const std::vector<std::string>& current_heads,
                                         std::string_view target) {
  const detail::GraphData& g = graph.data();
  if (target.empty()) throw Error("No downgrade target given; use 'base', '-1' or a revision");
  detail::ParsedDowngrade parsed =
      detail::parse_downgrade_target(g, RevArg::of(current_heads), target, true);
  return {std::string(target), detail::is_node(parsed.revision) ? g.id(parsed.revision) : "",
          parsed.branch};
}

std::vector<std::string> resolve_revisions(const RevisionGraph& graph, std::string_view text) {
  const detail::GraphData& g = graph.data();
  if (text.empty()) throw Error("Can't locate revision identified by ''");
  std::vector<std::string> out;
  for (detail::NodeId n : detail::get_revisions(g, text)) {
    if (detail::is_node(n)) out.push_back(g.id(n));
  }
  return out;
}

}  // namespace migrate
