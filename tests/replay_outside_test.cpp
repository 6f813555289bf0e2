// What migrations do outside their schemas, replayed as PostgreSQL 15 applies it, errors byte
// for byte: privileges on the database, privileges on extensions' functions, foreign-data
// wrappers, servers and user mappings. And how they compare (credentials never printed).
#include <catch2/catch.hpp>

#include "diff/compare.hpp"
#include "output/model_json.hpp"
#include "parser/migration_error.hpp"
#include "parser/parse_folder.hpp"

using namespace pgshift;

namespace {

std::string error_of(const std::string& sql) {
    try {
        parse_sql(sql, "m.sql");
    } catch (const MigrationError& error) {
        return format_migration_error(error);
    }
    return "no error";
}

const std::string wrapper = R"(
    create function h() returns fdw_handler language c as 'postgres_fdw', 'postgres_fdw_handler';
    create foreign data wrapper w handler h validator postgresql_fdw_validator options (debug 'true');
)";

}  // namespace

TEST_CASE("GRANT / REVOKE ON DATABASE change the database's privileges, by no name") {
    SchemaModel model = parse_sql(R"(
        revoke all privileges on database "postgres" from "anon";
        revoke temporary on database postgres from public;
        grant connect on database postgres to authenticated with grant option;)");
    REQUIRE(model.database);
    CHECK(model.database->name == "postgres");
    CHECK(model.database->roles == std::set<std::string>{"PUBLIC", "anon", "authenticated"});
    CHECK(*model.database->acl == Acl{{"PUBLIC", "c"}, {"authenticated", "c*"}, {"postgres", "CTc"}});
    CHECK(parse_sql("create table t (a int);").database == std::nullopt);
    // Another name after the first is another database.
    SchemaModel two = parse_sql("grant connect on database a to anon; grant connect on database b to anon;");
    REQUIRE(two.unmodelled.size() == 1);
    CHECK(two.unmodelled[0].what == "GRANT on database b, another database");

    CHECK(error_of("\ngrant select on database postgres to anon;") ==
          "m.sql:2:1: error: invalid privilege type SELECT for database\n"
          "  grant select on database postgres to anon;\n"
          "  ^\n");
}

TEST_CASE("database privileges compare only for the roles migrations named") {
    SchemaModel migrations = parse_sql("revoke all on database postgres from anon;");
    SchemaModel database = parse_sql("");  // as introspection reads it: another name, every role
    database.database = DatabasePrivileges{"platform_test", "postgres", Acl{{"PUBLIC", "Tc"}, {"postgres", "CTc"}, {"dashboard_user", "CTc"}}, {}};
    CHECK(compare_models(migrations, database).empty());
    database.database->acl->emplace("anon", "c");
    auto differences = compare_models(migrations, database);
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].kind == "database");
    CHECK(differences[0].object == "current database");
    CHECK(differences[0].from == "");
    CHECK(differences[0].to == "anon=c");
}

TEST_CASE("GRANT on an extension's function keeps its privileges, not the function") {
    SchemaModel model = parse_sql(R"(
        create extension if not exists pg_trgm with schema public;
        grant all on function "public"."gtrgm_in"("cstring") to "anon";
        revoke execute on function public.similarity(text, text) from public;
        grant execute on function similarity(text, text) to authenticated;)");
    CHECK(model.functions.empty());
    CHECK(model.unmodelled.empty());
    const ExtensionFunctionPrivileges& in = model.extension_function_privileges.at({"public", "gtrgm_in(cstring)"});
    CHECK(*in.acl == Acl{{"PUBLIC", "X"}, {"anon", "X"}, {"postgres", "X"}});
    CHECK(in.roles == std::set<std::string>{"anon"});
    const ExtensionFunctionPrivileges& similarity = model.extension_function_privileges.at({"public", "similarity(text, text)"});
    CHECK(*similarity.acl == Acl{{"authenticated", "X"}, {"postgres", "X"}});

    // A database lists every changed function of its extensions; the roles migrations named are compared.
    SchemaModel database = parse_sql("create extension pg_trgm;");
    database.extension_function_privileges[{"public", "gtrgm_in(cstring)"}] = {"postgres", Acl{{"PUBLIC", "X"}, {"anon", "X"}, {"postgres", "X"}, {"other", "X"}}, {}};
    database.extension_function_privileges[{"public", "similarity(text, text)"}] = {"postgres", Acl{{"postgres", "X"}}, {}};
    database.extension_function_privileges[{"public", "word_similarity(text, text)"}] = {"postgres", Acl{{"postgres", "X"}}, {}};
    auto differences = compare_models(model, database);
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].kind == "extension function");
    CHECK(differences[0].object == "public.similarity(text, text)");
    CHECK(differences[0].from == "authenticated=X");
    CHECK(differences[0].to == "");
}

TEST_CASE("foreign-data wrappers, servers and user mappings are replayed with PostgreSQL's errors") {
    SchemaModel model = parse_sql(wrapper + R"(
        create server s type 'pg' version '15' foreign data wrapper w options (host 'db', port '5432');
        create server if not exists s foreign data wrapper w;
        alter server s version '16' options (set port '6543', add dbname 'app');
        create user mapping for current_user server s options (user 'app', password 'hunter2');
        create user mapping for public server s;
        alter user mapping for public server s options (add user 'guest');
        create foreign table remote (id int) server s options (table_name 'items');
        grant usage on foreign server s to anon;
        alter foreign data wrapper w no validator options (drop debug);
        comment on server s is 'the app database';
        alter server s rename to app;)");
    const ForeignDataWrapper& w = model.foreign_data_wrappers.at("w");
    CHECK(w.handler == "public.h");
    CHECK(w.validator.empty());
    CHECK(w.options.empty());
    const ForeignServer& s = model.foreign_servers.at("app");
    CHECK(s.wrapper == "w");
    CHECK(s.type == "pg");
    CHECK(s.version == "16");
    CHECK(s.options == std::vector<std::string>{"host=db", "port=6543", "dbname=app"});
    CHECK(s.comment == "the app database");
    CHECK(*s.acl == Acl{{"anon", "U"}, {"postgres", "U"}});
    CHECK(model.user_mappings.at({"app", "postgres"}).options == std::vector<std::string>{"user=app", "password=hunter2"});
    CHECK(model.user_mappings.at({"app", "public"}).options == std::vector<std::string>{"user=guest"});
    CHECK(model.tables.at({"public", "remote"}).foreign_server == "app");

    // The model's JSON never holds a credential.
    std::string json = model_to_json(model).dump();
    CHECK(json.find("hunter2") == std::string::npos);
    CHECK(json.find("password=********") != std::string::npos);

    SchemaModel dropped = parse_sql(wrapper + "create server s foreign data wrapper w; create user mapping for public server s;"
                                              "create foreign table r (id int) server s; drop foreign data wrapper w cascade;");
    CHECK(dropped.foreign_data_wrappers.empty());
    CHECK(dropped.foreign_servers.empty());
    CHECK(dropped.user_mappings.empty());
    CHECK(dropped.tables.empty());

    auto error = [&](const std::string& statement) { return error_of(wrapper + "create server s foreign data wrapper w;\n" + statement); };
    CHECK(error("create foreign data wrapper w;") ==
          "m.sql:5:1: error: foreign-data wrapper \"w\" already exists\n  create foreign data wrapper w;\n  ^\n");
    CHECK(error("create server t foreign data wrapper nope;") ==
          "m.sql:5:1: error: foreign-data wrapper \"nope\" does not exist\n  create server t foreign data wrapper nope;\n  ^\n");
    CHECK(error("create server s foreign data wrapper w;") ==
          "m.sql:5:1: error: server \"s\" already exists\n  create server s foreign data wrapper w;\n  ^\n");
    CHECK(error("create foreign table r (id int) server nope;") ==
          "m.sql:5:1: error: server \"nope\" does not exist\n  create foreign table r (id int) server nope;\n  ^\n");
    CHECK(error("create user mapping for public server s; create user mapping for public server s;") ==
          "m.sql:5:42: error: user mapping for \"public\" already exists for server \"s\"\n"
          "  create user mapping for public server s; create user mapping for public server s;\n"
          "                                           ^\n");
    CHECK(error("alter user mapping for anon server s options (user 'x');") ==
          "m.sql:5:1: error: user mapping for \"anon\" does not exist for server \"s\"\n"
          "  alter user mapping for anon server s options (user 'x');\n  ^\n");
    CHECK(error("drop foreign data wrapper w;") ==
          "m.sql:5:1: error: cannot drop foreign-data wrapper w because other objects depend on it\n"
          "  drop foreign data wrapper w;\n  ^\n"
          "DETAIL:  server s depends on foreign-data wrapper w\n");
    CHECK(error("alter server s options (set port '1');") ==
          "m.sql:5:29: error: option \"port\" not found\n  alter server s options (set port '1');\n" + std::string(30, ' ') + "^\n");
}

TEST_CASE("a changed credential is reported without its value") {
    std::string start = wrapper + "create server s foreign data wrapper w options (host 'db', api_key 'sk_one');"
                                  "create user mapping for public server s options (user 'u', password 'one');";
    SchemaModel a = parse_sql(start);
    SchemaModel b = parse_sql(start + "alter user mapping for public server s options (set password 'two');"
                                      "alter server s options (set api_key 'sk_two');");
    auto differences = compare_models(a, b);
    REQUIRE(differences.size() == 2);
    CHECK(differences[0].kind == "server");
    CHECK(differences[0].property == "credentials");
    CHECK(differences[0].from == "api_key=********");
    CHECK(differences[0].to == "api_key=******** (changed)");
    CHECK(differences[1].kind == "user mapping");
    CHECK(differences[1].object == "public on server s");
    CHECK(differences[1].from == "password=********");
    CHECK(differences[1].to == "password=******** (changed)");
}
