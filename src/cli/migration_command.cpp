#include "cli/migration_command.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/errors.hpp"
#include "cli/workflow_support.hpp"
#include "introspect/introspect.hpp"
#include "cli/sources.hpp"
#include "parser/migration_sources.hpp"
#include "workflow/new_migration.hpp"
#include "workflow/repair.hpp"

namespace pgshift::cli {
namespace {

struct ListOptions {
    std::vector<std::string> sources;
    bool with_track = false;
    bool no_db = false;
    WorkflowOptions workflow;
};

// The files of SOURCE arguments in the order they apply (what scripts and the tests read).
int list_sources(const ListOptions& options) {
    MigrationLayout layout = discover_layout(options.sources);
    for (const LayoutNote& note : layout.notes) std::cerr << layout_note_text(note) << "\n";
    for (const MigrationFile& file : layout.files)
        std::cout << (options.with_track ? (file.track.empty() ? "-" : file.track) + "\t" : "") << file.path << "\n";
    return 0;
}

nlohmann::json history_json(const History& history, const WorkflowProject& project, const std::string& database) {
    nlohmann::json json;
    json["runner"] = runner_name(project.migrations.runner);
    json["database"] = database.empty() ? nlohmann::json(nullptr) : nlohmann::json(redact_connection(database));
    json["migrations"] = nlohmann::json::array();
    for (const MigrationStatus& entry : history.entries) {
        nlohmann::json item;
        item["state"] = entry.file && database.empty() ? "local" : state_name(entry.state);
        item["file"] = entry.file ? nlohmann::json(entry.file->label) : nlohmann::json(nullptr);
        const std::string& table = entry.file ? entry.file->table : entry.applied->table;
        const std::vector<std::string>& key = entry.file ? entry.file->key : entry.applied->key;
        item["table"] = table;
        item["key"] = key;
        if (entry.file) item["version"] = entry.file->version;
        if (entry.applied && !entry.applied->applied_at.empty()) item["applied_at"] = entry.applied->applied_at;
        if (!entry.detail.empty()) item["detail"] = entry.detail;
        json["migrations"].push_back(item);
    }
    if (history.blocked) json["blocked"] = *history.blocked;
    return json;
}

int list_project(const ListOptions& options) {
    WorkflowProject project = load_workflow_project(options.workflow);
    std::string database = options.no_db ? "" : workflow_database(options.workflow, project);
    History history;
    if (!database.empty()) {
        Session session(database);
        history = read_history(session, project.migrations);
    } else {
        history = compare_history(project.migrations, {}, {}, true);
    }
    if (options.workflow.format == "json") {
        std::cout << history_json(history, project, database).dump(2) << "\n";
        return 0;
    }
    if (database.empty()) {
        for (const MigrationStatus& entry : history.entries) std::cout << entry.file->label << "\n";
        return 0;
    }
    std::size_t width = 12;
    for (const MigrationStatus& entry : history.entries) width = std::max(width, entry.label.size());
    std::map<std::string, int> counts;
    for (const MigrationStatus& entry : history.entries) {
        std::string state = state_name(entry.state);
        ++counts[state];
        std::string line = state + std::string(state.size() < 13 ? 13 - state.size() : 1, ' ') + entry.label;
        std::string note = entry.detail;
        if (entry.state == MigrationState::missing) note = "recorded in " + entry.applied->table + ", no local file";
        if (entry.state == MigrationState::unverified) note = "recorded without a checksum: adopted at the next push";
        if (entry.state == MigrationState::out_of_order) note = "older than the last applied migration: db push --include-all";
        if (!note.empty()) line += std::string(width + 2 - entry.label.size(), ' ') + note;
        std::cout << line << "\n";
    }
    std::string summary;
    for (const char* state : {"applied", "unverified", "edited", "pending", "out-of-order", "missing"})
        if (counts[state]) summary += (summary.empty() ? "" : ", ") + std::to_string(counts[state]) + " " + state;
    std::cout << (summary.empty() ? "no migrations" : summary) << " (" << runner_name(project.migrations.runner) << ", "
              << redact_connection(database) << ")\n";
    if (history.blocked) std::cerr << "pgshift: " << *history.blocked << "\n";
    return 0;
}

struct NewOptions {
    std::string name;
    std::string tier;
    WorkflowOptions workflow;
};

// The folder a new migration of `tier` goes to in a three-tier project.
std::string tier_folder(const ProjectMigrations& project, const std::string& tier) {
    namespace fs = std::filesystem;
    const TieredProject& tiers = *project.tiers;
    fs::path contents(tiers.contents_folder);
    if (tier.empty() || tier == "core") return project.folder;
    if (tier == "theme") {
        if (tiers.theme.empty()) throw std::runtime_error("the project has no active theme: choose one with --theme");
        return (contents / "themes" / tiers.theme / "migrations").string();
    }
    auto after = [&](const char* prefix) { return tier.substr(std::string(prefix).size()); };
    if (tier.rfind("plugin:", 0) == 0) return (contents / "plugins" / after("plugin:") / "migrations").string();
    if (tier.rfind("entity:", 0) == 0) {
        std::string entity = after("entity:");
        std::size_t slash = entity.find('/');
        if (slash == std::string::npos) {
            if (tiers.theme.empty()) throw std::runtime_error("the project has no active theme: name the plugin (entity:PLUGIN/ENTITY)");
            return (contents / "themes" / tiers.theme / "entities" / entity / "migrations").string();
        }
        return (contents / "plugins" / entity.substr(0, slash) / "entities" / entity.substr(slash + 1) / "migrations").string();
    }
    throw std::runtime_error("unknown tier '" + tier + "': core, theme, plugin:NAME, entity:ENTITY (the theme's) or entity:PLUGIN/ENTITY");
}

int run_new(const NewOptions& options) {
    namespace fs = std::filesystem;
    ProjectMigrations project;
    try {
        project = find_project_migrations(options.workflow.migrations);
    } catch (const std::runtime_error&) {
        if (!options.workflow.migrations.empty()) throw;
        // A new project: Supabase's layout, as `supabase migration new` makes it.
        project.runner = Runner::supabase;
        project.root = ".";
        project.folder = "supabase/migrations";
    }
    if (project.runner != Runner::three_tier && !options.tier.empty())
        throw std::runtime_error("--tier is for three-tier projects (core/migrations, contents/); this one is " + std::string(runner_name(project.runner)));
    std::string folder = project.runner == Runner::three_tier ? tier_folder(project, options.tier) : project.folder;
    fs::create_directories(folder);
    std::time_t now = std::time(nullptr);
    std::string how = project.runner == Runner::golang_migrate
                          ? "pgshift runs it in one transaction with its version."
                          : "pgshift runs it in one transaction with the row that records it.";
    std::vector<std::string> written;
    if (project.runner == Runner::golang_migrate) {
        std::string up = new_migration_file(folder, options.name, now, ".up.sql");
        std::string down = up.substr(0, up.size() - std::string(".up.sql").size()) + ".down.sql";
        written = {up, down};
    } else {
        written = {new_migration_file(folder, options.name, now)};
    }
    for (const std::string& path : written) {
        if (fs::exists(path)) throw std::runtime_error(path + " exists already");
        std::ofstream file(path, std::ios::binary);
        bool down = path.size() > 9 && path.compare(path.size() - 9, 9, ".down.sql") == 0;
        file << new_migration_header(options.name + (down ? " (down)" : ""), now, down ? "It undoes the .up.sql beside it." : how);
        if (!file) throw std::runtime_error("cannot write " + path);
        std::cout << path << "\n";
    }
    return 0;
}

struct RepairOptions {
    std::string status;
    std::vector<std::string> versions;
    bool all = false;
    WorkflowOptions workflow;
};

int run_repair(const RepairOptions& options) {
    WorkflowProject project = load_workflow_project(options.workflow);
    std::string database = require_workflow_database(options.workflow, project);
    if (options.versions.empty() && !options.all)
        throw std::runtime_error("name the versions to repair, or pass --all to make the whole history match the local files");
    bool applied = options.status == "applied";
    std::vector<std::string> repaired = repair_history(database, project.migrations, applied, options.versions, options.all);
    std::string list;
    for (const std::string& version : repaired) list += (list.empty() ? "" : " ") + version;
    std::cerr << "Repaired migration history: [" << list << "] => " << options.status << "\n";
    std::cerr << "Run pgshift migration list to show the updated migration history.\n";
    std::cout << "Finished pgshift migration repair.\n";
    return 0;
}

}  // namespace

void add_migration_command(CLI::App& app, int& exit_code) {
    CLI::App* migration = app.add_subcommand("migration", "A project's migration files and their history in the database");
    migration->require_subcommand(1);
    auto options = std::make_shared<ListOptions>();
    CLI::App* list = migration->add_subcommand("list", "The migration files in the order they apply, and, with a database, their state");
    list->footer(
        "With SOURCE arguments: their files, one per line. Otherwise the project's (see --migrations): with a database\n"
        "(--db-url, $DATABASE_URL, or the project's local database when it runs) each file is applied, pending, edited since it\n"
        "was applied, unverified (recorded by its runner without a checksum), or out-of-order (pending but older than the last\n"
        "applied one), and each applied migration without a file is missing.\n" +
        std::string(exit_status_footer));
    list->add_option("SOURCE", options->sources, "Migration folders or .sql files");
    list->add_flag("--track", options->with_track, "With SOURCE: prefix each file with its tier (core, theme/<t>, plugin/<p>, ...) and a tab");
    list->add_flag("--no-db", options->no_db, "Only the local files, even when a database is known");
    add_project_option(*list, options->workflow);
    add_database_option(*list, options->workflow);
    add_format_option(*list, options->workflow);
    list->callback([options, &exit_code]() {
        exit_code = finish_output(run_reporting_errors([&]() {
            if (!options->sources.empty() && options->workflow.db_url.empty()) return list_sources(*options);
            if (!options->sources.empty()) options->workflow.migrations = options->sources.front();
            return list_project(*options);
        }));
    });

    auto new_options = std::make_shared<NewOptions>();
    CLI::App* create = migration->add_subcommand("new", "Create the next migration file by the folder's convention; prints its path");
    create->footer(
        "Supabase and empty folders: <UTC timestamp YYYYMMDDHHMMSS>_NAME.sql, always after the last file; numbered folders: the\n"
        "next number with the folder's zero padding; golang-migrate: NAME.up.sql and NAME.down.sql. Three-tier projects:\n"
        "--tier core (default), theme, plugin:NAME, entity:ENTITY (of the active theme) or entity:PLUGIN/ENTITY.\n" +
        std::string(exit_status_footer));
    create->add_option("NAME", new_options->name, "What the migration does, e.g. add_profiles")->required();
    create->add_option("--tier", new_options->tier, "Three-tier projects: core, theme, plugin:NAME, entity:ENTITY or entity:PLUGIN/ENTITY");
    add_project_option(*create, new_options->workflow);
    create->callback([new_options, &exit_code]() { exit_code = finish_output(run_reporting_errors([&]() { return run_new(*new_options); })); });

    auto repair_options = std::make_shared<RepairOptions>();
    CLI::App* repair = migration->add_subcommand("repair", "Mark migrations applied or reverted in the tracking tables, without running them");
    repair->footer(
        "applied: the rows a push writes for those files (Supabase: their statements, replacing any row of the version);\n"
        "reverted: their rows go. With --all: the whole history made to match the local files (applied) or emptied (reverted).\n" +
        std::string(exit_status_footer));
    repair->add_option("--status", repair_options->status, "applied or reverted")->required()->check(CLI::IsMember({"applied", "reverted"}));
    repair->add_option("VERSION", repair_options->versions, "Versions (Supabase, golang-migrate), file names or labels");
    repair->add_flag("--all", repair_options->all, "Every local file (applied) or every recorded migration (reverted)");
    add_project_option(*repair, repair_options->workflow);
    add_database_option(*repair, repair_options->workflow);
    repair->callback([repair_options, &exit_code]() { exit_code = finish_output(run_reporting_errors([&]() { return run_repair(*repair_options); })); });
}

}  // namespace pgshift::cli
