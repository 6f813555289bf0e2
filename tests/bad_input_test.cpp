#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "cli/project.hpp"
#include "parser/migration_error.hpp"
#include "parser/parse_folder.hpp"
#include "parser/source_text.hpp"

using namespace pgshift;

namespace {

std::string text_error(const std::string& bytes) {
    try {
        require_sql_text("migrations/001_bad.sql", bytes);
    } catch (const MigrationError& error) {
        return format_migration_error(error);
    }
    return "no error";
}

std::time_t utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) {
    std::tm time{};
    time.tm_year = year - 1900;
    time.tm_mon = month - 1;
    time.tm_mday = day;
    time.tm_hour = hour;
    time.tm_min = minute;
    time.tm_sec = second;
    return timegm(&time);
}

// The name db diff -f would write next into a folder holding `files`.
std::string next_name(const std::vector<std::string>& files, std::time_t now) {
    std::filesystem::path folder = std::filesystem::temp_directory_path() / "pgshift-next-name";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    for (const std::string& file : files) std::ofstream(folder / file) << "select 1;\n";
    std::string path = cli::new_migration_path(folder.string(), "Model", now);
    std::filesystem::remove_all(folder);
    return std::filesystem::path(path).filename().string();
}

}  // namespace

TEST_CASE("a file that is not UTF-8 is rejected as PostgreSQL rejects it, at the byte") {
    CHECK(text_error("create table t (a text);\ncomment on table t is 'caf\xe9 te';\n") ==
          "migrations/001_bad.sql:2:27: error: invalid byte sequence for encoding \"UTF8\": 0xe9 0x20 0x74\n"
          "  comment on table t is 'caf\xEF\xBF\xBD te';\n"
          "                            ^\n");
    // A sequence cut short by the end of the file shows the bytes there are.
    CHECK(text_error("select 'x\xe2\x82") ==
          "migrations/001_bad.sql:1:10: error: invalid byte sequence for encoding \"UTF8\": 0xe2 0x82\n"
          "  select 'x\xEF\xBF\xBD\xEF\xBF\xBD\n"
          "           ^\n");
    // Overlong forms and surrogates are not UTF-8 either.
    CHECK(text_error("select '\xc0\xaf';").find("0xc0 0xaf") != std::string::npos);
    CHECK(text_error("select '\xed\xa0\x80';").find("0xed 0xa0 0x80") != std::string::npos);
    CHECK(text_error("select 'caf\xc3\xa9', '\xf0\x9f\x98\x80';") == "no error");
}

TEST_CASE("a NUL byte is an error where it is, not the end of the file") {
    std::string sql("create table a (x int);\ncreate table b (y int\0);\ncreate table c (z int);\n", 72);
    CHECK(text_error(sql) ==
          "migrations/001_bad.sql:2:22: error: invalid byte sequence for encoding \"UTF8\": 0x00\n"
          "  create table b (y int\xEF\xBF\xBD);\n"
          "                       ^\n");
}

TEST_CASE("a binary file is not a text file, and none of it is printed") {
    std::string binary(
        "\x7f"
        "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\x10\x9f\0\0\0\0\0\0",
        32);
    for (int i = 0; i < 200; ++i) binary += char(i);
    CHECK(text_error(binary) == "migrations/001_bad.sql: error: not a text file\n");
}

TEST_CASE("parse_sql checks the text as a file is checked") {
    try {
        parse_sql(std::string("select 1;\0", 10), "inline.sql");
        FAIL("a NUL byte was accepted");
    } catch (const MigrationError& error) {
        CHECK(std::string(error.what()) == "invalid byte sequence for encoding \"UTF8\": 0x00");
        CHECK(error.location().line == 1);
        CHECK(error.location().column == 10);
    }
}

TEST_CASE("statements that are not modelled are cut at 60 bytes, and say so") {
    SchemaModel model = parse_sql(
        "create operator class a_very_long_operator_class_name_that_goes_on for type int using btree as operator 1 <;\n"
        "create operator class short for type int using btree as operator 1 <;\n"
        "create collation german (locale = 'de_DE');\n");
    REQUIRE(model.unmodelled.size() == 3);
    CHECK(model.unmodelled[0].what == "create operator class a_very_long_operator_class_name_that_g...");
    CHECK(model.unmodelled[1].what == "create operator class short for type int using btree as oper...");
    CHECK(model.unmodelled[2].what == "create collation german");
}

TEST_CASE("the next migration's name follows the folder's form and is always a valid date") {
    std::time_t now = utc(2025, 10, 31, 12, 30, 5);
    // Supabase's timestamps, and an empty folder.
    CHECK(next_name({}, now) == "20251031123005_model.sql");
    CHECK(next_name({"20240101000000_init.sql"}, now) == "20251031123005_model.sql");
    // A last name in the future: the next second after it, never 60 seconds into a minute.
    CHECK(next_name({"20261231235959_late.sql"}, now) == "20270101000000_model.sql");
    // A date folder: today, or the day after the last one, as a real date.
    CHECK(next_name({"20240101_init.sql", "20240315_posts.sql"}, now) == "20251031_model.sql");
    CHECK(next_name({"20251031_init.sql"}, now) == "20251101_model.sql");
    CHECK(next_name({"20251231_init.sql"}, now) == "20260101_model.sql");
    // A name written before as an impossible date still sorts before the next one.
    CHECK(next_name({"20251031_init.sql", "20251032_model.sql"}, now) == "20251101_model.sql");
    // Minutes, and Laravel's form.
    CHECK(next_name({"202510311230_init.sql"}, now) == "202510311231_model.sql");
    CHECK(next_name({"2014_10_12_000000_create_users.sql"}, now) == "2025_10_31_123005_model.sql");
    // Numbers stay numbers, as wide as they were written.
    CHECK(next_name({"001_init.sql", "002_posts.sql"}, now) == "003_model.sql");
    CHECK(next_name({"00000001_init.sql"}, now) == "00000002_model.sql");
}
