// `pgshift dump SOURCE...`: the model of migration sources, as JSON or per-kind counts.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

// Registers the subcommand; its callback sets `exit_code`.
void add_dump_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
