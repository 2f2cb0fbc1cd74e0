// Real schemas nobody on this project wrote (/work/shared/datasets/schemas, see its README) load
// through `execute` and survive a table rebuild of a table other tables refer to.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sqlite_test_support.h"

namespace migrate::sqlite {
namespace {

using testing::apply;
using testing::rows;
using testing::schema_of;
using testing::value;

std::string read(const std::string& relative) {
  const std::string path = std::string(MIGRATE_DATASETS_DIR) + "/" + relative;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("missing test data " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> row_counts(Connection& db) {
  std::vector<std::string> counts;
  for (const auto& table : rows(db,
                                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY "
                                "name")) {
    counts.push_back(table + "=" + value(db, "SELECT count(*) FROM \"" + table + "\""));
  }
  return counts;
}

// The schema minus what an alter of `table`.`column` may change: the table's CREATE TABLE text
// and that column's type, nullability and default. Everything else must come back as it was.
std::vector<std::string> unchanged_part(Connection& db, const std::string& table,
                                        const std::string& column) {
  auto lines = schema_of(db);
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [&](const std::string& line) {
                               return line.rfind("table|" + table + "|", 0) == 0 ||
                                      line.rfind(table + ":table_info:", 0) == 0;
                             }),
              lines.end());
  for (const auto& info : rows(db,
                               "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM "
                               "pragma_table_info('" +
                                   table + "') WHERE name <> '" + column + "'")) {
    lines.push_back(info);
  }
  lines.push_back(
      rows(db, "SELECT cid FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'")
          .at(0));
  return lines;
}

TEST(SampleSchemas, ChinookWithRowsSurvivesRebuildOfTrack) {
  auto db = testing::memory();
  db->execute(read("chinook/sqlite_with_data.sql"));
  EXPECT_EQ(value(*db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), "11");
  const auto counts = row_counts(*db);
  const auto before = unchanged_part(*db, "Track", "Name");
  const auto tracks = rows(*db, "SELECT * FROM Track ORDER BY TrackId");
  ASSERT_GT(tracks.size(), 3000U);

  // Track is referenced by InvoiceLine and PlaylistTrack, and refers to Album, Genre, MediaType.
  Transaction transaction(*db);
  apply(*db, AlterColumn{.table = "Track", .name = "Name", .type = "string(300)"});
  transaction.commit();

  EXPECT_EQ(unchanged_part(*db, "Track", "Name"), before);
  EXPECT_EQ(row_counts(*db), counts);
  EXPECT_EQ(value(*db, "SELECT type FROM pragma_table_info('Track') WHERE name = 'Name'"),
            "VARCHAR(300)");
  EXPECT_TRUE(rows(*db, "PRAGMA foreign_key_check").empty());
  EXPECT_EQ(value(*db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(rows(*db, "SELECT \"table\" FROM pragma_foreign_key_list('Track') ORDER BY 1"),
            (std::vector<std::string>{"Album", "Genre", "MediaType"}));
}

TEST(SampleSchemas, ChinookSchemaLoadsAndRebuildsArtist) {
  auto db = testing::memory();
  db->execute(read("chinook/sqlite.sql"));
  const auto before = unchanged_part(*db, "Artist", "Name");
  apply(*db, AlterColumn{.table = "Artist",
                         .name = "Name",
                         .type = "text",
                         .nullable = false,
                         .default_ = std::optional<std::string>("'?'")});
  EXPECT_EQ(unchanged_part(*db, "Artist", "Name"), before);
  EXPECT_EQ(rows(*db, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('Album')"),
            std::vector<std::string>{"Artist|ArtistId"});
}

TEST(SampleSchemas, ChinookSelfReferencingEmployeeKeepsItsKey) {
  auto db = testing::memory();
  db->execute(read("chinook/sqlite_with_data.sql"));
  const auto before = unchanged_part(*db, "Employee", "Title");
  const auto employees = rows(*db, "SELECT EmployeeId, ReportsTo FROM Employee ORDER BY 1");
  apply(*db, AlterColumn{.table = "Employee", .name = "Title", .type = "string(60)"});
  EXPECT_EQ(unchanged_part(*db, "Employee", "Title"), before);
  EXPECT_EQ(rows(*db, "SELECT EmployeeId, ReportsTo FROM Employee ORDER BY 1"), employees);
  EXPECT_EQ(rows(*db, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('Employee')"),
            std::vector<std::string>{"Employee|ReportsTo"});
}

class SakilaTest : public testing::TempDir {};

TEST_F(SakilaTest, SurvivesRebuildOfFilmOnlineAndOffline) {
  const auto schema = read("sakila/sqlite.sql");
  const std::vector<Operation> ops = {
      Execute{.sql = schema},
      Execute{.sql = "INSERT INTO language VALUES (1, 'English', '2020-01-01');"
                     "INSERT INTO film (film_id, title, language_id, last_update) VALUES "
                     "(1, 'ACADEMY DINOSAUR', 1, '2020-01-01');"
                     "INSERT INTO actor VALUES (1, 'PENELOPE', 'GUINESS', '2020-01-01');"
                     "INSERT INTO film_actor VALUES (1, 1, '2020-01-01');"},
      // film is referenced by film_actor, film_category and inventory, has two triggers, and
      // views read it.
      AlterColumn{.table = "film", .name = "title", .type = "string(300)"},
      AlterColumn{
          .table = "film", .name = "rating", .default_ = std::optional<std::string>("'PG'")},
      DropColumn{.table = "film", .name = "special_features"},
  };

  auto loaded = testing::memory();
  loaded->execute(schema);
  const auto objects = rows(*loaded, "SELECT type, name FROM sqlite_master ORDER BY type, name");
  EXPECT_EQ(value(*loaded, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "30");
  EXPECT_EQ(value(*loaded, "SELECT count(*) FROM sqlite_master WHERE type = 'view'"), "5");
  {
    // The whole migration in one transaction, as the runtime runs it.
    auto fresh = testing::connect(url("fresh.db"));
    Transaction transaction(*fresh);
    for (const auto& op : ops) apply(*fresh, op);
    transaction.commit();
    // The check constraint on the dropped column went with it; the other stayed.
    EXPECT_EQ(rows(*fresh,
                   "SELECT name, type FROM pragma_table_info('film') WHERE name IN "
                   "('title', 'special_features')"),
              std::vector<std::string>{"title|VARCHAR(300)"});
    auto objects_after = rows(*fresh, "SELECT type, name FROM sqlite_master ORDER BY type, name");
    EXPECT_EQ(objects_after, objects);
    EXPECT_EQ(rows(*fresh,
                   "SELECT f.title, a.last_name FROM film f JOIN film_actor fa USING "
                   "(film_id) JOIN actor a USING (actor_id)"),
              std::vector<std::string>{"ACADEMY DINOSAUR|GUINESS"});
    EXPECT_EQ(value(*fresh, "SELECT count(*) FROM film_list"), "0");  // no category row
    EXPECT_TRUE(rows(*fresh, "PRAGMA foreign_key_check").empty());
    EXPECT_NE(value(*fresh, "SELECT sql FROM sqlite_master WHERE name = 'film'")
                  .find("CONSTRAINT CHECK_special_rating CHECK(rating in"),
              std::string::npos);
    EXPECT_FALSE(testing::succeeds(*fresh,
                                   "INSERT INTO film (film_id, title, language_id, "
                                   "last_update, rating) VALUES (2, 't', 1, 'x', 'XXX')"));
    // The film triggers fire again after the rebuild.
    fresh->execute("UPDATE film SET title = 'ACE' WHERE film_id = 1");
    EXPECT_NE(value(*fresh, "SELECT last_update FROM film"), "2020-01-01");

    // --sql: the printed script, run on an empty database, gives the same schema.
    std::ostringstream out;
    auto offline = testing::sqlite().offline(Url::parse(url("x.db")), out);
    {
      Transaction printed(*offline);
      for (const auto& op : ops) {
        for (const auto& statement : testing::sqlite().render(op, *offline)) {
          if (!statement.must_return_no_rows) offline->execute(statement.sql);
        }
      }
      printed.commit();
    }
    {
      SQLite::Database replay((dir_ / "replayed.db").string(),
                              SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      replay.exec(out.str());
    }
    auto replayed = testing::connect(url("replayed.db"));
    EXPECT_EQ(schema_of(*replayed), schema_of(*fresh));
    EXPECT_EQ(row_counts(*replayed), row_counts(*fresh));
  }
}

}  // namespace
}  // namespace migrate::sqlite
