// graph: DOT that Graphviz renders, Mermaid that parses, SVG through Graphviz, with heads,
// merges, dependencies and the database's current revision drawn apart.
#include <map>
#include <regex>
#include <sstream>

#include "cli/e2e.h"

// RunOptions are built naming only the fields that matter.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include "support/process.h"

namespace migrate::test {
namespace {

class Graph : public E2E {
 protected:
  void SetUp() override {
    E2E::SetUp();
    // a; b and c branch from it; d merges them; e depends on c.
    revision("a.yaml", "aaaaaaaaaaaa", "", "  []\n");
    revision("b.yaml", "bbbbbbbbbbbb", "aaaaaaaaaaaa", "  []\n");
    revision("c.yaml", "cccccccccccc", "aaaaaaaaaaaa", "  []\n", "", "branch_labels: [tags]\n");
    revision("d.yaml", "dddddddddddd", "[bbbbbbbbbbbb, cccccccccccc]", "  []\n");
    revision("e.yaml", "eeeeeeeeeeee", "dddddddddddd", "  []\n", "",
             "depends_on: [cccccccccccc]\n");
  }
};

TEST_P(Graph, DotIsRenderedByGraphvizAndMarksEachKind) {
  ASSERT_EQ(migrate({"upgrade", "bbbbbbbbbbbb"}).exit_code, 0);
  const Result result = migrate({"graph"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string& dot = result.out;
  EXPECT_NE(dot.find("\"aaaaaaaaaaaa\" -> \"bbbbbbbbbbbb\";"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"cccccccccccc\" -> \"eeeeeeeeeeee\" [style=dashed"), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"eeeeeeeeeeee\" [label=\"eeeeeeeeeeee\\ne.yaml\", penwidth=3]"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"dddddddddddd\" [label=\"dddddddddddd\\nd.yaml\", shape=hexagon]"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("cccccccccccc (tags)"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"bbbbbbbbbbbb\" [label=\"bbbbbbbbbbbb\\nb.yaml\", style=filled"),
            std::string::npos)
      << "the database is at b: " << dot;
  // Graphviz itself accepts it.
  const Result rendered = run_program({"/usr/bin/dot", "-Tsvg"}, RunOptions{.stdin_text = dot});
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_NE(rendered.out.find("<svg"), std::string::npos);
}

TEST_P(Graph, MermaidIsWellFormed) {
  const Result result = migrate({"graph", "--format", "mermaid", "--no-current"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "flowchart BT");
  // Every other line is a node, an edge, a class definition or a class assignment.
  const std::regex statement(
      R"(  (n\d+\["[^"]*"\]|n\d+ --> n\d+|n\d+ -\. depends on \.-> n\d+|classDef \w+ .+|class n\d+(,n\d+)* \w+))");
  const std::regex node(R"(  (n\d+)\["(\w+)[^"]*"\])");
  std::map<std::string, std::string> name_of;  // revision id -> node name
  while (std::getline(lines, line)) {
    EXPECT_TRUE(std::regex_match(line, statement)) << line;
    std::smatch match;
    if (std::regex_match(line, match, node)) name_of[match[2]] = match[1];
  }
  EXPECT_EQ(name_of.size(), 5u);
  EXPECT_NE(
      result.out.find("  " + name_of["bbbbbbbbbbbb"] + " --> " + name_of["dddddddddddd"] + "\n"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  class " + name_of["eeeeeeeeeeee"] + " head\n"), std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find(" current\n"), std::string::npos) << "--no-current";
}

TEST_P(Graph, SvgComesFromGraphvizOrSaysWhatIsMissing) {
  const Result svg = migrate({"graph", "--format", "svg", "-r", "aaaaaaaaaaaa:dddddddddddd"});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_NE(svg.out.find("<svg"), std::string::npos);
  EXPECT_EQ(svg.out.find("eeeeeeeeeeee"), std::string::npos) << "outside the range";
  const Result without = migrate({"graph", "--format", "svg"}, {{"PATH", "/nonexistent"}});
  EXPECT_TRUE(failed_with(without, "needs Graphviz's `dot` program, which is not installed"));
}

INSTANTIATE_TEST_SUITE_P(Dialects, Graph, ::testing::ValuesIn(backend_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace migrate::test
