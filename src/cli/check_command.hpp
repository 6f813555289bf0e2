// `pgshift check FROM TO`: every difference between two sources, for people or machines.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_check_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
