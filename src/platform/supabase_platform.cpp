#include <mutex>

#include "platform/platform.hpp"
#include "platform/platform_sql.hpp"
#include "parser/parse_folder.hpp"

namespace pgshift {
namespace {

// The text after "-- version: " in the description's header.
std::string version_line(std::string_view sql) {
    constexpr std::string_view marker = "-- version: ";
    std::size_t start = sql.find(marker);
    if (start == std::string_view::npos) return "unversioned";
    start += marker.size();
    return std::string(sql.substr(start, sql.find('\n', start) - start));
}

}  // namespace

const PlatformDescription& supabase_platform() {
    static const PlatformDescription platform = [] {
        PlatformDescription description;
        description.name = "supabase";
        description.setup_sql = platform_sql::supabase_setup;
        description.schema_sql = platform_sql::supabase_platform;
        description.version = version_line(description.schema_sql);
        description.schema_file = "<supabase platform>";
        description.search_path = {"$user", "public", "extensions"};
        description.role = "postgres";
        description.managed_schemas = {"auth", "storage", "realtime", "extensions", "graphql", "graphql_public",
                                       "supabase_functions", "supabase_migrations", "vault", "pgsodium", "net", "cron", "pgbouncer"};
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
