#include <catch2/catch.hpp>

#include "diff/compare.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/parse_folder.hpp"

using namespace pgshift;

TEST_CASE("equal models compare empty; one change gives one difference") {
    std::string sql = "create table t (id int primary key, name text default 'x'); create policy p on t using (id > 0);";
    SchemaModel a = parse_sql(sql);
    SchemaModel b = parse_sql(sql);
    CHECK(compare_models(a, b).empty());
    b.tables.at({"public", "t"}).find_column("name")->default_expr = "'y'";
    auto differences = compare_models(a, b);
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].kind == "column");
    CHECK(differences[0].object == "public.t.name");
    CHECK(differences[0].property == "default");
    CHECK(differences[0].from == "'x'");
    CHECK(differences[0].to == "'y'");
}

TEST_CASE("members are named under their table, quoted where needed; column order differs on its own") {
    std::string table = "create table \"My T\" (id int, \"Name\" text, note text);"
                        "create function f() returns trigger language plpgsql as 'begin return new; end';";
    SchemaModel a = parse_sql(table + "create policy \"read all\" on \"My T\" using (true);"
                                      "create trigger t before insert on \"My T\" for each row execute function f();");
    SchemaModel b = parse_sql(table + "create policy \"read all\" on \"My T\" using (false);"
                                      "create trigger t after insert on \"My T\" for each row execute function f();");
    b.tables.at({"public", "My T"}).find_column("Name")->not_null = true;
    auto differences = compare_models(a, b);
    REQUIRE(differences.size() == 3);
    CHECK(differences[0].object == "public.\"My T\".\"Name\"");
    CHECK(differences[0].member == "Name");
    CHECK(differences[1].object == "public.\"My T\".\"read all\"");
    CHECK(differences[1].property == "using");
    CHECK(differences[2].object == "public.\"My T\".t");
    CHECK(differences[2].property == "timing");

    SchemaModel reordered = parse_sql("create table \"My T\" (\"Name\" text, id int, note text);");
    differences = compare_models(parse_sql("create table \"My T\" (id int, \"Name\" text, note text);"), reordered);
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].property == "column order");
    CHECK(differences[0].from == "id, Name, note");
    CHECK(differences[0].to == "Name, id, note");
}

TEST_CASE("objects on one side only are reported with their side") {
    SchemaModel a = parse_sql("create table t (id int);");
    SchemaModel b = parse_sql("create table t (id int); create index on t (id);");
    auto differences = compare_models(a, b);
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].kind == "index");
    CHECK(differences[0].property == "exists");
    CHECK(differences[0].to == "present");
}

TEST_CASE("a NULL ACL equals the explicit default it stands for") {
    SchemaModel a = parse_sql("create table t (id int);");
    SchemaModel b = a;
    b.tables.at({"public", "t"}).acl = default_acl(acl_object::table, "postgres");
    CHECK(compare_models(a, b).empty());
}

TEST_CASE("managed schemas compare only the policies, triggers and grants users add") {
    std::string platform = "create schema auth; create table auth.users (id int);"
                           "create function auth.uid() returns uuid language sql stable as 'select null::uuid';";
    SchemaModel a = parse_sql(platform + "create policy mine on auth.users using (true);");
    SchemaModel b = parse_sql(platform + "alter table auth.users add column extra int; create policy mine on auth.users using (false);"
                                         "create or replace function auth.uid() returns uuid language sql stable as 'select gen_random_uuid()';"
                                         "grant execute on function auth.uid() to authenticated;");
    CompareOptions managed;
    managed.managed_schemas = {"auth", "storage", "extensions"};
    auto differences = compare_models(a, b, managed);
    REQUIRE(differences.size() == 2);
    CHECK(differences[0].kind == "policy");
    CHECK(differences[1].kind == "function");
    CHECK(differences[1].property == "privileges");
    CHECK(compare_models(a, b).size() == 4);
}

TEST_CASE("managed schemas compare what users switch, grant and say on the platform's objects, not the objects") {
    std::string platform = "create schema storage; create table storage.objects (id int, name text);"
                           "alter table storage.objects enable row level security;"
                           "create function storage.foldername(name text) returns text[] language sql as 'select null::text[]';"
                           "create extension pgcrypto with schema storage; alter default privileges in schema storage grant select on tables to anon;";
    SchemaModel a = parse_sql(platform);
    SchemaModel b = parse_sql(platform + "alter table storage.objects disable row level security;"
                                         "grant select (name) on storage.objects to anon; comment on table storage.objects is 'files';"
                                         "revoke execute on function storage.foldername(text) from public;"
                                         "grant usage on schema storage to anon; alter schema storage owner to nobody;"
                                         "create table storage.more (id int); create extension hstore with schema storage;"
                                         "alter default privileges in schema storage grant insert on tables to anon;");
    CompareOptions managed;
    managed.managed_schemas = {"storage"};
    std::vector<std::string> found;
    for (const Difference& d : compare_models(a, b, managed)) found.push_back(d.kind + " " + d.object + " " + d.property);
    CHECK(found == std::vector<std::string>{"schema storage privileges", "table storage.objects row level security",
                                            "table storage.objects comment", "column storage.objects.name privileges",
                                            "function storage.foldername(text) privileges"});
}

TEST_CASE("aclitem text and search_path settings parse as the catalog prints them") {
    CHECK(parse_acl_items({"postgres=arwdDxt/postgres", "=r/postgres", "\"odd=role\"=w*/postgres"}) ==
          Acl{{"postgres", "arwdDxt"}, {"PUBLIC", "r"}, {"odd=role", "w*"}});
    CHECK(split_search_path("\"$user\", public, extensions") == std::vector<std::string>{"$user", "public", "extensions"});
    CHECK(split_search_path("\"\"").size() == 1);
}

namespace {

const std::string publication_tables = R"(
    create table t (a int primary key, b text, c int, g int generated always as (a * 2) stored);
    create table u (x int);
    create schema s;
    create table s.st (a int);
)";

}  // namespace

TEST_CASE("publications compare property by property, members in any order") {
    SchemaModel a = parse_sql(publication_tables + "create publication p for table t (a, b), u;");
    SchemaModel b = parse_sql(publication_tables + "create publication p for table u, t (b, a);");
    CHECK(compare_models(a, b).empty());
    SchemaModel c = parse_sql(publication_tables + "create publication p for table u, t (a) where (c > 0), s.st with (publish = 'insert');");
    std::vector<Difference> differences = compare_models(a, c);
    REQUIRE(differences.size() == 4);
    CHECK(differences[0].kind == "publication");
    CHECK(differences[0].property == "publish");
    CHECK(differences[1].kind == "publication table");
    CHECK(differences[1].object == "p.public.t");
    CHECK(differences[1].property == "columns");
    CHECK(differences[1].from == "a, b");
    CHECK(differences[2].property == "row filter");
    CHECK(differences[2].relation == QualifiedName{"public", "t"});
    CHECK(differences[2].member == "p");
    CHECK(differences[3].object == "p.s.st");
    CHECK(differences[3].property == "exists");
    CHECK(differences[3].to == "present");
}
