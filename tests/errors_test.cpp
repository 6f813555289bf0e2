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

TEST_CASE("a view or a policy naming a column that does not exist is rejected at the reference") {
    CHECK(formatted_error("create table notes (id int, body text);\ncreate view v as select id, title from notes;\n") ==
          "migrations/002_bad.sql:2:29: error: column \"title\" does not exist\n"
          "  create view v as select id, title from notes;\n"
          "                              ^\n");
    CHECK(formatted_error("create table notes (id int, owner_id uuid);\n"
                          "create policy p on notes using (exists (select 1 from notes n where n.owner = owner_id));\n") ==
          "migrations/002_bad.sql:2:69: error: column n.owner does not exist\n"
          "  create policy p on notes using (exists (select 1 from notes n where n.owner = owner_id));\n"
          "                                                                      ^\n");
    CHECK(formatted_error("create table notes (id int);\ncreate view v as select n.id from notes n join tags t on t.note_id = n.id;\n") ==
          "migrations/002_bad.sql:2:48: error: relation \"tags\" does not exist\n"
          "  create view v as select n.id from notes n join tags t on t.note_id = n.id;\n"
          "                                                 ^\n");
}

TEST_CASE("a SQL function's body is read as PostgreSQL reads it, and errors point into the file") {
    // Dollar-quoted: lines of the body are lines of the file.
    CHECK(formatted_error("create table notes (id int);\ncreate function f() returns bigint language sql as $body$\n"
                          "  select count(*)\n  from notes where archived\n$body$;\n") ==
          "migrations/002_bad.sql:4:20: error: column \"archived\" does not exist\n"
          "    from notes where archived\n"
          "                     ^\n");
    // A quoted body counts each doubled quote as the one character it stands for.
    CHECK(formatted_error("create table notes (id int, body text);\n"
                          "create function f() returns bigint language sql as 'select id from notes where body = ''x'' and hidden';\n") ==
          "migrations/002_bad.sql:2:97: error: column \"hidden\" does not exist\n"
          "  create function f() returns bigint language sql as 'select id from notes where body = ''x'' and hidden';\n"
          "                                                                                                  ^\n");
    CHECK(formatted_error("create function f() returns bigint language sql as $$select count(*) from public.notes$$;\n") ==
          "migrations/002_bad.sql:1:75: error: relation \"public.notes\" does not exist\n"
          "  create function f() returns bigint language sql as $$select count(*) from public.notes$$;\n"
          "                                                                            ^\n");
    CHECK(formatted_error("create function f() returns bigint language sql as $$selec 1$$;\n") ==
          "migrations/002_bad.sql:1:54: error: syntax error at or near \"selec\"\n"
          "  create function f() returns bigint language sql as $$selec 1$$;\n"
          "                                                       ^\n");
}

TEST_CASE("references the model cannot judge are accepted") {
    // An extension's relation, a schema outside the model, the system catalogs, a function's result.
    CHECK(formatted_error("create extension postgis;\ncreate view v as select srid from spatial_ref_sys;\n") == "no error");
    CHECK(formatted_error("create view v as select id, email from auth.users;\n") == "no error");
    CHECK(formatted_error("create view v as select c.relname, c.anything from pg_class c;\n") == "no error");
    CHECK(formatted_error("create view v as select r.anything from json_each('{}') r;\n") == "no error");
    // After a statement that was not modelled, relations the model lacks may exist.
    CHECK(formatted_error("create table copied as select 1 as a;\ncreate view v as select a from copied;\n") == "no error");
    // A view whose columns the model does not know (a star over a function), a column's field.
    CHECK(formatted_error("create view w as select * from json_each('{}');\ncreate view v as select w.anything from w;\n") == "no error");
    // PL/pgSQL bodies, polymorphic SQL functions, check_function_bodies off.
    CHECK(formatted_error("create function f() returns int language plpgsql as $$begin return (select x from nowhere); end$$;\n") ==
          "no error");
    CHECK(formatted_error("create function f(a anyelement) returns int language sql as 'select x from nowhere';\n") == "no error");
    CHECK(formatted_error("set check_function_bodies = off;\ncreate function f() returns int language sql as 'select x from nowhere';\n") ==
          "no error");
}

TEST_CASE("check_function_bodies starts on in every file and follows SET and set_config") {
    std::string off_then_reset = "set check_function_bodies = off;\nreset check_function_bodies;\n"
                                 "create function f() returns int language sql as 'select x from nowhere';\n";
    CHECK(formatted_error(off_then_reset).find("relation \"nowhere\" does not exist") != std::string::npos);
    CHECK(formatted_error("select pg_catalog.set_config('check_function_bodies', 'false', false);\n"
                          "create function f() returns int language sql as 'select x from nowhere';\n") == "no error");
    CHECK(formatted_error("create function f() returns int language sql set check_function_bodies = off as 'select x from nowhere';\n") ==
          "no error");
}
