#include "cli/migration_command.hpp"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/errors.hpp"
#include "cli/workflow_support.hpp"
#include "introspect/introspect.hpp"
#include "parser/migration_sources.hpp"

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
    for (const MigrationFile& file : discover_migrations(options.sources))
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
}

}  // namespace pgshift::cli
