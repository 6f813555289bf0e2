// Finding migration files and the order a migration runner applies them in.
#pragma once

#include <string>
#include <vector>

namespace pgshift {

struct MigrationFile {
    std::string path;   // as found on disk
    std::string track;  // the tier it belongs to ("" for a flat folder): core, themes, plugins/<name>, ...
    // dbmate's file: `-- migrate:up` then `-- migrate:down`; only the up section runs.
    bool dbmate_sections = false;
};

// A file or folder discovery left out on purpose, and why.
struct LayoutNote {
    std::string path;
    std::string text;
};

// The files to apply, and what was left out of them on purpose.
struct MigrationLayout {
    std::vector<MigrationFile> files;
    std::vector<LayoutNote> notes;
};

// Expands inputs (folders and .sql files, in the order given) into migration files:
// - a .sql file is itself;
// - a folder of <timestamp>_name.sql / 001_name.sql files, sorted by their numeric prefix, then name;
// - golang-migrate folders (N_name.up.sql; .down.sql skipped) and diesel folders (<version>/up.sql);
// - a project folder holding supabase/migrations, migrations or database/migrations, or another
//   runner's folder: prisma/migrations, db/migrations (dbmate), db/migration and
//   src/main/resources/db/migration (Flyway);
// - Flyway locations (V<version>__name.sql by version, then R__name.sql; undo files noted and left
//   out), Prisma folders (<timestamp>_name/migration.sql), dbmate files (their up section);
// - a folder with a subfolder per database (postgres/, mysql/, ...), or several projects with
//   migrations of their own: the PostgreSQL one alone, or an error naming what was found;
// - a three-tier project (core/migrations, contents/themes, contents/plugins: tiered_layout.hpp),
//   in its runner's order;
// - a tiered folder: core first, then themes, plugins and entities, each tracked on its own.
// docs/layouts.md describes each. Throws std::runtime_error for a missing input, a folder without
// migrations or one its runner would refuse, and MigrationError for a file its runner would refuse.
MigrationLayout discover_layout(const std::vector<std::string>& inputs);
std::vector<MigrationFile> discover_migrations(const std::vector<std::string>& inputs);  // the files alone

// What the runner runs of a file's contents: all of it, or a dbmate file's up section (the rest
// cut off, so positions in it stay those of the file).
std::string runnable_sql(const MigrationFile& file, std::string contents);

// Orders names the way runners do: by leading number when both have one, then by name.
bool migration_name_less(const std::string& a, const std::string& b);

}  // namespace pgshift
