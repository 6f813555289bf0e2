// `pgshift lint [SOURCE...]`: the teams' migration checklists on the replayed history.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

// Registers the subcommand; its callback sets `exit_code`.
void add_lint_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
