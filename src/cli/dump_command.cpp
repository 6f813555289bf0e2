#include "cli/dump_command.hpp"

#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "model/stats.hpp"
#include "output/model_json.hpp"
#include "parser/parse_folder.hpp"

namespace pgshift::cli {
namespace {

struct DumpOptions {
    std::vector<std::string> sources;
    std::string format = "json";
    bool strict = false;
    std::string search_path;
    std::string role = "postgres";
};

std::vector<std::string> split_search_path(const std::string& text) {
    std::vector<std::string> path;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
        if (!part.empty()) path.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return path;
}

int run_dump(const DumpOptions& options) {
    ReplayOptions replay;
    replay.role = options.role;
    if (!options.search_path.empty()) replay.search_path = split_search_path(options.search_path);
    SchemaModel model;
    try {
        model = parse_sources(options.sources, replay);
    } catch (const MigrationError& error) {
        std::cerr << format_migration_error(error);
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "pgshift: " << error.what() << "\n";
        return 1;
    }
    for (const Unmodelled& entry : model.unmodelled)
        std::cerr << entry.file << ":" << entry.line << ": " << (options.strict ? "error" : "note") << ": not modelled: " << entry.what << "\n";
    if (options.strict && !model.unmodelled.empty()) return 1;
    if (options.format == "stats") {
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
        "SOURCE is a migrations folder (supabase/migrations/<timestamp>_name.sql, 001_name.sql,\n"
        "golang-migrate N_name.up.sql, diesel <version>/up.sql, tiered core/themes/plugins/entities),\n"
        "a project folder holding one, or a .sql file. Several sources replay in the order given.\n"
        "Statements the model cannot represent are listed on stderr as `file:line: note: not modelled`.\n"
        "Exit status: 0 success, 1 a migration error (file:line:col) or, with --strict, unmodelled statements.");
    dump->add_option("SOURCE", options->sources, "Migration folders or .sql files, applied in order")->required();
    dump->add_option("--format", options->format, "Output: json (the whole model) or stats (one `kind: N` line per kind)")
        ->check(CLI::IsMember({"json", "stats"}))
        ->capture_default_str();
    dump->add_flag("--strict", options->strict, "Fail when a statement cannot be modelled");
    dump->add_option("--search-path", options->search_path,
                     "The database's default search_path, e.g. '\"$user\", public, extensions'")
        ->capture_default_str();
    dump->add_option("--role", options->role, "The role migrations run as (owner of what they create)")->capture_default_str();
    dump->callback([options, &exit_code]() { exit_code = run_dump(*options); });
}

}  // namespace pgshift::cli
