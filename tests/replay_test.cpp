#include <catch2/catch.hpp>

#include "model/stats.hpp"
#include "parser/constant_folding.hpp"
#include "parser/parse_folder.hpp"
#include "parser/written_expressions.hpp"

using namespace pgshift;

namespace {

const Table& table(const SchemaModel& model, const std::string& name, const std::string& schema = "public") {
    return model.tables.at({schema, name});
}

std::vector<std::string> constraint_names(const Table& t) {
    std::vector<std::string> names;
    for (const auto& [name, constraint] : t.constraints) names.push_back(name);
    return names;
}

std::string error_of(const std::string& sql) {
    try {
        parse_sql(sql, "m.sql");
    } catch (const MigrationError& error) {
        return std::to_string(error.location().line) + ":" + std::to_string(error.location().column) + " " + error.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("CREATE TABLE models what PostgreSQL creates implicitly") {
    SchemaModel model = parse_sql(R"(
        create table parent (id serial primary key, code text unique not null);
        create table child (
          id bigint generated always as identity primary key,
          parent_id int references parent on delete cascade,
          amount numeric check (amount > 0),
          low int, high int, check (low < high),
          total int generated always as (low + high) stored
        );)");
    const Table& parent = table(model, "parent");
    CHECK(constraint_names(parent) == std::vector<std::string>{"parent_code_key", "parent_pkey"});
    CHECK(parent.find_column("id")->default_expr == "nextval('public.parent_id_seq')");
    CHECK(parent.find_column("id")->not_null);
    CHECK(model.sequences.at({"public", "parent_id_seq"}).owned_by->column == "id");
    CHECK(model.sequences.at({"public", "parent_id_seq"}).max_value == 2147483647);

    const Table& child = table(model, "child");
    CHECK(constraint_names(child) == std::vector<std::string>{"child_amount_check", "child_check", "child_parent_id_fkey", "child_pkey"});
    const Constraint& fk = child.constraints.at("child_parent_id_fkey");
    CHECK(fk.referenced_columns == std::vector<std::string>{"id"});  // the referenced primary key
    CHECK(fk.on_delete == 'c');
    CHECK(fk.on_update == 'a');
    CHECK(child.find_column("id")->identity == 'a');
    CHECK(child.find_column("total")->generated_expr == "low + high");
    CHECK(model.indexes.count({"public", "child_pkey"}) == 1);
    CHECK(model.indexes.at({"public", "parent_code_key"}).unique);
}

TEST_CASE("a unique constraint equal to the primary key is not created twice") {
    SchemaModel model = parse_sql("create table t (id int primary key unique);");
    CHECK(constraint_names(table(model, "t")) == std::vector<std::string>{"t_pkey"});
}

TEST_CASE("CREATE INDEX names unnamed indexes as PostgreSQL does") {
    SchemaModel model = parse_sql(R"(
        create table t (a int, b text, c int);
        create index on t (a);
        create index on t (a);
        create index on t (lower(b));
        create index on t ((a + c));
        create unique index on t (a, c) include (b) where c > 0;
        create index named on t using gin (b gin_trgm_ops);
        create index on t (a desc nulls last, c);)");
    for (const char* name : {"t_a_idx", "t_a_idx1", "t_lower_idx", "t_expr_idx", "t_a_c_b_idx", "named", "t_a_c_idx"})
        CHECK(model.indexes.count({"public", name}) == 1);
    const Index& partial = model.indexes.at({"public", "t_a_c_b_idx"});
    CHECK(partial.unique);
    CHECK(partial.include == std::vector<std::string>{"b"});
    CHECK(partial.predicate == "c > 0");
    CHECK(model.indexes.at({"public", "named"}).keys[0].opclass == "gin_trgm_ops");
    const Index& sorted = model.indexes.at({"public", "t_a_c_idx"});
    CHECK(sorted.keys[0].descending);
    CHECK_FALSE(sorted.keys[0].nulls_first);
}

TEST_CASE("ALTER TABLE in its forms") {
    SchemaModel model = parse_sql(R"(
        create table t (id int, name text, old int);
        alter table t add column if not exists email text not null default '';
        alter table t add column if not exists email text;
        alter table t alter column name set not null, alter column name set default 'x';
        alter table t alter column name drop default;
        alter table t alter column old type bigint;
        alter table t add primary key (id);
        alter table t add constraint email_shape check (email like '%@%') not valid;
        alter table t validate constraint email_shape;
        alter table t drop column old;
        alter table t enable row level security;
        alter table t force row level security;
        alter table t rename column name to full_name;
        alter table t rename to people;)");
    const Table& people = table(model, "people");
    REQUIRE(people.columns.size() == 3);
    CHECK(people.columns[1].name == "full_name");
    CHECK(people.columns[1].not_null);
    CHECK(people.columns[1].default_expr.empty());
    CHECK(people.find_column("email")->default_expr == "''");
    CHECK(people.rls_enabled);
    CHECK(people.rls_forced);
    CHECK(people.constraints.at("email_shape").validated);
    CHECK(people.constraints.count("t_pkey") == 1);  // constraints keep their names
    CHECK(model.indexes.at({"public", "t_pkey"}).table == "people");
}

TEST_CASE("dropping a column drops the indexes and constraints on it") {
    SchemaModel model = parse_sql(R"(
        create table t (a int unique, b int, check (b > 0));
        create index on t (b);
        alter table t drop column b;)");
    CHECK(constraint_names(table(model, "t")) == std::vector<std::string>{"t_a_key"});
    CHECK(model.indexes.count({"public", "t_b_idx"}) == 0);
}

TEST_CASE("types: enums, domains, composites") {
    SchemaModel model = parse_sql(R"(
        create type status as enum ('new', 'done');
        alter type status add value 'doing' before 'done';
        alter type status add value if not exists 'new';
        alter type status rename value 'done' to 'finished';
        create domain email as text not null check (value like '%@%');
        create type pair as (x int, y int);
        alter type pair add attribute z int;
        create table t (s status default 'new', e email, p pair);)");
    CHECK(model.enums.at({"public", "status"}).labels == std::vector<std::string>{"new", "doing", "finished"});
    const Domain& email = model.domains.at({"public", "email"});
    CHECK(email.not_null);
    CHECK(email.constraints.count("email_check") == 1);
    CHECK(model.composite_types.at({"public", "pair"}).attributes.size() == 3);
    CHECK(table(model, "t").find_column("e")->type == "public.email");
}

TEST_CASE("functions: signatures, replace, options") {
    SchemaModel model = parse_sql(R"(
        create function add(a int, b int default 1) returns int language sql immutable as $$ select a + b $$;
        create or replace function add(a int, b int default 1) returns int language sql stable
          security definer set search_path = public, pg_temp as $$ select a + b + 0 $$;
        create function add(a text) returns text language sql as $$ select a $$;
        create procedure p(inout x int) language plpgsql as $$ begin x := 1; end $$;
        alter function add(int, int) cost 5;
        comment on function add(text) is 'text variant';)");
    REQUIRE(model.functions.size() == 3);
    const Function& add = model.functions.at({"public", "add(integer, integer)"});
    CHECK(add.volatility == 's');
    CHECK(add.security_definer);
    CHECK(add.config == std::vector<std::string>{"search_path=public, pg_temp"});
    CHECK(add.body == " select a + b + 0 ");
    CHECK(add.cost == 5);
    CHECK(add.arguments[1].default_expr == "1");
    CHECK(model.functions.at({"public", "add(text)"}).comment == "text variant");
    CHECK(model.functions.at({"public", "p(integer)"}).kind == FunctionKind::procedure);
    CHECK(error_of("create function f() returns int language sql as $$ select 1 $$;\n"
                   "create or replace function f() returns text language sql as $$ select '' $$;") ==
          "2:1 cannot change return type of existing function");
}

TEST_CASE("policies and row level security") {
    SchemaModel model = parse_sql(R"(
        create table docs (owner uuid);
        create policy "read own" on docs for select to authenticated, anon using (owner = current_setting('x')::uuid);
        create policy strict_one on docs as restrictive for update using (true) with check (false);
        alter policy "read own" on docs to authenticated;
        alter policy strict_one on docs rename to strict_two;
        create policy everyone on docs to anon, public, authenticated using (true);
        create policy twice on docs to anon, anon using (true);
        drop policy if exists missing on docs;)");
    const Table& docs = table(model, "docs");
    CHECK(docs.policies.at("read own").roles == std::vector<std::string>{"authenticated"});
    // PUBLIC covers every role: PostgreSQL keeps it alone.
    CHECK(docs.policies.at("everyone").roles == std::vector<std::string>{"public"});
    CHECK(docs.policies.at("twice").roles == std::vector<std::string>{"anon"});
    CHECK(docs.policies.at("read own").command == "SELECT");
    CHECK_FALSE(docs.policies.at("strict_two").permissive);
    CHECK(docs.policies.at("strict_two").with_check_expr == "false");
}

TEST_CASE("grants, revokes and default privileges give the catalog's ACLs") {
    SchemaModel model = parse_sql(R"(
        alter default privileges in schema public grant select on tables to reader;
        create table t (a int, b int);
        grant insert, update (a) on t to writer with grant option;
        create function f() returns int language sql as $$ select 1 $$;
        revoke execute on function f() from public;
        grant usage on schema public to reader;)");
    const Table& t = table(model, "t");
    CHECK(*t.acl == Acl{{"postgres", "arwdDxt"}, {"reader", "r"}, {"writer", "a*"}});
    CHECK(*t.find_column("a")->acl == Acl{{"writer", "w*"}});
    CHECK(*model.functions.at({"public", "f()"}).acl == Acl{{"postgres", "X"}});
    CHECK(model.schemas.at("public").acl->at("reader") == "U");
}

TEST_CASE("search_path decides where objects go and how names resolve") {
    SchemaModel model = parse_sql(R"(
        create schema app;
        set search_path to app, public;
        create table items (id int);
        create type kind as enum ('a');
        select set_config('search_path', 'public', false);
        create table refs (item_kind app.kind);)");
    CHECK(model.tables.count({"app", "items"}) == 1);
    CHECK(table(model, "refs").find_column("item_kind")->type == "app.kind");
    CHECK(error_of("create table t (k kind);") == "1:19 type \"kind\" does not exist");
}

TEST_CASE("DO blocks: guards and EXECUTE of constant strings replay") {
    SchemaModel model = parse_sql(R"(
        do $$ begin
          if not exists (select 1 from pg_type where typname = 'mood') then create type mood as enum ('x'); end if;
        end $$;
        do $$ begin create type mood as enum ('x'); exception when duplicate_object then null; end $$;
        do $$ declare role_name text := coalesce(current_setting('app.role', true), 'reader');
        begin
          if role_name <> 'reader' then return; end if;
          execute 'create table ' || quote_ident(role_name || '_log') || ' (id int)';
          execute format('comment on table %I is %L', role_name || '_log', 'made by a DO block');
        end $$;
        do $$ begin for i in 1..3 loop perform i; end loop; end $$;)");
    CHECK(model.enums.count({"public", "mood"}) == 1);
    CHECK(table(model, "reader_log").comment == "made by a DO block");
    REQUIRE(model.unmodelled.size() == 1);
    CHECK(model.unmodelled[0].what == "DO block: fori statement");
}

TEST_CASE("DO blocks quote literals as the server's quote_literal() does") {
    CHECK(fold_expression(R"(format('%L or %L', 'it''s', 'a\b'))", {}).text == R"('it''s' or E'a\\b')");
    CHECK(fold_expression(R"(quote_literal('C:\dir'))", {}).text == R"(E'C:\\dir')");
    SchemaModel model = parse_sql(R"(
        create table paths (id int);
        do $$ begin execute format('comment on table paths is %L', 'C:\dir'); end $$;)");
    CHECK(table(model, "paths").comment == R"(C:\dir)");
}

TEST_CASE("foreign tables keep their OPTIONS and their columns' as the catalog does") {
    const char* created = R"(
        create foreign data wrapper dummy;
        create server remote foreign data wrapper dummy;
        create foreign table items (id int options (column_name 'item_id'), name text)
          server remote options (schema_name 'app', table_name 'items');
    )";
    SchemaModel model = parse_sql(std::string(created) + R"(
        alter foreign table items options (set table_name 'items_v2', drop schema_name, add fetch_size '100');
        alter foreign table items alter column name options (column_name 'label');
        alter foreign table items alter column id options (drop column_name);)");
    const Table& items = table(model, "items");
    CHECK(items.foreign_server == "remote");
    // SET keeps an option's place, ADD appends, DROP removes.
    CHECK(items.foreign_options == std::vector<std::string>{"table_name=items_v2", "fetch_size=100"});
    CHECK(items.find_column("id")->foreign_options.empty());
    CHECK(items.find_column("name")->foreign_options == std::vector<std::string>{"column_name=label"});
    CHECK(error_of(std::string(created) + "alter foreign table items options (set fetch_size '1');") ==
          "6:44 option \"fetch_size\" not found");
    CHECK(error_of(std::string(created) + "alter foreign table items options (add table_name 'x');") ==
          "6:44 option \"table_name\" provided more than once");
}

TEST_CASE("renames and SET SCHEMA carry what depends on the object") {
    SchemaModel model = parse_sql(R"(
        create table a (id serial primary key);
        create table b (a_id int references a);
        create schema other;
        alter table a rename to renamed;
        alter table renamed set schema other;
        alter sequence other.a_id_seq rename to ids;)");
    CHECK(table(model, "b").constraints.at("b_a_id_fkey").referenced_table == QualifiedName{"other", "renamed"});
    CHECK(model.indexes.at({"other", "a_pkey"}).table == "renamed");
    CHECK(table(model, "renamed", "other").find_column("id")->default_expr == "nextval('other.ids')");
}

TEST_CASE("semantic errors are reported as PostgreSQL reports them, with their position") {
    CHECK(error_of("create table t (a int);\ncreate table t (b int);") == "2:1 relation \"t\" already exists");
    CHECK(error_of("alter table missing add column a int;") == "1:13 relation \"missing\" does not exist");
    CHECK(error_of("create table t (a int);\n  alter table t drop column b;") == "2:3 column \"b\" of relation \"t\" does not exist");
    CHECK(error_of("create table t (a int, a int);") == "1:24 column \"a\" specified more than once");
    CHECK(error_of("create index on nope (a);") == "1:17 relation \"nope\" does not exist");
    CHECK(error_of("create table t (a int references nope);") == "1:34 relation \"nope\" does not exist");
    CHECK(error_of("create table t (a int);\ncreate policy p on t using (true);\ncreate policy p on t using (true);") ==
          "3:1 policy \"p\" for table \"t\" already exists");
}

TEST_CASE("statements the model cannot represent are listed, data statements are not") {
    SchemaModel model = parse_sql(R"(
        create table t (a int);
        insert into t values (1);
        update t set a = 2;
        create collation german (provider = icu, locale = 'de');
        create role someone;)");
    REQUIRE(model.unmodelled.size() == 2);
    CHECK(model.unmodelled[0].what == "create collation german");
    CHECK(model.unmodelled[1].line == 6);
}

TEST_CASE("stats count implicit objects as the catalog does") {
    SchemaModel model = parse_sql("create table t (id bigint generated by default as identity primary key, n serial);");
    auto counts = count_objects(model);
    auto count = [&](const std::string& kind) {
        for (const auto& [name, value] : counts)
            if (name == kind) return value;
        return std::size_t(-1);
    };
    CHECK(count("sequences") == 2);  // the serial's and the identity column's
    CHECK(count("indexes") == 1);
    CHECK(count("constraints") == 1);
    CHECK(count("schemas") == 1);
}

TEST_CASE("renaming a column updates indexes on it and foreign keys pointing at it") {
    SchemaModel model = parse_sql(R"(
        create table a (id int primary key, code int unique);
        create index a_code_idx on a (code);
        alter table a rename column code to ref;
        create table b (a_ref int references a (ref));
        create index a_ref_again on a (ref desc);
        comment on table a is 'cache stays valid across comments';
        alter table a rename column ref to reference;)");
    CHECK(model.indexes.at({"public", "a_code_idx"}).keys[0].column == "reference");
    CHECK(model.indexes.at({"public", "a_ref_again"}).keys[0].column == "reference");
    CHECK(table(model, "a").constraints.at("a_code_key").columns == std::vector<std::string>{"reference"});
    CHECK(table(model, "b").constraints.at("b_a_ref_fkey").referenced_columns == std::vector<std::string>{"reference"});
}

TEST_CASE("written forms are kept while they still say what the model holds") {
    SchemaModel model = parse_sql(
        "create type status as enum ('active', 'gone'); create table t (s status, n int default 0);"
        "create index t_active on t (n) where s = 'active';"
        "create function f(x int) returns int language sql return x + 1;");
    QualifiedName index{"public", "t_active"}, function{"public", "f(integer)"};
    // As introspection keeps them: the catalog's text.
    model.written_expressions[{index, "", "predicate"}] = "(s = 'active'::public.status)";
    model.written_expressions[{function, "", "body"}] = "RETURN (f.x + 1)";
    drop_stale_written_expressions(model);
    CHECK(model.written_expressions.count({index, "", "predicate"}) == 1);
    CHECK(model.written_expressions.count({function, "", "body"}) == 1);
    model.indexes.at(index).predicate = "s = 'gone'";
    model.functions.at(function).body = "RETURN x + 2";
    drop_stale_written_expressions(model);
    CHECK(model.written_expressions.count({index, "", "predicate"}) == 0);
    CHECK(model.written_expressions.count({function, "", "body"}) == 0);

    // A policy whose subquery reads the table bare: its columns tell the written form is current.
    SchemaModel policies = parse_sql(
        "create table members (org_id int, person int); create table boards (org_id int, creator int);"
        "create policy member on boards using (exists (select 1 from members m where m.org_id = boards.org_id and m.person = creator));");
    ExpressionSite site{{"public", "boards"}, "member", "using"};
    REQUIRE(policies.written_expressions.count(site) == 1);
    drop_stale_written_expressions(policies);
    CHECK(policies.written_expressions.count(site) == 1);
}

TEST_CASE("trigger functions: the migrations' own, and built-ins written with or without pg_catalog") {
    SchemaModel model = parse_sql(R"(
        create table docs (id int, body text, search tsvector);
        create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger own before update on docs for each row execute function touch();
        create trigger search before insert on docs for each row execute function tsvector_update_trigger(search, 'pg_catalog.english', body);
        create trigger same before update on docs for each row execute function pg_catalog.suppress_redundant_updates_trigger();
    )", "m.sql");
    const std::map<std::string, Trigger>& triggers = table(model, "docs").triggers;
    CHECK(triggers.at("own").function == "public.touch");
    CHECK(triggers.at("search").function == "pg_catalog.tsvector_update_trigger");
    CHECK(triggers.at("search").arguments == std::vector<std::string>{"search", "pg_catalog.english", "body"});
    CHECK(triggers.at("same").function == "pg_catalog.suppress_redundant_updates_trigger");
    CHECK(error_of("create table t (id int); create trigger x before insert on t for each row execute function no_such();") ==
          "1:26 function no_such() does not exist");
}

TEST_CASE("renaming a column a view reads, or a view's own column, changes the view's query as the catalog shows it") {
    SchemaModel model = parse_sql(R"(
        create table log (id int primary key, weight int, account int);
        create table account (id int primary key, email text);
        create view heavy as select weight, weight * 2 as doubled from log where weight > 1;
        create view joined as select l.weight, email, weight + 1 as next from log l join account a on a.id = l.account;
        create view other as select id, email from account;
        alter table log rename column weight to mass;
        create view light as select mass from log;
        alter view light rename column mass to grams;
        create view lighter as select grams from light;
        alter view light rename column grams to kilos;
    )");
    // The output column keeps its name; references take the new one, qualified beside another relation.
    CHECK(model.views.at({"public", "heavy"}).query == "SELECT mass AS weight, mass * 2 AS doubled FROM public.log WHERE mass > 1");
    CHECK(model.views.at({"public", "joined"}).query ==
          "SELECT l.mass AS weight, a.email, l.mass + 1 AS next FROM public.log l JOIN public.account a ON a.id = l.account");
    CHECK(model.views.at({"public", "other"}).query == "SELECT id, email FROM public.account");
    CHECK(model.views.at({"public", "light"}).query == "SELECT mass AS kilos FROM public.log");
    CHECK(model.views.at({"public", "lighter"}).query == "SELECT kilos AS grams FROM public.light");
}

TEST_CASE("renaming or moving a relation a view reads changes the view's query as the catalog shows it") {
    SchemaModel model = parse_sql(R"(
        create schema archive;
        create table ledger (id int primary key, amount int, owner_id int);
        create table owners (id int primary key, name text);
        create table entries_old (id int);
        create view plain as select id, amount from ledger;
        create view aliased as select l.id from ledger l where l.amount > 0;
        create view counted as select ledger.id, (select count(*) from owners where owners.id = ledger.owner_id) as n from ledger;
        create view on_view as select plain.id from plain;
        create view clash as select ledger.id, entries.id as other from ledger, entries_old entries;
        alter table ledger rename to entries;
        alter table entries rename column owner_id to holder_id;
        alter view plain rename to entries_plain;
        alter table entries rename column amount to total;
        alter table owners set schema archive;
        alter table archive.owners rename column id to key;
    )");
    CHECK(model.views.at({"public", "entries_plain"}).query == "SELECT id, total AS amount FROM public.entries");
    // An alias stays; the relation is named anew.
    CHECK(model.views.at({"public", "aliased"}).query == "SELECT id FROM public.entries l WHERE total > 0");
    // The old name as qualifier follows the relation, in subqueries too; a later column rename finds it there.
    CHECK(model.views.at({"public", "counted"}).query ==
          "SELECT id, (SELECT count(*) FROM archive.owners WHERE key = entries.holder_id) AS n FROM public.entries");
    // A renamed view is still found by renames of what it reads, and views reading it follow it.
    CHECK(model.views.at({"public", "on_view"}).query == "SELECT id FROM public.entries_plain");
    // The new name is taken by another reference: the catalog invents an alias, left to the database.
    CHECK(model.views.at({"public", "clash"}).query == "SELECT ledger.id, entries.id AS other FROM public.ledger, public.entries_old entries");

    // Policies read relations in subqueries.
    SchemaModel policies = parse_sql(R"(
        create schema archive;
        create table ledger (id int primary key, owner_id int);
        create table owners (id int primary key);
        alter table owners enable row level security;
        create policy own on owners using (exists (select 1 from ledger where ledger.owner_id = owners.id) and id in (select owner_id from ledger l));
        alter table ledger rename to entries;
        alter table entries set schema archive;
    )");
    CHECK(policies.tables.at({"public", "owners"}).policies.at("own").using_expr ==
          "EXISTS (SELECT 1 FROM archive.entries WHERE owner_id = owners.id) AND id IN (SELECT owner_id FROM archive.entries l)");
}

TEST_CASE("renaming a column rewrites the policies that read it, at their own level and in subqueries") {
    SchemaModel model = parse_sql(R"(
        create table members (id int primary key, org_id int, user_id uuid);
        create table projects (id int primary key, org_id int, owner_id int);
        alter table projects enable row level security;
        create policy joined on projects using (exists (select 1 from members m where m.org_id = projects.org_id and m.id = owner_id));
        create policy listed on projects using (org_id in (select org_id from members where user_id is null));
        create policy mistaken on projects using (exists (select 1 from members m where org_id = org_id));
        alter table members rename column org_id to organization_id;
        alter table projects rename column id to project_id;
        alter table projects rename column owner_id to owner;
        alter table projects rename to project;
    )");
    const auto& policies = model.tables.at({"public", "project"}).policies;
    // References to the table are qualified inside subqueries, by its new name; the members'
    // bare references are the members', even where the name is also one of the table's.
    CHECK(policies.at("joined").using_expr ==
          "EXISTS (SELECT 1 FROM public.members m WHERE organization_id = project.org_id AND id = project.owner)");
    // The subquery's output column keeps its name.
    CHECK(policies.at("listed").using_expr ==
          "org_id IN (SELECT organization_id AS org_id FROM public.members WHERE user_id IS NULL)");
    CHECK(policies.at("mistaken").using_expr == "EXISTS (SELECT 1 FROM public.members m WHERE organization_id = organization_id)");
}

TEST_CASE("renaming or moving a function, type or schema renames what uses it, as the catalog prints it") {
    SchemaModel model = parse_sql(R"(
        create schema helpers;
        create schema app;
        create function score(x int) returns int language sql immutable as 'select x';
        create function score(x int, y int) returns int language sql immutable as 'select x * y';
        create function stamp() returns trigger language plpgsql as $$begin return new; end$$;
        create type app.state as enum ('new', 'sent');
        create table app.items (id int primary key, n int default score(1) check (score(n, 2) > 0), state app.state,
                                parent int references app.items);
        create trigger items_stamp before update on app.items for each row execute function stamp();
        create view app.sent as select id, score(n) as s from app.items where state = 'sent'::app.state;
        create function app.count_in(s app.state) returns bigint language sql stable return (select count(*) from app.items where state = s);
        alter function score(int) rename to weigh;
        alter function stamp() set schema helpers;
        alter schema app rename to shop;
        alter type shop.state rename to status;
    )");
    const Table& items = model.tables.at({"shop", "items"});
    // The overload with two arguments keeps its name.
    CHECK(items.find_column("n")->default_expr == "public.weigh(1)");
    CHECK(items.constraints.at("items_n_check").expression == "public.score(n, 2) > 0");
    CHECK(items.find_column("state")->type == "shop.status");
    CHECK(items.constraints.at("items_parent_fkey").referenced_table == QualifiedName{"shop", "items"});
    CHECK(items.triggers.at("items_stamp").function == "helpers.stamp");
    CHECK(model.views.at({"shop", "sent"}).query == "SELECT id, public.weigh(n) AS s FROM shop.items WHERE state = 'sent'");
    // A function's identity holds its argument types.
    REQUIRE(model.functions.count({"shop", "count_in(shop.status)"}));
    CHECK(model.functions.at({"shop", "count_in(shop.status)"}).body == "RETURN (SELECT count(*) FROM shop.items WHERE state = s)");

    // A table's row type follows the table.
    SchemaModel rows = parse_sql(R"(
        create table waypoint (x int, y int);
        create table route (stops waypoint[], start waypoint);
        create function length_of(p waypoint) returns int language sql return p.x;
        alter table waypoint rename to spot;
    )");
    CHECK(rows.tables.at({"public", "route"}).find_column("stops")->type == "public.spot[]");
    CHECK(rows.tables.at({"public", "route"}).find_column("start")->type == "public.spot");
    CHECK(rows.functions.count({"public", "length_of(public.spot)"}) == 1);
}

TEST_CASE("beside other relations a view's unqualified column references are qualified, as the catalog prints them") {
    SchemaModel model = parse_sql(R"(
        create table a (id int primary key, w int, shared int);
        create table b (id int primary key, a_id int, z int, shared int);
        create view v as select a.id, w + 1 as next, z from a join b on a_id = a.id where z > 0 and exists (select 1 from b b2 where b2.z = w);
        create view u as select shared, z from a join b using (shared);
    )");
    // The subquery reads one relation, whose qualifier the canonical form drops; its `w` belongs
    // to the outer level, and the catalog qualifies it there.
    CHECK(model.views.at({"public", "v"}).query ==
          "SELECT a.id, a.w + 1 AS next, b.z FROM public.a JOIN public.b ON b.a_id = a.id "
          "WHERE b.z > 0 AND EXISTS (SELECT 1 FROM public.b b2 WHERE z = a.w)");
    // A USING column is in both: as written.
    CHECK(model.views.at({"public", "u"}).query == "SELECT shared, b.z FROM public.a JOIN public.b USING (shared)");
}

TEST_CASE("a collation that is the type's own is no collation, as the catalog keeps it") {
    SchemaModel model = parse_sql(R"(
        create domain code as text collate "C";
        create table t (a text collate pg_catalog."default", b text collate "default", c text collate pg_catalog."C",
                        n name collate "C", d code collate "default", e code collate "C", f varchar(9)[] collate "default");
        create type pair as (x text collate "default", y text collate "POSIX");
        create domain plain as text collate "default";
        create table u (c text collate "C");
        alter table u alter column c type varchar(30);
    )");
    const Table& t = table(model, "t");
    CHECK(t.find_column("a")->collation.empty());
    CHECK(t.find_column("b")->collation.empty());
    CHECK(t.find_column("c")->collation == "C");
    CHECK(t.find_column("n")->collation.empty());
    CHECK(t.find_column("d")->collation == "default");  // not the domain's C
    CHECK(t.find_column("e")->collation.empty());
    CHECK(t.find_column("f")->collation.empty());
    CHECK(model.composite_types.at({"public", "pair"}).attributes[0].collation.empty());
    CHECK(model.composite_types.at({"public", "pair"}).attributes[1].collation == "POSIX");
    CHECK(model.domains.at({"public", "plain"}).collation.empty());
    // ALTER COLUMN ... TYPE without COLLATE takes the new type's collation.
    CHECK(table(model, "u").find_column("c")->collation.empty());
}

TEST_CASE("index keys are stored as PostgreSQL stores them: no-op casts and implied collations go, real casts stay") {
    SchemaModel model = parse_sql(R"(
        create table t (n int, b bigint, v varchar(20), email text, c text collate "C");
        create index k1 on t ((n::bigint));
        create index k2 on t ((b::bigint));
        create index k3 on t (cast(v as text));
        create index k4 on t (cast(v as varchar));
        create index k5 on t (cast(v as varchar(20)));
        create index k6 on t ((email));
        create index k7 on t ((email::text collate "C"));
        create index k8 on t (email collate pg_catalog."default");
        create index k9 on t (c collate "default");
        create index k10 on t (lower(email) collate "default");
        create index k11 on t ((lower(c) collate "C"));
        create index k12 on t ((lower(email) collate "C"));
    )");
    auto key = [&](const std::string& index) { return model.indexes.at({"public", index}).keys.at(0); };
    CHECK(key("k1").expression == "n::bigint");
    CHECK(key("k2").column == "b");
    CHECK(key("k3").expression == "v::text");
    CHECK(key("k4").expression == "v::varchar");
    CHECK(key("k5").column == "v");
    CHECK(key("k6").column == "email");
    CHECK((key("k7").column == "email" && key("k7").collation == "C"));
    CHECK((key("k8").column == "email" && key("k8").collation.empty()));
    CHECK((key("k9").column == "c" && key("k9").collation == "default"));
    CHECK((key("k10").expression == "lower(email)" && key("k10").collation.empty()));
    CHECK((key("k11").expression == "lower(c)" && key("k11").collation.empty()));
    CHECK((key("k12").expression == "lower(email)" && key("k12").collation == "C"));
}
