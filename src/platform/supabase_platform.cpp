#include <mutex>

#include "parser/parse_folder.hpp"
#include "platform/platform.hpp"
#include "platform/platform_sql.hpp"

namespace pgshift {
namespace {

// The description's version from its header: the tag after "Description version: " and the
// upstream versions on the "--   supabase/..." lines after it.
std::string version_of(std::string_view sql) {
    constexpr std::string_view marker = "-- Description version: ";
    std::size_t start = sql.find(marker);
    if (start == std::string_view::npos) return "unversioned";
    start += marker.size();
    std::size_t end = sql.find('\n', start);
    std::string version(sql.substr(start, end - start));
    std::string upstream;
    constexpr std::string_view component = "--   ";
    while (end != std::string_view::npos && sql.compare(end + 1, component.size(), component) == 0) {
        std::size_t line = end + 1 + component.size();
        end = sql.find('\n', line);
        std::string text(sql.substr(line, end - line));
        std::size_t gap = text.find("  ");
        // "supabase/auth      migrations up to X" -> "supabase/auth migrations up to X"
        if (gap != std::string::npos) text = text.substr(0, gap) + " " + text.substr(text.find_first_not_of(' ', gap));
        upstream += (upstream.empty() ? "" : "; ") + text;
    }
    return upstream.empty() ? version : version + " (" + upstream + ")";
}

}  // namespace

const PlatformDescription& supabase_platform() {
    static const PlatformDescription platform = [] {
        PlatformDescription description;
        description.name = "supabase";
        description.setup_sql = platform_sql::supabase_setup;
        description.schema_sql = platform_sql::supabase_platform;
        description.version = version_of(description.schema_sql);
        description.schema_file = "<supabase platform>";
        description.search_path = {"$user", "public", "extensions"};
        description.role = "postgres";
        description.managed_schemas = {
            "auth",  "storage",  "realtime", "extensions", "graphql",  "graphql_public", "supabase_functions", "supabase_migrations",
            "vault", "pgsodium", "net",      "cron",       "pgbouncer"};
        return description;
    }();
    return platform;
}

const SchemaModel& platform_model(const PlatformDescription& platform) {
    static std::mutex mutex;
    static std::map<std::string, SchemaModel> models;
    std::lock_guard<std::mutex> lock(mutex);
    auto found = models.find(platform.name);
    if (found != models.end()) return found->second;
    ReplayOptions options;
    options.search_path = platform.search_path;
    options.role = platform.role;
    SchemaModel model = parse_sql(std::string(platform.schema_sql), platform.schema_file, options);
    model.unmodelled.clear();
    model.origins.clear();
    return models.emplace(platform.name, std::move(model)).first->second;
}

}  // namespace pgshift
