#include "parser/migration_sources.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "parser/tiered_layout.hpp"

namespace fs = std::filesystem;

namespace pgshift {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string leading_digits(const std::string& name) {
    std::size_t end = 0;
    while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
    return name.substr(0, end);
}

bool is_down_migration(const std::string& name) {
    return ends_with(name, ".down.sql") || ends_with(name, "_down.sql") || name == "down.sql";
}

std::vector<fs::path> sorted_entries(const fs::path& folder) {
    std::vector<fs::path> entries;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end(), [](const fs::path& a, const fs::path& b) {
        return migration_name_less(a.filename().string(), b.filename().string());
    });
    return entries;
}

void collect(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files);

// Tiers apply in this order; other subfolders follow alphabetically.
constexpr const char* tier_order[] = {"core", "themes", "plugins", "entities"};

void collect_tiers(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files) {
    std::vector<fs::path> subfolders;
    for (const fs::path& entry : sorted_entries(folder))
        if (fs::is_directory(entry)) subfolders.push_back(entry);
    auto rank = [](const fs::path& path) {
        std::string name = path.filename().string();
        for (std::size_t i = 0; i < std::size(tier_order); ++i)
            if (name == tier_order[i]) return int(i);
        return int(std::size(tier_order));
    };
    std::stable_sort(subfolders.begin(), subfolders.end(), [&](const fs::path& a, const fs::path& b) { return rank(a) < rank(b); });
    for (const fs::path& subfolder : subfolders)
        collect(subfolder, track.empty() ? subfolder.filename().string() : track + "/" + subfolder.filename().string(), files);
}

// The tier a three-tier project's file is tracked in, for --track: core, theme/<t>,
// plugin/<p>, plugin/<p>/entities/<e>, ...
std::string tier_track(const TieredFile& file) {
    if (file.table == TierTable::core) return "core";
    std::string track = file.source_type + "/" + file.source_name;
    return file.table == TierTable::entity ? track + "/entities/" + file.entity_name : track;
}

void collect(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files) {
    if (is_tiered_project(folder.string())) {
        for (const TieredFile& file : discover_tiered(folder.string()).files) files.push_back({file.path, tier_track(file)});
        return;
    }
    for (const char* project_layout : {"supabase/migrations", "migrations", "database/migrations"}) {
        if (fs::is_directory(folder / project_layout)) return collect(folder / project_layout, track, files);
    }
    std::vector<fs::path> entries = sorted_entries(folder);
    bool has_sql = false, has_diesel = false;
    for (const fs::path& entry : entries) {
        if (fs::is_regular_file(entry) && entry.extension() == ".sql") has_sql = true;
        if (fs::is_directory(entry) && fs::is_regular_file(entry / "up.sql")) has_diesel = true;
    }
    if (has_sql) {
        for (const fs::path& entry : entries) {
            std::string name = entry.filename().string();
            if (fs::is_regular_file(entry) && entry.extension() == ".sql" && !is_down_migration(name))
                files.push_back({entry.string(), track});
        }
    } else if (has_diesel) {
        for (const fs::path& entry : entries)
            if (fs::is_directory(entry) && fs::is_regular_file(entry / "up.sql")) files.push_back({(entry / "up.sql").string(), track});
    } else {
        collect_tiers(folder, track, files);
    }
}

}  // namespace

bool migration_name_less(const std::string& a, const std::string& b) {
    std::string number_a = leading_digits(a), number_b = leading_digits(b);
    if (!number_a.empty() && !number_b.empty()) {
        // Compare numerically without overflow: strip leading zeros, then by length, then by digits.
        std::string trimmed_a = number_a.substr(std::min(number_a.find_first_not_of('0'), number_a.size()));
        std::string trimmed_b = number_b.substr(std::min(number_b.find_first_not_of('0'), number_b.size()));
        if (trimmed_a.size() != trimmed_b.size()) return trimmed_a.size() < trimmed_b.size();
        if (trimmed_a != trimmed_b) return trimmed_a < trimmed_b;
    }
    return a < b;
}

std::vector<MigrationFile> discover_migrations(const std::vector<std::string>& inputs) {
    std::vector<MigrationFile> files;
    for (const std::string& input : inputs) {
        fs::path path(input);
        std::error_code error;
        if (fs::is_regular_file(path, error)) {
            files.push_back({path.string(), ""});
        } else if (fs::is_directory(path, error)) {
            std::size_t before = files.size();
            collect(path, "", files);
            if (files.size() == before) throw std::runtime_error(input + ": no migration files found");
        } else {
            throw std::runtime_error(input + ": no such file or folder");
        }
    }
    return files;
}

}  // namespace pgshift
