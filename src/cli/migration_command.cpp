#include "cli/migration_command.hpp"

#include <iostream>
#include <memory>

#include "cli/errors.hpp"
#include "parser/migration_sources.hpp"

namespace pgshift::cli {

void add_migration_command(CLI::App& app, int& exit_code) {
    CLI::App* migration = app.add_subcommand("migration", "Work with a migrations folder");
    migration->require_subcommand(1);
    auto sources = std::make_shared<std::vector<std::string>>();
    auto with_track = std::make_shared<bool>(false);
    CLI::App* list = migration->add_subcommand("list", "Print the migration files in the order they apply, one per line");
    list->add_option("SOURCE", *sources, "Migration folders or .sql files")->required();
    list->add_flag("--track", *with_track, "Prefix each file with its tier (core, themes, plugins/<name>, ...) and a tab");
    list->footer(exit_status_footer);
    list->callback([sources, with_track, &exit_code]() {
        exit_code = finish_output(run_reporting_errors([&]() {
            for (const MigrationFile& file : discover_migrations(*sources))
                std::cout << (*with_track ? (file.track.empty() ? "-" : file.track) + "\t" : "") << file.path << "\n";
            return int(exit_ok);
        }));
    });
}

}  // namespace pgshift::cli
