#include "cli/workflow_support.hpp"

#include "cli/errors.hpp"

#include <iostream>

#include "introspect/introspect.hpp"
#include "cli/sources.hpp"
#include "platform/platform.hpp"

namespace pgshift::cli {

void add_project_option(CLI::App& command, WorkflowOptions& options) {
    command.add_option("--migrations", options.migrations,
                       "The project, or its migrations folder (default: the current directory's supabase/, three-tier "
                       "project, migrations/ or database/migrations/)");
    command.add_option("--platform", options.platform, "auto (a Supabase project is detected), supabase or none")
        ->check(CLI::IsMember({"auto", "supabase", "none"}))
        ->capture_default_str();
    command.add_option("--theme", options.theme, "Three-tier projects: the active theme (default: pgshift.toml [tiers], the runner's settings, the only theme)");
    command.add_option("--plugin", options.plugins, "Three-tier projects: an active plugin (repeatable; default: pgshift.toml, the theme's config, every plugin)");
}

void add_database_option(CLI::App& command, WorkflowOptions& options) {
    command.add_option("--db-url", options.db_url, "The database (default: $DATABASE_URL, else the project's local database when it runs)");
}

void add_format_option(CLI::App& command, WorkflowOptions& options) {
    command.add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
}

WorkflowProject load_workflow_project(const WorkflowOptions& options) {
    WorkflowProject loaded;
    TierSelection tiers;
    if (!options.theme.empty()) tiers.theme = options.theme;
    if (!options.plugins.empty()) tiers.plugins = options.plugins;
    loaded.migrations = find_project_migrations(options.migrations, tiers);
    std::vector<std::string> sources;
    sources.push_back(loaded.migrations.root);
    loaded.project = find_project(sources, parse_platform_choice(options.platform));
    for (const std::string& warning : project_warnings(loaded.project)) std::cerr << warning << "\n";
    for (const std::string& skipped : loaded.migrations.skipped) std::cerr << skipped << "\n";
    return loaded;
}

std::string workflow_database(const WorkflowOptions& options, const WorkflowProject& project) {
    std::string url = database_url_option(options.db_url);
    if (!url.empty()) return url;
    return running_cluster_url(project.migrations.root).value_or("");
}

std::string require_workflow_database(const WorkflowOptions& options, const WorkflowProject& project) {
    std::string url = workflow_database(options, project);
    if (url.empty())
        throw std::runtime_error("no database: pass --db-url, set DATABASE_URL, or start the project's local database with `pgshift db start`");
    return url;
}

std::string local_database_url(const std::string& migrations) {
    try {
        return running_cluster_url(find_project_migrations(migrations).root).value_or("");
    } catch (const std::exception&) {
        return "";
    }
}

std::optional<PlatformSetup> platform_setup(const WorkflowProject& project) {
    const PlatformDescription* platform = project.project.platform;
    if (!platform) return std::nullopt;
    // The version's first word: "supabase-2026.08".
    return PlatformSetup{platform->name, platform->version.substr(0, platform->version.find(' ')), platform->setup_sql, platform->schema_sql};
}

std::vector<SeedFile> project_seeds(const WorkflowProject& project) {
    if (project.migrations.runner != Runner::supabase) return {};
    std::vector<std::string> patterns = {"./seed.sql"};
    if (project.project.config) {
        if (!project.project.config->seed_enabled) return {};
        patterns = project.project.config->seed_paths;
    }
    std::vector<std::string> warnings;
    std::vector<SeedFile> seeds = find_seed_files(project.migrations.root, patterns, warnings);
    for (const std::string& warning : warnings) std::cerr << warning << "\n";
    return seeds;
}

PushRequest push_request(const WorkflowProject& project) {
    PushRequest request;
    if (const PlatformDescription* platform = project.project.platform) {
        request.start = platform_model(*platform);
        request.replay.search_path = platform->search_path;
        request.replay.role = platform->role;
        request.replay.platform_schemas = platform->managed_schemas;
    }
    return request;
}

void print_refusal(const PushRefusal& refusal) {
    if (refusal.error) {
        std::cerr << format_migration_error(*refusal.error);
    } else {
        std::cerr << "pgshift: " << refusal.message << "\n";
        for (const std::string& name : refusal.names) std::cerr << "  " << name << "\n";
    }
    if (!refusal.hint.empty()) std::cerr << "  hint: " << refusal.hint << "\n";
    std::cerr << "nothing was applied\n";
}

int refusal_status(const PushRefusal& refusal) {
    bool file_cannot_run = refusal.reason == PushRefusal::Reason::syntax || refusal.reason == PushRefusal::Reason::own_transaction;
    return file_cannot_run ? int(exit_migration_error) : int(exit_gate);
}

int failure_status(const PushFailure& failure) {
    return failure.error.connection_lost ? int(exit_error) : int(exit_migration_error);
}

void print_failure(const PushFailure& failure, const PushOutcome& outcome) {
    const ServerMessage& error = failure.error;
    std::string message = error.message + (error.sqlstate.empty() ? "" : " (SQLSTATE " + error.sqlstate + ")");
    if (failure.location.line > 0) {
        std::cerr << format_migration_error(MigrationError(message, failure.location));
    } else {
        std::cerr << failure.location.file << ": error: " << message << "\n  in " << failure.statement << "\n";
    }
    if (!error.detail.empty()) std::cerr << "  detail: " << error.detail << "\n";
    if (!error.hint.empty()) std::cerr << "  hint: " << error.hint << "\n";
    if (!error.context.empty()) std::cerr << "  context: " << error.context << "\n";
    std::string name = failure.file ? failure.file->label : failure.location.file;
    if (failure.commit_unknown)
        std::cerr << "the connection broke while " << name
                  << " committed: whether it was applied is not known; the next push reads the tracking table and goes on from there\n";
    else if (failure.partly_applied)
        std::cerr << name << " ran outside a transaction: the statements before this one stay applied, and it is not recorded\n";
    else if (error.connection_lost)
        std::cerr << "the connection broke: nothing of " << name << " was applied, and it is not recorded\n";
    else
        std::cerr << "nothing of " << name << " was applied, and it is not recorded\n";
    if (!outcome.applied.empty()) std::cerr << outcome.applied.size() << " migration(s) before it were applied and recorded\n";
}

std::string database_kind(const std::string& connection) {
    return is_local_connection(connection) ? "Local database" : "Remote database";
}

}  // namespace pgshift::cli
