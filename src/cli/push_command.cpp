#include "cli/push_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/errors.hpp"
#include "cli/workflow_support.hpp"
#include "introspect/introspect.hpp"

namespace pgshift::cli {
namespace {

struct PushOptions {
    WorkflowOptions workflow;
    bool dry_run = false;
    bool include_all = false;
    bool include_seed = false;
    bool allow_edited = false;
    bool allow_missing = false;
    bool allow_outside_transaction = false;
    std::vector<std::string> fail_on_hazards;
    bool verbose = false;
};

std::string milliseconds_text(double milliseconds) {
    char text[32];
    std::snprintf(text, sizeof text, milliseconds < 10 ? "%.1f ms" : "%.0f ms", milliseconds);
    return text;
}

nlohmann::json outcome_json(const PushOutcome& outcome, const std::string& database, const ProjectMigrations& project, bool dry_run) {
    nlohmann::json json;
    json["database"] = redact_connection(database);
    json["runner"] = runner_name(project.runner);
    json["dry_run"] = dry_run;
    json["pending"] = nlohmann::json::array();
    for (const PlannedFile& planned : outcome.planned) {
        nlohmann::json file = {{"file", planned.file->label}, {"statements", planned.statements.statements.size()},
                               {"outside_transaction", planned.outside_transaction}};
        file["hazards"] = nlohmann::json::array();
        for (const std::string& item : planned.hazards.items) file["hazards"].push_back(item);
        if (!planned.hazards.unknown.empty()) file["hazards_unknown"] = planned.hazards.unknown;
        json["pending"].push_back(file);
    }
    json["applied"] = nlohmann::json::array();
    for (const AppliedFile& applied : outcome.applied) json["applied"].push_back({{"file", applied.file->label}, {"milliseconds", applied.milliseconds}});
    json["seeds"] = nlohmann::json::array();
    for (const SeedFile& seed : outcome.seeds) json["seeds"].push_back({{"path", seed.path}, {"hash_update", seed.dirty}});
    json["seeded"] = outcome.seeded;
    json["warnings"] = outcome.warnings;
    json["refusal"] = nullptr;
    if (outcome.refusal) {
        const PushRefusal& refusal = *outcome.refusal;
        json["refusal"] = {{"message", refusal.error ? format_migration_error(*refusal.error) : refusal.message},
                           {"names", refusal.names},
                           {"hint", refusal.hint}};
    }
    json["failure"] = nullptr;
    if (outcome.failure) {
        const PushFailure& failure = *outcome.failure;
        json["failure"] = {{"file", failure.location.file},     {"line", failure.location.line},
                           {"column", failure.location.column}, {"sqlstate", failure.error.sqlstate},
                           {"message", failure.error.message},  {"detail", failure.error.detail},
                           {"hint", failure.error.hint},        {"statement", failure.statement},
                           {"commit_unknown", failure.commit_unknown}, {"partly_applied", failure.partly_applied}};
    }
    json["milliseconds"] = outcome.milliseconds;
    return json;
}

int run_push(const PushOptions& options) {
    return run_reporting_errors([&]() {
            WorkflowProject project = load_workflow_project(options.workflow);
            std::string database = require_workflow_database(options.workflow, project);
            PushRequest request = push_request(project);
            request.dry_run = options.dry_run;
            request.include_all = options.include_all;
            request.allow_edited = options.allow_edited;
            request.allow_missing = options.allow_missing;
            request.allow_outside_transaction = options.allow_outside_transaction;
            for (const std::string& name : options.fail_on_hazards) {
                if (name == "all" || name == "ALL") {
                    request.fail_on_hazards.insert(all_hazards().begin(), all_hazards().end());
                    continue;
                }
                std::optional<Hazard> hazard = parse_hazard(name);
                if (!hazard) throw std::runtime_error("unknown hazard '" + name + "' (DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD, AUTHZ_WEAKENED, all)");
                request.fail_on_hazards.insert(*hazard);
            }
            if (options.include_seed) request.seeds = project_seeds(project);
            bool text = options.workflow.format == "text";
            bool terminal = isatty(STDERR_FILENO);
            if (options.dry_run && text) std::cerr << "DRY RUN: migrations will *not* be pushed to the database.\n";
            PushEvents events;
            events.waiting_for_lock = [&](int pid) {
                std::cerr << "waiting for another push to finish (it holds the lock" << (pid ? " in backend " + std::to_string(pid) : "") << ")\n";
            };
            events.file_started = [&](const LocalMigration& file) {
                if (text && terminal) std::cerr << "Applying migration " << file.label << "..." << std::flush;
            };
            events.file_applied = [&](const AppliedFile& applied) {
                if (!text) return;
                if (terminal) std::cerr << "\r\033[K";
                std::cerr << "Applied " << applied.file->label << " (" << milliseconds_text(applied.milliseconds) << ")\n";
            };
            events.seed_started = [&](const SeedFile& seed) {
                if (text) std::cerr << (seed.dirty ? "Updating seed hash to " : "Seeding data from ") << seed.path << "...\n";
            };
            events.notice = [&](const LocalMigration* file, const ServerMessage& message) {
                if (!text || (message.severity != "WARNING" && !options.verbose)) return;
                if (terminal) std::cerr << "\r\033[K";
                std::cerr << (file ? file->label + ": " : "") << message.severity << ": " << message.message << "\n";
            };
            PushOutcome outcome = push_migrations(database, project.migrations, std::move(request), events);
            if (!text) {
                std::cout << outcome_json(outcome, database, project.migrations, options.dry_run).dump(2) << "\n";
                if (outcome.refusal) return refusal_status(*outcome.refusal);
                return outcome.failure ? failure_status(*outcome.failure) : int(exit_ok);
            }
            for (const std::string& warning : outcome.warnings) std::cerr << "warning: " << warning << (warning.back() == '\n' ? "" : "\n");
            if (outcome.refusal) {
                print_refusal(*outcome.refusal);
                return refusal_status(*outcome.refusal);
            }
            for (const PlannedFile& planned : outcome.planned)
                for (const std::string& item : planned.hazards.items) std::cerr << "hazard: " << planned.file->label << ": " << item << "\n";
            if (outcome.planned.empty() && outcome.seeds.empty()) {
                std::cout << database_kind(database) << " is up to date.\n";
                return 0;
            }
            if (options.dry_run) {
                if (!outcome.planned.empty()) std::cerr << "Would push these migrations:\n";
                for (const PlannedFile& planned : outcome.planned)
                    std::cerr << " • " << planned.file->label << (planned.outside_transaction ? " (outside a transaction)" : "") << "\n";
                if (!outcome.seeds.empty()) std::cerr << "Would seed these files:\n";
                for (const SeedFile& seed : outcome.seeds) std::cerr << " • " << seed.path << (seed.dirty ? " (hash update)" : "") << "\n";
                std::cout << "Finished pgshift db push (dry run): nothing was changed.\n";
                return 0;
            }
            if (outcome.failure) {
                if (terminal) std::cerr << "\r\033[K";
                print_failure(*outcome.failure, outcome);
                return failure_status(*outcome.failure);
            }
            if (outcome.planned.empty()) std::cerr << "Schema migrations are up to date.\n";
            std::cout << "Applied " << outcome.applied.size() << " migration" << (outcome.applied.size() == 1 ? "" : "s");
            if (!outcome.seeded.empty()) std::cout << " and " << outcome.seeded.size() << " seed file" << (outcome.seeded.size() == 1 ? "" : "s");
            std::cout << " in " << milliseconds_text(outcome.milliseconds) << ".\n";
            return 0;
        });
}

}  // namespace

void add_push_command(CLI::App& db, int& exit_code) {
    auto options = std::make_shared<PushOptions>();
    CLI::App* push = db.add_subcommand("push", "Apply the pending migrations, each in one transaction with the row that records it");
    push->footer(
        "Files apply in their runner's order and are recorded as the runner records them (Supabase: supabase_migrations.\n"
        "schema_migrations; numbered and three-tier: _migrations, _content_migrations, _entity_migrations; golang-migrate:\n"
        "schema_migrations). A failing statement leaves neither part of its file nor a row. Before anything runs, the hazards of\n"
        "each pending file are shown, and files that cannot run in a transaction are refused. Two pushes at once take turns.\n"
        "A file the server rejects exits 4, a connection that breaks 2 (nothing more applied); edited, missing or out-of-order files, files that cannot\n"
        "run in a transaction and hazards refused by --fail-on-hazard exit 3 before anything runs.\n" +
        std::string(exit_status_footer));
    add_project_option(*push, options->workflow);
    add_database_option(*push, options->workflow);
    add_format_option(*push, options->workflow);
    push->add_flag("--dry-run", options->dry_run, "Print what would run; change nothing");
    push->add_flag("--include-all", options->include_all, "Also apply pending files older than the last applied one");
    push->add_flag("--include-seed", options->include_seed, "Supabase: also run the seed files of [db.seed] sql_paths not run yet");
    push->add_flag("--allow-edited", options->allow_edited, "Push although applied files were changed since");
    push->add_flag("--allow-missing", options->allow_missing, "Push although applied migrations have no local file");
    push->add_flag("--allow-outside-transaction", options->allow_outside_transaction,
                   "Run files with statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY, VACUUM, ...) statement by "
                   "statement");
    push->add_option("--fail-on-hazard", options->fail_on_hazards,
                     "Refuse (exit 3) when a pending file has these hazards: DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, "
                     "INDEX_BUILD, AUTHZ_WEAKENED, or all (comma separated or repeated)")
        ->delimiter(',');
    push->add_flag("-v,--verbose", options->verbose, "Also print the server's notices");
    push->callback([options, &exit_code]() { exit_code = finish_output(run_push(*options)); });
}

}  // namespace pgshift::cli
