#include "cli/dump_command.hpp"

#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "cli/memory_tuning.hpp"
#include "cli/plan_support.hpp"
#include "model/names.hpp"
#include "model/stats.hpp"
#include "output/model_json.hpp"
#include "cli/sources.hpp"
#include "parser/parse_folder.hpp"

namespace pgshift::cli {
namespace {

struct DumpOptions {
    std::vector<std::string> sources;
    std::string format = "json";
    bool strict = false;
    std::string db_url;
    SourceOptions source_options;
};

int print_model(SchemaModel& model, const DumpOptions& options);

int run_dump(DumpOptions options) {
    if (options.sources.empty()) options.sources.push_back(database_url_option(options.db_url));
    if (options.sources.front().empty()) {
        std::cerr << "pgshift: dump needs a SOURCE (or --db-url / DATABASE_URL)\n";
        return 2;
    }
    return run_reporting_errors([&]() {
        // Several migration sources replay as one history; a database stands alone.
        SchemaModel& model = options.sources.size() > 1 ? keep_for_process(parse_sources(options.sources, ReplayOptions{}))
                                                        : load_sources(options.sources, options.source_options).front().model;
        return print_model(model, options);
    }, 1, 2);
}

int print_model(SchemaModel& model, const DumpOptions& options) {
    for (const Unmodelled& entry : model.unmodelled)
        std::cerr << entry.file << ":" << entry.line << ": " << (options.strict ? "error" : "note") << ": not modelled: " << entry.what << "\n";
    if (options.strict && !model.unmodelled.empty()) return 1;
    if (options.format == "sql") {
        std::cout << plan_sql(plan_from_empty(model));
    } else if (options.format == "stats") {
        for (const auto& [kind, count] : count_objects(model)) std::cout << kind << ": " << count << "\n";
    } else {
        std::cout << model_to_json(model).dump(2) << "\n";
    }
    return 0;
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
        "Statements the model cannot represent are listed on stderr as `file:line: note: not modelled`.\n"
        "Exit status: 0 success, 1 a migration error (file:line:col) or, with --strict, unmodelled statements,\n"
        "2 a usage or database error.");
    dump->add_option("SOURCE", options->sources, "Migration folders or .sql files, applied in order, or one database URL");
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
    dump->callback([options, &exit_code]() { exit_code = run_dump(*options); });
}

}  // namespace pgshift::cli
