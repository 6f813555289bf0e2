#include "workflow/project_migrations.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "parser/migration_sources.hpp"
#include "workflow/checksum.hpp"
#include "workflow/foreign_runners.hpp"

namespace fs = std::filesystem;

namespace pgshift {
namespace {

std::string read_file(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path.string() + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

bool exists_directory(const fs::path& path) {
    std::error_code error;
    return fs::is_directory(path, error);
}

std::string relative_label(const fs::path& path, const fs::path& root) {
    fs::path relative = fs::path(path).lexically_relative(root);
    return relative.empty() || relative.native().rfind("..", 0) == 0 ? path.string() : relative.string();
}

void finish(ProjectMigrations& project, LocalMigration file) {
    file.label = relative_label(file.path, project.root);
    file.sql = read_file(file.path);
    file.checksum = sha256_hex(file.sql);
    project.files.push_back(std::move(file));
}

// supabase/cli pkg/migration/list.go ListLocalMigrations: byte order, directories skipped,
// an old <timestamp>_init.sql first skipped, names outside ^([0-9]+)_(.*)\.sql$ skipped.
void supabase_files(ProjectMigrations& project) {
    fs::path folder = fs::path(project.root) / "supabase" / "migrations";
    project.folder = folder.string();
    if (!exists_directory(folder)) return;
    std::vector<fs::directory_entry> entries{fs::directory_iterator(folder), fs::directory_iterator()};
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path().filename().string() < b.path().filename().string(); });
    static const std::regex pattern(R"(^([0-9]+)_(.*)\.sql$)");
    static const std::regex init_schema(R"(([0-9]{14})_init\.sql)");
    std::map<std::string, std::string> versions;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].is_directory()) continue;
        std::string filename = entries[i].path().filename().string();
        std::smatch match;
        if (i == 0 && std::regex_search(filename, match, init_schema) && std::stoull(match[1].str()) < 20211209000000ULL) {
            project.skipped.push_back("Skipping migration " + filename + "... (replace \"init\" with a different file name to apply this migration)");
            continue;
        }
        if (filename.find('\n') != std::string::npos || !std::regex_match(filename, match, pattern)) {
            project.skipped.push_back("Skipping migration " + filename + "... (file name must match pattern \"<timestamp>_name.sql\")");
            continue;
        }
        LocalMigration file;
        file.path = entries[i].path().string();
        file.version = match[1].str();
        file.name = match[2].str();
        file.table = "supabase_migrations.schema_migrations";
        file.key = {file.version};
        auto [existing, inserted] = versions.emplace(file.version, filename);
        if (!inserted)
            throw std::runtime_error(relative_label(folder, project.root) + ": " + existing->second + " and " + filename + " have the same version " +
                                     file.version + ": supabase_migrations.schema_migrations keeps one row per version");
        finish(project, std::move(file));
    }
}

void three_tier_files(ProjectMigrations& project, const TierSelection& selection) {
    TieredProject tiers = discover_tiered(project.root, selection);
    project.folder = tiers.core_folder.empty() ? (fs::path(project.root) / "core" / "migrations").string() : tiers.core_folder;
    for (const TieredFile& tier : tiers.files) {
        LocalMigration file;
        file.path = tier.path;
        file.version = tier.filename;
        file.name = tier.filename;
        file.table = tier_table_name(tier.table);
        switch (tier.table) {
            case TierTable::core: file.key = {tier.filename}; break;
            case TierTable::content: file.key = {tier.source_type, tier.source_name, tier.filename}; break;
            // The runner looks entity migrations up by entity and file name only.
            case TierTable::entity: file.key = {tier.entity_name, tier.filename}; break;
        }
        file.tier = tier;
        finish(project, std::move(file));
    }
    project.tiers = std::move(tiers);
}

bool holds_up_files(const fs::path& folder) {
    static const std::regex up(R"(^([0-9]+)_(.*)\.up\.sql$)");
    for (const auto& entry : fs::directory_iterator(folder))
        if (std::regex_match(entry.path().filename().string(), up)) return true;
    return false;
}

// golang-migrate's source/parse.go: ^([0-9]+)_(.*)\.(down|up)\.(.*)$, by version number.
void golang_migrate_files(ProjectMigrations& project, const fs::path& folder) {
    static const std::regex up(R"(^([0-9]+)_(.*)\.up\.sql$)");
    std::vector<std::pair<unsigned long long, fs::path>> found;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::smatch match;
        std::string filename = entry.path().filename().string();
        if (!entry.is_regular_file() || !std::regex_match(filename, match, up)) continue;
        found.emplace_back(std::stoull(match[1].str()), entry.path());
    }
    std::sort(found.begin(), found.end());
    for (std::size_t i = 1; i < found.size(); ++i)
        if (found[i].first == found[i - 1].first)
            throw std::runtime_error(relative_label(folder, project.root) + ": " + found[i - 1].second.filename().string() + " and " +
                                     found[i].second.filename().string() + " have the same version");
    for (const auto& [version, path] : found) {
        std::smatch match;
        std::string filename = path.filename().string();
        std::regex_match(filename, match, up);
        LocalMigration file;
        file.path = path.string();
        file.version = std::to_string(version);
        file.name = match[2].str();
        file.table = "schema_migrations";
        file.key = {file.version};
        finish(project, std::move(file));
    }
}

void numbered_files(ProjectMigrations& project, const fs::path& folder) {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end(), [](const fs::path& a, const fs::path& b) {
        return migration_name_less(a.filename().string(), b.filename().string());
    });
    for (const fs::path& path : paths) {
        LocalMigration file;
        file.path = path.string();
        file.version = path.filename().string();
        file.name = file.version;
        file.table = "_migrations";
        file.key = {file.version};
        finish(project, std::move(file));
    }
}

bool holds_supabase(const fs::path& folder) {
    std::error_code error;
    return fs::is_regular_file(folder / "supabase" / "config.toml", error) || exists_directory(folder / "supabase" / "migrations");
}

}  // namespace

const char* runner_name(Runner runner) {
    switch (runner) {
        case Runner::supabase: return "supabase";
        case Runner::numbered: return "numbered";
        case Runner::three_tier: return "three-tier";
        case Runner::golang_migrate: return "golang-migrate";
    }
    return "";
}

std::string key_text(const std::vector<std::string>& key) {
    std::string text;
    for (const std::string& part : key) text += (text.empty() ? "" : "/") + part;
    return text;
}

ProjectMigrations find_project_migrations(const std::string& folder_text, const TierSelection& tiers) {
    ProjectMigrations project;
    fs::path folder = folder_text.empty() ? fs::current_path() : fs::absolute(folder_text).lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();
    if (!exists_directory(folder)) throw std::runtime_error("no migrations folder " + folder_text);
    // Paths are shown relative to the current directory when they are below it.
    auto here = [](const fs::path& path) { return relative_label(path, fs::current_path()); };

    if (folder.filename() == "migrations" && folder.parent_path().filename() == "supabase") {
        project.runner = Runner::supabase;
        project.root = here(folder.parent_path().parent_path());
        supabase_files(project);
        return project;
    }
    if (holds_supabase(folder)) {
        project.runner = Runner::supabase;
        project.root = here(folder);
        supabase_files(project);
        return project;
    }
    if (is_tiered_project(folder.string())) {
        project.runner = Runner::three_tier;
        project.root = here(folder);
        three_tier_files(project, tiers);
        return project;
    }
    fs::path migrations = folder;
    if (folder_text.empty()) {
        migrations.clear();
        for (const char* candidate : {"migrations", "database/migrations"})
            if (exists_directory(folder / candidate)) {
                migrations = folder / candidate;
                break;
            }
        if (migrations.empty())
            throw std::runtime_error("no migrations here: pgshift looks for supabase/, a three-tier project (core/migrations, contents/), "
                                     "migrations/ and database/migrations/; pass --migrations DIR");
    }
    fs::path root = migrations;
    if (root.filename() == "migrations") root = root.parent_path();
    if (root.filename() == "database") root = root.parent_path();
    project.root = here(root);
    project.folder = here(migrations);
    if (std::optional<std::string> foreign = foreign_runner_files(project.folder)) throw std::runtime_error(*foreign);
    if (holds_up_files(migrations)) {
        project.runner = Runner::golang_migrate;
        golang_migrate_files(project, project.folder);
    } else {
        project.runner = Runner::numbered;
        numbered_files(project, project.folder);
    }
    return project;
}

}  // namespace pgshift
