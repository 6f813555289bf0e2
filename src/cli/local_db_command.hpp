// `pgshift db start | stop | status`: the project's local database, and `pgshift db reset`.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_local_db_commands(CLI::App& db, int& exit_code);

}  // namespace pgshift::cli
