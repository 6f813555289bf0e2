#include "cli/sources.hpp"

#include <algorithm>
#include <cstdlib>
#include <future>
#include <optional>

#include "introspect/introspect.hpp"
#include "model/filter.hpp"
#include "model/names.hpp"
#include "parser/parse_folder.hpp"

namespace pgshift::cli {

std::string database_url_option(const std::string& db_url) {
    if (!db_url.empty()) return db_url;
    const char* environment = std::getenv("DATABASE_URL");
    return environment ? environment : "";
}

std::vector<LoadedSource> load_sources(const std::vector<std::string>& sources, const SourceOptions& options) {
    std::vector<LoadedSource> loaded(sources.size());
    // Databases are read at the same time: each waits mostly on its server.
    std::vector<std::future<Introspection>> reading(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i)
        if (is_connection_string(sources[i])) reading[i] = std::async(std::launch::async, introspect, sources[i]);
    std::optional<Introspection> first_database;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (!reading[i].valid()) continue;
        Introspection introspection = reading[i].get();
        loaded[i] = {redact_connection(sources[i]), true, std::move(introspection.model), introspection.search_path, introspection.role};
        if (!first_database) {
            introspection.model = SchemaModel{};
            first_database = std::move(introspection);
        }
    }
    ReplayOptions replay;
    if (first_database) {
        replay.search_path = first_database->search_path;
        replay.role = first_database->role;
        replay.external = first_database->external;
    }
    if (!options.search_path.empty()) replay.search_path = split_search_path(options.search_path);
    if (!options.role.empty()) replay.role = options.role;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (is_connection_string(sources[i])) continue;
        loaded[i] = {sources[i], false, parse_sources({sources[i]}, replay), {}, {}};
    }
    if (!options.schemas.empty() || !options.exclude_schemas.empty()) {
        auto keep = [&](const std::string& schema) {
            auto listed = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), schema) != list.end(); };
            return (options.schemas.empty() || listed(options.schemas)) && !listed(options.exclude_schemas);
        };
        for (LoadedSource& source : loaded) filter_schemas(source.model, keep);
    }
    return loaded;
}

}  // namespace pgshift::cli
