// A project: the folder of migrations pgshift's `db` commands work on, and naming new migrations.
#pragma once

#include <ctime>
#include <string>

namespace pgshift::cli {

// `explicit_folder` when given, else the first of supabase/migrations, migrations and
// database/migrations under the current directory. Throws std::runtime_error when none exists.
std::string find_migrations_folder(const std::string& explicit_folder);

// Whether the folder is a Supabase project's (…/supabase/migrations).
bool is_supabase_folder(const std::string& folder);

// The path of a new migration called `name` in `folder`, following the names already there:
// <UTC timestamp>_<name>.sql (as Supabase names them, and for an empty folder) or the next
// NNN_<name>.sql. Always sorts after every existing migration.
std::string new_migration_path(const std::string& folder, const std::string& name, std::time_t now);

}  // namespace pgshift::cli
