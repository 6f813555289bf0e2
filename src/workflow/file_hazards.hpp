// What each pending file does to a running application: the model before the file and after it,
// compared by the planner, with the planner's hazard kinds (DELETES_DATA, TABLE_REWRITE, ...).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "diff/plan.hpp"
#include "model/model.hpp"
#include "parser/replay.hpp"
#include "workflow/project_migrations.hpp"

namespace pgshift {

struct FileHazards {
    const LocalMigration* file = nullptr;
    std::set<Hazard> hazards;
    std::vector<std::string> items;  // "DELETES_DATA: ALTER TABLE public.posts DROP COLUMN body"
    std::string unknown;             // why they could not be told (the planner's error), else empty
};

// Replays `files` in order from `start`; for each file in `wanted` (a subset, by pointer), the
// hazards of the change it makes. Throws MigrationError for a file that does not replay.
std::vector<FileHazards> file_hazards(const std::vector<const LocalMigration*>& files, const std::set<const LocalMigration*>& wanted,
                                      SchemaModel start, const ReplayOptions& options, const std::string& role);

}  // namespace pgshift
