// What the workflow commands (migration new/list/repair/squash, db push/reset/pull/start/stop/
// status) share: the project and its runner, the database they work on, the platform, and how
// failures and refusals are said.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/project.hpp"
#include "workflow/local_cluster.hpp"
#include "workflow/project_migrations.hpp"
#include "workflow/push.hpp"

namespace pgshift::cli {

struct WorkflowOptions {
    std::string migrations;  // --migrations: the project or its migrations folder
    std::string db_url;      // --db-url
    std::string platform = "auto";
    std::string theme;                 // --theme (three-tier)
    std::vector<std::string> plugins;  // --plugin (three-tier)
    std::string format = "text";
};

void add_project_option(CLI::App& command, WorkflowOptions& options);
void add_database_option(CLI::App& command, WorkflowOptions& options);
void add_format_option(CLI::App& command, WorkflowOptions& options);

// The project's files as its runner sees them, and the platform its migrations start from.
struct WorkflowProject {
    ProjectMigrations migrations;
    Project project;  // the platform, supabase/config.toml
};
WorkflowProject load_workflow_project(const WorkflowOptions& options);

// The database: --db-url, DATABASE_URL, else the project's local database when it runs.
// Empty when there is none.
std::string workflow_database(const WorkflowOptions& options, const WorkflowProject& project);
// The same, or an error saying how to give one.
std::string require_workflow_database(const WorkflowOptions& options, const WorkflowProject& project);

// The URL of the local database of the project of `migrations` (--migrations, or the current
// directory) when it runs, else empty.
std::string local_database_url(const std::string& migrations);

// The platform SQL `db start` installs for the project (Supabase projects), or nullopt.
std::optional<PlatformSetup> platform_setup(const WorkflowProject& project);

// The seed files of a Supabase project's [db.seed] sql_paths (warnings on stderr).
std::vector<SeedFile> project_seeds(const WorkflowProject& project);

// The request for a push: the starting state of the replay (the platform's) for the hazards.
PushRequest push_request(const WorkflowProject& project);

// Printing on stderr.
void print_refusal(const PushRefusal& refusal);
// The exit status of a push that refused to start (docs/exit-status.md): a file that cannot run
// as written (it does not parse, it ends its transaction) is 4; the history or hazards, which a
// flag or a repair lifts, stop it at a gate, 3.
int refusal_status(const PushRefusal& refusal);
// A statement the server rejected is 4, at its file:line:col; a connection that broke is 2 (the
// database could not be written), whatever was running.
int failure_status(const PushFailure& failure);
void print_failure(const PushFailure& failure, const PushOutcome& outcome);

// "Local database" or "Remote database", as the Supabase CLI says it.
std::string database_kind(const std::string& connection);

}  // namespace pgshift::cli
