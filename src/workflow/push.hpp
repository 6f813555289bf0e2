// Applying a project's pending migrations: each file in one transaction with its tracking row,
// two pushes serialized by an advisory lock, the hazards of each file shown first, and files
// that cannot run in a transaction refused before anything runs.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diff/plan.hpp"
#include "model/model.hpp"
#include "parser/migration_error.hpp"
#include "parser/replay.hpp"
#include "workflow/file_hazards.hpp"
#include "workflow/file_statements.hpp"
#include "workflow/history.hpp"
#include "workflow/project_migrations.hpp"
#include "workflow/seeds.hpp"
#include "workflow/session.hpp"

namespace pgshift {

struct PushRequest {
    bool dry_run = false;
    bool include_all = false;    // also pending files older than the last applied one
    bool allow_edited = false;   // applied files that changed since
    bool allow_missing = false;  // applied migrations without a local file
    bool allow_outside_transaction = false;  // files with CREATE INDEX CONCURRENTLY, VACUUM, ...
    std::set<Hazard> fail_on_hazards;  // the CI gate: refuse when a pending file has one
    // The state the migrations replay from, for the hazards (the platform's, or empty).
    SchemaModel start = SchemaModel::fresh_database();
    ReplayOptions replay;
    std::vector<SeedFile> seeds;  // with --include-seed
};

// Why nothing was applied.
struct PushRefusal {
    enum class Reason { blocked, missing, edited, out_of_order, outside_transaction, own_transaction, hazards, syntax } reason;
    std::string message;
    std::vector<std::string> names;  // the files or versions concerned
    std::string hint;
    std::optional<MigrationError> error;  // a file that does not parse, positioned
};

// A statement the server refused, placed in its file.
struct PushFailure {
    const LocalMigration* file = nullptr;
    SourceLocation location;  // file:line:col of the failing statement, or of the error in it
    std::string statement;    // the failing statement's text
    ServerMessage error;
    bool commit_unknown = false;  // the connection broke during COMMIT
    bool partly_applied = false;  // a file run outside a transaction failed after some statements
};

struct PlannedFile {
    const LocalMigration* file = nullptr;
    FileStatements statements;
    FileHazards hazards;
    bool outside_transaction = false;
};

struct AppliedFile {
    const LocalMigration* file = nullptr;
    double milliseconds = 0;
};

struct PushOutcome {
    History history;  // as found (after the lock, when one was taken)
    std::vector<PlannedFile> planned;
    std::vector<SeedFile> seeds;  // pending seeds
    std::optional<PushRefusal> refusal;
    std::vector<AppliedFile> applied;
    std::vector<std::string> seeded;
    std::optional<PushFailure> failure;
    std::vector<std::string> warnings;  // hazards that could not be told, ...
    bool created_tables = false;
    double milliseconds = 0;
};

// What a push tells as it goes (the CLI prints it; the library never does).
struct PushEvents {
    std::function<void(int holder_pid)> waiting_for_lock;
    std::function<void(const LocalMigration&)> file_started;
    std::function<void(const AppliedFile&)> file_applied;
    std::function<void(const SeedFile&)> seed_started;
    std::function<void(const LocalMigration*, const ServerMessage&)> notice;
};

// Pushes `project` to the database `connection`. Throws ServerError when the database cannot be
// reached or read; a file's failure is in the outcome.
PushOutcome push_migrations(const std::string& connection, const ProjectMigrations& project, PushRequest request,
                            const PushEvents& events = {});

// The history alone (migration list): read-only.
History read_history(Session& session, const ProjectMigrations& project);

}  // namespace pgshift
