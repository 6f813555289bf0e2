#include "workflow/seeds.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "workflow/checksum.hpp"

namespace fs = std::filesystem;

namespace pgshift {

std::vector<SeedFile> find_seed_files(const std::string& project_root, const std::vector<std::string>& patterns,
                                      std::vector<std::string>& warnings) {
    std::vector<SeedFile> seeds;
    std::set<std::string> seen;
    for (const std::string& pattern : patterns) {
        // path.Join("supabase", pattern): relative patterns are under supabase/, cleaned.
        fs::path joined = fs::path(pattern).is_absolute() ? fs::path(pattern) : (fs::path("supabase") / pattern).lexically_normal();
        fs::path on_disk = joined.is_absolute() ? joined : fs::path(project_root) / joined;
        glob_t matches{};
        std::vector<std::string> found;
        if (glob(on_disk.string().c_str(), 0, nullptr, &matches) == 0)
            for (std::size_t i = 0; i < matches.gl_pathc; ++i) found.push_back(matches.gl_pathv[i]);
        globfree(&matches);
        std::sort(found.begin(), found.end());
        if (found.empty()) warnings.push_back("WARN: no files matched pattern: " + joined.string());
        for (const std::string& match : found) {
            std::error_code error;
            if (!fs::is_regular_file(match, error)) continue;
            std::string recorded = joined.is_absolute() ? match : fs::path(match).lexically_relative(project_root).lexically_normal().string();
            if (!seen.insert(recorded).second) continue;
            SeedFile seed;
            seed.path = recorded;
            seed.disk_path = match;
            std::ifstream stream(match, std::ios::binary);
            std::ostringstream content;
            content << stream.rdbuf();
            seed.sql = content.str();
            seed.hash = sha256_hex(seed.sql);
            seeds.push_back(std::move(seed));
        }
    }
    return seeds;
}

std::vector<SeedFile> pending_seeds(Session& session, const std::vector<SeedFile>& seeds) {
    std::map<std::string, std::string> recorded;
    try {
        for (const Row& row : session.query("SELECT path, hash FROM supabase_migrations.seed_files"))
            recorded[row[0].value_or("")] = row[1].value_or("");
    } catch (const ServerError& error) {
        if (error.server().sqlstate != "42P01" && error.server().sqlstate != "3F000") throw;
    }
    std::vector<SeedFile> pending;
    for (SeedFile seed : seeds) {
        auto found = recorded.find(seed.path);
        if (found != recorded.end() && found->second == seed.hash) continue;
        seed.dirty = found != recorded.end();
        pending.push_back(std::move(seed));
    }
    return pending;
}

void create_seed_table(Session& session) {
    if (auto failure = session.run_script("SET lock_timeout = '4s';"
                                          "CREATE SCHEMA IF NOT EXISTS supabase_migrations;"
                                          "CREATE TABLE IF NOT EXISTS supabase_migrations.seed_files (path text NOT NULL PRIMARY KEY, hash text NOT NULL)"))
        throw ServerError(failure->error);
}

void apply_seed(Session& session, const SeedFile& seed) {
    session.query("RESET ALL");
    session.query("BEGIN");
    try {
        if (!seed.dirty)
            if (auto failure = session.run_script(seed.sql)) throw ServerError(failure->error);
        session.query("INSERT INTO supabase_migrations.seed_files(path, hash) VALUES($1, $2) ON CONFLICT (path) DO UPDATE SET hash = EXCLUDED.hash",
                      {seed.path, seed.hash});
        session.query("COMMIT");
    } catch (const ServerError&) {
        if (session.connected()) session.query("ROLLBACK");
        throw;
    }
}

}  // namespace pgshift
