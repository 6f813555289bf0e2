// Naming a new migration by its folder's convention: the next UTC timestamp (a valid date and
// time, after every file there), or the next number with the folder's zero padding.
#pragma once

#include <ctime>
#include <string>
#include <vector>

namespace pgshift {

// The version a new file in `folder` gets: in a dated folder (<UTC timestamp>_, <YYYYMMDDHHMM>_,
// Laravel's <YYYY_MM_DD_HHMMSS>_ or <YYYYMMDD>_ names) the later of `now` and the next valid date
// after the last name; else the next number as wide as the widest there; for an empty (or
// missing) folder a UTC timestamp, as Supabase names them. Always sorts after every file there.
std::string next_migration_version(const std::string& folder, std::time_t now);

// `name` as a file name part: lowercase letters, digits and `_`. Throws for an empty one.
std::string migration_slug(const std::string& name);

// The path of a new migration called `name` in `folder`; `suffix` ".sql" (or ".up.sql").
std::string new_migration_file(const std::string& folder, const std::string& name, std::time_t now, const std::string& suffix = ".sql");

// The short header a new migration starts with.
std::string new_migration_header(const std::string& name, std::time_t now, const std::string& how_it_runs,
                                 const std::string& made_by = "pgshift migration new");

}  // namespace pgshift
