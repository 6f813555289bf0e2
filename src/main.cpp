// pgshift: PostgreSQL schemas from migration folders. The CLI layer: parse arguments, run one
// subcommand, turn its outcome into an exit code.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

#include "cli/check_command.hpp"
#include "cli/db_command.hpp"
#include "cli/diff_command.hpp"
#include "cli/dump_command.hpp"
#include "cli/errors.hpp"
#include "cli/lint_command.hpp"
#include "cli/memory_tuning.hpp"
#include "cli/migration_command.hpp"
#include "cli/local_db_command.hpp"
#include "cli/pull_command.hpp"
#include "cli/push_command.hpp"

namespace {

// A command word that names no command: which ones exist, instead of CLI11's "arguments were
// not expected". Commands come before options, so the words up to the first option decide.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
    const CLI::App* command = &app;
    std::string path = "pgshift";
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        std::vector<const CLI::App*> commands = command->get_subcommands([](const CLI::App*) { return true; });
        if (word.empty() || word[0] == '-' || commands.empty()) return std::nullopt;
        const CLI::App* next = nullptr;
        std::string names;
        for (const CLI::App* candidate : commands) {
            if (candidate->check_name(word)) next = candidate;
            names += (names.empty() ? "" : ", ") + candidate->get_name();
        }
        if (!next) return path + ": unknown command '" + word + "'; the commands are: " + names + " (" + path + " --help)";
        command = next;
        path += " " + word;
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    pgshift::cli::keep_freed_memory();
    pgshift::cli::use_huge_pages();
    CLI::App app{"pgshift: migration folders as the source of truth for PostgreSQL schemas"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "pgshift 0.1.0");
    app.footer(pgshift::cli::exit_status_footer);
    int exit_code = 0;
    pgshift::cli::add_dump_command(app, exit_code);
    pgshift::cli::add_migration_command(app, exit_code);
    pgshift::cli::add_check_command(app, exit_code);
    pgshift::cli::add_diff_command(app, exit_code);
    pgshift::cli::add_db_command(app, exit_code);
    pgshift::cli::add_lint_command(app, exit_code);
    CLI::App* db = app.get_subcommand("db");
    pgshift::cli::add_push_command(*db, exit_code);
    pgshift::cli::add_local_db_commands(*db, exit_code);
    pgshift::cli::add_pull_command(*db, exit_code);
    pgshift::cli::add_squash_command(*app.get_subcommand("migration"), exit_code);
    if (std::optional<std::string> message = unknown_command(app, argc, argv)) {
        std::cerr << *message << "\n";
        return pgshift::cli::exit_error;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int status = app.exit(error) == 0 ? pgshift::cli::exit_ok : pgshift::cli::exit_error;
        return pgshift::cli::finish_output(status);
    }
    return exit_code;
}
