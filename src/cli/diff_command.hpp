// `pgshift diff FROM TO`: the SQL that turns FROM into TO.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_diff_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
