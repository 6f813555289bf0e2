#include <catch2/catch.hpp>

#include "parser/migration_error.hpp"
#include "parser/parse_folder.hpp"

using namespace pgshift;

namespace {

std::string formatted_error(const std::string& sql) {
    try {
        parse_sql(sql, "migrations/002_bad.sql");
    } catch (const MigrationError& error) {
        return format_migration_error(error);
    }
    return "no error";
}

}  // namespace

TEST_CASE("syntax errors point at file:line:col with the line and a caret") {
    CHECK(formatted_error("create table ok (a int);\ncreate tabel oops (a int);\n") ==
          "migrations/002_bad.sql:2:8: error: syntax error at or near \"tabel\"\n"
          "  create tabel oops (a int);\n"
          "         ^\n");
}

TEST_CASE("error columns count characters, so the caret lines up after UTF-8 text") {
    CHECK(formatted_error("select 'é'; select from from;") ==
          "migrations/002_bad.sql:1:25: error: syntax error at or near \"from\"\n"
          "  select 'é'; select from from;\n"
          "                          ^\n");
}

TEST_CASE("semantic errors point at the statement or the offending name") {
    CHECK(formatted_error("\n\n  alter table nope add column a int;") ==
          "migrations/002_bad.sql:3:15: error: relation \"nope\" does not exist\n"
          "    alter table nope add column a int;\n"
          "                ^\n");
}

TEST_CASE("an unterminated string is reported where it ends") {
    std::string message = formatted_error("create table t (a text default 'unterminated);\n");
    CHECK(message.rfind("migrations/002_bad.sql:1:", 0) == 0);
    CHECK(message.find("unterminated quoted string") != std::string::npos);
}
