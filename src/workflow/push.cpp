#include "workflow/push.hpp"

#include <chrono>
#include <set>

#include "parser/canonical/pg_query_tree.hpp"
#include "workflow/foreign_runners.hpp"

namespace pgshift {
namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<std::string> labels(const std::vector<const MigrationStatus*>& entries) {
    std::vector<std::string> names;
    for (const MigrationStatus* entry : entries) names.push_back(entry->label + (entry->detail.empty() ? "" : " (" + entry->detail + ")"));
    return names;
}

std::optional<PushRefusal> refuse_history(const History& history, const PushRequest& request, const ProjectMigrations& project) {
    if (history.blocked) return PushRefusal{PushRefusal::Reason::blocked, *history.blocked, {}, "", std::nullopt};
    auto missing = history.with_state(MigrationState::missing);
    if (!missing.empty() && !request.allow_missing)
        return PushRefusal{PushRefusal::Reason::missing,
                           project.runner == Runner::supabase ? "Remote migration versions not found in local migrations directory."
                                                              : "Applied migrations not found among the local files.",
                           labels(missing),
                           "Make sure your local copy is up to date. If it is, remove their rows with `pgshift migration repair "
                           "--status reverted ...`, or pass --allow-missing",
                           std::nullopt};
    auto edited = history.with_state(MigrationState::edited);
    if (!edited.empty() && !request.allow_edited)
        return PushRefusal{PushRefusal::Reason::edited, "Applied migration files were changed since they were applied.", labels(edited),
                           "An applied file does not run again: restore it (git checkout), and put the change in a new migration "
                           "(`pgshift migration new`); --allow-edited pushes anyway",
                           std::nullopt};
    auto late = history.with_state(MigrationState::out_of_order);
    if (!late.empty() && !request.include_all)
        return PushRefusal{PushRefusal::Reason::out_of_order,
                           "Found local migration files to be inserted before the last migration on remote database.", labels(late),
                           "Rerun the command with --include-all flag to apply these migrations", std::nullopt};
    return std::nullopt;
}

void set_session_defaults(Session& session) {
    // Each file starts from the connection's defaults, as the Supabase CLI resets them, and
    // the server gives up on a client that went away even while a long statement runs.
    session.query("RESET ALL");
    if (session.server_version() >= 140000) session.query("SET client_connection_check_interval = '1s'");
}

SourceLocation locate(const LocalMigration& file, std::size_t offset) {
    SourcePosition position = position_of(file.sql, offset);
    return {file.label, position.line, position.column, position.line_text};
}

// Where the server's error is in the file: its position when it gave one, else the statement.
PushFailure place_failure(const PlannedFile& planned, const std::string& script, const Session::ScriptFailure& failure) {
    const LocalMigration& file = *planned.file;
    PushFailure placed;
    placed.file = &file;
    placed.error = failure.error;
    // The statements that completed are the first ones not left out.
    std::size_t offset = 0, completed = 0;
    const auto& statements = planned.statements.statements;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        if (planned.statements.skipped[i]) continue;
        offset = statements[i].offset;
        placed.statement = file.sql.substr(statements[i].offset, statements[i].length);
        if (completed++ == failure.completed) break;
    }
    if (failure.error.position > 0) offset = byte_offset_of_character(script, std::size_t(failure.error.position - 1));
    placed.location = locate(file, offset);
    return placed;
}

void apply_in_transaction(Session& session, const Tracking& tracking, const PlannedFile& planned, std::optional<PushFailure>& failure) {
    const LocalMigration& file = *planned.file;
    std::string script = planned.statements.script(file.sql);
    session.query("BEGIN");
    if (auto failed = session.run_script(script)) {
        failure = place_failure(planned, script, *failed);
        if (session.connected()) session.query("ROLLBACK");
        return;
    }
    try {
        tracking.record(session, file);
        if (!tracking.keeps_statements()) ChecksumStore::write(session, file);
    } catch (const ServerError& error) {
        PushFailure placed;
        placed.file = &file;
        placed.error = error.server();
        placed.location = {file.label, 0, 0, ""};
        placed.statement = "the row recording it in " + file.table;
        failure = placed;
        if (session.connected()) session.query("ROLLBACK");
        return;
    }
    try {
        session.query("COMMIT");
    } catch (const ServerError& error) {
        PushFailure placed;
        placed.file = &file;
        placed.error = error.server();
        placed.location = {file.label, 0, 0, ""};
        placed.statement = "COMMIT";
        placed.commit_unknown = error.server().connection_lost;
        failure = placed;
    }
}

// Statement by statement, without a transaction block; the row is recorded after the last.
void apply_outside_transaction(Session& session, const Tracking& tracking, const PlannedFile& planned, std::optional<PushFailure>& failure) {
    const LocalMigration& file = *planned.file;
    std::size_t ran = 0;
    for (std::size_t i = 0; i < planned.statements.statements.size(); ++i) {
        const FileStatement& statement = planned.statements.statements[i];
        if (planned.statements.skipped[i]) continue;
        std::string text = file.sql.substr(statement.offset, statement.length);
        if (auto failed = session.run_script(text)) {
            PushFailure placed;
            placed.file = &file;
            placed.error = failed->error;
            placed.statement = text;
            std::size_t offset = statement.offset;
            if (failed->error.position > 0) offset += byte_offset_of_character(text, std::size_t(failed->error.position - 1));
            placed.location = locate(file, offset);
            placed.partly_applied = ran > 0;
            failure = placed;
            return;
        }
        ++ran;
    }
    session.query("BEGIN");
    tracking.record(session, file);
    if (!tracking.keeps_statements()) ChecksumStore::write(session, file);
    session.query("COMMIT");
}

void take_lock(Session& session, long long key, const PushEvents& events) {
    std::string text = std::to_string(key);
    if (session.value("SELECT pg_try_advisory_lock($1::bigint)", {text}) == std::string("t")) return;
    if (events.waiting_for_lock) {
        std::optional<std::string> holder = session.value(
            "SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND classid = ($1::bigint >> 32)::oid AND objid = ($1::bigint & 4294967295)::oid AND objsubid = 1 LIMIT 1",
            {text});
        events.waiting_for_lock(holder ? std::stoi(*holder) : 0);
    }
    session.query("SELECT pg_advisory_lock($1::bigint)", {text});
}

}  // namespace

History read_history(Session& session, const ProjectMigrations& project) {
    std::unique_ptr<Tracking> tracking = tracking_for(project.runner);
    TrackingState state = tracking->read(session, project);
    std::vector<std::vector<std::string>> checksums;
    if (!tracking->keeps_statements()) checksums = ChecksumStore::read(session);
    History history = compare_history(project, std::move(state), checksums, tracking->keeps_statements());
    if (!history.blocked) history.blocked = foreign_runner_tables(session, project.runner);
    return history;
}

PushOutcome push_migrations(const std::string& connection, const ProjectMigrations& project, PushRequest request, const PushEvents& events) {
    Clock::time_point started = Clock::now();
    PushOutcome outcome;
    Session session(connection);
    const LocalMigration* current = nullptr;
    session.on_notice = [&](const ServerMessage& message) {
        // The runners' "already exists" notices of their own DDL say nothing.
        if (message.message.find("already exists") != std::string::npos && !current) return;
        if (events.notice) events.notice(current, message);
    };
    std::unique_ptr<Tracking> tracking = tracking_for(project.runner);
    set_session_defaults(session);
    if (!request.dry_run) take_lock(session, tracking->lock_key(session), events);
    outcome.history = read_history(session, project);
    if ((outcome.refusal = refuse_history(outcome.history, request, project))) return outcome;

    std::vector<const LocalMigration*> to_apply = outcome.history.to_apply(request.include_all);
    // Each pending file parsed as the server will run it: nothing runs when one does not parse,
    // or cannot run where it would.
    for (const LocalMigration* file : to_apply) {
        PlannedFile planned;
        planned.file = file;
        try {
            planned.statements = file_statements(file->sql, session.server_version());
        } catch (const SqlSyntaxError& error) {
            SourcePosition position = position_of(file->sql, error.byte_offset());
            outcome.refusal = PushRefusal{PushRefusal::Reason::syntax, file->label + " does not parse", {file->label}, "",
                                          MigrationError(error.what(), {file->label, position.line, position.column, position.line_text})};
            return outcome;
        }
        for (const FileStatement& statement : planned.statements.statements)
            if (!statement.outside_transaction.empty()) planned.outside_transaction = true;
        outcome.planned.push_back(std::move(planned));
    }
    for (const PlannedFile& planned : outcome.planned) {
        const FileStatements& statements = planned.statements;
        if (statements.own_transaction_control) {
            const FileStatement& statement = statements.statements[*statements.own_transaction_control];
            SourcePosition position = position_of(planned.file->sql, statement.offset);
            outcome.refusal = PushRefusal{
                PushRefusal::Reason::own_transaction,
                planned.file->label + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) +
                    ": the file ends a transaction on its own (" + position.line_text + ")",
                {planned.file->label},
                "pgshift runs each file in one transaction with the row that records it: remove it (BEGIN ... COMMIT "
                "pairs are fine: what they hold runs in that transaction)",
                std::nullopt};
            return outcome;
        }
        if (planned.outside_transaction && !request.allow_outside_transaction) {
            for (const FileStatement& statement : statements.statements) {
                if (statement.outside_transaction.empty()) continue;
                SourcePosition position = position_of(planned.file->sql, statement.offset);
                outcome.refusal = PushRefusal{PushRefusal::Reason::outside_transaction,
                                              planned.file->label + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) +
                                                  ": " + statement.outside_transaction + " cannot run inside a transaction block",
                                              {planned.file->label},
                                              statement.hint,
                                              std::nullopt};
                return outcome;
            }
        }
    }

    // Hazards: every file replayed in order, each pending one compared before and after.
    if (!outcome.planned.empty()) {
        std::vector<const LocalMigration*> order;
        std::set<const LocalMigration*> wanted(to_apply.begin(), to_apply.end());
        for (const MigrationStatus& entry : outcome.history.entries)
            if (entry.file && (entry.state != MigrationState::pending && entry.state != MigrationState::out_of_order)) order.push_back(entry.file);
        order.insert(order.end(), to_apply.begin(), to_apply.end());
        try {
            std::vector<FileHazards> hazards = file_hazards(order, wanted, request.start, request.replay, request.replay.role);
            for (std::size_t i = 0; i < hazards.size() && i < outcome.planned.size(); ++i) outcome.planned[i].hazards = hazards[i];
        } catch (const MigrationError& error) {
            outcome.warnings.push_back("the hazards of the pending files are not known: " + format_migration_error(error));
        } catch (const std::exception& error) {
            outcome.warnings.push_back(std::string("the hazards of the pending files are not known: ") + error.what());
        }
        if (!request.fail_on_hazards.empty()) {
            std::vector<std::string> names;
            for (const PlannedFile& planned : outcome.planned)
                for (const std::string& item : planned.hazards.items)
                    if (request.fail_on_hazards.count(*parse_hazard(item.substr(0, item.find(':'))))) names.push_back(planned.file->label + ": " + item);
            if (!names.empty() || !outcome.warnings.empty()) {
                outcome.refusal = PushRefusal{PushRefusal::Reason::hazards,
                                              names.empty() ? "the hazards of the pending files could not be told" : "pending files have hazards the gate refuses",
                                              names, "review them, then push without --fail-on-hazard for those kinds", std::nullopt};
                return outcome;
            }
        }
    }
    if (!request.seeds.empty()) outcome.seeds = pending_seeds(session, request.seeds);
    if (request.dry_run) {
        outcome.milliseconds = milliseconds_since(started);
        return outcome;
    }

    if (!outcome.planned.empty()) {
        tracking->create_tables(session);
        if (!tracking->keeps_statements()) ChecksumStore::create(session);
        // Applied files the runner recorded without a checksum are adopted: later edits are found.
        if (!tracking->keeps_statements()) {
            for (const MigrationStatus* entry : outcome.history.with_state(MigrationState::unverified)) ChecksumStore::write(session, *entry->file);
        }
        outcome.created_tables = true;
    }
    for (const PlannedFile& planned : outcome.planned) {
        current = planned.file;
        if (events.file_started) events.file_started(*planned.file);
        Clock::time_point file_started = Clock::now();
        set_session_defaults(session);
        if (planned.outside_transaction)
            apply_outside_transaction(session, *tracking, planned, outcome.failure);
        else
            apply_in_transaction(session, *tracking, planned, outcome.failure);
        if (outcome.failure) break;
        outcome.applied.push_back({planned.file, milliseconds_since(file_started)});
        if (events.file_applied) events.file_applied(outcome.applied.back());
    }
    current = nullptr;
    if (!outcome.failure && !outcome.seeds.empty()) {
        create_seed_table(session);
        for (const SeedFile& seed : outcome.seeds) {
            if (events.seed_started) events.seed_started(seed);
            try {
                apply_seed(session, seed);
            } catch (const ServerError& error) {
                PushFailure placed;
                placed.error = error.server();
                placed.location = {seed.path, 0, 0, ""};
                placed.statement = "seed " + seed.path;
                outcome.failure = placed;
                break;
            }
            outcome.seeded.push_back(seed.path);
        }
    }
    outcome.milliseconds = milliseconds_since(started);
    return outcome;
}

}  // namespace pgshift
