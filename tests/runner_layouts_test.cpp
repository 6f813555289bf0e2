#include <catch2/catch.hpp>

#include <algorithm>

#include "parser/migration_error.hpp"
#include "parser/runner_layouts.hpp"

using namespace pgshift;

namespace {

std::vector<std::string> flyway_sorted(std::vector<std::string> names) {
    std::stable_sort(names.begin(), names.end(),
                     [](const std::string& a, const std::string& b) { return flyway_less(*flyway_name(a), *flyway_name(b)); });
    return names;
}

}  // namespace

TEST_CASE("Flyway names: versioned, repeatable and undo; anything else is not one") {
    std::optional<FlywayName> name = flyway_name("V1_02.3__add notes.sql");
    REQUIRE(name);
    CHECK(name->kind == FlywayName::Kind::versioned);
    CHECK(name->version == std::vector<std::string>{"1", "2", "3"});
    CHECK(name->description == "add notes");
    CHECK(flyway_name("R__views.sql")->kind == FlywayName::Kind::repeatable);
    CHECK(flyway_name("U2__drop.sql")->kind == FlywayName::Kind::undo);
    for (const char* other : {"001_init.sql", "V__x.sql", "V1_x.sql", "V1..2__x.sql", "R1__x.sql", "v1__x.sql", "V1__x.sql.bak", "README.sql"})
        CHECK_FALSE(flyway_name(other));
}

TEST_CASE("Flyway versions compare number by number, repeatables come last by description") {
    CHECK(flyway_sorted({"R__b.sql", "V1_10__c.sql", "R__a.sql", "V2__d.sql", "V1_2__b.sql", "V1__a.sql", "V10__e.sql"}) ==
          std::vector<std::string>{"V1__a.sql", "V1_2__b.sql", "V1_10__c.sql", "V2__d.sql", "V10__e.sql", "R__a.sql", "R__b.sql"});
    CHECK(same_flyway_version(*flyway_name("V1__a.sql"), *flyway_name("V1.0__b.sql")));
    CHECK(same_flyway_version(*flyway_name("V1_01__a.sql"), *flyway_name("V1.1__b.sql")));
    CHECK_FALSE(same_flyway_version(*flyway_name("V1_1__a.sql"), *flyway_name("V1_10__b.sql")));
    CHECK(flyway_version_text(*flyway_name("V2024_01_001__a.sql")) == "2024.1.1");
}

TEST_CASE("folders named after databases") {
    CHECK(database_of_folder_name("postgres") == "postgresql");
    CHECK(database_of_folder_name("PostgreSQL") == "postgresql");
    CHECK(database_of_folder_name("sqlite3") == "sqlite3");
    CHECK(database_of_folder_name("h2") == "h2");
    CHECK_FALSE(database_of_folder_name("core"));
}

TEST_CASE("dbmate runs a file's up section: up to its down directive") {
    std::string sql = "-- note\n\n-- migrate:up transaction:false\ncreate table a (id int);\n--migrate:down\ndrop table a;\n";
    CHECK(has_dbmate_up(sql));
    CHECK(sql.substr(0, dbmate_up_end("f.sql", sql)) == "-- note\n\n-- migrate:up transaction:false\ncreate table a (id int);\n");
    CHECK(dbmate_up_end("f.sql", "-- migrate:up\nselect 1;\n") == 24);
    CHECK_FALSE(has_dbmate_up("-- migrate:upgrade\nselect 1;\n"));
    CHECK_FALSE(has_dbmate_up("select 1; -- migrate:up\n"));
    CHECK_THROWS_WITH(dbmate_up_end("f.sql", "select 1;\n"), "dbmate requires each migration to define an up block with '-- migrate:up'");
    try {
        dbmate_up_end("f.sql", "-- migrate:up\nselect 1;\n");
        dbmate_up_end("f.sql", "  -- c\n select 1;\n-- migrate:up\nselect 1;\n");
        FAIL("statements before the up directive were accepted");
    } catch (const MigrationError& error) {
        CHECK(std::string(error.what()) == "dbmate does not support statements preceding the '-- migrate:up' block");
        CHECK(error.location().line == 2);
        CHECK(error.location().column == 2);
    }
}
