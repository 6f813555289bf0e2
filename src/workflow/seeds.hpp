// A Supabase project's seed files ([db.seed] sql_paths), tracked as the Supabase CLI tracks them
// in supabase_migrations.seed_files (path, hash): run once per path; a changed file only has its
// hash updated on push, and everything runs again after a reset.
#pragma once

#include <string>
#include <vector>

#include "workflow/session.hpp"

namespace pgshift {

struct SeedFile {
    std::string path;     // as recorded: "supabase/seed.sql"
    std::string disk_path;
    std::string hash;     // lowercase hex SHA-256 of the bytes
    std::string sql;
    bool dirty = false;   // recorded with another hash: only the hash is updated
};

// The files `patterns` (globs relative to supabase/, as config.toml writes them) match, sorted
// per pattern, each once. `warnings` gets "WARN: no files matched pattern: P" as the CLI says.
std::vector<SeedFile> find_seed_files(const std::string& project_root, const std::vector<std::string>& patterns,
                                      std::vector<std::string>& warnings);

// The seeds that are new or changed for this database.
std::vector<SeedFile> pending_seeds(Session& session, const std::vector<SeedFile>& seeds);

// Creates the seed table as the CLI does, then runs each seed (all its statements and its row in
// one transaction; a dirty seed only updates its hash). Throws ServerError naming the seed.
void apply_seed(Session& session, const SeedFile& seed);
void create_seed_table(Session& session);

}  // namespace pgshift
