// Publications replayed as PostgreSQL 15 applies the statements, errors byte for byte.
#include <catch2/catch.hpp>

#include "model/filter.hpp"
#include "parser/migration_error.hpp"
#include "parser/parse_folder.hpp"
#include "parser/written_expressions.hpp"

using namespace pgshift;

namespace {

const std::string tables = R"(
    create table t (a int primary key, b text, c int, g int generated always as (a * 2) stored);
    create table u (x int);
    create schema s;
    create table s.st (a int);
)";

const Publication& publication(const SchemaModel& model, const std::string& name) { return model.publications.at(name); }

const PublicationTable& member(const SchemaModel& model, const std::string& name, const std::string& table,
                               const std::string& schema = "public") {
    return publication(model, name).tables.at({schema, table});
}

std::string error_of(const std::string& sql) {
    try {
        parse_sql(sql, "m.sql");
    } catch (const MigrationError& error) {
        return format_migration_error(error);
    }
    return "no error";
}

}  // namespace

TEST_CASE("CREATE PUBLICATION keeps every form as the catalog stores it") {
    SchemaModel model = parse_sql(tables + R"(
        create publication everything for all tables with (publish = 'insert, update');
        create publication listed for table t (c, a) where (t.a > 1 and b in ('x', 'y')), u
          with (publish = ' Insert , TRUNCATE', publish_via_partition_root);
        create publication by_schema for tables in schema s, table u;
        create publication empty;
        comment on publication empty is 'nothing yet';)");
    const Publication& all = publication(model, "everything");
    CHECK(all.all_tables);
    CHECK(all.tables.empty());
    CHECK(all.publish() == "insert, update");
    CHECK(all.owner == "postgres");

    const Publication& listed = publication(model, "listed");
    CHECK(listed.publish() == "insert, truncate");
    CHECK(listed.via_partition_root);
    CHECK(member(model, "listed", "t").columns == std::vector<std::string>{"a", "c"});  // by column number
    CHECK(member(model, "listed", "t").row_filter == "a > 1 AND b = ANY(ARRAY['x', 'y'])");
    CHECK(member(model, "listed", "u").columns.empty());
    CHECK(member(model, "listed", "u").row_filter.empty());

    CHECK(publication(model, "by_schema").schemas == std::set<std::string>{"s"});
    CHECK(publication(model, "by_schema").tables.count({"public", "u"}) == 1);
    CHECK(publication(model, "empty").publish() == "insert, update, delete, truncate");
    CHECK(publication(model, "empty").comment == "nothing yet");
}

TEST_CASE("a parent brings its inheritance children, ONLY does not, and t, t is t once") {
    SchemaModel model = parse_sql(R"(
        create table parent (a int, b int);
        create table child (c int) inherits (parent);
        create table grandchild () inherits (child);
        create publication whole for table parent (b) where (a > 0);
        create publication alone for table only parent, parent;)");
    const Publication& whole = publication(model, "whole");
    CHECK(whole.tables.size() == 3);
    CHECK(member(model, "whole", "grandchild").columns == std::vector<std::string>{"b"});
    CHECK(member(model, "whole", "child").row_filter == "a > 0");
    CHECK(publication(model, "alone").tables.size() == 3);  // the second "parent" recurses
    SchemaModel only = parse_sql("create table parent (a int); create table child () inherits (parent); create publication p for table only parent;");
    CHECK(only.publications.at("p").tables.size() == 1);
}

TEST_CASE("ALTER PUBLICATION adds, drops and sets tables, schemas and options") {
    SchemaModel model = parse_sql(tables + R"(
        create publication p for table t;
        alter publication p add table u, tables in schema s;
        alter publication p drop table t;
        alter publication p set (publish = 'delete');
        alter publication p set (publish_via_partition_root = true);
        create publication q for table t, u;
        alter publication q set table u where (x > 0), tables in schema s;
        alter publication q owner to someone;
        alter publication q rename to r;)");
    const Publication& p = publication(model, "p");
    CHECK(p.tables.size() == 1);
    CHECK(p.tables.count({"public", "u"}) == 1);
    CHECK(p.schemas == std::set<std::string>{"s"});
    CHECK(p.publish() == "delete");  // SET changes only what it names
    CHECK(p.via_partition_root);
    CHECK(model.publications.count("q") == 0);
    const Publication& r = publication(model, "r");
    CHECK(r.owner == "someone");
    CHECK(r.tables.size() == 1);
    CHECK(member(model, "r", "u").row_filter == "x > 0");
    CHECK(r.schemas == std::set<std::string>{"s"});
    CHECK(model.written_expressions.count({{"public", "u"}, "r", "row filter"}) == 0);  // written as canonical
}

TEST_CASE("publications follow table and column renames and moves, and lose dropped tables and schemas") {
    SchemaModel model = parse_sql(tables + R"(
        create publication p for table t (a, b) where (c > 0), s.st;
        create publication q for tables in schema s;
        alter table t rename column c to cc;
        alter table t rename column a to aa;
        alter table t rename to tt;
        create schema other;
        alter table tt set schema other;
        alter schema s rename to s2;
        drop table s2.st;)");
    const Publication& p = publication(model, "p");
    REQUIRE(p.tables.size() == 1);
    CHECK(member(model, "p", "tt", "other").columns == std::vector<std::string>{"aa", "b"});
    CHECK(member(model, "p", "tt", "other").row_filter == "cc > 0");
    CHECK(publication(model, "q").schemas == std::set<std::string>{"s2"});
    SchemaModel dropped = parse_sql(tables + "create publication q for tables in schema s; drop schema s cascade;");
    CHECK(dropped.publications.at("q").schemas.empty());
}

TEST_CASE("a column in a column list or row filter is dropped only with CASCADE, which takes the table out") {
    std::string start = tables + "create publication p for table t (a, b) where (c > 0), u;";
    CHECK(error_of(start + "\nalter table t drop column c;") ==
          "m.sql:7:1: error: cannot drop column c of table t because other objects depend on it\n"
          "  alter table t drop column c;\n"
          "  ^\n"
          "DETAIL:  publication of table t in publication p depends on column c of table t\n");
    SchemaModel model = parse_sql(start + "alter table t drop column g; alter table t drop column b cascade;");
    CHECK(publication(model, "p").tables.size() == 1);
    CHECK(publication(model, "p").tables.count({"public", "u"}) == 1);
    CHECK(error_of(start + "\nalter table t alter column c type bigint;") ==
          "m.sql:7:1: error: cannot alter type of a column used by a publication WHERE clause\n"
          "  alter table t alter column c type bigint;\n"
          "  ^\n"
          "DETAIL:  publication of table t in publication p depends on column \"c\"\n");
    CHECK(error_of(start + "\nalter table t set unlogged;") ==
          "m.sql:7:1: error: cannot change table \"t\" to unlogged because it is part of a publication\n"
          "  alter table t set unlogged;\n"
          "  ^\n"
          "DETAIL:  Unlogged relations cannot be replicated.\n");
}

TEST_CASE("publication errors are PostgreSQL's, byte for byte") {
    auto error = [&](const std::string& statement) { return error_of(tables + "\n" + statement); };
    CHECK(error("create publication p for table nope;") ==
          "m.sql:7:32: error: relation \"nope\" does not exist\n  create publication p for table nope;\n                                 ^\n");
    CHECK(error("create publication p for table s.nope;") ==
          "m.sql:7:32: error: relation \"s.nope\" does not exist\n  create publication p for table s.nope;\n                                 ^\n");
    CHECK(error("create publication p; create publication p;") ==
          "m.sql:7:23: error: publication \"p\" already exists\n  create publication p; create publication p;\n                        ^\n");
    CHECK(error("alter publication nope add table t;") ==
          "m.sql:7:1: error: publication \"nope\" does not exist\n  alter publication nope add table t;\n  ^\n");
    CHECK(error("create view v as select 1 as one; create publication p for table v;") ==
          "m.sql:7:66: error: cannot add relation \"v\" to publication\n"
          "  create view v as select 1 as one; create publication p for table v;\n"
          "                                                                   ^\n"
          "DETAIL:  This operation is not supported for views.\n");
    CHECK(error("create index i on t (b); create publication p for table i;").find("error: \"i\" is an index\n") != std::string::npos);
    CHECK(error("set search_path = nope; create publication p for tables in schema current_schema;")
              .find("error: no schema has been selected for CURRENT_SCHEMA\n") != std::string::npos);
    CHECK(error("create publication p for table t (a, a);").find("error: duplicate column \"a\" in publication column list\n") !=
          std::string::npos);
    CHECK(error("create publication p for table t (g);").find("error: cannot use generated column \"g\" in publication column list\n") !=
          std::string::npos);
    CHECK(error("create publication p for table t (nope);").find("error: column \"nope\" of relation \"t\" does not exist\n") !=
          std::string::npos);
    CHECK(error("create publication p for table t where (a > 1), t;").find("error: conflicting or redundant WHERE clauses for table \"t\"\n") !=
          std::string::npos);
    CHECK(error("create publication p for table t (a), t;").find("error: conflicting or redundant column lists for table \"t\"\n") !=
          std::string::npos);
    CHECK(error("create publication p for tables in schema s, table s.st (a);") ==
          "m.sql:7:1: error: cannot use column list for relation \"s.st\" in publication \"p\"\n"
          "  create publication p for tables in schema s, table s.st (a);\n"
          "  ^\n"
          "DETAIL:  Column lists cannot be specified in publications containing FOR TABLES IN SCHEMA elements.\n");
    CHECK(error("create publication p for tables in schema nope;").find("error: schema \"nope\" does not exist\n") != std::string::npos);
    CHECK(error("create publication p for table t with (publish = 'insert', publish = 'update');") ==
          "m.sql:7:60: error: conflicting or redundant options\n"
          "  create publication p for table t with (publish = 'insert', publish = 'update');\n"
          "                                                             ^\n");
    CHECK(error("create publication p with (publish = 'upsert');").find("error: unrecognized value for publication option \"publish\": \"upsert\"\n") !=
          std::string::npos);
    CHECK(error("create publication p with (foo = 1);").find("error: unrecognized publication parameter: \"foo\"\n") != std::string::npos);
    CHECK(error("create publication p with (publish_via_partition_root = maybe);")
              .find("error: publish_via_partition_root requires a Boolean value\n") != std::string::npos);
    CHECK(error("create publication p for table t where (nope > 1);") ==
          "m.sql:7:41: error: column \"nope\" does not exist\n  create publication p for table t where (nope > 1);\n                                          ^\n");
    CHECK(error("create function f() returns int language sql immutable as 'select 1'; create publication p for table t where (a = f());") ==
          "m.sql:7:115: error: invalid publication WHERE expression\n"
          "  create function f() returns int language sql immutable as 'select 1'; create publication p for table t where (a = f());\n"
          "                                                                                                                    ^\n"
          "DETAIL:  User-defined or built-in mutable functions are not allowed.\n");
    CHECK(error("create publication p for table t where (a > (select 1));").find("DETAIL:  Only columns, constants, built-in operators") !=
          std::string::npos);
    CHECK(error("create publication p for all tables; alter publication p add table t;") ==
          "m.sql:7:38: error: publication \"p\" is defined as FOR ALL TABLES\n"
          "  create publication p for all tables; alter publication p add table t;\n"
          "                                       ^\n"
          "DETAIL:  Tables cannot be added to or dropped from FOR ALL TABLES publications.\n");
    CHECK(error("create publication p for table t; alter publication p add table t;").find("error: relation \"t\" is already member of publication \"p\"\n") !=
          std::string::npos);
    CHECK(error("create publication p; alter publication p drop table t;").find("error: relation \"t\" is not part of the publication\n") !=
          std::string::npos);
    CHECK(error("create publication p for table t; alter publication p drop table t (a);")
              .find("error: column list must not be specified in ALTER PUBLICATION ... DROP\n") != std::string::npos);
    CHECK(error("create publication p for table t; alter publication p drop table t where (a > 1);")
              .find("error: cannot use a WHERE clause when removing a table from a publication\n") != std::string::npos);
    CHECK(error("create publication p for table t (a); alter publication p add tables in schema s;") ==
          "m.sql:7:39: error: cannot add schema to publication \"p\"\n"
          "  create publication p for table t (a); alter publication p add tables in schema s;\n"
          "                                        ^\n"
          "DETAIL:  Schemas cannot be added if any tables that specify a column list are already part of the publication.\n");
    CHECK(error("create publication p; alter publication p drop tables in schema s;")
              .find("error: tables from schema \"s\" are not part of the publication\n") != std::string::npos);
    CHECK(error("create publication p; create publication q; alter publication p rename to q;").find("error: publication \"q\" already exists\n") !=
          std::string::npos);
    CHECK(error("drop publication nope;").find("error: publication \"nope\" does not exist\n") != std::string::npos);
    CHECK(error("comment on publication nope is 'x';").find("error: publication \"nope\" does not exist\n") != std::string::npos);
    CHECK(error("drop publication if exists nope;") == "no error");
    // The platform's own publication exists only where the platform's state is replayed first.
    CHECK(error("alter publication supabase_realtime add table t;").find("error: publication \"supabase_realtime\" does not exist\n") !=
          std::string::npos);
    CHECK(error("create publication supabase_realtime; alter publication supabase_realtime add table t;") == "no error");
}

TEST_CASE("partitioned tables take a row filter or column list only when published via the root") {
    std::string partitioned = "create table pt (a int, b int) partition by range (a);\n";
    CHECK(error_of(partitioned + "create publication p for table pt where (a > 1);") ==
          "m.sql:2:1: error: cannot use publication WHERE clause for relation \"pt\"\n"
          "  create publication p for table pt where (a > 1);\n"
          "  ^\n"
          "DETAIL:  WHERE clause cannot be used for a partitioned table when publish_via_partition_root is false.\n");
    CHECK(error_of(partitioned + "create publication p for table pt where (a > 1) with (publish_via_partition_root);\n"
                                 "alter publication p set (publish_via_partition_root = false);") ==
          "m.sql:3:1: error: cannot set parameter \"publish_via_partition_root\" to false for publication \"p\"\n"
          "  alter publication p set (publish_via_partition_root = false);\n"
          "  ^\n"
          "DETAIL:  The publication contains a WHERE clause for partitioned table \"pt\", which is not allowed when \"publish_via_partition_root\" is false.\n");
}

TEST_CASE("DROP PUBLICATION, written row filters kept by publication and table") {
    SchemaModel model = parse_sql(tables + R"(
        create publication p for table t where (a > 1::bigint);
        create publication gone;
        drop publication if exists gone, nope;)");
    CHECK(model.publications.size() == 1);
    auto written = model.written_expressions.find({{"public", "t"}, "p", "row filter"});
    REQUIRE(written != model.written_expressions.end());
    CHECK(written->second == "a > 1::bigint");
    drop_stale_written_expressions(model);
    CHECK(model.written_expressions.count({{"public", "t"}, "p", "row filter"}) == 1);
}

TEST_CASE("the managed schemas' members of a publication are kept apart") {
    SchemaModel model = parse_sql(tables + "create publication supabase_realtime for table u, s.st, tables in schema s;");
    Publication platform = model.publications.at("supabase_realtime");
    keep_publication_members(platform, [](const std::string& schema) { return schema == "s"; });
    CHECK(platform.tables.size() == 1);
    CHECK(platform.tables.count({"s", "st"}) == 1);
    CHECK(platform.schemas == std::set<std::string>{"s"});
    filter_schemas(model, [](const std::string& schema) { return schema == "public"; });
    CHECK(model.publications.at("supabase_realtime").tables.size() == 1);
    CHECK(model.publications.at("supabase_realtime").schemas.empty());
}

