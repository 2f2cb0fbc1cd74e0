// The fast header scanner must read every file exactly as yaml-cpp does, or hand it over.
// These tests generate many variations of a script and compare the two readers.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <random>

#include "migrate/core/error.h"
#include "script/script_header.h"

namespace migrate::detail {
namespace {

// Everything load_infos() exposes, as one comparable string; or the error.
std::string describe_info(const ScriptInfo& info) {
  const Revision& r = info.revision;
  std::string out = "id=" + r.id + "@" + std::to_string(r.source.line) + " down=";
  for (const auto& d : r.down_revisions) out += "[" + d + "]";
  out += "@" + std::to_string(r.down_revision_source.line) + " labels=";
  for (const auto& l : r.branch_labels) out += "[" + l + "]";
  out += " depends=";
  for (const auto& d : r.depends_on) out += "[" + d + "]";
  out += "@" + std::to_string(r.depends_on_source.line);
  out += " message=[" + info.message + "] date=[" + info.create_date + "] doc=[" + info.doc + "]";
  out += " file=" + r.source.file;
  return out;
}

template <typename F>
std::string outcome(F&& read) {
  try {
    return describe_info(read());
  } catch (const Error& e) {
    return std::string("ERROR ") + e.what();
  }
}

// nullopt when the scanner handed the file to yaml-cpp.
std::optional<std::string> via_scanner(const std::string& text) {
  const auto header = scan_header(text);
  if (!header) return std::nullopt;
  return outcome([&] { return build_info(*header, "v/x.yaml", leading_comment(text)); });
}

std::string via_yaml(const std::string& text) {
  return outcome([&] {
    return build_info(yaml_header(load_yaml(text, "v/x.yaml"), "v/x.yaml"), "v/x.yaml",
                      leading_comment(text));
  });
}

bool yaml_accepts(const std::string& text) {
  try {
    (void)YAML::Load(text);
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

// The header keys' spellings the generator draws from. Every one is valid YAML.
const std::vector<std::string> kRevision = {
    "revision: ae1027a6acf",   "revision: \"ae1027a6acf\"",
    "revision: 'ae1027a6acf'", "revision: \"ae1027a6acf\"   # the id",
    "revision: 1975",          "revision:   x_1.2"};
const std::vector<std::string> kDown = {
    "down_revision: null",
    "down_revision: ~",
    "down_revision:",
    "down_revision: \"a1\"",
    "down_revision: a1  # parent",
    "down_revision: [a1, \"b2\", 'c3']",
    "down_revision: []",
    "down_revision: [ ]",
    "down_revision:\n  - a1\n  - 'b2'",
    "down_revision:\n- a1\n- \"b2\"",
    "down_revision:\n  # a comment\n  - a1\n\n  - b2  # trailing",
    "down_revision: NULL",
    "down_revision: [a1, ~]",
    "down_revision: \"\"",
    "down_revision: [[a1]]",
    "down_revision: {a: b}",
    "down_revision:\n  - [a1]",
    "down_revision: 'it''s'"};
const std::vector<std::string> kLabels = {"",
                                          "branch_labels: []",
                                          "branch_labels: [shop]",
                                          "branch_labels: shop",
                                          "branch_labels:\n  - shop\n  - x",
                                          "branch_labels: ['a b', \"c\"]"};
const std::vector<std::string> kDepends = {"",
                                           "depends_on: []",
                                           "depends_on: [d4]",
                                           "depends_on: d4",
                                           "depends_on:\n- d4",
                                           "depends_on: null"};
const std::vector<std::string> kMessage = {
    "",
    "message: create account table",
    "message: \"create: account\"",
    "message: 'it''s a \"test\"'",
    "message: it's plain",
    "message: \"null\"",
    "message:",
    "message: \"with \\\"escapes\\\"\"",
    "message: \"multi\n  line\"",
    "message: plain\n  continued",
    "message: [a]",
    "message: \"# not a comment\"",
    "message: a#b",
    "message: \"caf\xC3\xA9\"",
};
const std::vector<std::string> kDate = {"", "create_date: \"2026-11-23 12:00:00.000000\"",
                                        "create_date: 2026-11-23 12:00:00.000000",
                                        "create_date: '2026-11-23'"};
const std::vector<std::string> kExtra = {"", "transactional: false", "transactional: true",
                                         "unknown_key: 1", "revision: dup"};
const std::vector<std::string> kBody = {
    "upgrade: []\n",
    "upgrade:\n  - create_table:\n      name: account\n      columns:\n"
    "        - {name: id, type: integer, primary_key: true}\n"
    "        - {name: name, type: \"string(50)\", nullable: false}\n"
    "  - execute: \"INSERT INTO account (name) VALUES ('admin')\"\n"
    "downgrade:\n  - drop_table: {name: account}\n",
    "upgrade:\n- execute: |\n    revision: not a key\n    'unclosed quote is content\n"
    "- drop_table: {name: t}\n",
    // A double-quoted scalar continued at column 0: only yaml-cpp can tell.
    "upgrade:\n  - execute: \"SELECT 1\nrevision: fake\"\n",
    "upgrade:\n  - execute: 'a\nrevision: fake'\n",
    "upgrade:\n  - execute: [a,\nrevision]\n",
    "upgrade:\n  - bulk_insert: {table: t, rows: [{a: 'x', b: \"y\"}, {a: it's}]}\n",
    "upgrade: &ops\n  - drop_table: {name: t}\ndowngrade: *ops\n",
    "upgrade:\n  - execute: SELECT 'a' # comment with \"quote\n",
    "upgrade:\n  - execute: >\n      folded\n      text\n",
    "upgrade:\n  - execute: \"with \\\" escaped\"\n",
    "upgrade:\n  - execute: !!str tagged\n",
    "upgrade:\n  - {execute: 'x'}\n",
};
const std::vector<std::string> kDoc = {"",
                                       "# create account table\n#\n# Revision ID: ae1027a6acf\n",
                                       "#no space\n# \n#   indented\n", "\n# after a blank line\n"};

std::string pick(std::mt19937& random, const std::vector<std::string>& options) {
  return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(random)];
}

std::string generate(std::mt19937& random) {
  std::vector<std::string> keys = {
      pick(random, kRevision), pick(random, kDown), pick(random, kLabels), pick(random, kDepends),
      pick(random, kMessage),  pick(random, kDate), pick(random, kExtra)};
  std::shuffle(keys.begin(), keys.end(), random);
  std::string text = pick(random, kDoc);
  for (const std::string& key : keys) {
    if (key.empty()) continue;
    text += key + "\n";
    if (random() % 5 == 0) text += "# a comment between keys\n";
    if (random() % 7 == 0) text += "\n";
  }
  std::string body = pick(random, kBody);
  if (random() % 2 == 0) {
    text += body;  // body last
  } else {
    text = body + text;  // body first: header keys follow the operations
    text = pick(random, kDoc) + text;
  }
  if (random() % 6 == 0) {  // Windows line endings
    std::string crlf;
    for (const char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    text = crlf;
  }
  return text;
}

TEST(HeaderScanner, AgreesWithYamlCppOnGeneratedScripts) {
  std::mt19937 random(5);
  int scanned = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::string text = generate(random);
    const auto fast = via_scanner(text);
    if (!fast) continue;
    ++scanned;
    if (!yaml_accepts(text)) continue;  // invalid files: load_script reports them
    EXPECT_EQ(*fast, via_yaml(text)) << "script:\n" << text;
  }
  // The comparison is only meaningful if the scanner read many of them itself (many options
  // above are there to make it hand over; with this seed it reads 1810).
  EXPECT_GT(scanned, 1500);
}

// Random characters sprinkled into a valid script's operations: wherever the scanner claims a
// result and yaml-cpp can parse the file, they must agree.
TEST(HeaderScanner, AgreesWithYamlCppOnMangledBodies) {
  const std::string base =
      "# doc\nrevision: \"r1\"\ndown_revision: null\nmessage: m\n"
      "upgrade:\n  - create_table:\n      name: t\n      columns:\n"
      "        - {name: id, type: integer, default: \"0\"}\n"
      "  - execute: SELECT 'x', \"y\" FROM t\n";
  const std::string tail = "revision: fake\ndown_revision: [x]\n";
  const std::string alphabet = "\"'[]{}:#,-&*!|> \n?";
  std::mt19937 random(11);
  int compared = 0;
  for (int i = 0; i < 6000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      // Only touch the operations, after "upgrade:".
      const std::size_t from = base.find("upgrade:") + 9;
      const std::size_t at = from + random() % (text.size() - from);
      text.insert(at, 1, alphabet[random() % alphabet.size()]);
    }
    text += random() % 2 == 0 ? tail : "";
    const auto fast = via_scanner(text);
    if (!fast || !yaml_accepts(text)) continue;
    ++compared;
    EXPECT_EQ(*fast, via_yaml(text)) << "script:\n" << text;
  }
  EXPECT_GT(compared, 500);
}

TEST(HeaderScanner, ReadsTheTemplateLayoutWithoutYamlCpp) {
  const std::string text =
      "# create account table\n#\n# Revision ID: 1975ea83b712\n# Revises: ae1027a6acf\n"
      "# Create Date: 2026-11-23 12:00:00.000000\n"
      "revision: \"1975ea83b712\"\n"
      "down_revision: [\"ae1027a6acf\", \"b2\"]\n"
      "branch_labels: [\"shop\"]\n"
      "depends_on: []\n"
      "message: \"create account table\"\n"
      "create_date: \"2026-11-23 12:00:00.000000\"\n"
      "upgrade:\n  - create_table:\n      name: account\n      columns:\n"
      "        - {name: id, type: integer, primary_key: true}\n"
      "downgrade:\n  - drop_table: {name: account}\n";
  const auto header = scan_header(text);
  ASSERT_TRUE(header);
  const ScriptInfo info = build_info(*header, "v/x.yaml", leading_comment(text));
  EXPECT_EQ(info.revision.id, "1975ea83b712");
  EXPECT_EQ(info.revision.source.line, 6);
  EXPECT_EQ(info.revision.source.file, "v/x.yaml");
  EXPECT_EQ(info.revision.down_revisions, (std::vector<std::string>{"ae1027a6acf", "b2"}));
  EXPECT_EQ(info.revision.down_revision_source.line, 7);
  EXPECT_EQ(info.revision.branch_labels, std::vector<std::string>{"shop"});
  EXPECT_TRUE(info.revision.depends_on.empty());
  EXPECT_EQ(info.revision.depends_on_source.line, 9);
  EXPECT_EQ(info.message, "create account table");
  EXPECT_EQ(info.create_date, "2026-11-23 12:00:00.000000");
  EXPECT_EQ(info.doc,
            "create account table\n\nRevision ID: 1975ea83b712\nRevises: ae1027a6acf\n"
            "Create Date: 2026-11-23 12:00:00.000000");
  EXPECT_EQ(via_scanner(text), via_yaml(text));
}

TEST(HeaderScanner, HandsUnusualYamlToYamlCpp) {
  for (const char* text : {
           "revision: &a r1\n",                      // anchor
           "revision: !!str r1\n",                   // tag
           "revision: \"r\\u0031\"\n",               // escape
           "revision: \"r1\n  continued\"\n",        // multi-line quoted
           "revision: r1\n  continued\n",            // multi-line plain
           "revision:\n  r1\n",                      // value on the next line
           "down_revision: {a: b}\nrevision: r1\n",  // flow mapping
           "? revision\n: r1\n",                     // complex key
           "\"revision\": r1\n",                     // quoted key
           "revision:\tr1\n",                        // tab
           "---\nrevision: r1\n",                    // document marker
           "%YAML 1.2\n---\nrevision: r1\n",         // directive
           "\xEF\xBB\xBFrevision: r1\n",             // BOM
           "revision: r1\nupgrade:\n  - execute: \"a\nrevision: r2\"\n",
           "- revision: r1\n",                  // not a mapping
           "revision: [a,\n  b]\n",             // multi-line flow list
           "down_revision:\n  - a\n    - b\n",  // uneven block list
       }) {
    EXPECT_FALSE(scan_header(text)) << text;
  }
}

TEST(HeaderScanner, LeadingCommentIsTheDoc) {
  EXPECT_EQ(leading_comment("# title\n#\n#  two spaces\n#x\nrevision: a\n# later\n"),
            "title\n\n two spaces\nx");
  EXPECT_EQ(leading_comment("revision: a\n# not leading\n"), "");
  EXPECT_EQ(leading_comment("# only\r\n#\r\n"), "only");
}

TEST(HeaderErrors, SameMessagesFromBothReaders) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"down_revision: null\n",
       "v/x.yaml: missing 'revision:'; every script needs its revision id"},
      {"# only a comment\n", "v/x.yaml: missing 'revision:'; every script needs its revision id"},
      {"revision: a\nrevison: b\n",
       "v/x.yaml:2: unknown key 'revison' (did you mean 'revision'?); expected one of revision, "
       "down_revision, branch_labels, "
       "depends_on, message, create_date, transactional, upgrade, downgrade, todo"},
      {"revision: a\nmessage: x\nrevision: b\n",
       "v/x.yaml:3: key 'revision' is given twice (first at line 1)"},
      {"revision: [a]\n", "v/x.yaml:1: 'revision' must be a revision id, not a list"},
      {"revision:\n", "v/x.yaml:1: 'revision' must be a revision id, not null"},
      {"revision: a-b\n",
       "v/x.yaml:1: revision id 'a-b' is not valid: it contains '-'; ids hold at most 32 "
       "characters and none of @ - + :"},
      {"revision: \"a b\"\n",
       "v/x.yaml:1: revision id 'a b' is not valid: it contains whitespace or a control "
       "character; ids hold at most 32 characters and none of @ - + :"},
      {"revision: 0123456789012345678901234567890123\n",
       "v/x.yaml:1: revision id '0123456789012345678901234567890123' is not valid: it has 34 "
       "characters, more than 32; ids hold at most 32 characters and none of @ - + :"},
      {"revision: a\ndown_revision: [b, ~]\n",
       "v/x.yaml:2: 'down_revision' must be null, a revision id or a list of them, not a list "
       "holding null"},
      {"revision: a\ndown_revision: \"\"\n",
       "v/x.yaml:2: 'down_revision' must be null, a revision id or a list of them, not an empty "
       "string"},
      {"revision: a\nbranch_labels:\n  - [x]\n",
       "v/x.yaml:2: 'branch_labels' must be null, a label or a list of them, not a list holding "
       "a mapping"},
      {"revision: a\nmessage: [x]\n", "v/x.yaml:2: 'message' must be a string, not a list"},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(via_yaml(text), "ERROR " + expected) << text;
    const auto fast = via_scanner(text);
    if (fast) {
      EXPECT_EQ(*fast, "ERROR " + expected) << text;
    }
  }
  EXPECT_EQ(via_yaml("revision: a\ndown_revision: {x: y}\n"),
            "ERROR v/x.yaml:2: 'down_revision' must be null, a revision id or a list of them, not "
            "a mapping");
  EXPECT_EQ(via_yaml("- a\n"),
            "ERROR v/x.yaml:1: a migration script must be a YAML mapping with revision, "
            "down_revision, ..., upgrade, downgrade; found a list");
  EXPECT_EQ(via_yaml("revision: [a\n").rfind("ERROR v/x.yaml:", 0), 0u);
}

TEST(HeaderMessage, DefaultsToTheDocsFirstParagraph) {
  const std::string text = "# add a column\n# to account\n#\n# Revision ID: a\nrevision: a\n";
  EXPECT_EQ(*via_scanner(text), via_yaml(text));
  const auto header = scan_header(text);
  EXPECT_EQ(build_info(*header, "x.yaml", leading_comment(text)).message,
            "add a column\nto account");
}

}  // namespace
}  // namespace migrate::detail
