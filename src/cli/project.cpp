#include "cli/project.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

#include "introspect/introspect.hpp"
#include "workflow/new_migration.hpp"

namespace pgshift::cli {
namespace fs = std::filesystem;

std::string find_migrations_folder(const std::string& explicit_folder) {
    if (!explicit_folder.empty()) {
        if (!fs::is_directory(explicit_folder)) throw std::runtime_error("no migrations folder " + explicit_folder);
        return explicit_folder;
    }
    for (const char* candidate : {"supabase/migrations", "migrations", "database/migrations"})
        if (fs::is_directory(candidate)) return candidate;
    throw std::runtime_error("no migrations folder here (supabase/migrations, migrations or database/migrations); pass --migrations DIR");
}

PlatformChoice parse_platform_choice(const std::string& text) {
    if (text == "supabase") return PlatformChoice::supabase;
    if (text == "none") return PlatformChoice::none;
    return PlatformChoice::automatic;
}

namespace {

bool holds_supabase_project(const fs::path& folder) {
    std::error_code error;
    return fs::is_regular_file(folder / "supabase" / "config.toml", error) || fs::is_directory(folder / "supabase" / "migrations", error);
}

// The root of the Supabase project a migrations source belongs to, or empty.
std::string supabase_root_of(const std::string& source) {
    fs::path path = fs::absolute(source).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    if (path.filename() == "migrations" && path.parent_path().filename() == "supabase") return path.parent_path().parent_path().string();
    if (holds_supabase_project(path)) return path.string();
    return "";
}

}  // namespace

Project find_project(const std::vector<std::string>& sources, PlatformChoice choice) {
    Project project;
    bool any_folder = false;
    for (const std::string& source : sources) {
        if (source.empty() || is_connection_string(source) || !fs::is_directory(source)) continue;
        any_folder = true;
        if (project.root.empty()) project.root = supabase_root_of(source);
    }
    if (!any_folder && holds_supabase_project(fs::current_path())) project.root = fs::current_path().string();
    if (choice == PlatformChoice::none) return project;
    if (!project.root.empty() || choice == PlatformChoice::supabase) project.platform = &supabase_platform();
    if (!project.root.empty()) {
        fs::path config = fs::path(project.root) / "supabase" / "config.toml";
        std::error_code error;
        if (fs::is_regular_file(config, error)) {
            // Named as the user would: relative to the current directory where it is below it.
            fs::path shown = config.lexically_proximate(fs::current_path());
            project.config = read_supabase_config((shown.empty() || shown.native().rfind("..", 0) == 0 ? config : shown).string());
        }
    }
    return project;
}

std::vector<std::string> project_warnings(const Project& project) {
    std::vector<std::string> warnings;
    if (!project.config) return warnings;
    for (const UnhandledSetting& setting : project.config->unhandled)
        warnings.push_back(project.config->path + ":" + std::to_string(setting.line) + ":" + std::to_string(setting.column) +
                           ": warning: " + setting.key + " = " + setting.value + " is not handled: " + setting.why);
    return warnings;
}

bool runs_each_file_in_one_transaction(const std::string& folder) {
    fs::path path = fs::absolute(folder).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path.filename() == "migrations" && path.parent_path().filename() == "supabase";
}

std::string new_migration_path(const std::string& folder, const std::string& name, std::time_t now) {
    return new_migration_file(folder, name, now);
}

}  // namespace pgshift::cli
