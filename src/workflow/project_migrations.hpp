// A project's migration files as its runner sees them: which runner, the files in the order it
// applies them, and where each one is recorded once applied.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parser/tiered_layout.hpp"

namespace pgshift {

enum class Runner {
    supabase,        // supabase/migrations/<version>_<name>.sql -> supabase_migrations.schema_migrations
    numbered,        // migrations/ or database/migrations/001_x.sql -> _migrations (filename)
    three_tier,      // core, content, entities -> _migrations, _content_migrations, _entity_migrations
    golang_migrate,  // <version>_<name>.up.sql -> schema_migrations (version, dirty)
};
const char* runner_name(Runner runner);  // "supabase", "numbered", "three-tier", "golang-migrate"

struct LocalMigration {
    std::string path;     // on disk
    std::string label;    // in messages and lists: relative to the project root
    std::string version;  // what orders and names it: Supabase's and golang-migrate's version, else the file name
    std::string name;     // Supabase's and golang-migrate's name part, else the file name
    std::string table;    // the tracking table it is recorded in
    std::vector<std::string> key;  // the values that identify its row in that table
    TieredFile tier;      // three-tier only
    std::string sql;      // the file's bytes
    std::string checksum;  // SHA-256 of them
};

struct ProjectMigrations {
    Runner runner = Runner::numbered;
    std::string root;    // the project's root (where .pgshift/ and pgshift.toml are)
    std::string folder;  // where new migrations go (core/migrations for a three-tier project)
    std::vector<LocalMigration> files;  // in the order the runner applies them
    std::vector<std::string> skipped;   // files the runner skips, said as it says them
    std::optional<TieredProject> tiers;
};

// The project of `folder` (--migrations), or of the current directory when it is empty:
// supabase/ (config.toml or migrations), a three-tier project, or a migrations folder
// (migrations/, database/migrations/; golang-migrate when it holds .up.sql files). Reads every
// file. Throws std::runtime_error when there is none, or two files share a version.
ProjectMigrations find_project_migrations(const std::string& folder, const TierSelection& tiers = {});

// The key of a file in its tracking table, written as one text ("plugin/blog/001_blog.sql").
std::string key_text(const std::vector<std::string>& key);

}  // namespace pgshift
