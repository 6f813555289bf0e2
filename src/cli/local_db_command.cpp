#include "cli/local_db_command.hpp"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/errors.hpp"
#include "cli/workflow_support.hpp"
#include "introspect/introspect.hpp"
#include "workflow/reset.hpp"

namespace pgshift::cli {
namespace {

struct LocalOptions {
    WorkflowOptions workflow;
    int port = 0;
    bool remove = false;
    // reset
    bool no_seed = false;
    bool allow_remote = false;
};

// The project's root, whatever its runner (a folder without migrations yet is a project too).
std::string project_root(const WorkflowOptions& options) {
    try {
        return find_project_migrations(options.migrations).root;
    } catch (const std::exception&) {
        return options.migrations.empty() ? "." : options.migrations;
    }
}

std::optional<PlatformSetup> platform_of_root(const WorkflowOptions& options, const std::string& root) {
    WorkflowProject project;
    project.project = find_project({root}, parse_platform_choice(options.platform));
    return platform_setup(project);
}

int run_start(const LocalOptions& options) {
    return run_reporting_errors([&]() {
            std::string root = project_root(options.workflow);
            LocalCluster cluster = local_cluster(root, options.port);
            StartEvents events;
            events.step = [](const std::string& step) { std::cerr << step << "...\n"; };
            ClusterStatus status = start_cluster(cluster, platform_of_root(options.workflow, root), events);
            std::cout << "Started the local database (PostgreSQL " << status.server_version << ", platform " << status.platform << ")\n"
                      << "  URL: " << cluster.url() << "\n"
                      << "  TCP: postgresql://postgres@127.0.0.1:" << cluster.port << "/postgres\n"
                      << "  data: " << cluster.data << " (ignored by git)\n";
            return 0;
        });
}

int run_stop(const LocalOptions& options) {
    return run_reporting_errors([&]() {
            LocalCluster cluster = local_cluster(project_root(options.workflow));
            bool running = cluster_status(cluster).running;
            stop_cluster(cluster, options.remove);
            std::cout << (running ? "Stopped the local database" : "The local database was not running")
                      << (options.remove ? "; removed " + cluster.directory : "") << "\n";
            return 0;
        });
}

int run_status(const LocalOptions& options) {
    return run_reporting_errors([&]() {
            LocalCluster cluster = local_cluster(project_root(options.workflow));
            ClusterStatus status = cluster_status(cluster);
            if (options.workflow.format == "json") {
                nlohmann::json json = {{"initialized", status.initialized}, {"running", status.running},
                                       {"pid", status.pid},                 {"version", status.server_version},
                                       {"platform", status.platform},       {"data", cluster.data},
                                       {"url", status.running ? nlohmann::json(cluster.url()) : nlohmann::json(nullptr)}};
                std::cout << json.dump(2) << "\n";
            } else if (!status.initialized) {
                std::cout << "No local database for " << cluster.root << ": start one with `pgshift db start`\n";
            } else {
                std::cout << "Local database " << (status.running ? "running (pid " + std::to_string(status.pid) + ")" : "stopped") << "\n"
                          << "  PostgreSQL " << status.server_version << ", platform " << status.platform << "\n"
                          << "  data: " << cluster.data << "\n";
                if (status.running) std::cout << "  URL: " << cluster.url() << "\n";
            }
            return status.running ? int(exit_ok) : int(exit_differences);
        });
}

int run_reset(const LocalOptions& options) {
    return run_reporting_errors([&]() {
            WorkflowProject project = load_workflow_project(options.workflow);
            std::string database = require_workflow_database(options.workflow, project);
            LocalCluster cluster = local_cluster(project.migrations.root);
            bool own_cluster = running_cluster_url(project.migrations.root) == database;
            if (!own_cluster && !is_local_connection(database) && !options.allow_remote)
                throw std::runtime_error(redact_connection(database) +
                                         " is not on this machine: db reset drops what the migrations made there; pass --allow-remote to reset it");
            std::optional<PlatformSetup> platform = platform_setup(project);
            if (own_cluster) {
                std::cerr << "Resetting the local database to the platform's state...\n";
                reset_cluster_database(cluster, platform);
            } else {
                std::cerr << "Dropping what the migrations made in " << redact_connection(database) << "...\n";
                ResetReport report = reset_database(database, project.project.platform);
                for (const std::string& note : report.notes) std::cerr << "note: " << note << "\n";
            }
            PushRequest request = push_request(project);
            request.include_all = true;
            if (!options.no_seed) request.seeds = project_seeds(project);
            PushEvents events;
            events.file_started = [](const LocalMigration& file) { std::cerr << "Applying migration " << file.label << "...\n"; };
            events.seed_started = [](const SeedFile& seed) { std::cerr << "Seeding data from " << seed.path << "...\n"; };
            PushOutcome outcome = push_migrations(database, project.migrations, std::move(request), events);
            if (outcome.refusal) {
                print_refusal(*outcome.refusal);
                return refusal_status(*outcome.refusal);
            }
            if (outcome.failure) {
                print_failure(*outcome.failure, outcome);
                return failure_status(*outcome.failure);
            }
            std::cout << "Finished pgshift db reset: " << outcome.applied.size() << " migration" << (outcome.applied.size() == 1 ? "" : "s")
                      << ", " << outcome.seeded.size() << " seed file" << (outcome.seeded.size() == 1 ? "" : "s") << ".\n";
            return 0;
        });
}

}  // namespace

void add_local_db_commands(CLI::App& db, int& exit_code) {
    auto options = std::make_shared<LocalOptions>();
    CLI::App* start = db.add_subcommand("start", "Start the project's local database (PostgreSQL from this machine, no Docker)");
    start->footer(
        "A throwaway cluster in <project>/.pgshift/ (added to .gitignore), from the machine's initdb and pg_ctl ($PGSHIFT_PG_BINDIR,\n"
        "else the newest /usr/lib/postgresql/N/bin, else the PATH). It listens on a unix socket and on 127.0.0.1 only. As root\n"
        "it runs as the `postgres` user, as PostgreSQL refuses root. A Supabase project gets the platform installed from\n"
        "pgshift's description (roles, schemas, auth and storage). db push, db reset, db diff and migration list use it when no\n"
        "--db-url or $DATABASE_URL is given.\n" +
        std::string(exit_status_footer));
    add_project_option(*start, options->workflow);
    start->add_option("--port", options->port, "The TCP port on 127.0.0.1 (default: one chosen from the project's path, then kept)");
    start->callback([options, &exit_code]() { exit_code = finish_output(run_start(*options)); });

    CLI::App* stop = db.add_subcommand("stop", "Stop the project's local database");
    stop->footer(exit_status_footer);
    add_project_option(*stop, options->workflow);
    stop->add_flag("--remove", options->remove, "Also delete it (.pgshift/)");
    stop->callback([options, &exit_code]() { exit_code = finish_output(run_stop(*options)); });

    CLI::App* status = db.add_subcommand("status", "Whether the project's local database runs, and its URL (exit 1 when it does not run)");
    status->footer("Exit status 1 here means the local database does not run.\n" + std::string(exit_status_footer));
    add_project_option(*status, options->workflow);
    add_format_option(*status, options->workflow);
    status->callback([options, &exit_code]() { exit_code = finish_output(run_status(*options)); });

    CLI::App* reset = db.add_subcommand("reset", "Return the database to the platform's state, then apply every migration and the seed files");
    reset->footer(
        "The project's local database is made again from the copy saved when its platform was installed. Another database on\n"
        "this machine (or, with --allow-remote, anywhere) has what the migrations made dropped by a plan towards the platform's\n"
        "state: the platform's own objects stay, what users added to them goes. Then every migration applies, recorded as its\n"
        "runner records it, and the seed files ([db.seed] sql_paths in supabase/config.toml, default supabase/seed.sql) run,\n"
        "recorded in supabase_migrations.seed_files. A database not on this machine without --allow-remote exits 2.\n" +
        std::string(exit_status_footer));
    add_project_option(*reset, options->workflow);
    add_database_option(*reset, options->workflow);
    reset->add_flag("--no-seed", options->no_seed, "Do not run the seed files");
    reset->add_flag("--allow-remote", options->allow_remote, "Reset a database that is not on this machine");
    reset->callback([options, &exit_code]() { exit_code = finish_output(run_reset(*options)); });
}

}  // namespace pgshift::cli
