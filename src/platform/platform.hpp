// The platform a project's migrations run on: what exists before migration 1 (Supabase's auth,
// storage, extensions, roles' privileges), described by the project (src/platform/supabase/).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

struct PlatformDescription {
    std::string name;     // "supabase"
    std::string version;  // the platform versions it describes (from platform.sql's `-- version:` line)
    // Roles and the database's settings: a psql script, run before schema_sql, never replayed.
    std::string_view setup_sql;
    // The schema objects, replayed as migration 0 and applied by `pgshift db start`.
    std::string_view schema_sql;
    std::string schema_file;               // how positions in schema_sql are named: "<supabase platform>"
    std::vector<std::string> search_path;  // the database's default search_path
    std::string role;                      // who runs the project's migrations
    // The schemas the platform manages: left out of comparisons, except what users add there.
    std::set<std::string> managed_schemas;
};

// pgshift's description of the Supabase platform.
const PlatformDescription& supabase_platform();

// The model of a description: its schema SQL replayed by pgshift's own replayer into a fresh
// database, so its objects are modelled as PostgreSQL makes them. Replayed once per process.
// Notes it cannot model are not the project's: they are left out (tests check there are none).
const SchemaModel& platform_model(const PlatformDescription& platform);

}  // namespace pgshift
