#include "cli/pull_command.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "cli/workflow_support.hpp"
#include "diff/compare.hpp"
#include "introspect/introspect.hpp"
#include "model/filter.hpp"
#include "model/tracking_tables.hpp"
#include "parser/canonical/parsed_expression_facts.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/parse_folder.hpp"
#include "parser/written_expressions.hpp"
#include "platform/platform_state.hpp"
#include "workflow/new_migration.hpp"
#include "workflow/repair.hpp"

namespace pgshift::cli {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> paths_of(const std::vector<const LocalMigration*>& files) {
    std::vector<std::string> paths;
    for (const LocalMigration* file : files) paths.push_back(file->path);
    return paths;
}

SchemaModel replay_files(const std::vector<const LocalMigration*>& files, const ReplayOptions& replay, const SchemaModel& start) {
    if (files.empty()) return start;
    return parse_sources(paths_of(files), replay, start);
}

void drop_tracking_tables(SchemaModel& model) {
    filter_tables(model, [](const QualifiedName& table) { return !matches_table_pattern(table, tracking_table_patterns()); });
}

std::set<std::string> managed_schemas(const WorkflowProject& project) {
    return project.project.platform ? project.project.platform->managed_schemas : std::set<std::string>{};
}

Plan plan_between(SchemaModel from, SchemaModel to, const WorkflowProject& project, const std::string& role) {
    static const ParsedExpressionFacts facts;
    drop_stale_written_expressions(from);
    drop_stale_written_expressions(to);
    PlanOptions options;
    options.online = false;  // the file runs in one transaction
    options.facts = &facts;
    options.role = role.empty() ? "postgres" : role;
    options.managed_schemas = managed_schemas(project);
    return plan_migration(from, to, options);
}

std::string new_file_folder(const WorkflowProject& project) {
    if (project.migrations.runner == Runner::supabase) return (fs::path(project.migrations.root) / "supabase" / "migrations").string();
    return project.migrations.folder;
}

void write_file(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) throw std::runtime_error("cannot write " + path);
}

// --- db pull ------------------------------------------------------------------------------------

struct PullOptions {
    WorkflowOptions workflow;
    std::string name = "remote_schema";
    bool no_record = false;
};

int run_pull(const PullOptions& options) {
    WorkflowProject project = load_workflow_project(options.workflow);
    std::string database = require_workflow_database(options.workflow, project);
    {
        // As the Supabase CLI: the history must match the local files first.
        Session session(database);
        History history = read_history(session, project.migrations);
        std::vector<std::string> suggestions;
        for (const MigrationStatus& entry : history.entries) {
            if (entry.state == MigrationState::missing) suggestions.push_back("pgshift migration repair --status reverted " + entry.applied->label);
            if (entry.state == MigrationState::pending || entry.state == MigrationState::out_of_order)
                suggestions.push_back("pgshift migration repair --status applied " + entry.file->version);
        }
        if (!suggestions.empty()) {
            std::cerr << "pgshift: The remote database's migration history does not match local files in " << project.migrations.folder << ".\n"
                      << "\nMake sure your local git repo is up-to-date. If the error persists, try repairing the migration history table:\n";
            for (const std::string& suggestion : suggestions) std::cerr << suggestion << "\n";
            return int(exit_gate);
        }
    }
    Introspection read = introspect(database);
    const PlatformDescription* platform = project.project.platform;
    SchemaModel start = platform ? platform_state(read.model, *platform) : SchemaModel::fresh_database();
    ReplayOptions replay;
    replay.search_path = read.environment.search_path;
    replay.role = read.environment.role;
    replay.external = read.environment.external;
    if (platform) replay.platform_schemas = platform->managed_schemas;
    std::vector<const LocalMigration*> files;
    for (const LocalMigration& file : project.migrations.files) files.push_back(&file);
    SchemaModel local = replay_files(files, replay, start);
    SchemaModel remote = read.model;
    drop_tracking_tables(local);
    drop_tracking_tables(remote);
    Plan plan = plan_between(local, remote, project, read.environment.role);
    if (plan.empty()) {
        std::cerr << "pgshift: No schema changes found\n";
        return int(exit_ok);
    }
    std::time_t now = std::time(nullptr);
    std::string path = new_migration_file(new_file_folder(project), options.name, now);
    std::string text = new_migration_header(options.name, now, "The schema of " + redact_connection(database) +
                                                                   (files.empty() ? " outside the platform."
                                                                                  : " that the migrations before it lacked."), "pgshift db pull") +
                       plan_sql(plan);
    // Proven before it is recorded: the files and the new one replay to the database's model.
    write_file(path, text);
    ProjectMigrations with_new = find_project_migrations(options.workflow.migrations.empty() ? project.migrations.root : options.workflow.migrations,
                                                         project.migrations.tiers ? TierSelection{project.migrations.tiers->theme, project.migrations.tiers->plugins}
                                                                                  : TierSelection{});
    std::vector<const LocalMigration*> all;
    const LocalMigration* pulled = nullptr;
    for (const LocalMigration& file : with_new.files) {
        all.push_back(&file);
        if (fs::equivalent(file.path, path)) pulled = &file;
    }
    SchemaModel rebuilt = replay_files(all, replay, start);
    drop_tracking_tables(rebuilt);
    CompareOptions compare;
    compare.managed_schemas = managed_schemas(project);
    std::vector<Difference> differences = compare_models(rebuilt, remote, compare);
    if (!differences.empty()) {
        std::cerr << "warning: the migrations with " << path << " still differ from the database in " << differences.size()
                  << " place(s); `pgshift db check` lists them\n";
    }
    std::cerr << "Schema written to " << path << "\n";
    if (!options.no_record && pulled) {
        record_applied(database, with_new, *pulled);
        std::cerr << "Repaired migration history: [" << pulled->version << "] => applied\n";
    }
    std::cout << "Finished pgshift db pull.\n";
    return 0;
}

// --- migration squash ----------------------------------------------------------------------------

struct SquashOptions {
    WorkflowOptions workflow;
    std::string version;
    bool update_history = false;
    bool drop_data = false;
};

int run_squash(const SquashOptions& options) {
    WorkflowProject project = load_workflow_project(options.workflow);
    std::vector<const LocalMigration*> selected;
    for (const LocalMigration& file : project.migrations.files) {
        selected.push_back(&file);
        if (!options.version.empty() && file.version == options.version) break;
    }
    if (!options.version.empty() && (selected.empty() || selected.back()->version != options.version)) {
        std::cerr << "pgshift: version not found\n";
        return int(exit_error);
    }
    if (selected.empty()) {
        std::cerr << "pgshift: version not found\n";
        return int(exit_error);
    }
    if (selected.size() == 1) {
        std::cout << selected.front()->label << " is already the earliest migration.\n";
        return 0;
    }
    if (project.migrations.runner == Runner::three_tier)
        throw std::runtime_error("a three-tier project's files belong to different tracking tables and sources: squash is for one folder");
    // What a schema model does not keep would be lost: refuse unless told.
    std::vector<std::string> lost;
    for (const LocalMigration* file : selected) {
        FileStatements statements = file_statements(file->sql, 150000);
        for (const FileStatement& statement : statements.statements)
            if (!statement.data.empty()) {
                SourcePosition position = position_of(file->sql, statement.offset);
                lost.push_back(file->label + ":" + std::to_string(position.line) + ": " + statement.data + " (data, not schema)");
            }
    }
    const PlatformDescription* platform = project.project.platform;
    SchemaModel start = platform ? platform_model(*platform) : SchemaModel::fresh_database();
    ReplayOptions replay;
    if (platform) {
        replay.search_path = platform->search_path;
        replay.role = platform->role;
        replay.platform_schemas = platform->managed_schemas;
    }
    SchemaModel before = replay_files(selected, replay, start);
    for (const Unmodelled& unmodelled : before.unmodelled)
        lost.push_back(unmodelled.file + ":" + std::to_string(unmodelled.line) + ": not modelled: " + unmodelled.what);
    if (!lost.empty() && !options.drop_data) {
        std::cerr << "pgshift: the files to squash hold statements the squashed file would not keep:\n";
        for (const std::string& item : lost) std::cerr << "  " << item << "\n";
        std::cerr << "  hint: move them to a seed file or a later migration, or pass --drop-data to squash without them\n";
        return int(exit_gate);
    }
    Plan plan = plan_between(start, before, project, replay.role);
    const LocalMigration& last = *selected.back();
    std::time_t now = std::time(nullptr);
    std::string text = new_migration_header(fs::path(last.path).filename().string(), now,
                                            "It replaces " + std::to_string(selected.size()) + " files up to " +
                                                last.version + ".", "pgshift migration squash") +
                       plan_sql(plan);
    // The proof: the squashed file alone replays to the model of the files it replaces.
    std::string trial = last.path + ".squash-check";
    write_file(trial, text);
    SchemaModel after;
    try {
        after = parse_sql(text, last.path, replay, start);
    } catch (...) {
        fs::remove(trial);
        throw;
    }
    fs::remove(trial);
    CompareOptions compare;
    compare.managed_schemas = managed_schemas(project);
    std::vector<Difference> differences = compare_models(before, after, compare);
    if (!differences.empty()) {
        std::cerr << "pgshift: the squashed file would not describe the same schema (" << differences.size() << " difference(s)); nothing changed:\n";
        for (std::size_t i = 0; i < differences.size() && i < 20; ++i)
            std::cerr << "  " << differences[i].kind << " " << differences[i].object << ": " << differences[i].property << "\n";
        return int(exit_differences);
    }
    write_file(last.path, text);
    for (const LocalMigration* file : selected)
        if (file != &last) fs::remove(file->path);
    std::cout << "Squashed local migrations to " << last.label << "\n";
    if (options.update_history) {
        std::string database = require_workflow_database(options.workflow, project);
        ProjectMigrations squashed = find_project_migrations(options.workflow.migrations);
        std::vector<std::string> replaced;
        for (const LocalMigration* file : selected)
            if (file != &last) replaced.push_back(file->version);
        repair_history(database, squashed, false, replaced, false);
        for (const LocalMigration& file : squashed.files)
            if (file.version == last.version) record_applied(database, squashed, file);
        std::cerr << "Baselining migration history to " << last.version << "\n";
    } else {
        std::cerr << "Run pgshift migration repair --status applied " << last.version << " (and --status reverted for the files replaced) "
                  << "to update a database's migration history, or squash with --update-history.\n";
    }
    std::cout << "Finished pgshift migration squash.\n";
    return 0;
}

}  // namespace

void add_pull_command(CLI::App& db, int& exit_code) {
    auto options = std::make_shared<PullOptions>();
    CLI::App* pull = db.add_subcommand("pull", "Write the database's schema that the migrations lack as a new migration, and record it applied");
    pull->footer(
        "The plan from the migrations (from the platform's state; an empty folder too) to the database, outside the platform and\n"
        "the runners' tracking tables, written as the folder's next migration (default name remote_schema) in plain forms that\n"
        "run in one transaction, then recorded as applied. The history must match the local files first, as `supabase db pull`\n"
        "requires (else exit 3, with the repairs that make it match). Nothing to pull is success: nothing is written.\n" +
        std::string(exit_status_footer));
    pull->add_option("NAME", options->name, "The migration's name")->capture_default_str();
    pull->add_flag("--no-record", options->no_record, "Do not record the new file as applied");
    add_project_option(*pull, options->workflow);
    add_database_option(*pull, options->workflow);
    pull->callback([options, &exit_code]() { exit_code = finish_output(run_reporting_errors([&]() { return run_pull(*options); })); });
}

void add_squash_command(CLI::App& migration, int& exit_code) {
    auto options = std::make_shared<SquashOptions>();
    CLI::App* squash = migration.add_subcommand("squash", "Replace the files up to a version by one with the same schema");
    squash->footer(
        "The files up to --version (all by default) are replayed, planned from the platform's state into one file written over\n"
        "the last of them (its version and name kept), and that file is replayed and compared with the files' model: only when\n"
        "they are equal are the others removed. Data statements (INSERT, UPDATE, ...) and statements pgshift does not model\n"
        "would be lost: they are refused (exit 3) unless --drop-data. A squashed file that would differ exits 1, nothing changed.\n" +
        std::string(exit_status_footer));
    squash->add_option("--version", options->version, "The last version to squash (default: all files)");
    squash->add_flag("--update-history", options->update_history,
                     "Also record the squashed file as applied and remove the rows of the files it replaces (needs a database)");
    squash->add_flag("--drop-data", options->drop_data, "Squash although data statements or unmodelled statements are lost");
    add_project_option(*squash, options->workflow);
    add_database_option(*squash, options->workflow);
    squash->callback([options, &exit_code]() { exit_code = finish_output(run_reporting_errors([&]() { return run_squash(*options); })); });
}

}  // namespace pgshift::cli
