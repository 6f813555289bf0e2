// pgshift: PostgreSQL schemas from migration folders. The CLI layer: parse arguments, run one
// subcommand, turn its outcome into an exit code.
#include <CLI/CLI.hpp>

#include "cli/check_command.hpp"
#include "cli/db_command.hpp"
#include "cli/diff_command.hpp"
#include "cli/dump_command.hpp"
#include "cli/memory_tuning.hpp"
#include "cli/migration_command.hpp"

int main(int argc, char** argv) {
    pgshift::cli::keep_freed_memory();
    pgshift::cli::use_huge_pages();
    CLI::App app{"pgshift: migration folders as the source of truth for PostgreSQL schemas"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "pgshift 0.1.0");
    int exit_code = 0;
    pgshift::cli::add_dump_command(app, exit_code);
    pgshift::cli::add_migration_command(app, exit_code);
    pgshift::cli::add_check_command(app, exit_code);
    pgshift::cli::add_diff_command(app, exit_code);
    pgshift::cli::add_db_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;
    }
    return exit_code;
}
