// A Supabase project's supabase/config.toml: the settings pgshift and its later features read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parser/migration_error.hpp"

namespace pgshift {

// A config.toml that does not parse, or a key with a value of the wrong type: at its place.
class ConfigError : public MigrationError {
    using MigrationError::MigrationError;
};

// A key that matters to pgshift whose value it does not handle, said by the CLI as a warning.
struct UnhandledSetting {
    std::string key;    // "db.major_version"
    std::string value;  // as written, "17"
    std::string why;    // what pgshift does instead
    int line = 0;
    int column = 0;
};

struct SupabaseConfig {
    std::string path;        // the file read; empty when the project has none (Supabase's defaults hold)
    int major_version = 15;  // [db] major_version
    // [api] schemas: what the Data API exposes (type generation reads it).
    std::vector<std::string> api_schemas = {"public", "graphql_public"};
    // [api] extra_search_path: the Data API's search_path, not the database's default.
    std::vector<std::string> extra_search_path = {"public", "extensions"};
    bool seed_enabled = true;  // [db.seed] enabled
    // [db.seed] sql_paths, relative to the supabase/ folder as written (globs are kept as written).
    std::vector<std::string> seed_paths = {"./seed.sql"};
    std::vector<UnhandledSetting> unhandled;
};

// The PostgreSQL major version whose grammar pgshift parses with (libpg_query).
constexpr int parsed_major_version = 15;

// Reads `path` (a supabase/config.toml). Keys pgshift does not read are ignored, as the Supabase
// CLI ignores what it does not know. Throws ConfigError (file:line:col) for a file that does not
// parse or a key of the wrong type, std::runtime_error for a file that cannot be read.
SupabaseConfig read_supabase_config(const std::string& path);

}  // namespace pgshift
