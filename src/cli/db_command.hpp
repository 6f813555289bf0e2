// `pgshift db diff` and `pgshift db check`: a project's migrations against its database.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_db_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
