#include "migrate/script/script_directory.h"

#include <gtest/gtest.h>

#include <functional>

#include "migrate/config/config.h"
#include "migrate/core/error.h"
#include "support/process.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string script(const std::string& id, const std::string& down = "null",
                   const std::string& body = "upgrade: []\n") {
  return "# " + id + " doc\nrevision: \"" + id + "\"\ndown_revision: " + down + "\nmessage: m " +
         id + "\n" + body;
}

class ScriptDirectoryTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  fs::path versions() const { return dir_.path() / "versions"; }
  ScriptDirectory directory() const { return ScriptDirectory(dir_.path(), {versions()}); }
  // Writes `text` to `name`, relative to the script directory, and returns the file's path.
  fs::path write_in_dir(const fs::path& name, const std::string& text) const {
    const fs::path file = dir_.path() / name;
    test::write_file(file, text);
    return file;
  }
  fs::path write(const std::string& name, const std::string& text) const {
    return write_in_dir(fs::path("versions") / name, text);
  }
};

TEST_F(ScriptDirectoryTest, ListsYamlFilesInFileNameOrder) {
  write("b_second.yaml", script("b", "\"a\""));
  write("a_first.yml", script("a"));
  write("c_third.yaml", script("c", "[\"a\", \"b\"]"));
  write("README.md", "not a script");
  write("notes.txt", "revision: nope");
  write(".#a_first.yaml", "editor lock file");
  fs::create_directories(versions() / "sub.yaml");  // a directory, not a script
  fs::create_symlink(versions() / "missing", versions() / "dangling.yaml");
  fs::create_symlink(dir_.path() / "linked.yaml", versions() / "b_linked.yaml");
  write_in_dir("linked.yaml", script("l", "\"a\""));
  write("sub/d.yaml", script("d"));  // not recursive

  const auto infos = directory().load_infos();
  ASSERT_EQ(infos.size(), 4u);
  EXPECT_EQ(infos[0].revision.id, "a");
  EXPECT_EQ(infos[1].revision.id, "l");  // a link to a script counts
  EXPECT_EQ(infos[1].path, versions() / "b_linked.yaml");
  EXPECT_EQ(infos[0].path, versions() / "a_first.yml");
  EXPECT_EQ(infos[0].doc, "a doc");
  EXPECT_EQ(infos[0].message, "m a");
  EXPECT_EQ(infos[2].revision.id, "b");
  EXPECT_EQ(infos[2].revision.down_revisions, std::vector<std::string>{"a"});
  EXPECT_EQ(infos[3].revision.down_revisions, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(infos[3].revision.source.file, (versions() / "c_third.yaml").string());
  EXPECT_EQ(infos[3].revision.source.line, 2);
  EXPECT_EQ(infos[3].revision.down_revision_source.line, 3);
}

TEST_F(ScriptDirectoryTest, SeveralVersionLocationsSortTogetherByFileName) {
  write_in_dir("other/b.yaml", script("b2"));
  write_in_dir("other/a.yaml", script("a2"));
  write("a.yaml", script("a1"));
  write("c.yaml", script("c1"));
  const ScriptDirectory both(dir_.path(), {versions(), dir_.path() / "other"});
  const auto infos = both.load_infos();
  ASSERT_EQ(infos.size(), 4u);
  // Same file name: the first version location comes first.
  EXPECT_EQ(infos[0].revision.id, "a1");
  EXPECT_EQ(infos[1].revision.id, "a2");
  EXPECT_EQ(infos[2].revision.id, "b2");
  EXPECT_EQ(infos[3].revision.id, "c1");
}

TEST_F(ScriptDirectoryTest, EmptyVersionsDirectoryHasNoScripts) {
  fs::create_directories(versions());
  EXPECT_TRUE(directory().load_infos().empty());
}

TEST_F(ScriptDirectoryTest, MissingVersionsDirectorySaysToRunInit) {
  EXPECT_EQ(error_of([&] { (void)directory().load_infos(); }),
            "No versions directory '" + versions().string() +
                "'; run 'migrate init DIR' to create the migration environment, or fix "
                "script_location / version_locations");
}

TEST_F(ScriptDirectoryTest, PathsStayAsGiven) {
  write("a.yaml", script("a"));
  const fs::path old_cwd = fs::current_path();
  fs::current_path(dir_.path());
  std::vector<ScriptInfo> infos;
  std::string error;
  try {
    infos = ScriptDirectory(".", {"versions"}).load_infos();
    (void)ScriptDirectory(".", {"nope"}).load_infos();
  } catch (const Error& e) {
    error = e.what();
  }
  fs::current_path(old_cwd);
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].path, fs::path("versions/a.yaml"));
  EXPECT_EQ(infos[0].revision.source.file, "versions/a.yaml");
  EXPECT_EQ(error.rfind("No versions directory 'nope';", 0), 0u) << error;
}

TEST_F(ScriptDirectoryTest, FromConfigShowsPathsRelativeToTheWorkingDirectory) {
  const Config config = Config::from_text(
      "[alembic]\nscript_location = migrations\nversion_locations = migrations/versions "
      "/elsewhere\n",
      dir_.path(), {}, "alembic.ini");
  const fs::path old_cwd = fs::current_path();
  fs::current_path(dir_.path());
  const ScriptDirectory from_cwd = ScriptDirectory::from_config(config);
  fs::current_path(old_cwd);
  EXPECT_EQ(from_cwd.script_location(), fs::path("migrations"));
  EXPECT_EQ(from_cwd.version_locations(),
            (std::vector<fs::path>{"migrations/versions", "/elsewhere"}));

  fs::current_path("/");
  const ScriptDirectory from_root = ScriptDirectory::from_config(config);
  fs::current_path(old_cwd);
  EXPECT_EQ(from_root.script_location(), config.script_location().relative_path());
}

TEST_F(ScriptDirectoryTest, HeaderErrorsNameTheFile) {
  write("a.yaml", "revision: a\nupgrade: []\nrollback: []\n");
  EXPECT_EQ(error_of([&] { (void)directory().load_infos(); }),
            (versions() / "a.yaml").string() +
                ":3: unknown key 'rollback'; expected one of revision, down_revision, "
                "branch_labels, depends_on, message, create_date, transactional, upgrade, "
                "downgrade, todo");
  write("a.yaml", "down_revision: null\nupgrade: []\n");
  EXPECT_EQ(error_of([&] { (void)directory().load_infos(); }),
            (versions() / "a.yaml").string() +
                ": missing 'revision:'; every script needs its revision id");
  write("a.yaml", "revision: a\nupgrade: [\n");
  EXPECT_EQ(error_of([&] {
              (void)directory().load_infos();
            }).rfind((versions() / "a.yaml").string() + ":", 0),
            0u);
}

TEST_F(ScriptDirectoryTest, LoadScriptParsesOperations) {
  const fs::path path = write("a.yaml",
                              "# create account\nrevision: \"a1\"\ndown_revision: null\n"
                              "transactional: false\n"
                              "upgrade:\n"
                              "  - create_table:\n      name: account\n      columns:\n"
                              "        - {name: id, type: integer, primary_key: true}\n"
                              "  - execute: \"INSERT INTO account (id) VALUES (1)\"\n"
                              "downgrade:\n  - drop_table: {name: account}\n");
  write("b.yaml", script("b1", "a1", "upgrade:\n  - drop_table: {name: x}\n"));
  const ScriptDirectory scripts = directory();
  const auto infos = scripts.load_infos();
  ASSERT_EQ(infos.size(), 2u);

  const Script a = scripts.load_script(infos[0]);
  EXPECT_EQ(a.info.revision.id, "a1");
  EXPECT_EQ(a.info.message, "create account");  // from the doc, as Alembic does
  EXPECT_EQ(a.info.path, path);
  EXPECT_FALSE(a.transactional);
  ASSERT_EQ(a.upgrade.size(), 2u);
  EXPECT_STREQ(operation_name(a.upgrade[0]), "create_table");
  ASSERT_TRUE(a.downgrade);
  EXPECT_EQ(*a.downgrade, (std::vector<Operation>{DropTable{"account", std::nullopt, false}}));

  const Script b = scripts.load_script(infos[1]);
  EXPECT_TRUE(b.transactional);
  EXPECT_FALSE(b.downgrade);  // absent: derived later by reverse_all()
  EXPECT_EQ(b.info.revision.down_revisions, std::vector<std::string>{"a1"});
}

TEST_F(ScriptDirectoryTest, LoadScriptValidatesFully) {
  const auto load_error = [&](const std::string& text) {
    write("a.yaml", text);
    return error_of([&] {
      const ScriptDirectory scripts = directory();
      (void)scripts.load_script(read_script_info(versions() / "a.yaml"));
    });
  };
  const std::string file = (versions() / "a.yaml").string();
  EXPECT_EQ(load_error("revision: a\ntransactional: maybe\nupgrade: []\n"),
            file + ":2: 'transactional' must be true or false, not 'maybe'");
  EXPECT_EQ(load_error("revision: a\ntransactional: \"true\"\nupgrade: []\n"),
            file + ":2: 'transactional' must be true or false, not 'true'");
  EXPECT_EQ(load_error("revision: a\n"),
            file + ": missing 'upgrade:'; write the list of operations, or [] for none");
  EXPECT_EQ(load_error("revision: a\nupgrade: {drop_table: {name: t}}\n"),
            file + ":2: 'upgrade' must be a list of operations, not a mapping");
  EXPECT_EQ(load_error("revision: a\nupgrade:\n"),
            file + ":2: 'upgrade' must be a list of operations, not null");
  EXPECT_EQ(load_error("revision: a\nupgrade: []\ndowngrade: nothing\n"),
            file +
                ":3: 'downgrade' must be a list of operations, not 'nothing'; leave it out to "
                "derive it from upgrade");
  EXPECT_EQ(load_error("revision: a\ndown_revision: {a: b}\nupgrade: []\n"),
            file +
                ":2: 'down_revision' must be null, a revision id or a list of them, not a "
                "mapping");
  EXPECT_EQ(load_error("revision: a\nupgrade:\n  - drop_table: {name: t}\n  - drop_tabel: {}\n"),
            file +
                ":4: upgrade operation 2: unknown operation 'drop_tabel' (did you mean "
                "'drop_table'?); known operations: "
                "create_table, drop_table, rename_table, add_column, drop_column, "
                "alter_column, create_index, drop_index, create_unique_constraint, "
                "create_primary_key, create_foreign_key, create_check_constraint, "
                "drop_constraint, bulk_insert, execute");
  EXPECT_EQ(load_error("revision: a\nupgrade: []\ndowngrade:\n  - drop_table: {nam: t}\n"),
            file +
                ":4: downgrade operation 1 (drop_table): unknown field 'nam' (did you mean "
                "'name'?); expected one of "
                "name, schema, if_exists");
  // Malformed YAML: yaml-cpp's reason with file:line, never its exception's name.
  const std::string malformed = load_error("revision: a\nupgrade:\n  - {name: [x}\n");
  EXPECT_EQ(malformed.rfind(file + ":3: ", 0), 0u) << malformed;
  EXPECT_EQ(malformed.find("yaml-cpp"), std::string::npos) << malformed;
  EXPECT_EQ(malformed.find("Exception"), std::string::npos) << malformed;
}

TEST_F(ScriptDirectoryTest, LoadScriptAgreesWithLoadInfos) {
  write("a.yaml",
        "# doc line\n#\n# more\nrevision: 'r1'\ndown_revision:\n  - p1\n  - \"p2\"\n"
        "branch_labels: shop\ndepends_on: [d1]\nmessage: \"it's: here\"\n"
        "create_date: 2026-11-23 12:00:00.000000\nupgrade: []\n");
  const ScriptDirectory scripts = directory();
  const ScriptInfo info = scripts.load_infos().at(0);
  const Script full = scripts.load_script(info);
  EXPECT_EQ(full.info.revision.id, info.revision.id);
  EXPECT_EQ(full.info.revision.down_revisions, info.revision.down_revisions);
  EXPECT_EQ(full.info.revision.branch_labels, std::vector<std::string>{"shop"});
  EXPECT_EQ(full.info.revision.branch_labels, info.revision.branch_labels);
  EXPECT_EQ(full.info.revision.depends_on, info.revision.depends_on);
  EXPECT_EQ(full.info.revision.source.line, info.revision.source.line);
  EXPECT_EQ(full.info.revision.down_revision_source.line, 5);
  EXPECT_EQ(full.info.revision.depends_on_source.line, info.revision.depends_on_source.line);
  EXPECT_EQ(full.info.message, "it's: here");
  EXPECT_EQ(full.info.message, info.message);
  EXPECT_EQ(full.info.create_date, info.create_date);
  EXPECT_EQ(full.info.doc, "doc line\n\nmore");
  EXPECT_EQ(full.info.doc, info.doc);
}

TEST_F(ScriptDirectoryTest, FilesLargerThanTheReadBuffer) {
  // The header keys come after 300 KB of operations: the whole file must be read.
  std::string body = "upgrade:\n";
  while (body.size() < 300000) body += "  - execute: \"UPDATE t SET a = 1 WHERE b = 'x'\"\n";
  write("a.yaml", body + "revision: big\ndown_revision: [p]\n");
  const auto infos = directory().load_infos();
  ASSERT_EQ(infos.size(), 1u);
  EXPECT_EQ(infos[0].revision.id, "big");
  EXPECT_EQ(infos[0].revision.down_revisions, std::vector<std::string>{"p"});
  EXPECT_GT(directory().load_script(infos[0]).upgrade.size(), 5000u);
}

// Enough files for load_infos() to read in several threads: order and errors stay the same.
TEST_F(ScriptDirectoryTest, ManyFilesKeepOrderAndReportTheFirstError) {
  constexpr int kCount = 6000;
  const auto name = [](int i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%05d_s.yaml", i);
    return std::string(buffer);
  };
  for (int i = 0; i < kCount; ++i) {
    write(name(i), script("r" + std::to_string(i), i == 0 ? "null" : "r" + std::to_string(i - 1)));
  }
  auto infos = directory().load_infos();
  ASSERT_EQ(infos.size(), static_cast<std::size_t>(kCount));
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(infos[i].revision.id, "r" + std::to_string(i));
    ASSERT_EQ(infos[i].path, versions() / name(i));
  }
  // Broken files in both halves: the earlier one is reported.
  write(name(5000), "revision: a\nbogus: 1\n");
  write(name(1000), "down_revision: null\n");
  EXPECT_EQ(error_of([&] { (void)directory().load_infos(); }),
            (versions() / name(1000)).string() +
                ": missing 'revision:'; every script needs its revision id");
}

TEST_F(ScriptDirectoryTest, LoadScriptNoticesAFileChangedSinceLoadInfos) {
  write("a.yaml", script("a"));
  const ScriptDirectory scripts = directory();
  const ScriptInfo info = scripts.load_infos().at(0);
  write("a.yaml", script("z"));
  EXPECT_EQ(error_of([&] { (void)scripts.load_script(info); }),
            (versions() / "a.yaml").string() +
                " changed while migrate was reading it; run the command again");
}

}  // namespace
}  // namespace migrate
