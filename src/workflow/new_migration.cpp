#include "workflow/new_migration.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <stdexcept>

namespace fs = std::filesystem;

namespace pgshift {
namespace {

// A version of `width` digits (8, 12 or 14) read as a UTC time, when it is a valid one.
std::optional<std::time_t> as_time(const std::string& digits) {
    if (digits.size() != 8 && digits.size() != 12 && digits.size() != 14) return std::nullopt;
    std::tm parts{};
    parts.tm_year = std::stoi(digits.substr(0, 4)) - 1900;
    parts.tm_mon = std::stoi(digits.substr(4, 2)) - 1;
    parts.tm_mday = std::stoi(digits.substr(6, 2));
    if (digits.size() >= 12) {
        parts.tm_hour = std::stoi(digits.substr(8, 2));
        parts.tm_min = std::stoi(digits.substr(10, 2));
    }
    if (digits.size() == 14) parts.tm_sec = std::stoi(digits.substr(12, 2));
    std::tm normalized = parts;
    std::time_t time = timegm(&normalized);
    // A date that does not exist (20251032) normalizes to another one.
    if (normalized.tm_year != parts.tm_year || normalized.tm_mon != parts.tm_mon || normalized.tm_mday != parts.tm_mday ||
        normalized.tm_hour != parts.tm_hour || normalized.tm_min != parts.tm_min || normalized.tm_sec != parts.tm_sec)
        return std::nullopt;
    if (parts.tm_year < 70) return std::nullopt;
    return time;
}

std::string format_time(std::time_t time, std::size_t width) {
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[32];
    std::strftime(text, sizeof text, width == 8 ? "%Y%m%d" : width == 12 ? "%Y%m%d%H%M" : "%Y%m%d%H%M%S", &utc);
    return text;
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
    std::vector<std::string> versions;
    std::error_code error;
    if (fs::is_directory(folder, error))
        for (const auto& entry : fs::directory_iterator(folder)) {
            std::string file = entry.path().filename().string();
            std::size_t digits = 0;
            while (digits < file.size() && std::isdigit(static_cast<unsigned char>(file[digits]))) ++digits;
            if (digits == 0 || digits > 18 || digits >= file.size() || file[digits] != '_') continue;
            versions.push_back(file.substr(0, digits));
        }
    std::size_t width = 0;
    for (const std::string& version : versions) width = std::max(width, version.size());
    auto larger = [](const std::string& a, const std::string& b) {
        std::string x = a.substr(std::min(a.find_first_not_of('0'), a.size())), y = b.substr(std::min(b.find_first_not_of('0'), b.size()));
        return x.size() != y.size() ? x.size() < y.size() : x < y;
    };
    std::string largest = versions.empty() ? "" : *std::max_element(versions.begin(), versions.end(), larger);
    if (versions.empty()) width = 14;
    std::optional<std::time_t> last = largest.empty() ? std::nullopt : as_time(largest);
    bool timestamps = versions.empty() || (last && largest.size() == width);
    if (timestamps) {
        // One step of the folder's unit after the last one when the clock is not past it.
        std::time_t step = width == 8 ? 86400 : width == 12 ? 60 : 1;
        std::time_t time = now;
        if (last && format_time(now, width) <= largest) time = *last + step;
        return format_time(time, width);
    }
    // Numbers: the next one, as wide as the widest written.
    std::string next = largest.empty() ? "0" : largest;
    int carry = 1;
    for (std::size_t i = next.size(); i-- > 0 && carry;) {
        int digit = next[i] - '0' + carry;
        carry = digit / 10;
        next[i] = char('0' + digit % 10);
    }
    if (carry) next.insert(next.begin(), '1');
    next = next.substr(std::min(next.find_first_not_of('0'), next.size() - 1));
    if (next.size() < width) next.insert(0, width - next.size(), '0');
    return next;
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
