// A project: the folder of migrations pgshift's `db` commands work on, and naming new migrations.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "platform/platform.hpp"
#include "platform/supabase_config.hpp"

namespace pgshift::cli {

// `explicit_folder` when given, else the first of supabase/migrations, migrations and
// database/migrations under the current directory. Throws std::runtime_error when none exists.
std::string find_migrations_folder(const std::string& explicit_folder);

// --platform: auto (a Supabase project is detected), supabase, none.
enum class PlatformChoice { automatic, supabase, none };
PlatformChoice parse_platform_choice(const std::string& text);

// The project a command works in, and the platform its migrations start from.
struct Project {
    std::string root;  // the folder holding supabase/; empty when none
    const PlatformDescription* platform = nullptr;  // null: migrations start from an empty database
    std::optional<SupabaseConfig> config;           // supabase/config.toml, when there is one
};

// The project of the migration folders among `sources` (a folder `X/supabase/migrations`, or a
// folder holding `supabase/migrations` or `supabase/config.toml`) or, when no source is a
// folder, of the current directory. A Supabase project when it has supabase/config.toml or
// supabase/migrations, or when `choice` says so; `none` turns the platform off. Reads
// config.toml (throws ConfigError for one that does not parse).
Project find_project(const std::vector<std::string>& sources, PlatformChoice choice);

// Warnings about the project's settings pgshift does not handle, one line each, for stderr.
std::vector<std::string> project_warnings(const Project& project);

// Whether the runner of `folder` wraps each file in one transaction: the Supabase CLI does, for
// supabase/migrations.
bool runs_each_file_in_one_transaction(const std::string& folder);

// The path of a new migration called `name` in `folder`, following the names already there: in
// a dated folder (<UTC timestamp>_, <YYYYMMDDHHMM>_, <YYYY_MM_DD_HHMMSS>_ or <YYYYMMDD>_ names) the
// later of `now` and the next valid date after the last name; else the next NNN_<name>.sql; for
// an empty folder <UTC timestamp>_<name>.sql, as Supabase names them. Always sorts after every
// existing migration.
std::string new_migration_path(const std::string& folder, const std::string& name, std::time_t now);

}  // namespace pgshift::cli
