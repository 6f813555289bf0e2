#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <vector>

#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/pg_query_tree.hpp"

using namespace pgshift;

namespace {

// What migrations wrote and what the catalog prints (pg_get_expr with an empty search_path)
// must become one text.
void same(const std::string& written, const std::string& printed) {
    INFO(written << "  vs  " << printed);
    CHECK(canonical_expression_text(written) == canonical_expression_text(printed));
}

}  // namespace

TEST_CASE("casts PostgreSQL adds to literals and columns are not part of the canonical form") {
    same("'draft'", "'draft'::public.post_status");
    same("''", "''::text");
    same("'{}'", "'{}'::text[]");
    same("-1", "'-1'::integer");
    same("1.5", "'1.5'::numeric");
    same("name = 'x'", "(name)::text = 'x'::text");
    same("timezone('utc', now())", "timezone('utc'::text, now())");
    same("coalesce(score, 0)", "(COALESCE(score, 0))::numeric");
}

TEST_CASE("IN lists, BETWEEN and LIKE take the catalog's form") {
    same("status in ('a', 'b')", "(status = ANY (ARRAY['a'::text, 'b'::text]))");
    same("status not in ('a', 'b')", "(status <> ALL (ARRAY['a'::text, 'b'::text]))");
    same("amount between 1 and 10", "((amount >= 1) AND (amount <= 10))");
    same("email like '%@%'", "((email)::text ~~ '%@%'::text)");
    same("email ilike '%@%'", "(email ~~* '%@%'::text)");
}

TEST_CASE("subqueries lose the AS names PostgreSQL adds") {
    same("user_id = (select auth.uid())", "(user_id = ( SELECT auth.uid() AS uid))");
    same("exists (select 1 from public.t where t.a = b)", "(EXISTS ( SELECT 1 FROM public.t WHERE (t.a = b)))");
}

TEST_CASE("numbers written with an exponent are the numeric the catalog prints") {
    same("ratio < 1e3", "(ratio < (1000)::numeric)");
    same("ratio < 1.50e1", "(ratio < 15.0)");
    same("ratio > 1.5e-3", "(ratio > 0.0015)");
    same("ratio > 25E-1", "(ratio > 2.5)");
    same("ratio > -1.5e-3", "(ratio > -0.0015)");
    same("ratio > -0.0", "(ratio > 0.0)");  // a numeric zero has no sign
    CHECK(canonical_expression_text("ratio < 1e3") != canonical_expression_text("ratio < 1e4"));
    CHECK(canonical_expression_text("ratio < -1.5") != canonical_expression_text("ratio < 1.5"));
}

TEST_CASE("regclass literals and OPERATOR() qualification") {
    same("nextval('public.t_id_seq'::regclass)", "nextval('public.t_id_seq'::regclass)");
    same("value ~ '^a'", "(VALUE OPERATOR(public.~) '^a'::extensions.citext)");
    same("B'0101'", "'0101'::\"bit\"");
}

TEST_CASE("different expressions stay different") {
    CHECK(canonical_expression_text("a > 1") != canonical_expression_text("a >= 1"));
    CHECK(canonical_expression_text("f(x)") != canonical_expression_text("g(x)"));
    CHECK(canonical_expression_text("status in ('a')") != canonical_expression_text("status in ('b')"));
}

TEST_CASE("queries: ordinals, single-relation qualifiers, correlated references") {
    CHECK(canonical_query_text("select date_trunc('day', t.at) as day, count(*) from public.t group by 1") ==
          canonical_query_text("SELECT date_trunc('day'::text, t.at) AS day, count(*) AS count FROM public.t GROUP BY (date_trunc('day'::text, t.at))"));
    // A reference to the outer query keeps its qualifier inside a subquery.
    CHECK(canonical_query_text("select c.id, (select p.x from public.post p where p.id = c.post_id) from public.comment c") ==
          "SELECT id, (SELECT x FROM public.post p WHERE id = c.post_id) FROM public.comment c");
}

namespace {

// The migrations side: every relation is in public, with these columns.
class PublicRelations : public NameResolver {
public:
    explicit PublicRelations(std::map<std::string, std::vector<std::string>> columns) : columns_(std::move(columns)) {}
    std::optional<std::string> function_schema(const std::string&, std::size_t) const override { return std::nullopt; }
    std::optional<std::string> relation_schema(const std::string& name) const override {
        return columns_.count(name) ? std::optional<std::string>("public") : std::nullopt;
    }
    std::optional<std::string> type_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::string> opclass_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::vector<std::string>> relation_columns(const std::string&, const std::string& name) const override {
        auto found = columns_.find(name);
        return found == columns_.end() ? std::nullopt : std::optional<std::vector<std::string>>(found->second);
    }

private:
    std::map<std::string, std::vector<std::string>> columns_;
};

}  // namespace

TEST_CASE("policies: the table's own qualifier goes at the top, and stays in subqueries as the catalog prints it") {
    PublicRelations relations({{"account_user", {"account_id", "user_id"}}, {"accounts", {"id", "owner"}},
                               {"projects", {"id", "org_id"}}, {"members", {"id", "org_id", "user_id"}}});
    auto written = [&](const std::string& text, const std::string& table) {
        return canonical_policy_expression_text(text, table, &relations, "public");
    };
    CHECK(written("account_user.account_id = (select a.id from accounts a where a.owner = user_id)", "account_user") ==
          canonical_policy_expression_text("(account_id = ( SELECT a.id FROM public.accounts a WHERE (a.owner = account_user.user_id)))",
                                           "account_user"));
    // A bare name the subquery's relation has is that relation's (the classic policy mistake):
    // it must not compare equal to the reference to the table.
    std::string mistake = written("exists (select 1 from members m where m.org_id = org_id)", "projects");
    CHECK(mistake == canonical_policy_expression_text("(EXISTS ( SELECT 1 FROM public.members m WHERE (m.org_id = m.org_id)))", "projects"));
    CHECK(mistake != canonical_policy_expression_text("(EXISTS ( SELECT 1 FROM public.members m WHERE (m.org_id = projects.org_id)))", "projects"));
    CHECK(written("exists (select 1 from members m where m.org_id = projects.org_id)", "projects") ==
          canonical_policy_expression_text("(EXISTS ( SELECT 1 FROM public.members m WHERE (m.org_id = projects.org_id)))", "projects"));
    // A subquery without FROM reads the table.
    CHECK(written("id = (select id)", "projects") == canonical_policy_expression_text("(id = ( SELECT projects.id))", "projects"));
}

TEST_CASE("a policy's catalog text is canonicalized once for every table it does not name") {
    // The same text on two tables: where it names neither, one canonical form serves both.
    std::string plain = canonical_policy_expression_text("(owner_id = ( SELECT auth.uid() AS uid))", "notes");
    CHECK(canonical_policy_expression_text("(owner_id = ( SELECT auth.uid() AS uid))", "tasks") == plain);
    // Where it names a table, the table's own qualifier goes and another table's stays, in
    // whichever order the tables come.
    std::string other = canonical_policy_expression_text("(notes.owner_id = 1)", "tasks");
    std::string own = canonical_policy_expression_text("(notes.owner_id = 1)", "notes");
    CHECK(own == canonical_policy_expression_text("(owner_id = 1)", "notes"));
    CHECK(other != own);
    CHECK(canonical_policy_expression_text("(\"Notes\".owner_id = 1)", "Notes") == own);
    CHECK(canonical_policy_expression_text("(\"Notes\".owner_id = 1)", "tasks") != own);
    // A table of that name in another schema is another table.
    CHECK(canonical_policy_expression_text("(app.notes.owner_id = 1)", "notes", nullptr, "app") == own);
    CHECK(canonical_policy_expression_text("(app.notes.owner_id = 1)", "notes", nullptr, "archive") != own);
}

TEST_CASE("a FROM item named like one around it takes the name the catalog gives it (t_1)") {
    PublicRelations relations({{"profiles", {"id", "role"}}, {"t", {"id", "m"}}, {"new", {"x"}}});
    // The Supabase admin check: a policy on profiles that reads profiles.
    CHECK(canonical_policy_expression_text("exists (select 1 from profiles where id = auth.uid() and role = 'admin')", "profiles",
                                           &relations, "public") ==
          canonical_policy_expression_text(
              "(EXISTS ( SELECT 1 FROM public.profiles profiles_1 WHERE ((profiles_1.id = auth.uid()) AND (profiles_1.role = 'admin'::text))))",
              "profiles"));
    // A qualified reference inside means the nearest item of that name.
    CHECK(canonical_policy_expression_text("exists (select 1 from t where t.id = auth.uid())", "t", &relations, "public") ==
          canonical_policy_expression_text("(EXISTS ( SELECT 1 FROM public.t t_1 WHERE (t_1.id = auth.uid())))", "t"));
    // A subquery in WHERE, in FROM and in WITH, and sibling subqueries, each against the outer t.
    auto query = [&](const std::string& text) { return canonical_query_text(text, &relations); };
    CHECK(query("select * from t where id in (select id from t where m > 5)") ==
          canonical_query_text(" SELECT t.id, t.m FROM public.t WHERE (t.id IN ( SELECT t_1.id FROM public.t t_1 WHERE (t_1.m > 5)))"));
    CHECK(query("select t.m from t join (select id from t) s on s.id = t.id") ==
          canonical_query_text(" SELECT t.m FROM (public.t JOIN ( SELECT t_1.id FROM public.t t_1) s ON ((s.id = t.id)))"));
    CHECK(query("with x as (select id from t) select t.m from t join x on x.id = t.id") ==
          canonical_query_text(" WITH x AS ( SELECT t_1.id FROM public.t t_1 ) SELECT t.m FROM (public.t JOIN x ON ((x.id = t.id)))"));
    CHECK(query("select m from t where exists (select 1 from t t_1 where t_1.m = t.m) and exists (select 1 from t where t.m = 2)") ==
          canonical_query_text(" SELECT t.m FROM public.t WHERE ((EXISTS ( SELECT 1 FROM public.t t_1 WHERE (t_1.m = t.m))) AND "
                               "(EXISTS ( SELECT 1 FROM public.t t_1 WHERE (t_1.m = 2))))"));
    // PostgreSQL 15 keeps "old" and "new" in a view's range table.
    CHECK(query("select x from \"new\"") == canonical_query_text(" SELECT new_1.x FROM public.new new_1"));
    // Different references stay different: the inner item's column is not the outer one's.
    CHECK(query("select * from t where exists (select 1 from t where t.m = 2)") !=
          canonical_query_text(" SELECT t.id, t.m FROM public.t WHERE (EXISTS ( SELECT 1 FROM public.t t_1 WHERE (t.m = 2)))"));
}

TEST_CASE("a one-column function in FROM reads as the catalog prints it: alias and column list") {
    PublicRelations relations({{"t", {"id", "m"}}});
    auto query = [&](const std::string& text) { return canonical_query_text(text, &relations); };
    CHECK(query("select d, t.id from generate_series(1, 7) d, t where m = d") ==
          canonical_query_text(" SELECT d.d, t.id FROM generate_series(1, 7) d(d), public.t WHERE (t.m = d.d)"));
    CHECK(query("select * from generate_series(1, 3)") ==
          canonical_query_text(" SELECT generate_series.generate_series FROM generate_series(1, 3) generate_series(generate_series)"));
    CHECK(query("select t, ordinality from unnest(array['a', 'b']) with ordinality t") ==
          canonical_query_text(" SELECT t.t, t.ordinality FROM unnest(ARRAY['a'::text, 'b'::text]) WITH ORDINALITY t(t, ordinality)"));
    // A column list that renames the column stays.
    CHECK(query("select x from generate_series(1, 2) g(x)") == canonical_query_text(" SELECT g.x FROM generate_series(1, 2) g(x)"));
    CHECK(query("select x from generate_series(1, 2) g(x)") != query("select g from generate_series(1, 2) g"));
}

TEST_CASE("query forms the catalog stores as another: SIMILAR TO, = ANY (subquery), ORDER BY a name, CASE, VALUES") {
    PublicRelations relations({{"s", {"id", "carrier", "weight"}}});
    auto query = [&](const std::string& text) { return canonical_query_text(text, &relations); };
    CHECK(query("select id from s where carrier similar to 'u%' and carrier not similar to 'x%'") ==
          canonical_query_text(" SELECT s.id FROM public.s WHERE ((s.carrier ~ similar_to_escape('u%'::text)) AND "
                               "(s.carrier !~ similar_to_escape('x%'::text)))"));
    CHECK(query("select id from s where id = any (select id from s where weight > 1)") ==
          canonical_query_text(" SELECT s.id FROM public.s WHERE (s.id IN ( SELECT s_1.id FROM public.s s_1 WHERE (s_1.weight > 1)))"));
    CHECK(query("select carrier, count(*) as n from s group by carrier order by n desc") ==
          canonical_query_text(" SELECT s.carrier, count(*) AS n FROM public.s GROUP BY s.carrier ORDER BY (count(*)) DESC"));
    CHECK(query("select case when weight > 1 then 'big' end as size from s") ==
          canonical_query_text(" SELECT CASE WHEN (s.weight > 1) THEN 'big'::text ELSE NULL::text END AS size FROM public.s"));
    CHECK(query("select * from (values (1, 'a')) as v(n, label)") ==
          canonical_query_text(" SELECT v.n, v.label FROM ( VALUES (1,'a'::text)) v(n, label)"));
    CHECK(query("with w(k) as (select id from s) select * from w") == canonical_query_text(" WITH w(k) AS ( SELECT s.id FROM public.s ) SELECT w.k FROM w"));
    // A star over what is not known stays a star, outside too.
    CHECK(query("select * from (select * from elsewhere) e") == canonical_query_text(" SELECT * FROM ( SELECT * FROM elsewhere) e"));
    // An operator other than = stays ANY; a different ELSE stays different.
    CHECK(query("select id from s where id < any (select id from s)") != query("select id from s where id in (select id from s)"));
    CHECK(query("select case when weight > 1 then 'big' end from s") != query("select case when weight > 1 then 'big' else 'small' end from s"));
}

TEST_CASE("a set operation's columns are named by its leftmost query: the others' names do not count") {
    CHECK(canonical_query_text("select x from public.a union select z from public.b") ==
          canonical_query_text(" SELECT a.x FROM public.a UNION SELECT b.z AS x FROM public.b"));
    CHECK(canonical_query_text("select x from public.a union select z from public.b") !=
          canonical_query_text(" SELECT a.x AS y FROM public.a UNION SELECT b.z FROM public.b"));
}

TEST_CASE("renaming a column rewrites the expressions that use it") {
    CHECK(rename_column_in_expression("low < high", "t", "high", "top") == "low < top");
    CHECK(rename_column_in_expression("t.high > 0", "t", "high", "top") == "t.top > 0");
    CHECK(rename_column_in_expression("other.high > 0", "t", "high", "top") == "other.high > 0");
}

namespace {

PgQuery__Node* expression_of(const ParsedSql& parsed) {
    return parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val;
}

}  // namespace

TEST_CASE("an expression whose canonical form only resolves names needs no separate written form") {
    for (const char* expression : {"now()", "0", "a + 1 > b", "lower(name) = 'x'", "a = ANY (b)", "a IS DISTINCT FROM b",
                                   "coalesce(a, b) IS NOT NULL AND NOT c"}) {
        INFO(expression);
        ParsedSql for_check(std::string("SELECT ") + expression), for_canonical(std::string("SELECT ") + expression),
            for_written(std::string("SELECT ") + expression);
        CHECK(canonical_only_resolves_names(expression_of(for_check)));
        RewriteArena arena;
        CHECK(canonical_expression(expression_of(for_canonical), nullptr, arena) ==
              resolved_expression(expression_of(for_written), nullptr, arena));
    }
    for (const char* expression : {"'x'::text", "a IN (1, 2)", "a BETWEEN 1 AND 2", "a LIKE 'x%'", "t.a = 1",
                                   "a = (SELECT 1)", "B'0101'", "a OPERATOR(pg_catalog.=) 1"}) {
        INFO(expression);
        ParsedSql parsed(std::string("SELECT ") + expression);
        CHECK_FALSE(canonical_only_resolves_names(expression_of(parsed)));
    }
}

TEST_CASE("an IN list of one is the plain comparison the catalog stores") {
    same("status in ('active')", "status = 'active'::status");
    same("status not in ('active')", "status <> 'active'::status");
    CHECK(canonical_expression_text("status in ('a', 'b')") != canonical_expression_text("status = 'a'"));
}

TEST_CASE("SQL-standard function bodies compare as the catalog prints them") {
    auto body = [](const std::string& text) { return canonical_sql_body_text(text, "item_total", {"p_item"}); };
    CHECK(body("begin atomic select sum(p.amount) from public.prices p where p.item_id = p_item; end") ==
          body("BEGIN ATOMIC\n SELECT sum(p.amount) AS sum\n   FROM public.prices p\n  WHERE (p.item_id = item_total.p_item);\nEND"));
    CHECK(body("begin atomic update public.prices set amount = 0 where item_id = p_item; end") ==
          body("BEGIN ATOMIC\n UPDATE public.prices SET amount = (0)::numeric\n  WHERE (prices.item_id = item_total.p_item);\nEND"));
    CHECK(body("return p_item * 2") == body("RETURN (item_total.p_item * 2)"));
    CHECK(body("return p_item * 2") != body("RETURN (item_total.p_item * 3)"));
    // Another function's name is not this one's qualifier.
    CHECK(body("return p_item") != body("RETURN other.p_item"));
    // A field of a composite parameter is printed (p).field; a relation of that name comes first.
    CHECK(body("return p_item.name || 'x'") == body("RETURN ((p_item).name || 'x'::text)"));
    CHECK(body("begin atomic select p_item.name from public.prices p_item; end") !=
          body("BEGIN ATOMIC\n SELECT (p_item).name FROM public.prices p_item;\nEND"));
}

TEST_CASE("a FROM item's name passed to a function is its whole row, printed items.*") {
    PublicRelations relations({{"items", {"id", "name"}}, {"other", {"id", "items"}}});
    auto query = [&](const std::string& text) { return canonical_query_text(text, &relations); };
    CHECK(query("select name, label(items) as label from items") ==
          canonical_query_text(" SELECT items.name, label(items.*) AS label FROM public.items"));
    // A column of that name comes first.
    CHECK(query("select label(items) from other items") != canonical_query_text(" SELECT label(items.*) AS label FROM public.other items"));
}

TEST_CASE("a LATERAL subquery or a function in FROM reads the items before it, a join condition its whole level") {
    PublicRelations relations({{"authors", {"id", "name"}}, {"books", {"id", "author_id", "title"}}});
    auto query = [&](const std::string& text) { return canonical_query_text(text, &relations); };
    // `name` is the author's: the catalog qualifies it, the lateral subquery's own item lacking it.
    CHECK(query("select a.name, l.total from authors a, lateral (select count(*) as total from books where author_id = a.id and title <> name) l") ==
          canonical_query_text(" SELECT a.name, l.total FROM public.authors a, LATERAL ( SELECT count(*) AS total FROM public.books "
                               "WHERE ((books.author_id = a.id) AND (books.title <> a.name))) l"));
    CHECK(query("select a.name from authors a join lateral (select title from books where author_id = a.id and title <> name) b on true") ==
          canonical_query_text(" SELECT a.name FROM (public.authors a JOIN LATERAL ( SELECT books.title FROM public.books "
                               "WHERE ((books.author_id = a.id) AND (books.title <> a.name))) b ON (true))"));
    // Items after the lateral one are not read by it: `title` there is the subquery's own.
    CHECK(query("select a.name from authors a, lateral (select author_id from books where title <> name) l, books b") ==
          canonical_query_text(" SELECT a.name FROM public.authors a, LATERAL ( SELECT books.author_id FROM public.books "
                               "WHERE (books.title <> a.name)) l, public.books b"));
    // So do a function's arguments, LATERAL or not; the catalog prints LATERAL where they do.
    CHECK(query("select a.name, n from authors a, unnest((select array_agg(id) from books where author_id = a.id and title <> name)) n") ==
          canonical_query_text(" SELECT a.name, n.n FROM public.authors a, LATERAL unnest(( SELECT array_agg(books.id) AS array_agg "
                               "FROM public.books WHERE ((books.author_id = a.id) AND (books.title <> a.name)))) n(n)"));
    // A subquery in a join condition reads both sides of the join.
    CHECK(query("select a.name from authors a join books b on exists (select 1 from books x where x.id = b.id and x.title <> name)") ==
          canonical_query_text(" SELECT a.name FROM (public.authors a JOIN public.books b ON ((EXISTS ( SELECT 1 FROM public.books x "
                               "WHERE ((x.id = b.id) AND (x.title <> a.name))))))"));
}

TEST_CASE("COLLATE names pg_catalog's collations as the catalog prints them") {
    same("email collate pg_catalog.\"default\" = 'x'", "((email COLLATE \"default\") = 'x'::text)");
    same("name < 'b' collate pg_catalog.\"C\"", "(name < ('b'::text COLLATE \"C\"))");
    CHECK(canonical_expression_text("email collate \"C\"") != canonical_expression_text("email collate \"default\""));
}
