// graph: the revision graph as a picture (DOT for Graphviz, Mermaid for Markdown viewers, SVG
// through Graphviz's `dot`), with heads, merge points, branch points, labels, dependencies and
// the database's current revisions told apart.
#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "commands/environment.h"
#include "migrate/commands/commands.h"
#include "migrate/core/error.h"
#include "migrate/dialects/dialect.h"

namespace migrate::commands {
namespace {

// What is drawn: the revisions, and which of them the database holds.
struct Picture {
  const Environment* env;
  std::vector<std::string> ids;
  std::set<std::string> current;
};

// Quoted for both DOT and Mermaid labels: no quote, backslash or newline survives as such, and
// '#' (Mermaid's entity escape: "#123;" would be a character code) becomes its own entity.
std::string label_text(std::string_view text, bool mermaid) {
  std::string out;
  for (const char c : text) {
    if (c == '"') {
      out += "'";
    } else if (c == '\\' || c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '#' && mermaid) {
      out += "#35;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string caption(const Picture& p, const std::string& id, std::string_view newline) {
  const bool mermaid = newline != "\\n";
  std::string text = label_text(id, mermaid);
  // The labels declared here: the graph shows where a branch is named, not every revision on it.
  const auto& labels = p.env->info(id).revision.branch_labels;
  if (!labels.empty()) {
    text += label_text(fmt::format(" ({})", fmt::join(labels, ", ")), mermaid);
  }
  const std::string& message = p.env->info(id).message;
  if (!message.empty()) text += std::string(newline) + label_text(message, mermaid);
  return text;
}

std::string dot(const Picture& p) {
  const auto& graph = p.env->graph();
  std::ostringstream out;
  out << "digraph migrate {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n";
  const std::set<std::string> shown(p.ids.begin(), p.ids.end());
  for (const auto& id : p.ids) {
    std::vector<std::string> style;
    if (graph.is_real_head(id)) style.push_back("penwidth=3");
    if (graph.is_merge_point(id)) style.push_back("shape=hexagon");
    if (graph.is_branch_point(id)) style.push_back("shape=invhouse");
    if (p.current.count(id) > 0) style.push_back("style=filled, fillcolor=\"#cfe8ff\"");
    out << fmt::format("  \"{}\" [label=\"{}\"{}{}];\n", label_text(id, false),
                       caption(p, id, "\\n"), style.empty() ? "" : ", ", fmt::join(style, ", "));
  }
  for (const auto& id : p.ids) {
    const Revision& r = p.env->info(id).revision;
    for (const auto& parent : r.down_revisions) {
      if (shown.count(parent) > 0) {
        out << fmt::format("  \"{}\" -> \"{}\";\n", label_text(parent, false),
                           label_text(id, false));
      }
    }
    for (const auto& dependency : r.depends_on) {
      if (shown.count(dependency) > 0) {
        out << fmt::format("  \"{}\" -> \"{}\" [style=dashed, label=\"depends on\"];\n",
                           label_text(dependency, false), label_text(id, false));
      }
    }
  }
  out << "}\n";
  return out.str();
}

std::string mermaid(const Picture& p) {
  const auto& graph = p.env->graph();
  std::ostringstream out;
  out << "flowchart BT\n";
  const std::set<std::string> shown(p.ids.begin(), p.ids.end());
  // Node names by position: an id may hold characters Mermaid reads as syntax ("(", "|", ";").
  std::map<std::string, std::string> names;
  for (const auto& id : p.ids) names.emplace(id, fmt::format("n{}", names.size()));
  const auto node = [&names](const std::string& id) { return names.at(id); };
  std::vector<std::string> heads, merges, branch_points, current;
  for (const auto& id : p.ids) {
    out << fmt::format("  {}[\"{}\"]\n", node(id), caption(p, id, "<br/>"));
    if (graph.is_real_head(id)) heads.push_back(node(id));
    if (graph.is_merge_point(id)) merges.push_back(node(id));
    if (graph.is_branch_point(id)) branch_points.push_back(node(id));
    if (p.current.count(id) > 0) current.push_back(node(id));
  }
  for (const auto& id : p.ids) {
    const Revision& r = p.env->info(id).revision;
    for (const auto& parent : r.down_revisions) {
      if (shown.count(parent) > 0) out << fmt::format("  {} --> {}\n", node(parent), node(id));
    }
    for (const auto& dependency : r.depends_on) {
      if (shown.count(dependency) > 0) {
        out << fmt::format("  {} -. depends on .-> {}\n", node(dependency), node(id));
      }
    }
  }
  out << "  classDef head stroke-width:3px\n  classDef merge stroke-dasharray:4\n"
         "  classDef branchpoint stroke:#a60\n  classDef current fill:#cfe8ff\n";
  for (const auto& [name, nodes] :
       {std::pair{"head", &heads}, std::pair{"merge", &merges},
        std::pair{"branchpoint", &branch_points}, std::pair{"current", &current}}) {
    if (!nodes->empty()) out << fmt::format("  class {} {}\n", fmt::join(*nodes, ","), name);
  }
  return out.str();
}

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

// SVG is Graphviz's rendering of the DOT text; its output goes straight to our stdout.
void svg(const std::string& dot_text, const Output& out) {
  if (!on_path("dot")) {
    throw Error(
        "graph --format svg needs Graphviz's `dot` program, which is not installed (Debian: apt "
        "install graphviz); --format dot prints the graph for any Graphviz, and --format mermaid "
        "for Markdown viewers");
  }
  out.out().flush();
  // A `dot` that exits early must end in a FAILED line, not in SIGPIPE killing this process.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  FILE* pipe = popen("dot -Tsvg", "w");
  if (pipe == nullptr) {
    std::signal(SIGPIPE, previous);
    throw Error("Could not start Graphviz's `dot`");
  }
  const bool written = std::fwrite(dot_text.data(), 1, dot_text.size(), pipe) == dot_text.size();
  const int status = pclose(pipe);
  std::signal(SIGPIPE, previous);
  if (!written || status != 0) throw Error("Graphviz's `dot -Tsvg` failed on the graph");
}

// The database's current revisions, when a URL is configured and the database answers; the
// picture is still drawn without them.
std::set<std::string> current_if_reachable(const Environment& env, const Output& out) {
  try {
    auto db = connect(env);
    const auto heads = current_heads(env, db);
    return {heads.begin(), heads.end()};
  } catch (const Error& e) {
    out.progress(fmt::format("Not marking current revisions: {}", e.what()));
    return {};
  }
}

}  // namespace

void graph(const GlobalOptions& global, const GraphOptions& options, const Output& out) {
  const Environment env(global, out);
  Picture picture{&env, history_range(env.graph(), {}, options.range), {}};
  if (options.range.find("current") != std::string::npos || !options.no_current) {
    picture.current = current_if_reachable(env, out);
  }
  if (options.range.find("current") != std::string::npos) {
    const std::vector<std::string> heads(picture.current.begin(), picture.current.end());
    picture.ids = history_range(env.graph(), heads, options.range);
  }
  if (options.format == "mermaid") {
    out.raw(mermaid(picture));
  } else if (options.format == "svg") {
    svg(dot(picture), out);
  } else {
    out.raw(dot(picture));
  }
}

}  // namespace migrate::commands
