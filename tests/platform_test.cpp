#include "platform/platform.hpp"

#include <cstdio>
#include <fstream>

#include <catch2/catch.hpp>

#include "model/tracking_tables.hpp"
#include "parser/parse_folder.hpp"
#include "platform/platform_state.hpp"
#include "platform/supabase_config.hpp"

using namespace pgshift;

namespace {

std::string config_file(const std::string& text) {
    std::string path = "/tmp/pgshift-config-test-" + std::to_string(std::hash<std::string>{}(text)) + ".toml";
    std::ofstream(path) << text;
    return path;
}

std::string config_error(const std::string& text) {
    std::string path = config_file(text);
    try {
        read_supabase_config(path);
    } catch (const ConfigError& error) {
        std::remove(path.c_str());
        std::string message = format_migration_error(error);
        return message.substr(message.find(':') + 1);  // without the temporary path
    }
    std::remove(path.c_str());
    return "no error";
}

}  // namespace

TEST_CASE("supabase/config.toml: the keys pgshift reads, Supabase's defaults where they are absent") {
    std::string path = config_file(
        "project_id = \"x\"\n[api]\nschemas = [\"public\", \"api\"]\nextra_search_path = [\"public\"]\n"
        "[db]\nport = 54322\nmajor_version = 15\n[db.seed]\nenabled = false\nsql_paths = [\"./seeds/*.sql\"]\n[auth]\nenabled = true\n");
    SupabaseConfig config = read_supabase_config(path);
    std::remove(path.c_str());
    CHECK(config.major_version == 15);
    CHECK(config.api_schemas == std::vector<std::string>{"public", "api"});
    CHECK(config.extra_search_path == std::vector<std::string>{"public"});
    CHECK(!config.seed_enabled);
    CHECK(config.seed_paths == std::vector<std::string>{"./seeds/*.sql"});
    CHECK(config.unhandled.empty());

    std::string empty = config_file("");
    SupabaseConfig defaults = read_supabase_config(empty);
    std::remove(empty.c_str());
    CHECK(defaults.api_schemas == std::vector<std::string>{"public", "graphql_public"});
    CHECK(defaults.seed_paths == std::vector<std::string>{"./seed.sql"});
}

TEST_CASE("supabase/config.toml: a major version pgshift does not parse is said, where it is written") {
    std::string path = config_file("[db]\nmajor_version = 17\n");
    SupabaseConfig config = read_supabase_config(path);
    std::remove(path.c_str());
    REQUIRE(config.unhandled.size() == 1);
    CHECK(config.unhandled[0].key == "db.major_version");
    CHECK(config.unhandled[0].value == "17");
    CHECK(config.unhandled[0].line == 2);
    CHECK(config.unhandled[0].column == 17);
}

TEST_CASE("supabase/config.toml that does not parse, or a key of the wrong type: file:line:col, the line, a caret") {
    CHECK(config_error("[db]\nmajor_version = = 15\n") ==
          "2:17: error: Error while parsing value: could not determine value type\n"
          "  major_version = = 15\n"
          "                  ^\n");
    CHECK(config_error("[api]\nschemas = \"public\"\n") ==
          "2:11: error: api.schemas must be an array of strings\n"
          "  schemas = \"public\"\n"
          "            ^\n");
    CHECK(config_error("[db]\nmajor_version = \"15\"\n") ==
          "2:17: error: db.major_version must be an integer\n"
          "  major_version = \"15\"\n"
          "                  ^\n");
}

TEST_CASE("the Supabase description replays into the platform migrations use, and names its version") {
    const PlatformDescription& platform = supabase_platform();
    CHECK(platform.version.rfind("supabase-", 0) == 0);
    const SchemaModel& model = platform_model(platform);
    CHECK(model.tables.count({"auth", "users"}));
    CHECK(model.tables.count({"storage", "objects"}));
    CHECK(model.tables.at({"storage", "objects"}).rls_enabled);
    CHECK(model.tables.at({"auth", "users"}).owner == "supabase_auth_admin");
    CHECK(model.functions.count({"auth", "uid()"}));
    CHECK(model.functions.count({"storage", "foldername(text)"}));
    CHECK(model.schemas.count("extensions"));
    CHECK(model.extensions.count("uuid-ossp"));
    CHECK(model.default_privileges.count({"postgres", "public", 'r'}));
    CHECK(model.unmodelled.empty());

    // A project's migration replays on it under the platform's search_path.
    ReplayOptions options;
    options.search_path = platform.search_path;
    options.platform_schemas = platform.managed_schemas;
    SchemaModel project = parse_sql(
        "create table profiles (id uuid primary key references auth.users on delete cascade, key text default gen_random_bytes(4)::text);"
        "create policy own on storage.objects for insert with check ((storage.foldername(name))[1] = auth.uid()::text);",
        "m.sql", options, model);
    CHECK(project.tables.at({"public", "profiles"}).acl.value().count("anon"));
    CHECK(project.tables.at({"storage", "objects"}).policies.count("own"));
}

TEST_CASE("a migration that creates a platform object again takes it over; a second time is an error") {
    ReplayOptions options;
    options.platform_schemas = {"auth"};
    SchemaModel platform = parse_sql(
        "create schema auth; create table auth.users (id uuid primary key, email text);"
        "create index users_email_idx on auth.users (email);"
        "create function auth.uid() returns uuid language sql as 'select null::uuid';");
    SchemaModel model = parse_sql(
        "create schema auth; create table auth.users (id uuid primary key);"
        "create index users_email_idx on auth.users (id);"
        "create function auth.uid() returns uuid language sql as 'select gen_random_uuid()';",
        "standin.sql", options, platform);
    CHECK(model.tables.at({"auth", "users"}).columns.size() == 1);
    CHECK(model.indexes.at({"auth", "users_email_idx"}).keys[0].column == "id");
    CHECK(model.functions.at({"auth", "uid()"}).body.find("gen_random_uuid") != std::string::npos);
    CHECK_THROWS_AS(parse_sql("create table auth.users (id int); create table auth.users (id int);", "twice.sql", options, platform),
                    MigrationError);
    // Without the platform's schemas named, it is what PostgreSQL says.
    CHECK_THROWS_AS(parse_sql("create table auth.users (id int);", "plain.sql", {}, platform), MigrationError);
}

TEST_CASE("the platform from a database: users' policies and triggers are not part of it") {
    const PlatformDescription& platform = supabase_platform();
    SchemaModel database = platform_model(platform);
    Table& objects = database.tables.at({"storage", "objects"});
    objects.policies["users' own"] = Policy{};
    objects.triggers["webhook"] = Trigger{};
    objects.triggers["webhook"].function = "supabase_functions.http_request";
    Table& users = database.tables.at({"auth", "users"});
    users.triggers["on_auth_user_created"].function = "public.handle_new_user";
    SchemaModel state = platform_state(database, platform);
    CHECK(state.tables.at({"storage", "objects"}).policies.empty());
    CHECK(!state.tables.at({"storage", "objects"}).triggers.count("webhook"));
    CHECK(state.tables.at({"storage", "objects"}).triggers.size() ==
          platform_model(platform).tables.at({"storage", "objects"}).triggers.size());
    CHECK(state.tables.at({"auth", "users"}).triggers.empty());
}

TEST_CASE("the platform from a database: privileges are the description's where the platform is the one described") {
    const PlatformDescription& platform = supabase_platform();
    const SchemaModel& described = platform_model(platform);
    SchemaModel database = described;
    // By hand: a grant on auth.users, RLS off on storage.objects.
    database.tables.at({"auth", "users"}).acl.value()["anon"] = "r";
    database.tables.at({"storage", "objects"}).rls_enabled = false;
    SchemaModel state = platform_state(database, platform);
    CHECK(state.tables.at({"auth", "users"}).acl == described.tables.at({"auth", "users"}).acl);
    CHECK(state.tables.at({"storage", "objects"}).rls_enabled);

    // Another installer (here: auth.users without a column the description has): the database's own.
    database.tables.at({"auth", "users"}).columns.pop_back();
    SchemaModel other = platform_state(database, platform);
    CHECK(other.tables.at({"auth", "users"}).acl.value().count("anon"));
    CHECK(!other.tables.at({"storage", "objects"}).rls_enabled);
}

TEST_CASE("the platform from a database: its publications with only the managed schemas' tables") {
    const PlatformDescription& platform = supabase_platform();
    const SchemaModel& described = platform_model(platform);
    REQUIRE(described.publications.count("supabase_realtime"));
    CHECK(described.publications.at("supabase_realtime").tables.empty());
    SchemaModel database = described;
    database.tables[{"public", "messages"}].name = {"public", "messages"};
    // By hand: a project table in realtime, updates no longer published; Realtime's own
    // publication of realtime.messages; a publication of the users'.
    Publication& realtime = database.publications.at("supabase_realtime");
    realtime.tables[{"public", "messages"}] = {};
    realtime.tables[{"realtime", "messages"}] = {};
    realtime.publish_update = false;
    Publication& broadcast = database.publications["supabase_realtime_messages_publication"];
    broadcast.name = "supabase_realtime_messages_publication";
    broadcast.tables[{"realtime", "messages"}] = {};
    database.publications["feed"].name = "feed";
    database.publications.at("feed").tables[{"public", "messages"}] = {};

    SchemaModel state = platform_state(database, platform);
    REQUIRE(state.publications.count("supabase_realtime"));
    const Publication& kept = state.publications.at("supabase_realtime");
    CHECK(kept.tables.size() == 1);
    CHECK(kept.tables.count({"realtime", "messages"}));
    CHECK(kept.publish_update);  // the description's: the hand change is compared
    CHECK(state.publications.count("supabase_realtime_messages_publication"));
    CHECK(!state.publications.count("feed"));

    // A migration adds its table to the platform's publication; a stand-in creating it again takes it over.
    ReplayOptions options;
    options.search_path = platform.search_path;
    options.platform_schemas = platform.managed_schemas;
    SchemaModel project =
        parse_sql("create table notes (id int primary key); alter publication supabase_realtime add table notes;", "m.sql", options, state);
    CHECK(project.publications.at("supabase_realtime").tables.count({"public", "notes"}));
    SchemaModel standin = parse_sql("create publication supabase_realtime;", "standin.sql", options, state);
    CHECK(standin.publications.at("supabase_realtime").tables.empty());
    CHECK_THROWS_AS(parse_sql("create publication supabase_realtime; create publication supabase_realtime;", "twice.sql", options, state),
                    MigrationError);
    CHECK_THROWS_AS(
        parse_sql("drop publication supabase_realtime; create publication supabase_realtime; create publication supabase_realtime;",
                  "again.sql", options, state),
        MigrationError);
    CHECK_THROWS_AS(parse_sql("create publication supabase_realtime;", "plain.sql", {}, state), MigrationError);
}

TEST_CASE("migration runners' tracking tables, and patterns of tables") {
    CHECK(matches_table_pattern({"supabase_migrations", "schema_migrations"}, tracking_table_patterns()));
    CHECK(matches_table_pattern({"public", "_prisma_migrations"}, tracking_table_patterns()));
    CHECK(matches_table_pattern({"app", "flyway_schema_history"}, tracking_table_patterns()));
    CHECK(!matches_table_pattern({"public", "migrations"}, tracking_table_patterns()));
    CHECK(matches_table_pattern({"audit", "log"}, {"audit.log"}));
    CHECK(!matches_table_pattern({"public", "log"}, {"audit.log"}));
    CHECK(matches_table_pattern({"public", "log"}, {"log"}));
}
