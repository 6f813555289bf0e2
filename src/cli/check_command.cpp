#include "cli/check_command.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/errors.hpp"
#include "cli/platform_options.hpp"
#include "cli/sources.hpp"
#include "diff/compare.hpp"
#include "elaborate/elaborate.hpp"
#include "introspect/introspect.hpp"
#include "model/names.hpp"

namespace pgshift::cli {
namespace {

struct CheckOptions : ComparisonRequest {
    std::string db_url;
    PlatformOptions platform;
};

void print_text(const std::vector<Difference>& differences, const std::vector<LoadedSource>& loaded, bool colour) {
    const char* red = colour ? "\033[31m" : "";
    const char* green = colour ? "\033[32m" : "";
    const char* bold = colour ? "\033[1m" : "";
    const char* reset = colour ? "\033[0m" : "";
    std::string current;
    for (const Difference& difference : differences) {
        std::string heading = difference.kind + " " + difference.object;
        if (heading != current) {
            std::cout << bold << heading << reset << "\n";
            current = heading;
        }
        if (difference.property == "exists") {
            std::cout << "  only in " << (difference.from == "present" ? "FROM" : "TO") << "\n";
            continue;
        }
        std::cout << "  " << difference.property << ":\n    " << red << "- " << (difference.from.empty() ? "(none)" : difference.from)
                  << reset << "\n    " << green << "+ " << (difference.to.empty() ? "(none)" : difference.to) << reset << "\n";
    }
    for (std::size_t side = 0; side < loaded.size(); ++side)
        for (const Unmodelled& entry : loaded[side].model.unmodelled)
            std::cerr << (side == 0 ? "FROM " : "TO ") << unmodelled_note(entry, "") << "\n";
    if (differences.empty())
        std::cout << "no differences: " << loaded[0].label << " and " << loaded[1].label << " describe the same schema\n";
    else
        std::cout << differences.size() << " difference" << (differences.size() == 1 ? "" : "s") << "\n";
}

// GitHub workflow commands escape these in messages and properties.
std::string github_escape(const std::string& text, bool property) {
    std::string escaped;
    for (char c : text) {
        if (c == '%') escaped += "%25";
        else if (c == '\r') escaped += "%0D";
        else if (c == '\n') escaped += "%0A";
        else if (property && c == ':') escaped += "%3A";
        else if (property && c == ',') escaped += "%2C";
        else escaped += c;
    }
    return escaped;
}

// One annotation per difference, at the migration that created the object (or its table).
void print_github(const std::vector<Difference>& differences, const std::vector<LoadedSource>& loaded) {
    const LoadedSource* migrations = !loaded[0].database ? &loaded[0] : !loaded[1].database ? &loaded[1] : nullptr;
    for (const Difference& d : differences) {
        std::string location;
        if (migrations) {
            const auto& origins = migrations->model.origins;
            auto origin = origins.find(d.object);
            if (origin == origins.end() && !d.relation.name.empty()) origin = origins.find(qualified(d.relation));
            if (origin != origins.end())
                location = " file=" + github_escape(origin->second.file, true) + ",line=" + std::to_string(origin->second.line) + ",";
        }
        std::string message = d.property == "exists" ? "only in " + std::string(d.from == "present" ? loaded[0].label : loaded[1].label)
                                                     : d.property + ": " + loaded[0].label + " has " + (d.from.empty() ? "(none)" : d.from) +
                                                           ", " + loaded[1].label + " has " + (d.to.empty() ? "(none)" : d.to);
        std::cout << "::error" << (location.empty() ? " " : location) << "title=" << github_escape("Schema drift: " + d.kind + " " + d.object, true)
                  << "::" << github_escape(message, false) << "\n";
    }
    for (const LoadedSource& source : loaded)
        for (const Unmodelled& entry : source.model.unmodelled)
            std::cout << "::warning" << (entry.line ? " file=" + github_escape(entry.file, true) + ",line=" + std::to_string(entry.line) + "," : " ")
                      << "title=Not modelled::" << github_escape(entry.what, false) << "\n";
    std::cout << (differences.empty() ? "no drift\n" : std::to_string(differences.size()) + " difference" + (differences.size() == 1 ? "" : "s") + "\n");
}

void print_json(const std::vector<Difference>& differences, const std::vector<LoadedSource>& loaded) {
    nlohmann::ordered_json report;
    report["from"] = loaded[0].label;
    report["to"] = loaded[1].label;
    report["equal"] = differences.empty();
    nlohmann::ordered_json& items = report["differences"] = nlohmann::ordered_json::array();
    for (const Difference& d : differences)
        items.push_back({{"kind", d.kind}, {"object", d.object}, {"property", d.property}, {"from", d.from}, {"to", d.to}});
    for (std::size_t side = 0; side < loaded.size(); ++side) {
        nlohmann::ordered_json& list = report[side == 0 ? "unmodelled_from" : "unmodelled_to"] = nlohmann::ordered_json::array();
        for (const Unmodelled& entry : loaded[side].model.unmodelled)
            list.push_back({{"file", entry.file}, {"line", entry.line}, {"what", entry.what}});
    }
    std::cout << report.dump(2) << "\n";
}

int run_check(CheckOptions options) {
    if (options.to.empty()) options.to = database_url_option(options.db_url);
    if (options.to.empty()) {
        std::cerr << "pgshift: check needs FROM and TO (or --db-url / DATABASE_URL as TO)\n";
        return exit_error;
    }
    int status = run_reporting_errors([&]() {
        options.exclude_managed = resolve_platform(options.platform, {options.from, options.to}, options.sources, true).exclude_managed;
        return int(exit_ok);
    });
    if (status != 0) return status;
    return run_comparison(options);
}

}  // namespace

std::vector<Difference> compare_sources(const std::vector<LoadedSource>& loaded, const ComparisonRequest& options) {
    CompareOptions compare;
    if (options.exclude_managed) compare.managed_schemas = supabase_platform().managed_schemas;
    std::vector<Difference> differences = compare_models(loaded[0].model, loaded[1].model, compare);
    // Where migrations meet a database, the database settles what the canonicalizer could not.
    if (!options.no_elaborate && loaded[0].database != loaded[1].database) {
        bool migrations_are_from = !loaded[0].database;
        const LoadedSource& database = migrations_are_from ? loaded[1] : loaded[0];
        const LoadedSource& migrations = migrations_are_from ? loaded[0] : loaded[1];
        settle_with_database(differences, migrations_are_from ? options.to : options.from, database.search_path, migrations_are_from,
                             migrations.model.written_expressions);
    }
    return differences;
}

int run_comparison(const ComparisonRequest& options) {
    return run_reporting_errors([&]() {
        std::vector<LoadedSource>& loaded = load_sources({options.from, options.to}, options.sources);
        std::vector<Difference> differences = compare_sources(loaded, options);
        if (options.format == "json")
            print_json(differences, loaded);
        else if (options.format == "github")
            print_github(differences, loaded);
        else
            print_text(differences, loaded, isatty(STDOUT_FILENO));
        if (!differences.empty()) return exit_differences;
        bool unmodelled = !loaded[0].model.unmodelled.empty() || !loaded[1].model.unmodelled.empty();
        return unmodelled && options.fail_on_unmodelled ? exit_gate : exit_ok;
    });
}

void add_check_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check = app.add_subcommand("check", "Compare two sources and print every difference");
    check->footer(
        "FROM and TO are each a migrations folder, a .sql file, or a database (postgres:// URL or libpq\n"
        "key=value string). TO defaults to --db-url or DATABASE_URL. When a database is one side, migrations\n"
        "are read under that database's default search_path and resolve the names it defines outside them.\n"
        "Exit status: 0 the two describe the same schema, 1 they differ (objects not modelled are listed but\n"
        "do not change it).\n" +
        std::string(exit_status_footer));
    check->add_option("FROM", options->from, "The expected schema")->required();
    check->add_option("TO", options->to, "The actual schema");
    check->add_option("--format", options->format, "text (grouped by object) or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    check->add_option("--db-url", options->db_url, "Database for TO when it is not given (default: $DATABASE_URL)");
    check->add_option("--schema", options->sources.schemas, "Compare only these schemas (repeatable)");
    check->add_option("--exclude-schema", options->sources.exclude_schemas, "Leave these schemas out (repeatable)");
    add_platform_options(*check, options->platform, true);
    check->add_flag("--no-elaborate", options->no_elaborate,
                    "Do not ask the database for its own form of expressions that still differ (a rolled-back probe)");
    check->add_option("--search-path", options->sources.search_path, "The search_path migrations run with (overrides the database's)");
    check->add_option("--role", options->sources.role, "The role migrations run as (default: the database user, or postgres)");
    check->callback([options, &exit_code]() { exit_code = finish_output(run_check(*options)); });
}

}  // namespace pgshift::cli
