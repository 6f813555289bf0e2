// `pgshift check FROM TO`: every difference between two sources, for people or machines.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/sources.hpp"
#include "diff/compare.hpp"

namespace pgshift::cli {

struct ComparisonRequest {
    std::string from, to;
    std::string format = "text";  // text, json or github
    bool exclude_managed = false;  // Supabase's schemas left out, but for what users add there
    bool no_elaborate = false;
    bool fail_on_unmodelled = false;  // exit 3 when equal but something could not be modelled
    SourceOptions sources;
};

// Every difference between the two loaded sources (FROM, TO) of `request`: compared, and where
// migrations meet a database, settled with the database unless `no_elaborate`.
std::vector<Difference> compare_sources(const std::vector<LoadedSource>& loaded, const ComparisonRequest& request);

// Loads both sources, compares them and prints the report. Exit status: 0 equal, 1 different,
// 2 error, 3 equal with unmodelled objects (only when `fail_on_unmodelled`).
int run_comparison(const ComparisonRequest& request);

void add_check_command(CLI::App& app, int& exit_code);

}  // namespace pgshift::cli
