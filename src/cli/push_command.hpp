// `pgshift db push`: the project's pending migrations applied and recorded as its runner does.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_push_command(CLI::App& db, int& exit_code);

}  // namespace pgshift::cli
