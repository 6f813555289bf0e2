#include "workflow/history.hpp"

#include <algorithm>
#include <map>

#include "parser/migration_sources.hpp"
#include "workflow/supabase_statements.hpp"

namespace pgshift {
namespace {

std::string key_of(const std::string& table, const std::vector<std::string>& key) { return table + "\x1f" + key_text(key); }

// What differs between the statements recorded and the file's, for messages.
std::string statements_difference(const std::vector<std::string>& recorded, const std::vector<std::string>& local) {
    for (std::size_t i = 0; i < std::min(recorded.size(), local.size()); ++i)
        if (recorded[i] != local[i]) return "statement " + std::to_string(i + 1) + " differs from the one recorded";
    if (local.size() > recorded.size()) return "it has " + std::to_string(local.size() - recorded.size()) + " statement(s) more than recorded";
    return "it has " + std::to_string(recorded.size() - local.size()) + " statement(s) fewer than recorded";
}

}  // namespace

const char* state_name(MigrationState state) {
    switch (state) {
        case MigrationState::applied: return "applied";
        case MigrationState::unverified: return "unverified";
        case MigrationState::edited: return "edited";
        case MigrationState::pending: return "pending";
        case MigrationState::out_of_order: return "out-of-order";
        case MigrationState::missing: return "missing";
    }
    return "";
}

std::vector<const MigrationStatus*> History::with_state(MigrationState state) const {
    std::vector<const MigrationStatus*> found;
    for (const MigrationStatus& entry : entries)
        if (entry.state == state) found.push_back(&entry);
    return found;
}

std::vector<const LocalMigration*> History::to_apply(bool include_out_of_order) const {
    // Local order: the entries hold local files in that order among themselves.
    std::vector<const LocalMigration*> files;
    for (const MigrationStatus& entry : entries)
        if (entry.state == MigrationState::pending || (include_out_of_order && entry.state == MigrationState::out_of_order))
            files.push_back(entry.file);
    return files;
}

History compare_history(const ProjectMigrations& project, TrackingState read,
                        const std::vector<std::vector<std::string>>& checksums, bool runner_keeps_statements) {
    History history;
    history.tracking_state = std::make_shared<const TrackingState>(std::move(read));
    const TrackingState& state = *history.tracking_state;
    history.blocked = state.blocked;
    history.tracked = !state.applied.empty();
    std::map<std::string, const AppliedMigration*> applied;
    for (const AppliedMigration& migration : state.applied) applied.emplace(key_of(migration.table, migration.key), &migration);
    std::map<std::string, std::string> checksum_of;
    for (const auto& row : checksums) checksum_of[row[0] + "\x1f" + row[1]] = row[2];

    std::size_t last_applied = 0;
    bool any_applied = false;
    for (std::size_t i = 0; i < project.files.size(); ++i) {
        const LocalMigration& file = project.files[i];
        MigrationStatus status;
        status.file = &file;
        status.label = file.label;
        auto found = applied.find(key_of(file.table, file.key));
        if (found == applied.end()) {
            status.state = MigrationState::pending;
        } else {
            status.applied = found->second;
            any_applied = true;
            last_applied = i;
            if (runner_keeps_statements) {
                std::vector<std::string> local = supabase_statements(file.sql);
                const auto& recorded = found->second->statements;
                if (recorded ? *recorded == local : local.empty()) {
                    status.state = MigrationState::applied;
                } else if (!recorded) {
                    // NULL: recorded before the CLI kept statements.
                    status.state = MigrationState::unverified;
                } else {
                    status.state = MigrationState::edited;
                    status.detail = statements_difference(*recorded, local);
                }
            } else {
                auto checksum = checksum_of.find(key_of(file.table, file.key));
                if (checksum == checksum_of.end()) {
                    status.state = MigrationState::unverified;
                } else if (checksum->second == file.checksum) {
                    status.state = MigrationState::applied;
                } else {
                    status.state = MigrationState::edited;
                    status.detail = "its SHA-256 is not the one recorded when it was applied";
                }
            }
            applied.erase(found);
        }
        history.entries.push_back(status);
    }
    if (any_applied)
        for (std::size_t i = 0; i < last_applied; ++i)
            if (history.entries[i].state == MigrationState::pending) history.entries[i].state = MigrationState::out_of_order;
    for (const AppliedMigration& migration : state.applied) {
        if (!applied.count(key_of(migration.table, migration.key))) continue;
        MigrationStatus status;
        status.state = MigrationState::missing;
        status.applied = &migration;
        status.label = migration.table == "_migrations" || project.runner == Runner::supabase || project.runner == Runner::golang_migrate
                           ? migration.label
                           : migration.table + ": " + migration.label;
        history.entries.push_back(status);
    }
    if (project.runner == Runner::supabase || project.runner == Runner::golang_migrate) {
        auto version = [](const MigrationStatus& entry) { return entry.file ? entry.file->version : entry.applied->key[0]; };
        std::stable_sort(history.entries.begin(), history.entries.end(), [&](const MigrationStatus& a, const MigrationStatus& b) {
            return migration_name_less(version(a), version(b)) && version(a) != version(b);
        });
    }
    return history;
}

}  // namespace pgshift
