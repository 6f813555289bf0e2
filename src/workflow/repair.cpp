#include "workflow/repair.hpp"

#include <algorithm>

#include "workflow/history.hpp"
#include "workflow/push.hpp"
#include "workflow/tracking.hpp"

namespace pgshift {
namespace {

const LocalMigration* find_file(const ProjectMigrations& project, const std::string& version) {
    for (const LocalMigration& file : project.files)
        if (file.version == version || file.label == version || key_text(file.key) == version || file.path == version) return &file;
    return nullptr;
}

void lock(Session& session, const Tracking& tracking) {
    session.query("SELECT pg_advisory_lock($1::bigint)", {std::to_string(tracking.lock_key(session))});
}

}  // namespace

std::vector<std::string> repair_history(const std::string& connection, const ProjectMigrations& project, bool applied,
                                        const std::vector<std::string>& versions, bool all) {
    std::vector<const LocalMigration*> files;
    if (project.runner == Runner::supabase)
        for (const std::string& version : versions)
            if (version.empty() || !std::all_of(version.begin(), version.end(), [](unsigned char c) { return std::isdigit(c); }))
                throw RepairError("failed to parse " + version + ": invalid version number");
    if (applied) {
        if (all) {
            for (const LocalMigration& file : project.files) files.push_back(&file);
        } else {
            for (const std::string& version : versions) {
                const LocalMigration* file = find_file(project, version);
                if (!file)
                    throw RepairError(project.runner == Runner::supabase ? "glob supabase/migrations/" + version + "_*.sql: file does not exist"
                                                                         : "no local migration " + version + " in " + project.folder);
                files.push_back(file);
            }
        }
    }
    std::unique_ptr<Tracking> tracking = tracking_for(project.runner);
    Session session(connection);
    session.on_notice = [](const ServerMessage&) {};
    session.query("RESET ALL");
    lock(session, *tracking);
    tracking->create_tables(session);
    if (!tracking->keeps_statements()) ChecksumStore::create(session);
    History history = read_history(session, project);
    std::vector<std::string> repaired;
    session.query("BEGIN");
    try {
        if (applied) {
            if (all)
                for (const MigrationStatus& entry : history.entries)
                    if (entry.applied && !entry.file) tracking->forget(session, *entry.applied, project);
            for (const LocalMigration* file : files) {
                tracking->record_again(session, *file);
                if (!tracking->keeps_statements()) ChecksumStore::write(session, *file);
                repaired.push_back(file->version);
            }
        } else {
            for (const MigrationStatus& entry : history.entries) {
                if (!entry.applied) continue;
                const std::string version = entry.file ? entry.file->version : entry.applied->label;
                bool named = all || std::find_if(versions.begin(), versions.end(), [&](const std::string& given) {
                                        return given == version || given == entry.label || given == key_text(entry.applied->key);
                                    }) != versions.end();
                if (!named) continue;
                tracking->forget(session, *entry.applied, project);
                if (!tracking->keeps_statements()) ChecksumStore::erase(session, entry.applied->table, entry.applied->key);
                repaired.push_back(version);
            }
            // Supabase deletes the versions given whether or not rows have them.
            if (!all && project.runner == Runner::supabase)
                for (const std::string& version : versions)
                    if (std::find(repaired.begin(), repaired.end(), version) == repaired.end()) repaired.push_back(version);
        }
        session.query("COMMIT");
    } catch (...) {
        if (session.connected()) session.query("ROLLBACK");
        throw;
    }
    return repaired;
}

void record_applied(const std::string& connection, const ProjectMigrations& project, const LocalMigration& file) {
    repair_history(connection, project, true, {file.version}, false);
}

}  // namespace pgshift
