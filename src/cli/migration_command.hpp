// `pgshift migration list SOURCE...`: the migration files in the order they apply.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_migration_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
