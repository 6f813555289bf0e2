// pgshift lint's rules: for each, migrations that trigger it and the near miss that does not;
// where findings point, what silences them, the config, the output formats.
#include "lint/lint.hpp"

#include <fstream>

#include <catch2/catch.hpp>

#include "lint/lint_output.hpp"
#include "lint/rules.hpp"

using namespace pgshift;
using namespace pgshift::lint;

namespace {

std::vector<MigrationSource> migrations(const std::vector<std::string>& files) {
    std::vector<MigrationSource> sources;
    for (std::size_t i = 0; i < files.size(); ++i) sources.push_back({"m/00" + std::to_string(i + 1) + ".sql", files[i]});
    return sources;
}

LintContext supabase_context() { return platform_context(supabase_platform(), {"public", "graphql_public"}); }

// The findings of `rule` alone (run even when it is off by default).
std::vector<Finding> findings_of(const std::string& rule, const std::vector<std::string>& files, bool supabase) {
    LintConfig config;
    config.only = {rule};
    LintResult result = lint_sources(migrations(files), config, supabase ? supabase_context() : LintContext{});
    return result.findings;
}

struct RuleCase {
    std::string rule;
    std::vector<std::string> triggers;   // migrations in order
    std::vector<std::string> near_miss;  // the same idea, fine
    bool supabase = false;
};

const std::string posts = "create table posts (id bigint generated always as identity primary key, author_id bigint, title text);";

const std::vector<RuleCase>& rule_cases() {
    static const std::vector<RuleCase> cases = {
        {"require-concurrent-index-creation",
         {posts, "create index posts_title on posts (title);"},
         {posts + "\ncreate index posts_title on posts (title);"}},
        {"require-concurrent-index-deletion",
         {posts + "\ncreate index posts_title on posts (title);", "drop index posts_title;"},
         {posts + "\ncreate index posts_title on posts (title);", "drop index concurrently posts_title;"}},
        {"constraint-missing-not-valid",
         {posts, "alter table posts add constraint title_length check (length(title) < 200);"},
         {posts, "alter table posts add constraint title_length check (length(title) < 200) not valid;"}},
        {"adding-foreign-key-constraint",
         {posts, "create table authors (id bigint primary key);\nalter table posts add foreign key (author_id) references authors (id);"},
         {posts +
          "\ncreate table authors (id bigint primary key);\nalter table posts add foreign key (author_id) references authors (id);"}},
        {"disallowed-unique-constraint",
         {posts, "alter table posts add constraint posts_title_key unique (title);"},
         {posts, "create unique index concurrently posts_title_key on posts (title);",
          "alter table posts add constraint posts_title_key unique using index posts_title_key;"}},
        {"adding-serial-primary-key-field",
         {"create table tags (name text not null);", "alter table tags add primary key (name);"},
         {"create table tags (name text not null);\nalter table tags add primary key (name);"}},
        {"adding-required-field",
         {posts, "alter table posts add column body text not null;"},
         {posts, "alter table posts add column body text not null default '';"}},
        {"adding-not-nullable-field",
         {posts, "alter table posts alter column title set not null;"},
         {posts, "alter table posts add constraint title_nn check (title is not null) not valid;",
          "alter table posts validate constraint title_nn;", "alter table posts alter column title set not null;"}},
        {"changing-column-type",
         {posts, "alter table posts alter column title type varchar(20);"},
         {"create table notes (body varchar(20));", "alter table notes alter column body type text;"}},
        {"ban-drop-column",
         {posts, "alter table posts drop column title;"},
         {posts, "alter table posts add column draft text;\nalter table posts drop column if exists draft_body;"}},
        {"ban-drop-table", {posts, "drop table posts;"}, {"create table scratch (id bigint);\ndrop table scratch;"}},
        {"ban-drop-not-null",
         {posts, "alter table posts alter column id drop not null;"},
         {"create table scratch (id bigint not null);\nalter table scratch alter column id drop not null;"}},
        {"renaming-column",
         {posts, "alter table posts rename column title to headline;"},
         {posts + "\nalter table posts rename column title to headline;"}},
        {"renaming-table", {posts, "alter table posts rename to articles;"}, {posts + "\nalter table posts rename to articles;"}},
        {"prefer-identity",
         {"create table t (id serial primary key);"},
         {"create table t (id bigint generated always as identity primary key);"}},
        {"prefer-bigint-over-int", {"create table t (id int primary key);"}, {"create table t (id bigint primary key);"}},
        {"prefer-text-field", {"create table t (name varchar(40));"}, {"create table t (name text, code varchar);"}},
        {"prefer-timestamp-tz", {"create table t (at timestamp);"}, {"create table t (at timestamptz);"}},
        {"concurrently-in-transaction",
         {posts, "begin;\ncreate index concurrently posts_title on posts (title);\ncommit;"},
         {posts, "create index concurrently posts_title on posts (title);"}},
        {"require-if-exists", {"create table t (id bigint);"}, {"create table if not exists t (id bigint);"}},
        {"mixed-schema-and-data",
         {posts, "alter table posts add column body text;\nupdate posts set body = '';"},
         {"create table colors (name text primary key);\ninsert into colors values ('red');"}},
        {"require-lock-timeout",
         {posts, "alter table posts add column body text;"},
         {posts, "set lock_timeout = '2s';\nalter table posts add column body text;"}},
        {"rls-disabled-in-exposed-schema",
         {"create table public.notes (id bigint primary key);"},
         {"create table public.notes (id bigint primary key);\nalter table public.notes enable row level security;"},
         true},
        {"rls-enabled-no-policy",
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;"},
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;\n"
          "create policy read on notes for select using (true);"},
         true},
        {"policy-exists-rls-disabled",
         {"create table notes (id bigint primary key);\ncreate policy read on notes for select using (true);"},
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;\n"
          "create policy read on notes for select using (true);"},
         true},
        {"rls-not-forced",
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;"},
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;\n"
          "alter table notes force row level security;"},
         true},
        {"missing-policy-for-operation",
         {"create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n"
          "create policy read on notes for select using (true);"},
         {"create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n"
          "create policy own on notes for all using ((select auth.uid()) = owner);"},
         true},
        {"auth-rls-initplan",
         {"create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n"
          "create policy own on notes for all using (auth.uid() = owner);"},
         {"create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n"
          "create policy own on notes for all using ((select auth.uid()) = owner);"},
         true},
        {"multiple-permissive-policies",
         {"create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n"
          "create policy a on notes for select to authenticated using (true);\n"
          "create policy b on notes for select to authenticated using (owner is null);"},
         {"create table notes (id bigint primary key, owner uuid);\nalter table notes enable row level security;\n"
          "create policy a on notes for select to authenticated using (true);\n"
          "create policy b on notes as restrictive for select to authenticated using (owner is null);"},
         true},
        {"rls-references-user-metadata",
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;\n"
          "create policy admins on notes using ((select auth.jwt()) -> 'user_metadata' ->> 'role' = 'admin');"},
         {"create table notes (id bigint primary key);\nalter table notes enable row level security;\n"
          "create policy admins on notes using ((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin');"},
         true},
        {"unindexed-foreign-keys",
         {"create table a (id bigint primary key);\ncreate table b (id bigint primary key, a_id bigint references a);"},
         {"create table a (id bigint primary key);\ncreate table b (id bigint primary key, a_id bigint references a);\n"
          "create index on b (a_id, id);"}},
        {"duplicate-index",
         {posts + "\ncreate index i1 on posts (title);\ncreate index i2 on posts (title);"},
         {posts + "\ncreate index i1 on posts (title);\ncreate index i2 on posts (title desc);"}},
        {"no-primary-key", {"create table t (id bigint);"}, {"create table t (id bigint primary key);"}},
        {"security-definer-search-path",
         {"create function f() returns int language sql security definer as 'select 1';"},
         {"create function f() returns int language sql security definer set search_path = '' as 'select 1';"}},
        {"function-search-path-mutable",
         {"create function f() returns int language sql as 'select 1';"},
         {"create function f() returns int language sql set search_path = pg_catalog as 'select 1';"}},
        {"security-definer-view",
         {posts + "\ncreate view recent as select * from posts;"},
         {posts + "\ncreate view recent with (security_invoker = true) as select * from posts;"},
         true},
        {"auth-users-exposed",
         {"create view public.users as select id, email from auth.users;"},
         {"create view private_users as select id, email from auth.users;\nrevoke all on private_users from anon, authenticated;"},
         true},
        {"extension-in-public", {"create extension pg_trgm;"}, {"create schema extensions;\ncreate extension pg_trgm schema extensions;"}},
        {"invalid-suppression",
         {posts + "\n-- pgshift-lint-ignore no-such-rule: typo\ncreate table t (id bigint primary key);"},
         {posts + "\n-- pgshift-lint-ignore no-primary-key: a log table\ncreate table t (id bigint);"}},
    };
    return cases;
}

}  // namespace

TEST_CASE("lint: every rule has a migration that triggers it and a near miss that does not") {
    std::set<std::string> covered;
    for (const RuleCase& rule_case : rule_cases()) {
        INFO("rule " << rule_case.rule);
        REQUIRE(find_rule(rule_case.rule));
        CHECK(!findings_of(rule_case.rule, rule_case.triggers, rule_case.supabase).empty());
        std::vector<Finding> near_miss = findings_of(rule_case.rule, rule_case.near_miss, rule_case.supabase);
        for (const Finding& finding : near_miss) INFO(finding.file << ":" << finding.line << " " << finding.message);
        CHECK(near_miss.empty());
        covered.insert(rule_case.rule);
    }
    for (const Rule& rule : rules()) {
        INFO("rule without a case: " << rule.id);
        CHECK((covered.count(rule.id) || rule.kind == RuleKind::database));
    }
}

TEST_CASE("lint: CONCURRENTLY in a file the runner runs in one transaction, unless it is the file's only statement") {
    LintContext context;
    context.file_in_transaction = true;
    LintConfig config;
    config.only = {"concurrently-in-transaction"};
    auto count = [&](const std::string& sql) { return lint_sources(migrations({posts, sql}), config, context).findings.size(); };
    CHECK(count("create index concurrently posts_title on posts (title);\nalter table posts add column body text;") == 1);
    CHECK(count("drop index concurrently if exists posts_title;\nselect 1;") == 1);
    CHECK(count("create index concurrently posts_title on posts (title);") == 0);
}

TEST_CASE("lint: a migration the database applied and that was edited since (the runner's statements, split and trimmed)") {
    LintContext context;
    context.applied = std::vector<RecordedMigration>{
        {"20240101000000", "init", std::vector<std::string>{"-- the table\ncreate table t (id bigint primary key)", "select 1"}},
        {"20240102000000", "more", std::vector<std::string>{"create table u (id bigint primary key)"}},
        {"20240103000000", "none", std::nullopt}};
    std::vector<MigrationSource> sources = {
        {"m/20240101000000_init.sql", "-- the table\ncreate table t (\n  id bigint primary key\n);\n\nselect 1;\n"},
        {"m/20240102000000_more.sql", "create table u (id bigint primary key, name text);\n"},
        {"m/20240103000000_none.sql", "create table v (id bigint primary key);\n"},
        {"m/20240104000000_new.sql", "create table w (id bigint primary key);\n"}};
    LintConfig config;
    config.only = {"applied-migration-edited"};
    LintResult result = lint_sources(sources, config, context);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].file == "m/20240102000000_more.sql");
    CHECK(result.findings[0].message ==
          "migration 20240102000000_more.sql was applied to the database as version 20240102000000 and has been edited since");
}

TEST_CASE("lint: a statement finding is at the statement's first token, a schema finding at the line that made the object") {
    LintResult result = lint_sources(migrations({posts, "-- why\n\n  create index posts_title on posts (title);",
                                                 "create table notes (id bigint);\ncreate table other (id bigint primary key);"}),
                                     {}, {});
    std::vector<std::string> seen;
    for (const Finding& finding : result.findings)
        seen.push_back(finding.rule + "@" + finding.file + ":" + std::to_string(finding.line) + ":" + std::to_string(finding.column));
    CHECK(std::count(seen.begin(), seen.end(), "require-concurrent-index-creation@m/002.sql:3:3") == 1);
    CHECK(std::count(seen.begin(), seen.end(), "no-primary-key@m/003.sql:1:1") == 1);
}

TEST_CASE("lint: RLS findings point at the statement that last changed row level security") {
    LintConfig config;
    config.only = {"rls-enabled-no-policy"};
    LintResult result =
        lint_sources(migrations({"create table notes (id bigint primary key);", "select 1;\nalter table notes enable row level security;"}),
                     config, supabase_context());
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].rule == "rls-enabled-no-policy");
    CHECK(result.findings[0].file == "m/002.sql");
    CHECK(result.findings[0].line == 2);
}

TEST_CASE("lint: the platform's tables are not the team's") {
    // auth.users has RLS without policies for the API, storage.objects policies are the platform's.
    LintResult result = lint_sources(migrations({"create table public.profiles (id uuid primary key references auth.users);\n"
                                                 "alter table public.profiles enable row level security;\n"
                                                 "create policy own on public.profiles using ((select auth.uid()) = id);"}),
                                     {}, supabase_context());
    for (const Finding& finding : result.findings) {
        INFO(finding.rule << " " << finding.message);
        if (find_rule(finding.rule)->kind != RuleKind::schema) continue;
        CHECK(finding.object.rfind("auth.", 0) != 0);
        CHECK(finding.object.rfind("storage.", 0) != 0);
        CHECK(finding.file == "m/001.sql");
    }
}

TEST_CASE("lint: pgshift-lint-ignore silences one rule on one statement, with its reason") {
    std::string file = posts +
                       "\n-- pgshift-lint-ignore no-primary-key: an append-only log\ncreate table log (line text);\n"
                       "create table log2 (line text);";
    LintResult result = lint_sources(migrations({file}), {}, {});
    std::vector<std::string> tables;
    for (const Finding& finding : result.findings)
        if (finding.rule == "no-primary-key") tables.push_back(finding.object);
    CHECK(tables == std::vector<std::string>{"public.log2"});
    CHECK(result.suppressed == 1);
    LintResult no_reason = lint_sources(migrations({"-- pgshift-lint-ignore no-primary-key\ncreate table log (line text);"}), {}, {});
    REQUIRE(no_reason.findings.size() == 1);
    CHECK(no_reason.findings[0].rule == "invalid-suppression");
    CHECK(no_reason.findings[0].message == "pgshift-lint-ignore gives no reason (RULE: why)");
}

TEST_CASE("lint: pgshift.toml's [lint] sets levels, turns rules off and on") {
    std::string path = "/tmp/pgshift-lint-config-test.toml";
    std::ofstream(path) << "[lint]\nforce_rls = true\ndisable = [\"no-primary-key\"]\nexposed_schemas = [\"api\"]\n"
                           "[lint.rules]\nprefer-text-field = \"error\"\n";
    LintConfig config = read_lint_config(path);
    CHECK(config.level_of("no-primary-key") == Level::off);
    CHECK(config.level_of("rls-not-forced") == Level::warning);
    CHECK(config.level_of("prefer-text-field") == Level::error);
    CHECK(config.level_of("prefer-identity") == Level::warning);
    CHECK(config.exposed_schemas == std::vector<std::string>{"api"});
    apply_rule_options(config, {"prefer-identity", "no-primary-key"}, {"no-primary-key"});
    CHECK(config.level_of("prefer-identity") == Level::warning);
    CHECK(config.level_of("no-primary-key") == Level::off);
    CHECK(config.level_of("prefer-text-field") == Level::off);
    CHECK_THROWS_AS(apply_rule_options(config, {"no-such-rule"}, {}), std::invalid_argument);

    std::ofstream(path) << "[lint.rules]\nprefer-text-field = \"loud\"\n";
    try {
        read_lint_config(path);
        FAIL("no error");
    } catch (const LintConfigError& error) {
        CHECK(std::string(error.what()) == "lint.rules.prefer-text-field must be \"error\", \"warning\", \"info\" or \"off\"");
        CHECK(error.location().line == 2);
        CHECK(error.location().column == 21);
    }
}

TEST_CASE("lint: text output has file:line:col, the line, a caret and the why") {
    LintConfig config;
    config.only = {"prefer-timestamp-tz"};
    LintResult result = lint_sources(migrations({"create table t (\n  at\ttimestamp\n);"}), config, {});
    CHECK(format_text(result) ==
          "m/001.sql:2:6: warning: column at is timestamp without time zone [prefer-timestamp-tz]\n"
          "    at\ttimestamp\n"
          "      \t^\n"
          "  = why: timestamp drops the UTC offset: two instants hours apart can be stored as the same value. Use timestamptz.\n"
          "1 finding (0 errors, 1 warnings, 0 info) in 1 file\n");
}

TEST_CASE("lint: GitHub annotations escape what the runner unescapes") {
    LintResult result;
    Finding finding;
    finding.rule = "no-primary-key";
    finding.level = Level::info;
    finding.file = "db/a,b:c.sql";
    finding.line = 3;
    finding.column = 1;
    finding.message = "100% sure";
    finding.why = "line two";
    result.findings.push_back(finding);
    CHECK(format_github(result) == "::notice file=db/a%2Cb%3Ac.sql,line=3,col=1,title=no-primary-key::100%25 sure%0Aline two\n");
}
