#include "migrate/script/script_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>

#include "migrate/config/config.h"
#include "migrate/core/error.h"
#include "migrate/ops/operation_yaml.h"
#include "migrate/script/script_directory.h"
#include "script/script_header.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

// 2026-11-23 12:00:00.123456 UTC
const system_clock::time_point kNow =
    system_clock::time_point(std::chrono::seconds(1795435200)) + std::chrono::microseconds(123456);

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class Environment {
 public:
  explicit Environment(const std::string& extra_settings = "") {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("migrate_writer_test_" + std::to_string(random()));
    fs::create_directories(root_ / "migrations" / "versions");
    fs::copy_file(fs::path(MIGRATE_SOURCE_DIR) / "migrations" / "script.yaml.tmpl",
                  template_path());
    config_ = Config::from_text(
        "[alembic]\nscript_location = migrations\ntimezone = UTC\n" + extra_settings, root_, {},
        "alembic.ini");
  }
  ~Environment() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const Config& config() const { return *config_; }
  fs::path versions() const { return root_ / "migrations" / "versions"; }
  fs::path template_path() const { return root_ / "migrations" / "script.yaml.tmpl"; }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
  std::optional<Config> config_;
};

Column note_column() {
  Column column;
  column.name = "note";
  column.type = "text";
  return column;
}

TEST(RevId, GeneratedIdsAreTwelveHexCharacters) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string id = generate_rev_id();
    EXPECT_EQ(id.size(), 12u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(RevId, Validation) {
  EXPECT_NO_THROW(validate_rev_id("ae1027a6acf"));
  EXPECT_NO_THROW(validate_rev_id("my_release_1.2"));
  EXPECT_NO_THROW(validate_rev_id(std::string(32, 'a')));
  EXPECT_EQ(error_of([] { validate_rev_id(""); }),
            "Revision id '' is not valid: it is empty; ids hold at most 32 characters and none "
            "of @ - + :");
  EXPECT_EQ(error_of([] { validate_rev_id(std::string(33, 'a')); }),
            "Revision id '" + std::string(33, 'a') +
                "' is not valid: it has 33 characters, more than 32; ids hold at most 32 "
                "characters and none of @ - + :");
  for (const char* bad : {"a@b", "a-b", "a+b", "a:b"}) {
    EXPECT_EQ(error_of([&] { validate_rev_id(bad); }),
              std::string("Revision id '") + bad + "' is not valid: it contains '" + bad[1] +
                  "'; ids hold at most 32 characters and none of @ - + :");
  }
  EXPECT_NE(error_of([] { validate_rev_id("a b"); }).find("whitespace"), std::string::npos);
}

TEST(Slug, AlembicRules) {
  EXPECT_EQ(revision_slug("Create account table", 40), "create_account_table");
  EXPECT_EQ(revision_slug("  Add 'user': it's done!  ", 40), "add_user_it_s_done");
  EXPECT_EQ(revision_slug("snake_case stays", 40), "snake_case_stays");
  EXPECT_EQ(revision_slug("", 40), "");
  EXPECT_EQ(revision_slug("!!!", 40), "");
  // Longer than the limit: cut at the last '_' that fits, then '_' (Alembic's rsplit).
  EXPECT_EQ(revision_slug("create account table with a very long name indeed", 40),
            "create_account_table_with_a_very_long_");
  EXPECT_EQ(revision_slug("abcdefghij", 10), "abcdefghij");    // exactly the limit
  EXPECT_EQ(revision_slug("abcdefghijk", 10), "abcdefghij_");  // no '_' to cut at
  EXPECT_EQ(revision_slug("ab cdefghijk", 10), "ab_");
  // Characters, not bytes: "é" is one character.
  EXPECT_EQ(revision_slug("\xC3\xA9t\xC3\xA9 ok", 40), "\xC3\xA9t\xC3\xA9_ok");
  EXPECT_EQ(revision_slug("\xC3\xA9\xC3\xA9\xC3\xA9 x", 3), "\xC3\xA9\xC3\xA9\xC3\xA9_");
}

TEST(CreateDate, TimezonesAndFormat) {
  EXPECT_EQ(format_create_date(kNow, std::string("UTC")), "2026-11-23 12:00:00.123456");
  EXPECT_EQ(format_create_date(kNow, std::string("utc")), "2026-11-23 12:00:00.123456");
  EXPECT_EQ(format_create_date(kNow, std::string("Europe/Paris")), "2026-11-23 13:00:00.123456");
  EXPECT_EQ(format_create_date(kNow, std::string("America/New_York")),
            "2026-11-23 07:00:00.123456");
  EXPECT_EQ(format_create_date(system_clock::time_point(std::chrono::seconds(1795435200)),
                               std::string("Asia/Kolkata")),
            "2026-11-23 17:30:00.000000");
  EXPECT_EQ(error_of([] { (void)format_create_date(kNow, std::string("Mars/Olympus")); }),
            "Can't locate timezone 'Mars/Olympus' (the 'timezone' setting); use an IANA name "
            "such as Europe/Paris or UTC");
  // Files in the zoneinfo directory that are not zones, and paths out of it, are refused.
  EXPECT_NE(error_of([] { (void)format_create_date(kNow, std::string("zone.tab")); }), "");
  EXPECT_NE(error_of([] { (void)format_create_date(kNow, std::string("../zoneinfo/UTC")); }), "");
  // The process's own TZ is left as it was.
  const char* tz = std::getenv("TZ");
  (void)format_create_date(kNow, std::string("Asia/Tokyo"));
  const char* after = std::getenv("TZ");
  EXPECT_EQ(tz == nullptr, after == nullptr);
  if (tz != nullptr && after != nullptr) {
    EXPECT_STREQ(tz, after);
  }
  // No timezone: local time, same format.
  const std::string local = format_create_date(kNow, std::nullopt);
  EXPECT_EQ(local.size(), 26u) << local;
  EXPECT_EQ(local.substr(19), ".123456") << local;
  EXPECT_EQ(local[4], '-');
  EXPECT_EQ(local[10], ' ');
}

TEST(WriteRevision, DefaultTemplateLayout) {
  Environment env;
  CreateTable table;
  table.name = "account";
  Column id;
  id.name = "id";
  id.type = "integer";
  id.primary_key = true;
  table.columns = {id};
  NewRevision revision;
  revision.rev_id = "1975ea83b712";
  revision.down_revisions = {"ae1027a6acf"};
  revision.message = "create account table";
  revision.upgrade_yaml = emit_operations({table}, 0);
  const fs::path path = write_revision(env.config(), revision, kNow);
  EXPECT_EQ(path, env.versions() / "1975ea83b712_create_account_table.yaml");
  EXPECT_EQ(read(path),
            "# create account table\n"
            "#\n"
            "# Revision ID: 1975ea83b712\n"
            "# Revises: ae1027a6acf\n"
            "# Create Date: 2026-11-23 12:00:00.123456\n"
            "revision: \"1975ea83b712\"\n"
            "down_revision: \"ae1027a6acf\"\n"
            "branch_labels: []\n"
            "depends_on: []\n"
            "message: \"create account table\"\n"
            "create_date: \"2026-11-23 12:00:00.123456\"\n"
            "# Operations: create_table, drop_table, rename_table, add_column, drop_column, "
            "alter_column,\n"
            "# create_index, drop_index, create_*_constraint, drop_constraint, bulk_insert, "
            "execute.\n"
            "upgrade:\n"
            "  - create_table:\n"
            "      name: account\n"
            "      columns:\n"
            "        - {name: id, type: integer, primary_key: true}\n"
            "# Without a `downgrade:` list, migrate inverts `upgrade` (create_table, add_column,\n"
            "# create_index, rename_table, constraints...); write one for anything else.\n"
            "\n");
  // No downgrade given: the key is left out, so that downgrading inverts the upgrade.
  EXPECT_FALSE(ScriptDirectory(env.root() / "migrations", {env.versions()})
                   .load_script(read_script_info(path))
                   .downgrade.has_value());
  // The fast header scanner reads what the template writes: history stays fast.
  EXPECT_TRUE(detail::scan_header(read(path)));
}

TEST(WriteRevision, RootMergeLabelsAndDependencies) {
  Environment env;
  NewRevision root;
  root.rev_id = "aaa";
  root.message = "first";
  root.branch_labels = {"shop"};
  root.depends_on = {"zzz", "yyy"};
  const std::string text = read(write_revision(env.config(), root, kNow));
  EXPECT_NE(text.find("# Revises:\n"), std::string::npos) << text;
  EXPECT_NE(text.find("down_revision: null\n"), std::string::npos);
  EXPECT_NE(text.find("branch_labels: [\"shop\"]\n"), std::string::npos);
  EXPECT_NE(text.find("depends_on: [\"zzz\", \"yyy\"]\n"), std::string::npos);
  EXPECT_NE(text.find("upgrade:\n  []\n"), std::string::npos);

  NewRevision merge;
  merge.rev_id = "bbb";
  merge.message = "merge heads";
  merge.down_revisions = {"aaa", "ccc"};
  const fs::path path = write_revision(env.config(), merge, kNow);
  const std::string merged = read(path);
  EXPECT_NE(merged.find("# Revises: aaa, ccc\n"), std::string::npos) << merged;
  EXPECT_NE(merged.find("down_revision: [\"aaa\", \"ccc\"]\n"), std::string::npos) << merged;
  const ScriptInfo info = read_script_info(path);
  EXPECT_EQ(info.revision.down_revisions, (std::vector<std::string>{"aaa", "ccc"}));
}

TEST(WriteRevision, TrickyMessageLoadsBack) {
  Environment env;
  const std::vector<Operation> upgrade = {
      Execute{"CREATE TABLE t (\n  id integer\n);\nINSERT INTO t VALUES (1);\n", {}},
      AddColumn{"t", note_column(), std::nullopt}};
  NewRevision revision;
  revision.rev_id = "c0ffee";
  revision.down_revisions = {"ae1027a6acf"};
  revision.message = "Add \"user\": it's done # really\nsecond line \\ backslash";
  revision.upgrade_yaml = emit_operations(upgrade, 0);
  revision.downgrade_yaml = emit_operations({DropTable{"t", std::nullopt, false}}, 0);
  const fs::path path = write_revision(env.config(), revision, kNow);
  EXPECT_EQ(path.filename(), "c0ffee_add_user_it_s_done_really_second_line_.yaml");

  const ScriptDirectory directory(env.root() / "migrations", {env.versions()});
  const auto infos = directory.load_infos();
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].revision.id, "c0ffee");
  EXPECT_EQ(infos[0].message, revision.message);
  EXPECT_EQ(infos[0].create_date, "2026-11-23 12:00:00.123456");
  EXPECT_EQ(infos[0].doc,
            "Add \"user\": it's done # really\nsecond line \\ backslash\n\n"
            "Revision ID: c0ffee\nRevises: ae1027a6acf\nCreate Date: 2026-11-23 12:00:00.123456");
  const Script script = directory.load_script(infos[0]);
  EXPECT_EQ(script.info.message, revision.message);
  EXPECT_EQ(script.upgrade, upgrade);
  ASSERT_TRUE(script.downgrade);
  EXPECT_EQ(*script.downgrade, (std::vector<Operation>{DropTable{"t", std::nullopt, false}}));
}

TEST(WriteRevision, NeverOverwrites) {
  Environment env;
  NewRevision revision;
  revision.rev_id = "abc";
  revision.message = "one";
  const fs::path path = write_revision(env.config(), revision, kNow);
  const std::string before = read(path);
  revision.upgrade_yaml = "- drop_table: {name: x}\n";
  EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
            path.string() +
                " already exists; migrate never overwrites a script (choose another --rev-id or "
                "message)");
  EXPECT_EQ(read(path), before);
}

TEST(WriteRevision, FileTemplateTokens) {
  Environment env(
      "file_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d%%(second).2d_"
      "%%(rev)s_%%(slug)s_%%(epoch)s\ntruncate_slug_length = 10\n");
  NewRevision revision;
  revision.rev_id = "abc";
  revision.message = "create account table";
  EXPECT_EQ(write_revision(env.config(), revision, kNow).filename(),
            "2026_11_23_120000_abc_create__1795435200.yaml");
}

TEST(WriteRevision, FileTemplateErrors) {
  NewRevision revision;
  revision.rev_id = "abc";
  revision.message = "m";
  {
    Environment env("file_template = %%(rev)s_%%(nope)s\n");
    EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
              "file_template '%(rev)s_%(nope)s': unknown token %(nope)s; known: rev, slug, "
              "epoch, year, month, day, hour, minute, second");
  }
  {
    Environment env("file_template = %%(slug)d\n");
    EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
              "file_template '%(slug)d': %(slug)d needs a number; use %(slug)s");
  }
  {
    Environment env("file_template = %%(rev)\n");
    EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
              "file_template '%(rev)': token %(rev) needs a conversion such as s, d or .2d");
  }
  {
    Environment env("file_template = sub/%%(rev)s\n");
    EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
              "file_template 'sub/%(rev)s' gives the file name 'sub/abc'; it must be a plain "
              "file name");
  }
}

TEST(WriteRevision, TemplateErrors) {
  Environment env;
  NewRevision revision;
  revision.rev_id = "abc";
  revision.message = "m";
  std::ofstream(env.template_path()) << "# ${message}\nrevision: ${up_revision}\nupgrade:\n"
                                        "${upgrades}\nbranch: ${branch}\n";
  EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
            env.template_path().string() +
                ":5: unknown placeholder ${branch} in the script template; known: "
                "${branch_labels}, ${create_date}, ${depends_on}, ${down_revision}, "
                "${down_revision_comment}, ${downgrade_section}, ${downgrades}, ${message}, "
                "${up_revision}, "
                "${upgrades}");
  std::ofstream(env.template_path()) << "revision: ${up_revision\n";
  EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
            env.template_path().string() + ":1: unclosed '${' in the script template");
  std::ofstream(env.template_path()) << "# ${message}\nupgrade:\n${upgrades}\n";
  const std::string invalid = error_of([&] { write_revision(env.config(), revision, kNow); });
  EXPECT_EQ(
      invalid.rfind(
          "The script template " + env.template_path().string() + " gives an invalid script: ", 0),
      0u)
      << invalid;
  EXPECT_NE(invalid.find("missing 'revision:'"), std::string::npos) << invalid;
  EXPECT_TRUE(fs::is_empty(env.versions()));  // nothing written

  fs::remove(env.template_path());
  EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
            "No script template '" + env.template_path().string() + "'");
  // The command layer passes the built-in template for this case.
  const fs::path path = write_revision(env.config(), revision, kNow,
                                       "revision: ${up_revision}\ndown_revision: ${down_revision}\n"
                                       "upgrade:\n${upgrades}\n");
  EXPECT_EQ(read(path),
            "revision: \"" + revision.rev_id + "\"\ndown_revision: null\nupgrade:\n  []\n");
}

TEST(WriteRevision, VersionPathAndRevIdChecks) {
  Environment env;
  NewRevision revision;
  revision.rev_id = "abc";
  revision.message = "m";
  fs::create_directories(env.root() / "other");
  revision.version_path = env.root() / "other";
  EXPECT_EQ(write_revision(env.config(), revision, kNow), env.root() / "other" / "abc_m.yaml");

  revision.version_path = env.root() / "missing";
  EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
            "Version directory '" + (env.root() / "missing").string() +
                "' does not exist; create it, or run 'migrate init DIR' for a new environment");

  revision.version_path.clear();
  revision.rev_id = "bad-id";
  EXPECT_EQ(error_of([&] { write_revision(env.config(), revision, kNow); }),
            "Revision id 'bad-id' is not valid: it contains '-'; ids hold at most 32 characters "
            "and none of @ - + :");
}

TEST(WriteRevision, UnknownTimezoneIsAnError) {
  Environment env("timezone_unused = 1\n");
  const Config config =
      Config::from_text("[alembic]\nscript_location = migrations\ntimezone = Nowhere/City\n",
                        env.root(), {}, "alembic.ini");
  NewRevision revision;
  revision.rev_id = "abc";
  EXPECT_EQ(error_of([&] { write_revision(config, revision, kNow); }),
            "Can't locate timezone 'Nowhere/City' (the 'timezone' setting); use an IANA name "
            "such as Europe/Paris or UTC");
}

}  // namespace
}  // namespace migrate
