#include "workflow/new_migration.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace fs = std::filesystem;

namespace pgshift {
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

}  // namespace

std::string migration_slug(const std::string& name) {
    std::string slug;
    for (char c : name) {
        unsigned char u = static_cast<unsigned char>(c);
        slug += std::isalnum(u) ? char(std::tolower(u)) : '_';
    }
    if (slug.empty()) throw std::runtime_error("a migration needs a name");
    return slug;
}

std::string next_migration_version(const std::string& folder, std::time_t now) {
    std::vector<std::string> files;
    std::error_code error;
    if (fs::is_directory(folder, error))
        for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path().filename().string());

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
        return format_utc(*dated, next);
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
    if (!any) return format_utc(dated_prefixes[0], now);  // Supabase's form, for an empty folder
    std::string prefix = std::to_string(largest + 1);
    if (prefix.size() < width) prefix.insert(0, width - prefix.size(), '0');
    return prefix;
}


std::string new_migration_file(const std::string& folder, const std::string& name, std::time_t now, const std::string& suffix) {
    return (fs::path(folder) / (next_migration_version(folder, now) + "_" + migration_slug(name) + suffix)).string();
}

std::string new_migration_header(const std::string& name, std::time_t now, const std::string& how_it_runs, const std::string& made_by) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return "-- " + name + "\n-- Created " + stamp + " by " + made_by + ". " + how_it_runs + "\n\n";
}

}  // namespace pgshift
