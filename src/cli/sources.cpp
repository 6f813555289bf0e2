#include "cli/sources.hpp"

#include <algorithm>
#include <cstdlib>
#include <future>
#include <iostream>
#include <optional>

#include "cli/memory_tuning.hpp"
#include "introspect/introspect.hpp"
#include "model/filter.hpp"
#include "model/names.hpp"
#include "model/tracking_tables.hpp"
#include "parser/parse_folder.hpp"
#include "platform/platform_state.hpp"

namespace pgshift::cli {

std::string database_url_option(const std::string& db_url) {
    if (!db_url.empty()) return db_url;
    const char* environment = std::getenv("DATABASE_URL");
    return environment ? environment : "";
}

std::vector<LoadedSource> read_sources(const std::vector<std::string>& sources, const SourceOptions& options) {
    std::vector<LoadedSource> loaded(sources.size());
    // Databases are read at the same time, and migrations are replayed under the first one's
    // environment as soon as it is known, while the databases are still being read.
    std::promise<DatabaseEnvironment> first_environment;
    // A database read alone gets a second connection; with other work at the same time, the
    // second backend's start costs more than it saves (docs/performance.md).
    bool read_alone = sources.size() == 1;
    std::vector<std::future<Introspection>> reading(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (!is_connection_string(sources[i])) continue;
        bool first = std::none_of(reading.begin(), reading.end(), [](const auto& other) { return other.valid(); });
        reading[i] = std::async(std::launch::async, [&first_environment, first, read_alone, connection = sources[i]] {
            bool told = false;
            try {
                return introspect(
                    connection,
                    [&](const DatabaseEnvironment& environment) {
                        if (first) first_environment.set_value(environment);
                        told = true;
                    },
                    read_alone);
            } catch (...) {
                if (first && !told) first_environment.set_exception(std::current_exception());
                throw;
            }
        });
    }
    bool any_database = std::any_of(reading.begin(), reading.end(), [](const auto& future) { return future.valid(); });
    bool any_folder = std::any_of(sources.begin(), sources.end(), [](const std::string& source) { return !is_connection_string(source); });
    ReplayOptions replay;
    if (options.platform && !any_database) {
        replay.search_path = options.platform->search_path;
        replay.role = options.platform->role;
    }
    if (any_database) {
        DatabaseEnvironment environment = first_environment.get_future().get();
        replay.search_path = environment.search_path;
        replay.role = environment.role;
        replay.external = std::move(environment.external);
    }
    if (!options.search_path.empty()) replay.search_path = split_search_path(options.search_path);
    if (!options.role.empty()) replay.role = options.role;
    std::vector<std::optional<Introspection>> read(sources.size());
    SchemaModel start = SchemaModel::fresh_database();
    if (options.platform && any_folder) {
        // The migrations start from the platform: the database's own, which must be read first,
        // or the description's.
        replay.platform_schemas = options.platform->managed_schemas;
        auto first = std::find_if(reading.begin(), reading.end(), [](const auto& future) { return future.valid(); });
        if (first != reading.end()) {
            std::optional<Introspection>& introspection = read[std::size_t(first - reading.begin())];
            introspection = first->get();
            start = platform_state(introspection->model, *options.platform);
        } else {
            start = platform_model(*options.platform);
        }
    }
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (is_connection_string(sources[i])) continue;
        std::vector<LayoutNote> notes;
        loaded[i] = {sources[i], false, parse_sources({sources[i]}, replay, start, &notes), {}, {}, std::move(notes)};
    }
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (!reading[i].valid() && !read[i]) continue;
        Introspection introspection = read[i] ? std::move(*read[i]) : reading[i].get();
        loaded[i] = {redact_connection(sources[i]), true, std::move(introspection.model), introspection.environment.search_path,
                     introspection.environment.role, {}};
    }
    if (!options.exclude_tables.empty())
        for (LoadedSource& source : loaded)
            filter_tables(source.model, [&](const QualifiedName& table) { return !matches_table_pattern(table, options.exclude_tables); });
    if (!options.schemas.empty() || !options.exclude_schemas.empty()) {
        auto keep = [&](const std::string& schema) {
            auto listed = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), schema) != list.end(); };
            return (options.schemas.empty() || listed(options.schemas)) && !listed(options.exclude_schemas);
        };
        for (LoadedSource& source : loaded) filter_schemas(source.model, keep);
    }
    return loaded;
}

std::string layout_note_text(const LayoutNote& note) { return note.path + ": note: " + note.text; }

std::vector<LoadedSource>& load_sources(const std::vector<std::string>& sources, const SourceOptions& options) {
    std::vector<LoadedSource>& loaded = keep_for_process(read_sources(sources, options));
    for (const LoadedSource& source : loaded)
        for (const LayoutNote& note : source.notes) std::cerr << layout_note_text(note) << "\n";
    return loaded;
}

}  // namespace pgshift::cli
