// The local files against what the tracking tables say was applied: each file applied, pending,
// edited since it was applied, or pending but older than the last applied one; each applied
// migration that has no file any more.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "workflow/project_migrations.hpp"
#include "workflow/tracking.hpp"

namespace pgshift {

enum class MigrationState {
    applied,       // recorded, and the file is what was applied
    unverified,    // recorded by the runner itself, which keeps no checksum: adopted at the next push
    edited,        // recorded, but the file changed since
    pending,       // not recorded
    out_of_order,  // not recorded, and older than a recorded one (Supabase's --include-all case)
    missing,       // recorded, but no local file has its key
};
const char* state_name(MigrationState state);  // "applied", "unverified", "edited", "pending", "out-of-order", "missing"

struct MigrationStatus {
    MigrationState state = MigrationState::pending;
    const LocalMigration* file = nullptr;      // null when missing
    const AppliedMigration* applied = nullptr;  // null when pending or out of order
    std::string label;   // the file's label, or the recorded key
    std::string detail;  // what differs, for an edited file
};

struct History {
    std::vector<MigrationStatus> entries;  // by version where the runner orders by version, else local order then missing
    std::optional<std::string> blocked;    // the runner refuses to go on (golang-migrate's dirty flag)
    bool tracked = false;                  // whether the tracking tables exist
    // What the tracking tables said: the entries point into it.
    std::shared_ptr<const TrackingState> tracking_state;

    std::vector<const MigrationStatus*> with_state(MigrationState state) const;
    // What a push applies, in order: pending files, and the out-of-order ones when asked.
    std::vector<const LocalMigration*> to_apply(bool include_out_of_order) const;
};

// `checksums`: rows of _pgshift_checksums (table, key text, sha256).
History compare_history(const ProjectMigrations& project, TrackingState state,
                        const std::vector<std::vector<std::string>>& checksums, bool runner_keeps_statements);

}  // namespace pgshift
