#include "cli/dump_command.hpp"

#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "cli/memory_tuning.hpp"
#include "cli/plan_support.hpp"
#include "cli/platform_options.hpp"
#include "cli/project.hpp"
#include "model/filter.hpp"
#include "model/names.hpp"
#include "model/stats.hpp"
#include "output/model_json.hpp"
#include "cli/sources.hpp"
#include "parser/parse_folder.hpp"
#include "platform/platform_state.hpp"

namespace pgshift::cli {
namespace {

struct DumpOptions {
    std::vector<std::string> sources;
    std::string format = "json";
    bool strict = false;
    std::string db_url;
    SourceOptions source_options;
    PlatformOptions platform;
};

// What the model is printed against: the platform it was replayed on (or read from), and the
// schemas left out of it.
struct DumpContext {
    const PlatformDescription* platform = nullptr;
    bool exclude_managed = false;
    bool database = false;
};

int print_model(SchemaModel& model, const DumpOptions& options, const DumpContext& context);

int run_dump(DumpOptions options) {
    if (options.sources.empty()) options.sources.push_back(database_url_option(options.db_url));
    // Else the project's migrations, where the current directory has them.
    if (options.sources.front().empty()) try {
        options.sources.front() = find_migrations_folder("");
    } catch (const std::runtime_error&) {
    }
    if (options.sources.front().empty()) {
        std::cerr << "pgshift: dump needs a SOURCE (or --db-url / DATABASE_URL, or a project's migrations here)\n";
        return exit_error;
    }
    return run_reporting_errors([&]() {
        ResolvedPlatform resolved = resolve_platform(options.platform, options.sources, options.source_options, false);
        DumpContext context{options.source_options.platform, resolved.exclude_managed, false};
        // Several migration sources replay as one history; a database stands alone.
        if (options.sources.size() > 1) {
            ReplayOptions replay;
            SchemaModel start = SchemaModel::fresh_database();
            if (context.platform) {
                replay.search_path = context.platform->search_path;
                replay.role = context.platform->role;
                replay.platform_schemas = context.platform->managed_schemas;
                start = platform_model(*context.platform);
            }
            if (!options.source_options.search_path.empty()) replay.search_path = split_search_path(options.source_options.search_path);
            if (!options.source_options.role.empty()) replay.role = options.source_options.role;
            return print_model(keep_for_process(parse_sources(options.sources, replay, std::move(start))), options, context);
        }
        LoadedSource& source = load_sources(options.sources, options.source_options).front();
        context.database = source.database;
        return print_model(source.model, options, context);
    });
}

int print_model(SchemaModel& model, const DumpOptions& options, const DumpContext& context) {
    for (const Unmodelled& entry : model.unmodelled) std::cerr << unmodelled_note(entry, options.strict ? "error" : "note") << "\n";
    if (options.strict && !model.unmodelled.empty()) return exit_gate;
    const std::set<std::string> none;
    const std::set<std::string>& managed = context.exclude_managed ? supabase_platform().managed_schemas : none;
    if (options.format == "sql") {
        // In a Supabase project: the SQL that builds the project on the platform, which is there.
        if (context.platform && context.exclude_managed) {
            SchemaModel start = context.database ? platform_state(model, *context.platform) : platform_model(*context.platform);
            std::cout << plan_sql(plan_from(start, model, managed));
        } else {
            std::cout << plan_sql(plan_from(SchemaModel::fresh_database(), model, managed));
        }
        return int(exit_ok);
    }
    if (!managed.empty()) filter_schemas(model, [&](const std::string& schema) { return !managed.count(schema); });
    if (options.format == "stats") {
        for (const auto& [kind, count] : count_objects(model)) std::cout << kind << ": " << count << "\n";
    } else {
        std::cout << model_to_json(model).dump(2) << "\n";
    }
    return exit_ok;
}

}  // namespace

void add_dump_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<DumpOptions>();
    CLI::App* dump = app.add_subcommand("dump", "Print the schema model of migration sources");
    dump->footer(
        "SOURCE is a database (postgres:// URL or key=value string), a migrations folder\n"
        "(supabase/migrations/<timestamp>_name.sql, 001_name.sql,\n"
        "golang-migrate N_name.up.sql, diesel <version>/up.sql, tiered core/themes/plugins/entities),\n"
        "a project folder holding one, or a .sql file. Several sources replay in the order given.\n"
        "Statements the model cannot represent are listed on stderr as `file:line: note: not modelled`\n"
        "(`what: note: not modelled` for a database); with --strict they stop the command (exit 3).\n"
        "In a Supabase project the migrations start from the Supabase platform (auth, storage, ...), whose schemas\n"
        "are left out of the output (--include-managed keeps them); --format sql is then the SQL that builds the\n"
        "project on the platform.\n" +
        std::string(exit_status_footer));
    dump->add_option("SOURCE", options->sources,
                     "Migration folders or .sql files, applied in order, or one database URL (default: --db-url, DATABASE_URL,\n"
                     "then supabase/migrations, migrations or database/migrations here)");
    dump->add_option("--db-url", options->db_url, "Database to read when no SOURCE is given (default: $DATABASE_URL)");
    dump->add_option("--format", options->format, "Output: json (the whole model), sql (ordered statements that build it) or stats\n"
                   "(one `kind: N` line per kind)")
        ->check(CLI::IsMember({"json", "sql", "stats"}))
        ->capture_default_str();
    dump->add_flag("--strict", options->strict, "Fail when a statement cannot be modelled");
    dump->add_option("--search-path", options->source_options.search_path,
                     "The database's default search_path, e.g. '\"$user\", public, extensions'")
        ->capture_default_str();
    dump->add_option("--role", options->source_options.role, "The role migrations run as (owner of what they create; default postgres)");
    dump->add_option("--schema", options->source_options.schemas, "Only these schemas (repeatable)");
    dump->add_option("--exclude-schema", options->source_options.exclude_schemas, "Leave these schemas out (repeatable)");
    add_platform_options(*dump, options->platform, false);
    dump->callback([options, &exit_code]() { exit_code = finish_output(run_dump(*options)); });
}

}  // namespace pgshift::cli
