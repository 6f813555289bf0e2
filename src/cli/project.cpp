#include "cli/project.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

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

bool is_supabase_folder(const std::string& folder) {
    fs::path path = fs::absolute(folder).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path.filename() == "migrations" && path.parent_path().filename() == "supabase";
}

std::string new_migration_path(const std::string& folder, const std::string& name, std::time_t now) {
    std::string slug;
    for (char c : name) {
        unsigned char u = static_cast<unsigned char>(c);
        slug += std::isalnum(u) ? char(std::tolower(u)) : '_';
    }
    if (slug.empty()) throw std::runtime_error("a migration needs a name");
    // The largest numeric prefix already used, and how wide the widest one is written.
    unsigned long long largest = 0;
    std::size_t width = 0;
    bool any = false;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::string file = entry.path().filename().string();
        std::size_t digits = 0;
        while (digits < file.size() && std::isdigit(static_cast<unsigned char>(file[digits]))) ++digits;
        if (digits == 0 || digits > 18 || digits >= file.size() || file[digits] != '_') continue;
        any = true;
        largest = std::max(largest, std::stoull(file.substr(0, digits)));
        width = std::max(width, digits);
    }
    std::string prefix;
    if (!any || width == 14) {
        char stamp[32];
        std::tm utc{};
        gmtime_r(&now, &utc);
        std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &utc);
        unsigned long long value = std::max(std::stoull(stamp), largest + 1);
        prefix = std::to_string(value);
    } else {
        prefix = std::to_string(largest + 1);
        if (prefix.size() < width) prefix.insert(0, width - prefix.size(), '0');
    }
    return (fs::path(folder) / (prefix + "_" + slug + ".sql")).string();
}

}  // namespace pgshift::cli
