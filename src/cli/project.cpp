#include "cli/project.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

#include "introspect/introspect.hpp"

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

namespace {

// Prefixes that are dates or times, as migration tools write them; `unit` is the step from one
// name to the next.
struct DatedPrefix {
    const char* format;  // strftime
    std::size_t width;
    std::time_t unit;
};
const DatedPrefix dated_prefixes[] = {
    {"%Y%m%d%H%M%S", 14, 1},      // Supabase, Rails, goose, ...
    {"%Y%m%d%H%M", 12, 60},       // minutes
    {"%Y_%m_%d_%H%M%S", 17, 1},   // Laravel
    {"%Y%m%d", 8, 24 * 60 * 60},  // a date
};

std::string format_utc(const DatedPrefix& dated, std::time_t time) {
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[32];
    std::strftime(text, sizeof text, dated.format, &utc);
    return text;
}

// The instant `prefix` names in `dated`'s form; nullopt when it is no valid date (20251032).
std::optional<std::time_t> parse_dated(const DatedPrefix& dated, const std::string& prefix) {
    if (prefix.size() != dated.width) return std::nullopt;
    std::tm utc{};
    const char* end = strptime(prefix.c_str(), dated.format, &utc);
    if (!end || *end) return std::nullopt;
    std::time_t time = timegm(&utc);
    if (format_utc(dated, time) != prefix) return std::nullopt;  // normalised: it was out of range
    return time;
}

// The prefix of a migration file name: what comes before the `_` that starts its name.
std::optional<std::string> file_prefix(const std::string& file, std::size_t width) {
    if (file.size() <= width || file[width] != '_') return std::nullopt;
    for (std::size_t i = 0; i < width; ++i)
        if (!std::isdigit(static_cast<unsigned char>(file[i])) && file[i] != '_') return std::nullopt;
    return file.substr(0, width);
}

std::string slug_of(const std::string& name) {
    std::string slug;
    for (char c : name) {
        unsigned char u = static_cast<unsigned char>(c);
        slug += std::isalnum(u) ? char(std::tolower(u)) : '_';
    }
    if (slug.empty()) throw std::runtime_error("a migration needs a name");
    return slug;
}

}  // namespace

std::string new_migration_path(const std::string& folder, const std::string& name, std::time_t now) {
    std::string slug = slug_of(name);
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path().filename().string());
    auto path = [&](const std::string& prefix) { return (fs::path(folder) / (prefix + "_" + slug + ".sql")).string(); };

    // A dated folder: the form most of its names are valid dates in. The next name is now, or the
    // next valid date after the last name, whichever is later, so it always sorts last.
    const DatedPrefix* dated = nullptr;
    std::size_t most = 0;
    for (const DatedPrefix& candidate : dated_prefixes) {
        std::size_t count = 0;
        for (const std::string& file : files)
            if (auto prefix = file_prefix(file, candidate.width); prefix && parse_dated(candidate, *prefix)) ++count;
        if (count > most) {
            most = count;
            dated = &candidate;
        }
    }
    if (dated) {
        std::string last;  // the largest prefix of that width, valid date or not
        std::optional<std::time_t> last_valid;
        for (const std::string& file : files) {
            std::optional<std::string> prefix = file_prefix(file, dated->width);
            if (!prefix) continue;
            last = std::max(last, *prefix);
            if (auto time = parse_dated(*dated, *prefix)) last_valid = std::max(last_valid.value_or(*time), *time);
        }
        std::time_t next = std::max(now - now % dated->unit, *last_valid + dated->unit);
        while (format_utc(*dated, next) <= last) next += dated->unit;
        return path(format_utc(*dated, next));
    }

    // The largest numeric prefix already used, and how wide the widest one is written.
    unsigned long long largest = 0;
    std::size_t width = 0;
    bool any = false;
    for (const std::string& file : files) {
        std::size_t digits = 0;
        while (digits < file.size() && std::isdigit(static_cast<unsigned char>(file[digits]))) ++digits;
        if (digits == 0 || digits > 18 || digits >= file.size() || file[digits] != '_') continue;
        any = true;
        largest = std::max(largest, std::stoull(file.substr(0, digits)));
        width = std::max(width, digits);
    }
    if (!any) return path(format_utc(dated_prefixes[0], now));  // Supabase's form, for an empty folder
    std::string prefix = std::to_string(largest + 1);
    if (prefix.size() < width) prefix.insert(0, width - prefix.size(), '0');
    return path(prefix);
}

}  // namespace pgshift::cli
