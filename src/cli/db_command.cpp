#include "cli/db_command.hpp"

#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/check_command.hpp"
#include "cli/errors.hpp"
#include "cli/plan_support.hpp"
#include "cli/platform_options.hpp"
#include "cli/project.hpp"

namespace pgshift::cli {
namespace {

struct DbOptions {
    std::string migrations;
    std::string db_url;
    PlatformOptions platform;
    SourceOptions sources;
    // db diff
    std::string file_name;
    std::string format = "sql";
    PlanningOptions planning;
    // db check
    std::string check_format = "text";
    bool no_elaborate = false;
    bool allow_unmodelled = false;
};

std::string database_or_error(const DbOptions& options) {
    std::string url = database_url_option(options.db_url);
    if (url.empty()) throw std::runtime_error("no database: pass --db-url or set DATABASE_URL");
    return url;
}

int run_db_diff(DbOptions options) {
    return run_reporting_errors([&]() {
        std::string folder = find_migrations_folder(options.migrations);
        std::string url = database_or_error(options);
        options.planning.exclude_managed = resolve_platform(options.platform, {folder}, options.sources, true).exclude_managed;
        std::vector<LoadedSource>& loaded = load_sources({folder, url}, options.sources);
        Plan plan = make_plan(loaded[0], loaded[1], options.planning);
        if (plan.empty()) {
            std::cerr << "no changes: the database matches the migrations in " << folder << "; nothing written\n";
            return 0;
        }
        std::set<Hazard> disallowed = disallowed_hazards(plan, options.planning);
        if (!disallowed.empty()) report_disallowed(disallowed);
        if (options.file_name.empty()) {
            std::cout << (options.format == "json" ? plan_json(plan) : plan_sql(plan));
            return disallowed.empty() ? 0 : 3;
        }
        if (!disallowed.empty()) {
            std::cerr << "nothing written\n";
            return 3;
        }
        std::string path = new_migration_path(folder, options.file_name, std::time(nullptr));
        std::ofstream file(path, std::ios::binary);
        file << "-- " << options.file_name << ": changes made in the database that the migrations did not have.\n"
             << "-- Captured by `pgshift db diff -f`. Review it before it runs anywhere else.\n\n"
             << plan_sql(plan);
        if (!file) throw std::runtime_error("cannot write " + path);
        std::set<std::string> objects;
        for (const Statement& statement : plan.statements)
            if (!statement.object.empty()) objects.insert(statement.object);
        std::cout << "wrote " << path << ": " << plan.statements.size() << " statement" << (plan.statements.size() == 1 ? "" : "s") << "\n";
        for (const std::string& object : objects) std::cout << "  " << object << "\n";
        return 0;
    }, 1, 2);
}

int run_db_check(const DbOptions& options) {
    ComparisonRequest request;
    request.sources = options.sources;
    int status = run_reporting_errors([&]() {
        request.from = find_migrations_folder(options.migrations);
        request.to = database_or_error(options);
        request.exclude_managed = resolve_platform(options.platform, {request.from}, request.sources, true).exclude_managed;
        return 0;
    }, 2, 2);
    if (status != 0) return status;
    request.format = options.check_format;
    request.no_elaborate = options.no_elaborate;
    request.fail_on_unmodelled = !options.allow_unmodelled;
    return run_comparison(request);
}

void add_project_options(CLI::App& command, DbOptions& options) {
    command.add_option("--migrations", options.migrations,
                       "The migrations folder (default: supabase/migrations, migrations or database/migrations here)");
    command.add_option("--db-url", options.db_url, "The database (default: $DATABASE_URL)");
    add_platform_options(command, options.platform, true);
    command.add_option("--schema", options.sources.schemas, "Only these schemas (repeatable)");
    command.add_option("--exclude-schema", options.sources.exclude_schemas, "Leave these schemas out (repeatable)");
    command.add_option("--search-path", options.sources.search_path, "The search_path migrations run with (overrides the database's)");
    command.add_option("--role", options.sources.role, "The role migrations run as");
}

}  // namespace

void add_db_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<DbOptions>();
    CLI::App* db = app.add_subcommand("db", "A project's migrations against its database");
    db->require_subcommand(1);

    CLI::App* diff = db->add_subcommand("diff", "The SQL that brings the migrations up to the database");
    diff->footer(
        "Captures changes made by hand (a dashboard, psql) as a migration. With -f NAME, writes it as the\n"
        "folder's next migration (<UTC timestamp>_NAME.sql, or NNN_NAME.sql in a numbered folder).\n"
        "Exit status: 0 success (also when nothing differs: nothing is written), 1 a migration error,\n"
        "2 a usage or database error, 3 hazards not allowed (nothing written).");
    diff->add_option("-f,--file", options->file_name, "Write the plan as a new migration with this name");
    diff->add_option("--format", options->format, "sql or json, when printing")->check(CLI::IsMember({"sql", "json"}))->capture_default_str();
    add_project_options(*diff, *options);
    add_planning_options(*diff, options->planning);
    diff->callback([options, &exit_code]() { exit_code = run_db_diff(*options); });

    CLI::App* check = db->add_subcommand("check", "Fail when the database has drifted from the migrations (for CI)");
    check->footer(
        "Exit status: 0 no drift, 1 drift, 2 error, 3 no drift but objects pgshift cannot model (listed;\n"
        "--allow-unmodelled accepts them). --format github prints workflow annotations at the migration\n"
        "that created each drifted object.");
    check->add_option("--format", options->check_format, "text, json or github")
        ->check(CLI::IsMember({"text", "json", "github"}))
        ->capture_default_str();
    check->add_flag("--no-elaborate", options->no_elaborate, "Do not ask the database for its own form of expressions that still differ");
    check->add_flag("--allow-unmodelled", options->allow_unmodelled, "Exit 0 even when something could not be modelled");
    add_project_options(*check, *options);
    check->callback([options, &exit_code]() { exit_code = run_db_check(*options); });
}

}  // namespace pgshift::cli
