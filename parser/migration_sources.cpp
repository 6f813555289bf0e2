#include "parser/migration_sources.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "parser/tiered_layout.hpp"
#include "parser/runner_layouts.hpp"

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

using Notes = std::vector<LayoutNote>;

void collect(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files, Notes& notes);

// Tiers apply in this order; other subfolders follow alphabetically.
constexpr const char* tier_order[] = {"core", "themes", "plugins", "entities"};

void collect_tiers(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files, Notes& notes) {
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
        collect(subfolder, track.empty() ? subfolder.filename().string() : track + "/" + subfolder.filename().string(), files, notes);
}

// The tier a three-tier project's file is tracked in, for --track: core, theme/<t>,
// plugin/<p>, plugin/<p>/entities/<e>, ...
std::string tier_track(const TieredFile& file) {
    if (file.table == TierTable::core) return "core";
    std::string track = file.source_type + "/" + file.source_name;
    return file.table == TierTable::entity ? track + "/entities/" + file.entity_name : track;
}

std::string read_contents(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path.string() + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

std::string folder_list(const std::vector<fs::path>& folders, const fs::path& under) {
    std::string text;
    for (const fs::path& folder : folders) text += (text.empty() ? "" : ", ") + fs::relative(folder, under).string() + "/";
    return text;
}

// A Flyway location: every .sql file under it (Flyway searches subfolders too), versioned ones by
// version, then repeatable ones by description. Undo files and names Flyway does not read are left
// out with a note; two files of one version are refused, as Flyway refuses them.
void collect_flyway(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files, Notes& notes) {
    std::vector<std::pair<FlywayName, fs::path>> migrations;
    std::vector<fs::path> paths;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
        std::optional<FlywayName> name = flyway_name(path.filename().string());
        if (!name)
            notes.push_back({path.string(), "not a Flyway migration name (V<version>__<name>.sql, R__<name>.sql): Flyway does not run it, pgshift does not read it"});
        else if (name->kind == FlywayName::Kind::undo)
            notes.push_back({path.string(), "a Flyway undo migration (run only by flyway undo): not read"});
        else
            migrations.emplace_back(*name, path);
    }
    std::stable_sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) { return flyway_less(a.first, b.first); });
    for (std::size_t i = 1; i < migrations.size(); ++i)
        if (same_flyway_version(migrations[i - 1].first, migrations[i].first))
            throw std::runtime_error(folder.string() + ": " + migrations[i - 1].second.filename().string() + " and " +
                                     migrations[i].second.filename().string() + " have the same version " +
                                     flyway_version_text(migrations[i].first) + " (Flyway refuses to run them)");
    for (const auto& migration : migrations) files.push_back({migration.second.string(), track});
}

// A folder of .sql files: Flyway's names, or one file per migration in name order (down files
// left out), dbmate's files read up to their down section.
void collect_files(const fs::path& folder, const std::vector<fs::path>& entries, const std::string& track,
                   std::vector<MigrationFile>& files, Notes& notes) {
    std::vector<fs::path> sql;
    for (const fs::path& entry : entries)
        if (fs::is_regular_file(entry) && entry.extension() == ".sql" && !is_down_migration(entry.filename().string())) sql.push_back(entry);
    for (const fs::path& entry : sql)
        if (flyway_name(entry.filename().string())) return collect_flyway(folder, track, files, notes);
    bool dbmate = false;
    std::vector<std::string> contents;
    for (const fs::path& entry : sql) dbmate = has_dbmate_up(contents.emplace_back(read_contents(entry))) || dbmate;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (dbmate) dbmate_up_end(sql[i].string(), contents[i]);  // a file dbmate would refuse is refused here
        MigrationFile file{sql[i].string(), track};
        file.dbmate_sections = dbmate;
        files.push_back(file);
    }
}

// Prisma: <timestamp>_<name>/migration.sql in name order, for the provider of migration_lock.toml.
void collect_prisma(const fs::path& folder, const std::vector<fs::path>& entries, const std::string& track,
                    std::vector<MigrationFile>& files) {
    std::optional<std::string> provider = prisma_provider(folder.string());
    if (provider && *provider != "postgresql" && *provider != "postgres")
        throw std::runtime_error((folder / "migration_lock.toml").string() + ": provider = \"" + *provider +
                                 "\": these Prisma migrations are for another database; pgshift reads PostgreSQL's");
    for (const fs::path& entry : entries)
        if (fs::is_directory(entry) && fs::is_regular_file(entry / "migration.sql")) files.push_back({(entry / "migration.sql").string(), track});
}

// A folder with a subfolder per database (postgres/, mysql/, sqlite3/, h2/, ...): the PostgreSQL
// one alone, never merged with the others. False when no subfolder is named after a database.
bool collect_database_folder(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files, Notes& notes) {
    std::vector<fs::path> postgres, others;
    for (const fs::path& entry : sorted_entries(folder))
        if (fs::is_directory(entry))
            if (std::optional<std::string> database = database_of_folder_name(entry.filename().string()))
                (*database == "postgresql" ? postgres : others).push_back(entry);
    if (postgres.empty() && others.empty()) return false;
    if (postgres.size() > 1)
        throw std::runtime_error(folder.string() + ": PostgreSQL migrations in several folders (" + folder_list(postgres, folder) +
                                 "): pass the one to read");
    if (postgres.empty())
        throw std::runtime_error(folder.string() + ": migrations for other databases only (" + folder_list(others, folder) +
                                 "): none for PostgreSQL (a postgres/ or postgresql/ folder)");
    if (!others.empty())
        notes.push_back({folder.string(), "the PostgreSQL migrations of " + folder_list(postgres, folder) +
                                              " read; left out, for other databases: " + folder_list(others, folder)});
    collect(postgres.front(), track, files, notes);
    return true;
}

// A folder of several projects (crates, packages, modules: a manifest each) with migrations of
// their own: the one whose manifest names a PostgreSQL driver. False for fewer than two.
bool collect_postgres_project(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files, Notes& notes) {
    std::vector<fs::path> projects, postgres;
    std::string found;
    for (const fs::path& entry : sorted_entries(folder)) {
        if (!fs::is_directory(entry)) continue;
        std::optional<std::string> database = database_of_project(entry.string());
        bool has_manifest = database || fs::is_regular_file(entry / "Cargo.toml") || fs::is_regular_file(entry / "package.json") ||
                            fs::is_regular_file(entry / "go.mod") || fs::is_regular_file(entry / "pom.xml");
        bool has_migrations = false;
        for (const char* layout : {"supabase/migrations", "migrations", "database/migrations", "prisma/migrations", "db/migrations",
                                   "db/migration", "src/main/resources/db/migration"})
            has_migrations = has_migrations || fs::is_directory(entry / layout);
        if (!has_manifest || !has_migrations) continue;
        projects.push_back(entry);
        if (database == std::string("postgresql")) postgres.push_back(entry);
        found += (found.empty() ? "" : ", ") + entry.filename().string() + "/ (" + database.value_or("database not named") + ")";
    }
    if (projects.size() < 2) return false;
    if (postgres.size() != 1)
        throw std::runtime_error(folder.string() + ": migrations of several projects: " + found + "; " +
                                 (postgres.empty() ? "none names a PostgreSQL driver" : "more than one names a PostgreSQL driver") +
                                 ": pass the migrations folder to read");
    std::vector<fs::path> others;
    for (const fs::path& project : projects)
        if (project != postgres.front()) others.push_back(project);
    notes.push_back({folder.string(), "the migrations of " + folder_list(postgres, folder) +
                                          " read (its manifest names PostgreSQL); left out: " + folder_list(others, folder)});
    collect(postgres.front(), track, files, notes);
    return true;
}

void collect(const fs::path& folder, const std::string& track, std::vector<MigrationFile>& files, Notes& notes) {
    if (is_tiered_project(folder.string())) {
        for (const TieredFile& file : discover_tiered(folder.string()).files) files.push_back({file.path, tier_track(file)});
        return;
    }
    for (const char* project_layout : {"supabase/migrations", "migrations", "database/migrations"}) {
        if (fs::is_directory(folder / project_layout)) return collect(folder / project_layout, track, files, notes);
    }
    // Where other runners keep them: Prisma, dbmate, Flyway (the CLI's and a JVM project's).
    for (const char* runner_layout : {"prisma/migrations", "db/migrations", "db/migration", "src/main/resources/db/migration"}) {
        if (fs::is_directory(folder / runner_layout)) return collect(folder / runner_layout, track, files, notes);
    }
    std::vector<fs::path> entries = sorted_entries(folder);
    bool has_sql = false, has_diesel = false, has_prisma = false;
    for (const fs::path& entry : entries) {
        if (fs::is_regular_file(entry) && entry.extension() == ".sql") has_sql = true;
        if (fs::is_directory(entry) && fs::is_regular_file(entry / "up.sql")) has_diesel = true;
        if (fs::is_directory(entry) && fs::is_regular_file(entry / "migration.sql")) has_prisma = true;
    }
    if (has_sql) {
        collect_files(folder, entries, track, files, notes);
    } else if (has_diesel) {
        for (const fs::path& entry : entries)
            if (fs::is_directory(entry) && fs::is_regular_file(entry / "up.sql")) files.push_back({(entry / "up.sql").string(), track});
    } else if (has_prisma) {
        collect_prisma(folder, entries, track, files);
    } else if (!collect_database_folder(folder, track, files, notes) && !collect_postgres_project(folder, track, files, notes)) {
        collect_tiers(folder, track, files, notes);
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

MigrationLayout discover_layout(const std::vector<std::string>& inputs) {
    MigrationLayout layout;
    for (const std::string& input : inputs) {
        fs::path path(input);
        std::error_code error;
        if (fs::is_regular_file(path, error)) {
            MigrationFile file{path.string(), ""};
            file.dbmate_sections = path.extension() == ".sql" && has_dbmate_up(read_contents(path));
            layout.files.push_back(file);
        } else if (fs::is_directory(path, error)) {
            std::size_t before = layout.files.size();
            collect(path, "", layout.files, layout.notes);
            if (layout.files.size() == before) throw std::runtime_error(input + ": no migration files found");
        } else {
            throw std::runtime_error(input + ": no such file or folder");
        }
    }
    return layout;
}

std::vector<MigrationFile> discover_migrations(const std::vector<std::string>& inputs) { return discover_layout(inputs).files; }

std::string runnable_sql(const MigrationFile& file, std::string contents) {
    if (file.dbmate_sections) contents.resize(dbmate_up_end(file.path, contents));
    return contents;
}

}  // namespace pgshift
