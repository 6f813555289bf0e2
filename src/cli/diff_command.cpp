#include "cli/diff_command.hpp"

#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "cli/output_file.hpp"
#include "cli/plan_support.hpp"
#include "cli/platform_options.hpp"

namespace pgshift::cli {
namespace {

struct DiffOptions {
    std::string from, to;
    std::string output;
    std::string format = "sql";
    std::string db_url;
    SourceOptions sources;
    PlanningOptions planning;
    PlatformOptions platform;
};

int run_diff(DiffOptions options) {
    if (options.to.empty()) options.to = database_url_option(options.db_url);
    if (options.to.empty()) {
        std::cerr << "pgshift: diff needs FROM and TO (or --db-url / DATABASE_URL as TO)\n";
        return exit_error;
    }
    return run_reporting_errors([&]() {
        options.planning.exclude_managed = resolve_platform(options.platform, {options.from, options.to}, options.sources, true).exclude_managed;
        std::vector<LoadedSource>& loaded = load_sources({options.from, options.to}, options.sources);
        Plan plan = make_plan(loaded, comparison_request(options.from, options.to, options.sources, options.planning), options.planning);
        std::set<Hazard> disallowed = disallowed_hazards(plan, options.planning);
        std::string text = options.format == "json" ? plan_json(plan) : plan_sql(plan);
        if (!disallowed.empty()) report_disallowed(disallowed);
        if (options.output.empty()) {
            std::cout << text;
        } else if (disallowed.empty()) {
            write_whole_file(options.output, text);
        }
        if (plan.empty()) std::cerr << "no changes: " << loaded[0].label << " and " << loaded[1].label << " describe the same schema\n";
        return disallowed.empty() ? exit_ok : exit_gate;
    });
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* diff = app.add_subcommand("diff", "Print the SQL that turns FROM into TO");
    diff->footer(
        "FROM and TO are each a migrations folder, a .sql file, or a database. TO defaults to --db-url or\n"
        "DATABASE_URL. Statements that may lose data, rewrite or lock tables, build indexes or weaken\n"
        "access control carry `-- hazards:` comments; such a plan is not written unless --allow-hazards\n"
        "names each kind. Renames are never guessed: say them with --rename-table / --rename-column.\n"
        "Hazards not allowed exit 3 (the plan is still printed on standard output; -o writes nothing).\n" +
        std::string(exit_status_footer));
    diff->add_option("FROM", options->from, "The schema as it is")->required();
    diff->add_option("TO", options->to, "The schema as it should be");
    diff->add_option("-o,--output", options->output, "Write the plan to this file instead of standard output");
    diff->add_option("--format", options->format, "sql (a script) or json (statements with their hazards)")
        ->check(CLI::IsMember({"sql", "json"}))
        ->capture_default_str();
    diff->add_option("--db-url", options->db_url, "Database for TO when it is not given (default: $DATABASE_URL)");
    diff->add_option("--schema", options->sources.schemas, "Only these schemas (repeatable)");
    diff->add_option("--exclude-schema", options->sources.exclude_schemas, "Leave these schemas out (repeatable)");
    diff->add_option("--search-path", options->sources.search_path, "The search_path migrations run with (overrides the database's)");
    diff->add_option("--role", options->sources.role, "The role migrations run as");
    add_planning_options(*diff, options->planning);
    add_platform_options(*diff, options->platform, true);
    diff->callback([options, &exit_code]() { exit_code = finish_output(run_diff(*options)); });
}

}  // namespace pgshift::cli
