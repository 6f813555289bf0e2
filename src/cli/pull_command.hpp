// `pgshift db pull [NAME]` and `pgshift migration squash`: migrations written from a model (the
// database's, or the files' own), proven equal with the comparison before anything is recorded
// or removed.
#pragma once

#include <CLI/CLI.hpp>

namespace pgshift::cli {

void add_pull_command(CLI::App& db, int& exit_code);
void add_squash_command(CLI::App& migration, int& exit_code);

}  // namespace pgshift::cli
