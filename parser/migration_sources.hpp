// Finding migration files and the order a migration runner applies them in.
#pragma once

#include <string>
#include <vector>

namespace pgshift {

struct MigrationFile {
    std::string path;   // as found on disk
    std::string track;  // the tier it belongs to ("" for a flat folder): core, themes, plugins/<name>, ...
};

// Expands inputs (folders and .sql files, in the order given) into migration files:
// - a .sql file is itself;
// - a folder of <timestamp>_name.sql / 001_name.sql files, sorted by their numeric prefix, then name;
// - golang-migrate folders (N_name.up.sql; .down.sql skipped) and diesel folders (<version>/up.sql);
// - a project folder holding supabase/migrations, migrations or database/migrations;
// - a three-tier project (core/migrations, contents/themes, contents/plugins: tiered_layout.hpp),
//   in its runner's order;
// - a tiered folder: core first, then themes, plugins and entities, each tracked on its own.
// Throws std::runtime_error for a missing input or a folder without migrations.
std::vector<MigrationFile> discover_migrations(const std::vector<std::string>& inputs);

// Orders names the way runners do: by leading number when both have one, then by name.
bool migration_name_less(const std::string& a, const std::string& b);

}  // namespace pgshift
