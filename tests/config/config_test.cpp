#include "migrate/config/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <functional>

#include "migrate/core/error.h"
#include "support/process.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

// Sets (or unsets, for nullopt) an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Writes `text` to `name` under `dir` and returns the file's path.
fs::path write_in(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const fs::path file = dir.path() / name;
  test::write_file(file, text);
  return file;
}

Config parse(const std::string& text, const GlobalOptions& options = {}) {
  return Config::from_text(text, "/proj", options, "alembic.ini");
}

// The Error's message, or "" if `f` did not throw one.
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// --- INI syntax (configparser's rules) ---

TEST(ConfigIni, ReadsBothDelimitersCommentsAndCaseInsensitiveKeys) {
  const Config config = parse(
      "# a comment\n"
      "; another comment\n"
      "[alembic]\n"
      "script_location = migrations\n"
      "Version_Table: my_versions\n"
      "   # an indented comment\n"
      "key_with_colon = a:b=c\n"
      "empty =\n");
  EXPECT_EQ(config.get("script_location"), "migrations");
  EXPECT_EQ(config.get("version_table"), "my_versions");
  EXPECT_EQ(config.get("VERSION_TABLE"), "my_versions");
  EXPECT_EQ(config.get("key_with_colon"), "a:b=c");
  EXPECT_EQ(config.get("empty"), "");
  EXPECT_EQ(config.get("missing"), std::nullopt);
  EXPECT_EQ(config.section(), "alembic");
}

TEST(ConfigIni, InlineHashIsPartOfTheValue) {
  // configparser has no inline comments by default, so a '#' in a URL password survives.
  const Config config = parse("[alembic]\nscript_location = m\nurl = sqlite:///a#b.db\n");
  EXPECT_EQ(config.get("url"), "sqlite:///a#b.db");
}

TEST(ConfigIni, IndentedLinesContinueTheValue) {
  const Config config = parse(
      "[alembic]\n"
      "script_location = m\n"
      "version_locations =\n"
      "    a/versions\n"
      "\n"
      "    # a comment inside the value is dropped\n"
      "    b/versions\n"
      "\n"
      "next = 1\n");
  EXPECT_EQ(config.get("version_locations"), "\na/versions\n\nb/versions");
  EXPECT_EQ(config.get("next"), "1");
}

TEST(ConfigIni, OtherSectionsAreIgnoredAndNameSelectsTheSection) {
  const std::string text =
      "[loggers]\nkeys = root\n"
      "[alembic]\nscript_location = a\n"
      "[other]\nscript_location = b\n";
  EXPECT_EQ(parse(text).get("script_location"), "a");
  GlobalOptions options;
  options.section = "other";
  EXPECT_EQ(parse(text, options).get("script_location"), "b");
  EXPECT_EQ(parse(text, options).get("keys"), std::nullopt);
}

TEST(ConfigIni, SyntaxErrorsNameFileAndLine) {
  EXPECT_EQ(error_of([] { parse("script_location = a\n"); }),
            "alembic.ini:1: 'script_location = a' comes before any [section] header; start the "
            "file with [alembic]");
  EXPECT_EQ(error_of([] { parse("[alembic]\nscript_location = a\njust words\n"); }),
            "alembic.ini:3: expected 'key = value', found 'just words'");
  EXPECT_EQ(error_of([] { parse("[alembic]\nscript_location = a\n= value\n"); }),
            "alembic.ini:3: expected 'key = value', found '= value'");
  EXPECT_EQ(error_of([] { parse("[alembic]\nscript_location = a\nScript_Location = b\n"); }),
            "alembic.ini:3: key 'script_location' is already set at line 2; keep only one");
  EXPECT_EQ(error_of([] { parse("[alembic]\nscript_location = a\n[alembic]\n"); }),
            "alembic.ini:3: section [alembic] appears twice; merge the two");
  EXPECT_EQ(error_of([] { parse("[]\n"); }),
            "alembic.ini:1: malformed section header '[]'; write [name]");
}

TEST(ConfigIni, MissingSectionOrScriptLocation) {
  EXPECT_EQ(error_of([] { parse("[other]\nscript_location = a\n"); }),
            "No [alembic] section in config file 'alembic.ini'; add it, or pass -n SECTION");
  EXPECT_EQ(error_of([] { parse("[alembic]\nurl = sqlite://\n"); }),
            "No 'script_location' key in [alembic] of 'alembic.ini'; set it to the migration "
            "environment directory, relative to the config file");
  EXPECT_EQ(error_of([] { parse("[alembic]\nscript_location =\n").script_location(); }),
            "'script_location' in [alembic] of alembic.ini:2 is empty; set it to a directory");
}

TEST(ConfigIni, DefaultSectionProvidesKeys) {
  const Config config = parse("[DEFAULT]\nscript_location = m\nshared = s\n[alembic]\nown = o\n");
  EXPECT_EQ(config.get("script_location"), "m");
  EXPECT_EQ(config.get("shared"), "s");
  EXPECT_EQ(config.get("own"), "o");
}

// --- Interpolation ---

TEST(ConfigInterpolation, HereIsTheConfigDirectory) {
  const Config config = parse("[alembic]\nscript_location = %(here)s/migrations\n");
  EXPECT_EQ(config.get("script_location"), "/proj/migrations");
  EXPECT_EQ(config.here(), fs::path("/proj"));
  EXPECT_EQ(config.script_location(), fs::path("/proj/migrations"));
}

TEST(ConfigInterpolation, ReferencesKeysOfTheSectionAndOfDefault) {
  const Config config = parse(
      "[DEFAULT]\ndb_dir = %(here)s/data\n"
      "[alembic]\nscript_location = m\nname = app\n"
      "url = sqlite:///%(DB_DIR)s/%(name)s.db\n");
  EXPECT_EQ(config.get("url"), "sqlite:////proj/data/app.db");
}

TEST(ConfigInterpolation, DoublePercentIsALiteralPercent) {
  const Config config = parse(
      "[alembic]\nscript_location = m\nurl = postgresql://u:p%%40ss@h/db\n"
      "file_template = %%(year)d_%%(rev)s\n");
  EXPECT_EQ(config.get("url"), "postgresql://u:p%40ss@h/db");
  EXPECT_EQ(config.file_template(), "%(year)d_%(rev)s");
}

TEST(ConfigInterpolation, XOptions) {
  GlobalOptions options;
  options.x["db"] = "test";
  const Config config = parse(
      "[alembic]\nscript_location = m\nurl = sqlite:///%(x.db)s.db\nbad = %(x.nope)s\n", options);
  EXPECT_EQ(config.get("url"), "sqlite:///test.db");
  EXPECT_EQ(config.x().at("db"), "test");
  EXPECT_EQ(error_of([&] { config.get("bad"); }),
            "'bad' in [alembic] of alembic.ini:4 uses %(x.nope)s but no '-x nope=VALUE' was given");
}

TEST(ConfigInterpolation, Errors) {
  const Config config = parse(
      "[alembic]\nscript_location = m\n"
      "missing = %(nothere)s\n"
      "bad_percent = 50%\n"
      "unterminated = %(name\n"
      "loop_a = %(loop_b)s\n"
      "loop_b = %(loop_a)s\n");
  EXPECT_EQ(error_of([&] { config.get("missing"); }),
            "'missing' in [alembic] of alembic.ini:3 refers to %(nothere)s, which is not set in "
            "[alembic] or [DEFAULT]; write %% for a literal '%'");
  EXPECT_EQ(error_of([&] { config.get("bad_percent"); }),
            "Bad interpolation in 'bad_percent' in [alembic] of alembic.ini:4: '%' must start "
            "%(name)s or be written %% for a literal '%'");
  EXPECT_NE(error_of([&] { config.get("unterminated"); }).find("Bad interpolation"),
            std::string::npos);
  EXPECT_NE(error_of([&] { config.get("loop_a"); }).find("is there a loop?"), std::string::npos);
  // Unrelated keys stay readable: interpolation happens when a value is read.
  EXPECT_EQ(config.get("script_location"), "m");
}

TEST(ConfigInterpolation, EnvironmentVariables) {
  ScopedEnv set("MIGRATE_TEST_SET", "from-env");
  ScopedEnv empty("MIGRATE_TEST_EMPTY", "");
  ScopedEnv unset("MIGRATE_TEST_UNSET", std::nullopt);
  const Config config = parse(
      "[alembic]\nscript_location = m\n"
      "a = x-${MIGRATE_TEST_SET}-y\n"
      "b = ${MIGRATE_TEST_UNSET:-fallback}\n"
      "c = ${MIGRATE_TEST_SET:-fallback}\n"
      "d = ${MIGRATE_TEST_EMPTY:-used when empty}\n"
      "e = [${MIGRATE_TEST_EMPTY}]\n"
      "f = ${MIGRATE_TEST_UNSET:-${MIGRATE_TEST_SET}}\n"
      "g = ${MIGRATE_TEST_UNSET:-%(here)s/db}\n"
      "h = ${MIGRATE_TEST_UNSET}\n"
      "i = ${not a name}\n"
      "j = ${MIGRATE_TEST_SET\n"
      "k = $HOME and $ alone\n");
  EXPECT_EQ(config.get("a"), "x-from-env-y");
  EXPECT_EQ(config.get("b"), "fallback");
  EXPECT_EQ(config.get("c"), "from-env");
  EXPECT_EQ(config.get("d"), "used when empty");
  EXPECT_EQ(config.get("e"), "[]");
  EXPECT_EQ(config.get("f"), "from-env");
  EXPECT_EQ(config.get("g"), "/proj/db");
  EXPECT_EQ(error_of([&] { config.get("h"); }),
            "Environment variable MIGRATE_TEST_UNSET used by 'h' in [alembic] of alembic.ini:10 "
            "is not set; set it or write ${MIGRATE_TEST_UNSET:-default}");
  EXPECT_EQ(error_of([&] { config.get("i"); }),
            "'${not a name}' in 'i' in [alembic] of alembic.ini:11 is not an environment "
            "variable name");
  EXPECT_EQ(error_of([&] { config.get("j"); }),
            "Unclosed '${' in 'j' in [alembic] of alembic.ini:12");
  EXPECT_EQ(config.get("k"), "$HOME and $ alone");
}

TEST(ConfigInterpolation, EnvironmentIsReadAtLoadTime) {
  std::optional<Config> config;
  {
    ScopedEnv set("MIGRATE_TEST_LATER", "first");
    config = parse("[alembic]\nscript_location = m\na = ${MIGRATE_TEST_LATER}\n");
  }
  ScopedEnv changed("MIGRATE_TEST_LATER", "second");
  EXPECT_EQ(config->get("a"), "first");
}

// --- Config::load ---

TEST(ConfigLoad, ExplicitFileSetsFileAndHere) {
  const test::TempDir dir;
  const fs::path file = write_in(dir, "sub/my.ini", "[alembic]\nscript_location = %(here)s/mig\n");
  GlobalOptions options;
  options.config_file = file;
  const Config config = Config::load(options);
  EXPECT_EQ(config.file(), file);
  EXPECT_EQ(config.here(), dir.path() / "sub");
  EXPECT_EQ(config.script_location(), dir.path() / "sub" / "mig");
}

TEST(ConfigLoad, MigrateConfigEnvironmentVariable) {
  const test::TempDir dir;
  const fs::path file = write_in(dir, "env.ini", "[alembic]\nscript_location = mig\n");
  ScopedEnv env("MIGRATE_CONFIG", file.string());
  const Config config = Config::load({});
  EXPECT_EQ(config.file(), file);
  // script_location is relative to the config file, not to the working directory.
  EXPECT_EQ(config.script_location(), dir.path() / "mig");
}

TEST(ConfigLoad, DefaultsToAlembicIniInTheWorkingDirectory) {
  const test::TempDir dir;
  write_in(dir, "alembic.ini", "[alembic]\nscript_location = mig\n");
  ScopedEnv env("MIGRATE_CONFIG", std::nullopt);
  const fs::path old_cwd = fs::current_path();
  fs::current_path(dir.path());
  std::string error;
  std::optional<Config> config;
  try {
    config = Config::load({});
  } catch (const Error& e) {
    error = e.what();
  }
  fs::current_path(old_cwd);
  ASSERT_EQ(error, "");
  EXPECT_EQ(config->file(), fs::path("alembic.ini"));
  EXPECT_EQ(config->here(), dir.path());
  EXPECT_EQ(config->script_location(), dir.path() / "mig");
}

TEST(ConfigLoad, MissingFile) {
  const test::TempDir dir;
  ScopedEnv env("MIGRATE_CONFIG", std::nullopt);
  GlobalOptions options;
  options.config_file = dir.path() / "nope.ini";
  EXPECT_EQ(error_of([&] { Config::load(options); }),
            "No config file '" + (dir.path() / "nope.ini").string() +
                "' found; run 'migrate init DIR' or pass -c FILE");
  const fs::path old_cwd = fs::current_path();
  fs::current_path(dir.path());
  const std::string error = error_of([] { Config::load({}); });
  fs::current_path(old_cwd);
  EXPECT_EQ(error, "No config file 'alembic.ini' found; run 'migrate init DIR' or pass -c FILE");

  ScopedEnv bad_env("MIGRATE_CONFIG", "/nonexistent/x.ini");
  EXPECT_EQ(error_of([] { Config::load({}); }),
            "No config file '/nonexistent/x.ini' found (from $MIGRATE_CONFIG); run 'migrate init "
            "DIR' or pass -c FILE");
}

TEST(ConfigLoad, MissingSectionNamesTheFile) {
  const test::TempDir dir;
  GlobalOptions options;
  options.config_file = write_in(dir, "a.ini", "[alembic]\nscript_location = m\n");
  options.section = "prod";
  EXPECT_EQ(error_of([&] { Config::load(options); }), "No [prod] section in config file '" +
                                                          options.config_file->string() +
                                                          "'; add it, or pass -n SECTION");
}

// --- Typed settings ---

TEST(ConfigUrl, Precedence) {
  ScopedEnv env("DATABASE_URL", "sqlite:///env.db");
  GlobalOptions options;
  const std::string both =
      "[alembic]\nscript_location = m\nurl = sqlite:///url.db\nsqlalchemy.url = sqlite:///sa.db\n";
  EXPECT_EQ(parse(both).url(), "sqlite:///url.db");
  options.url = "sqlite:///cli.db";
  EXPECT_EQ(parse(both, options).url(), "sqlite:///cli.db");
  EXPECT_EQ(parse("[alembic]\nscript_location = m\nsqlalchemy.url = sqlite:///sa.db\n").url(),
            "sqlite:///sa.db");
  // An empty key (e.g. `url = ${DATABASE_URL:-}`) counts as not configured.
  EXPECT_EQ(parse("[alembic]\nscript_location = m\nurl =\n").url(), "sqlite:///env.db");
  EXPECT_EQ(parse("[alembic]\nscript_location = m\n").url(), "sqlite:///env.db");
}

TEST(ConfigUrl, NoneConfigured) {
  ScopedEnv env("DATABASE_URL", std::nullopt);
  EXPECT_EQ(error_of([] { parse("[alembic]\nscript_location = m\n").url(); }),
            "No database URL: pass --url, set 'sqlalchemy.url' (or 'url') in [alembic] of "
            "alembic.ini, or set $DATABASE_URL");
}

TEST(ConfigVersionLocations, DefaultIsVersionsUnderScriptLocation) {
  EXPECT_EQ(parse("[alembic]\nscript_location = m/\n").version_locations(),
            std::vector<fs::path>{"/proj/m/versions"});
  EXPECT_EQ(parse("[alembic]\nscript_location = /abs/m\n").version_locations(),
            std::vector<fs::path>{"/abs/m/versions"});
}

TEST(ConfigVersionLocations, LegacySplitOnSpacesCommasAndLines) {
  const Config config = parse(
      "[alembic]\nscript_location = m\n"
      "version_locations = a, b c,d\n"
      "    e\n"
      "    %(here)s/f /abs/g\n");
  EXPECT_EQ(config.version_locations(),
            (std::vector<fs::path>{"/proj/a", "/proj/b", "/proj/c", "/proj/d", "/proj/e", "/proj/f",
                                   "/abs/g"}));
}

TEST(ConfigVersionLocations, ExplicitSeparators) {
  const auto locations = [](const std::string& separator, const std::string& value) {
    return parse("[alembic]\nscript_location = m\nversion_path_separator = " + separator +
                 "\nversion_locations = " + value + "\n")
        .version_locations();
  };
  EXPECT_EQ(locations("os", "a b:c"), (std::vector<fs::path>{"/proj/a b", "/proj/c"}));
  EXPECT_EQ(locations(":", "a b:c"), (std::vector<fs::path>{"/proj/a b", "/proj/c"}));
  EXPECT_EQ(locations(";", "a,b; c"), (std::vector<fs::path>{"/proj/a,b", "/proj/c"}));
  EXPECT_EQ(locations("space", "a,b  c"), (std::vector<fs::path>{"/proj/a,b", "/proj/c"}));
  EXPECT_EQ(locations("newline", "\n  a b\n  c,d"),
            (std::vector<fs::path>{"/proj/a b", "/proj/c,d"}));
  // Alembic 1.16's name for the same setting.
  EXPECT_EQ(parse("[alembic]\nscript_location = m\npath_separator = ;\nversion_locations = a b;c\n")
                .version_locations(),
            (std::vector<fs::path>{"/proj/a b", "/proj/c"}));
  EXPECT_EQ(error_of([&] { locations("tab", "a"); }),
            "'version_path_separator' in [alembic] of alembic.ini:3 is 'tab'; expected one of "
            "space, newline, os, ':', ';'");
}

TEST(ConfigSettings, Defaults) {
  const Config config = parse("[alembic]\nscript_location = m\n");
  EXPECT_EQ(config.file_template(), "%(rev)s_%(slug)s");
  EXPECT_EQ(config.truncate_slug_length(), 40);
  EXPECT_EQ(config.timezone(), std::nullopt);
  EXPECT_EQ(config.version_table(), "alembic_version");
  EXPECT_EQ(config.version_table_schema(), std::nullopt);
  EXPECT_FALSE(config.transaction_per_migration());
  EXPECT_EQ(config.target_schema(), std::nullopt);
  EXPECT_EQ(config.test_heads(), 1);
  EXPECT_EQ(config.file(), fs::path("alembic.ini"));
}

TEST(ConfigSettings, ExplicitValues) {
  const Config config = parse(
      "[alembic]\nscript_location = m\n"
      "truncate_slug_length = 12\ntimezone = Europe/Paris\nversion_table = v\n"
      "version_table_schema = meta\ntransaction_per_migration = Yes\n"
      "target_schema = schema/app.yaml\ntest_heads = 3\nunknown_key = kept\n");
  EXPECT_EQ(config.truncate_slug_length(), 12);
  EXPECT_EQ(config.test_heads(), 3);
  EXPECT_EQ(config.timezone(), "Europe/Paris");
  EXPECT_EQ(config.version_table(), "v");
  EXPECT_EQ(config.version_table_schema(), "meta");
  EXPECT_TRUE(config.transaction_per_migration());
  EXPECT_EQ(config.target_schema(), fs::path("/proj/schema/app.yaml"));
  EXPECT_EQ(config.get("unknown_key"), "kept");
}

TEST(ConfigSettings, BooleanVocabulary) {
  for (const char* yes : {"true", "on", "1", "YES"}) {
    EXPECT_TRUE(parse(std::string("[alembic]\nscript_location = m\ntransaction_per_migration = ") +
                      yes + "\n")
                    .transaction_per_migration())
        << yes;
  }
  for (const char* no : {"false", "off", "0", "No"}) {
    EXPECT_FALSE(parse(std::string("[alembic]\nscript_location = m\ntransaction_per_migration = ") +
                       no + "\n")
                     .transaction_per_migration())
        << no;
  }
}

TEST(ConfigSettings, BadValuesNameTheKey) {
  EXPECT_EQ(error_of([] {
              parse("[alembic]\nscript_location = m\ntruncate_slug_length = forty\n")
                  .truncate_slug_length();
            }),
            "'truncate_slug_length' in [alembic] of alembic.ini:3 is 'forty'; expected a positive "
            "whole number");
  EXPECT_EQ(
      error_of([] { parse("[alembic]\nscript_location = m\ntest_heads = 0\n").test_heads(); }),
      "'test_heads' in [alembic] of alembic.ini:3 is '0'; expected a positive whole number");
  EXPECT_EQ(
      error_of([] {
        parse("[alembic]\nscript_location = m\ntruncate_slug_length = 0\n").truncate_slug_length();
      }),
      "'truncate_slug_length' in [alembic] of alembic.ini:3 is '0'; expected a positive "
      "whole number");
  EXPECT_EQ(error_of([] {
              parse("[alembic]\nscript_location = m\ntransaction_per_migration = maybe\n")
                  .transaction_per_migration();
            }),
            "'transaction_per_migration' in [alembic] of alembic.ini:3 is 'maybe'; expected true "
            "or false");
}

}  // namespace
}  // namespace migrate
