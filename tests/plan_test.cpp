#include <catch2/catch.hpp>

#include <algorithm>

#include "diff/plan.hpp"
#include "diff/step_graph.hpp"
#include "parser/canonical/parsed_expression_facts.hpp"
#include "parser/parse_folder.hpp"

using namespace pgshift;

namespace {

Plan plan_between(const std::string& from_sql, const std::string& to_sql, PlanOptions options = {}) {
    static const ParsedExpressionFacts facts;
    options.facts = &facts;
    return plan_migration(parse_sql(from_sql), parse_sql(to_sql), options);
}

std::vector<std::string> sql_of(const Plan& plan) {
    std::vector<std::string> statements;
    for (const Statement& statement : plan.statements) statements.push_back(statement.sql);
    return statements;
}

Statement statement(const std::string& sql) {
    Statement result;
    result.sql = sql;
    return result;
}

std::size_t position(const std::vector<std::string>& statements, const std::string& prefix) {
    for (std::size_t i = 0; i < statements.size(); ++i)
        if (statements[i].rfind(prefix, 0) == 0) return i;
    FAIL("no statement starts with: " << prefix);
    return 0;
}

}  // namespace

TEST_CASE("equal models plan nothing") {
    std::string sql = "create table t (id int primary key, name text); create index on t (name); create policy p on t using (id > 0);";
    CHECK(plan_between(sql, sql).empty());
}

TEST_CASE("hostile names are quoted where needed and only there") {
    Plan plan = plan_between("", R"(create schema "My Schema"; create table "My Schema"."Order" ("select" int, "a""b" text, plain text);)");
    std::vector<std::string> statements = sql_of(plan);
    CHECK(statements[position(statements, "CREATE SCHEMA")] == R"(CREATE SCHEMA "My Schema")");
    std::string table = statements[position(statements, "CREATE TABLE")];
    CHECK(table.find(R"("My Schema"."Order")") != std::string::npos);
    CHECK(table.find(R"("select" integer)") != std::string::npos);
    CHECK(table.find(R"("a""b" text)") != std::string::npos);
    CHECK(table.find("    plain text") != std::string::npos);
}

TEST_CASE("policies come before row level security is enabled, and RLS goes off before they are dropped") {
    std::string table = "create table t (id int, owner text);";
    Plan on = plan_between(table, table + "create policy p on t using (owner = current_user); alter table t enable row level security;");
    std::vector<std::string> statements = sql_of(on);
    CHECK(position(statements, "CREATE POLICY") < position(statements, "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY"));
    Plan off = plan_between(table + "create policy p on t using (owner = current_user); alter table t enable row level security;", table);
    statements = sql_of(off);
    CHECK(position(statements, "ALTER TABLE public.t DISABLE ROW LEVEL SECURITY") < position(statements, "DROP POLICY"));
    CHECK(off.hazards() == std::set<Hazard>{Hazard::authz_weakened});
}

TEST_CASE("online forms on existing tables, plain forms with --no-online") {
    std::string table = "create table t (id int primary key, name text);";
    Plan online = plan_between(table, table + "create index t_name on t (name);");
    REQUIRE(online.statements.size() == 1);
    CHECK(online.statements[0].sql == "CREATE INDEX CONCURRENTLY t_name ON public.t (name)");
    CHECK_FALSE(online.statements[0].transactional);
    CHECK(online.hazards() == std::set<Hazard>{Hazard::index_build});
    PlanOptions plain;
    plain.online = false;
    Plan offline = plan_between(table, table + "create index t_name on t (name);", plain);
    CHECK(offline.statements[0].sql == "CREATE INDEX t_name ON public.t (name)");
    CHECK(offline.statements[0].transactional);
    Plan fresh = plan_between("", table + "create index t_name on t (name);");
    CHECK(fresh.hazards().empty());  // nothing to wait for on a new table
}

TEST_CASE("a rename hint renames instead of dropping and adding") {
    PlanOptions options;
    options.renames.push_back(*parse_rename("public.t.old_name=new_name", Rename::Kind::column));
    Plan plan = plan_between("create table t (id int, old_name text);", "create table t (id int, new_name text);", options);
    REQUIRE(plan.statements.size() == 1);
    CHECK(plan.statements[0].sql == "ALTER TABLE public.t RENAME COLUMN old_name TO new_name");
    CHECK(plan.hazards().empty());
    Plan guessed = plan_between("create table t (id int, old_name text);", "create table t (id int, new_name text);");
    CHECK(guessed.hazards().count(Hazard::deletes_data));
}

TEST_CASE("a table rename hint may name another schema: the table moves there") {
    std::optional<Rename> moved = parse_rename("public.t=private.t", Rename::Kind::table);
    REQUIRE(moved);
    CHECK(moved->table == QualifiedName{"public", "t"});
    CHECK(moved->to == "t");
    CHECK(moved->to_schema == "private");
    CHECK(parse_rename("public.t=public.u", Rename::Kind::table)->to_schema.empty());
    CHECK_FALSE(parse_rename("public.t=private.", Rename::Kind::table));
    PlanOptions options;
    options.renames.push_back(*parse_rename("public.t=crm.u", Rename::Kind::table));
    Plan plan = plan_between("create table t (id int);", "create schema crm; create table crm.u (id int);", options);
    REQUIRE(plan.statements.size() == 3);
    CHECK(plan.statements[0].sql == "CREATE SCHEMA crm");
    CHECK(plan.statements[1].sql == "ALTER TABLE public.t RENAME TO u");
    CHECK(plan.statements[2].sql == "ALTER TABLE public.u SET SCHEMA crm");
    CHECK(plan.hazards().empty());
}

TEST_CASE("a cycle is an error naming every object on it") {
    StepGraph graph;
    auto a = graph.node("view public.a", Phase::create, 1);
    auto b = graph.node("view public.b", Phase::create, 1);
    auto c = graph.node("table public.c", Phase::create, 0);
    graph.add(a, statement("CREATE VIEW a"));
    graph.add(b, statement("CREATE VIEW b"));
    graph.before(a, b);
    graph.before(b, a);
    graph.before(c, a);
    try {
        graph.order();
        FAIL("no error");
    } catch (const PlanError& error) {
        CHECK(std::string(error.what()) == "dependency cycle between: view public.a, view public.b");
    }
}

TEST_CASE("the baseline order is deterministic and dependencies move only what they must") {
    StepGraph graph;
    auto late = graph.node("b", Phase::create, 5);
    auto early = graph.node("a", Phase::create, 1);
    auto dropped = graph.node("c", Phase::drop, 1);
    graph.add(late, statement("late"));
    graph.add(early, statement("early"));
    graph.add(dropped, statement("dropped"));
    std::vector<std::string> order;
    for (const Statement& statement : graph.order()) order.push_back(statement.sql);
    CHECK(order == std::vector<std::string>{"dropped", "early", "late"});
    graph.before(late, early);
    order.clear();
    for (const Statement& statement : graph.order()) order.push_back(statement.sql);
    CHECK(order == std::vector<std::string>{"dropped", "late", "early"});
}

TEST_CASE("a view over a column whose type changes is dropped first and created again") {
    std::string view = "create view v as select id, qty from t;";
    Plan plan = plan_between("create table t (id int, qty int);" + view, "create table t (id int, qty bigint);" + view);
    std::vector<std::string> statements = sql_of(plan);
    CHECK(position(statements, "DROP VIEW public.v") < position(statements, "ALTER TABLE public.t ALTER COLUMN qty TYPE bigint"));
    CHECK(position(statements, "ALTER TABLE public.t ALTER COLUMN qty TYPE bigint") < position(statements, "CREATE VIEW public.v"));
}

TEST_CASE("the SQL script marks hazards and statements that cannot run in a transaction") {
    Plan plan = plan_between("create table t (id int, name text);", "create table t (id int); create index on t (id);");
    std::string script = plan_sql(plan);
    CHECK(script.find("-- hazards: DELETES_DATA, ACCESS_EXCLUSIVE_LOCK\nALTER TABLE public.t DROP COLUMN name;") != std::string::npos);
    CHECK(script.find("-- runs outside a transaction block\nCREATE INDEX CONCURRENTLY t_id_idx ON public.t (id);") != std::string::npos);
    CHECK(script.find("SET lock_timeout = '5s';") != std::string::npos);
}

TEST_CASE("what a function body reads is created first, unless something else needs the function earlier") {
    Plan plan = plan_between("", R"(
        create function public.open_orders() returns bigint language plpgsql stable as $$
        declare n bigint;
        begin
          select count(*) into n from orders where state = 'open';
          if exists (select 1 from archive.orders_archive) then n := n + 1; end if;
          return n;
        end $$;
        create schema archive;
        create table archive.orders_archive (id int);
        create table public.orders (id int, state text);
        create function public.total() returns bigint language sql as $$ select public.open_orders() $$;)");
    std::vector<std::string> statements = sql_of(plan);
    std::size_t function = position(statements, "CREATE FUNCTION public.open_orders");
    CHECK(position(statements, "CREATE TABLE public.orders") < function);
    CHECK(position(statements, "CREATE TABLE archive.orders_archive") < function);
    CHECK(function < position(statements, "CREATE FUNCTION public.total"));

    // A default calls the function whose body reads the same table: the default wins, no cycle.
    // (Written as pg_dump writes it: the body reads a table created after it.)
    Plan cycle = plan_between("", R"(
        set check_function_bodies = off;
        create function public.next_number() returns int language sql as $$ select coalesce(max(number), 0) + 1 from public.invoices $$;
        create table public.invoices (number int default public.next_number());)");
    std::vector<std::string> ordered = sql_of(cycle);
    CHECK(position(ordered, "CREATE FUNCTION public.next_number") < position(ordered, "CREATE TABLE public.invoices"));
}

TEST_CASE("a preferred order gives way to a required one") {
    StepGraph graph;
    StepGraph::Node a = graph.node("a", Phase::create, 1), b = graph.node("b", Phase::create, 2), c = graph.node("c", Phase::create, 3);
    graph.add(a, statement("a"));
    graph.add(b, statement("b"));
    graph.add(c, statement("c"));
    graph.before(a, b);
    graph.preferably_before(b, a);  // would close a cycle: dropped
    graph.preferably_before(c, a);  // moves c first
    std::vector<std::string> order;
    for (const Statement& step : graph.order()) order.push_back(step.sql);
    CHECK(order == std::vector<std::string>{"c", "a", "b"});
}

TEST_CASE("on the platform's functions only the grants users add are planned") {
    std::string platform = "create schema auth; create function auth.uid() returns uuid language sql stable as 'select null::uuid';";
    PlanOptions options;
    options.managed_schemas = {"auth"};
    Plan plan = plan_between(platform, platform + "create or replace function auth.uid() returns uuid language sql stable as 'select gen_random_uuid()';"
                                                  "grant execute on function auth.uid() to authenticated;", options);
    CHECK(sql_of(plan) == std::vector<std::string>{"GRANT EXECUTE ON FUNCTION auth.uid() TO authenticated"});
}

TEST_CASE("a foreign table's OPTIONS are created and changed, in any order equal") {
    std::string server = "create foreign data wrapper dummy; create server remote foreign data wrapper dummy;";
    std::string before = server + "create foreign table items (id int options (column_name 'item_id'), name text) server remote "
                                  "options (schema_name 'app', table_name 'items');";
    std::vector<std::string> created = sql_of(plan_between(server, before));
    CHECK(created[position(created, "CREATE FOREIGN TABLE")] ==
          "CREATE FOREIGN TABLE public.items (\n    id integer OPTIONS (column_name 'item_id'),\n    name text\n) SERVER remote "
          "OPTIONS (schema_name 'app', table_name 'items')");
    CHECK(plan_between(before, server + "create foreign table items (id int options (column_name 'item_id'), name text) server remote "
                                        "options (table_name 'items', schema_name 'app');").empty());
    Plan changed = plan_between(before, server + "create foreign table items (id int, name text options (column_name 'it''s')) "
                                                 "server remote options (table_name 'items_v2', fetch_size '100');");
    std::vector<std::string> statements = sql_of(changed);
    CHECK(statements[position(statements, "ALTER FOREIGN TABLE public.items OPTIONS")] ==
          "ALTER FOREIGN TABLE public.items OPTIONS (DROP schema_name, SET table_name 'items_v2', fetch_size '100')");
    CHECK(statements[position(statements, "ALTER FOREIGN TABLE public.items ALTER COLUMN id")] ==
          "ALTER FOREIGN TABLE public.items ALTER COLUMN id OPTIONS (DROP column_name)");
    CHECK(statements[position(statements, "ALTER FOREIGN TABLE public.items ALTER COLUMN name")] ==
          "ALTER FOREIGN TABLE public.items ALTER COLUMN name OPTIONS (column_name 'it''s')");
    // Its rows live on the server: dropping it, or a column of it, deletes none.
    Plan dropped = plan_between(before, server);
    REQUIRE(dropped.statements.size() == 1);
    CHECK(dropped.statements[0].hazards.empty());
}

namespace {

const std::string publication_tables = R"(
    create table t (a int primary key, b text, c int, g int generated always as (a * 2) stored);
    create table u (x int);
    create schema s;
    create table s.st (a int);
)";

}  // namespace

TEST_CASE("a publication is created after its tables and columns, and loses members before they change") {
    std::vector<std::string> created = sql_of(plan_between("", publication_tables + "create publication p for table u, tables in schema s;"));
    CHECK(position(created, "CREATE SCHEMA s") < position(created, "CREATE PUBLICATION p"));
    CHECK(position(created, "CREATE TABLE public.u") < position(created, "CREATE PUBLICATION p"));
    CHECK(created[position(created, "CREATE PUBLICATION")] == "CREATE PUBLICATION p FOR TABLE public.u, TABLES IN SCHEMA s");
    std::vector<std::string> with_list = sql_of(plan_between("", publication_tables + "create publication p for table t (a, b) where (c > 0);"));
    CHECK(position(with_list, "CREATE TABLE public.t") < position(with_list, "CREATE PUBLICATION p"));
    CHECK(with_list[position(with_list, "CREATE PUBLICATION")] == "CREATE PUBLICATION p FOR TABLE public.t (a, b) WHERE (c > 0)");

    // A column added to the list: the table gets its column first.
    std::string before = publication_tables + "create publication p for table t (a, b);";
    Plan added = plan_between(before, publication_tables + "alter table t add column d int; create publication p for table t (a, d);");
    std::vector<std::string> statements = sql_of(added);
    CHECK(position(statements, "ALTER PUBLICATION p DROP TABLE public.t") < position(statements, "ALTER TABLE public.t ADD COLUMN d"));
    CHECK(position(statements, "ALTER TABLE public.t ADD COLUMN d") < position(statements, "ALTER PUBLICATION p ADD TABLE public.t (a, d)"));
    CHECK(added.hazards() == std::set<Hazard>{Hazard::replication_reduced});

    // A column of the list dropped: the table leaves the publication before the column goes.
    Plan dropped = plan_between(before, publication_tables + "alter table t drop column b; create publication p for table t (a);");
    statements = sql_of(dropped);
    CHECK(position(statements, "ALTER PUBLICATION p DROP TABLE public.t") < position(statements, "ALTER TABLE public.t DROP COLUMN b"));

    // A table dropped leaves its publications with the DROP TABLE.
    Plan gone = plan_between(before + "create publication q for table u;", "create table u (x int); create publication p; create publication q for table u;");
    statements = sql_of(gone);
    CHECK(std::none_of(statements.begin(), statements.end(), [](const std::string& sql) { return sql.rfind("ALTER PUBLICATION", 0) == 0; }));
    CHECK(plan_between(before, before).empty());
}

TEST_CASE("publication options, owners, comments and FOR ALL TABLES are planned") {
    std::string start = publication_tables + "create publication p for table t;";
    std::vector<std::string> statements =
        sql_of(plan_between(start, publication_tables + "create publication p for table t with (publish = 'insert', publish_via_partition_root);"
                                            "alter publication p owner to app; comment on publication p is 'feed';"));
    CHECK(statements == std::vector<std::string>{"ALTER PUBLICATION p SET (publish = 'insert', publish_via_partition_root = true)",
                                                 "ALTER PUBLICATION p OWNER TO app", "COMMENT ON PUBLICATION p IS 'feed'"});
    Plan all = plan_between(start, "create publication p for all tables;" + publication_tables);
    CHECK(sql_of(all) == std::vector<std::string>{"DROP PUBLICATION p", "CREATE PUBLICATION p FOR ALL TABLES"});
    CHECK(all.hazards() == std::set<Hazard>{Hazard::replication_reduced});
    CHECK(plan_between(start, publication_tables + "create publication p for table t with (publish = 'insert, update, delete, truncate, insert');").empty());
}

TEST_CASE("a table renamed by the user stays in its publications") {
    PlanOptions options;
    options.renames.push_back({Rename::Kind::table, {"public", "u"}, "", "v"});
    Plan plan = plan_between(publication_tables + "create publication p for table u where (x > 0);",
                             publication_tables + "alter table u rename to v; create publication p for table v where (x > 0);", options);
    CHECK(sql_of(plan) == std::vector<std::string>{"ALTER TABLE public.u RENAME TO v"});
}
