#include "cli/db_command.hpp"

#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/check_command.hpp"
#include "cli/errors.hpp"
#include "cli/output_file.hpp"
#include "cli/plan_support.hpp"
#include "cli/platform_options.hpp"
#include "cli/project.hpp"
#include "cli/workflow_support.hpp"

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
    bool online = false;
    PlanningOptions planning;
    // db check
    std::string check_format = "text";
    bool no_elaborate = false;
    bool allow_unmodelled = false;
};

std::string database_or_error(const DbOptions& options) {
    std::string url = database_url_option(options.db_url);
    if (url.empty()) url = local_database_url(options.migrations);
    if (url.empty())
        throw std::runtime_error("no database: pass --db-url, set DATABASE_URL, or start the project's local database with `pgshift db start`");
    return url;
}

// On stderr: the hazards of what is captured. They already happened in the database, so they
// do not stop a capture (`diff` and `push` keep the gate).
void report_captured_hazards(const Plan& plan) {
    std::set<Hazard> hazards = plan.hazards();
    if (hazards.empty()) return;
    std::string names;
    for (Hazard hazard : hazards) names += (names.empty() ? "" : ",") + std::string(hazard_name(hazard));
    std::cerr << "pgshift: the captured changes carry hazards: " << names << "\n"
              << "  they already happened in the database; review the statements marked `-- hazards:` before the migration runs\n"
              << "  anywhere else\n";
}

std::string capture_text(const std::string& name, const Plan& plan) {
    return "-- " + name + ": changes made in the database that the migrations did not have.\n" +
           "-- Captured by `pgshift db diff -f`. Review it before it runs anywhere else.\n\n" + plan_sql(plan);
}

int run_db_diff(DbOptions options) {
    return run_reporting_errors([&]() {
        std::string folder = find_migrations_folder(options.migrations);
        std::string url = database_or_error(options);
        if (options.online && options.planning.no_online) throw std::runtime_error("--online and --no-online contradict each other");
        // The Supabase CLI runs each migration file in one transaction: plain forms there, unless
        // --online asks for CONCURRENTLY and NOT VALID + VALIDATE.
        bool one_transaction = runs_each_file_in_one_transaction(folder);
        if (one_transaction && !options.online) options.planning.no_online = true;
        options.planning.exclude_managed = resolve_platform(options.platform, {folder}, options.sources, true).exclude_managed;
        std::vector<LoadedSource>& loaded = load_sources({folder, url}, options.sources);
        Plan plan = make_plan(loaded, comparison_request(folder, url, options.sources, options.planning), options.planning);
        if (plan.empty()) {
            std::cerr << "no changes: the database matches the migrations in " << folder << "; nothing written\n";
            return int(exit_ok);
        }
        report_captured_hazards(plan);
        if (options.file_name.empty()) {
            std::cout << (options.format == "json" ? plan_json(plan) : plan_sql(plan));
            return int(exit_ok);
        }
        // Where a file runs in one transaction, a statement that can never run in one is refused,
        // and a new enum label goes to a file of its own, committed before the file that uses it.
        Plan first, rest;
        rest.notes = plan.notes;
        for (const Statement& statement : plan.statements) {
            if (one_transaction && !statement.transactional && !statement.commit_before_use)
                throw std::runtime_error("`" + statement.sql + "` cannot run inside a transaction block, and each file in " + folder +
                                         " runs in one; capture without --online, or run that statement by hand; nothing written");
            if (!one_transaction || !statement.commit_before_use) {
                rest.statements.push_back(statement);
                continue;
            }
            first.statements.push_back(statement);
            first.statements.back().transactional = true;  // alone in its file, its transaction commits first
        }
        std::vector<std::pair<std::string, const Plan*>> files;
        std::vector<std::string> written;
        try {
            for (const Plan* part : {&first, &rest}) {
                if (part->empty()) continue;
                std::string name = part == &first && !rest.empty() ? options.file_name + " enum values" : options.file_name;
                std::string path = new_migration_path(folder, name, std::time(nullptr));
                write_whole_file(path, capture_text(name, *part));
                written.push_back(path);
                files.emplace_back(path, part);
            }
        } catch (...) {
            for (const std::string& path : written) {
                std::error_code ignored;
                std::filesystem::remove(path, ignored);
            }
            throw;
        }
        for (const auto& [path, part] : files) {
            std::set<std::string> objects;
            for (const Statement& statement : part->statements)
                if (!statement.object.empty()) objects.insert(statement.object);
            std::size_t count = part->statements.size();
            std::cout << "wrote " << path << ": " << count << " statement" << (count == 1 ? "" : "s") << "\n";
            for (const std::string& object : objects) std::cout << "  " << object << "\n";
        }
        return int(exit_ok);
    });
}

int run_db_check(const DbOptions& options) {
    ComparisonRequest request;
    request.sources = options.sources;
    int status = run_reporting_errors([&]() {
        request.from = find_migrations_folder(options.migrations);
        request.to = database_or_error(options);
        request.exclude_managed = resolve_platform(options.platform, {request.from}, request.sources, true).exclude_managed;
        return int(exit_ok);
    });
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
        "folder's next migration, named as the folder names them (<UTC timestamp>_NAME.sql, <YYYYMMDD>_NAME.sql,\n"
        "NNN_NAME.sql, ...), whole or not at all. The changes already happened: their hazards are listed on\n"
        "stderr and marked `-- hazards:` in the file, and do not stop it. In supabase/migrations each file runs\n"
        "in one transaction: plain forms are written (no CONCURRENTLY, no NOT VALID + VALIDATE) unless --online,\n"
        "a statement that cannot run in a transaction is refused, and new enum labels go to a file of their\n"
        "own before the one that uses them. Nothing differing is success: nothing is written.\n" +
        std::string(exit_status_footer));
    diff->add_option("-f,--file", options->file_name, "Write the plan as a new migration with this name");
    diff->add_flag("--online", options->online,
                   "Online forms (CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE) in a supabase/migrations capture too");
    diff->add_option("--format", options->format, "sql or json, when printing")->check(CLI::IsMember({"sql", "json"}))->capture_default_str();
    add_project_options(*diff, *options);
    add_planning_options(*diff, options->planning, false);
    diff->callback([options, &exit_code]() { exit_code = finish_output(run_db_diff(*options)); });

    CLI::App* check = db->add_subcommand("check", "Fail when the database has drifted from the migrations (for CI)");
    check->footer(
        "Exit status: 0 no drift, 1 drift, 3 no drift but objects pgshift cannot model (listed; --allow-unmodelled\n"
        "accepts them). --format github prints workflow annotations at the migration that created each drifted\n"
        "object.\n" +
        std::string(exit_status_footer));
    check->add_option("--format", options->check_format, "text, json or github")
        ->check(CLI::IsMember({"text", "json", "github"}))
        ->capture_default_str();
    check->add_flag("--no-elaborate", options->no_elaborate, "Do not ask the database for its own form of expressions that still differ");
    check->add_flag("--allow-unmodelled", options->allow_unmodelled, "Exit 0 even when something could not be modelled");
    add_project_options(*check, *options);
    check->callback([options, &exit_code]() { exit_code = finish_output(run_db_check(*options)); });
}

}  // namespace pgshift::cli
