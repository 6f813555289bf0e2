// The options every command that reads migrations shares about the platform they run on (a
// Supabase project's auth, storage, ...) and what is left out of comparisons.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/project.hpp"
#include "cli/sources.hpp"

namespace pgshift::cli {

struct PlatformOptions {
    std::string platform = "auto";            // --platform auto|supabase|none
    bool include_managed = false;             // --include-managed
    bool exclude_managed = false;             // --exclude-managed, outside a Supabase project
    std::vector<std::string> exclude_tables;  // --exclude-table
    bool include_tracking_tables = false;     // --include-tracking-tables
};

// `comparing`: the command compares or plans (check, diff, db diff, db check), so the runners'
// tracking tables are left out too.
void add_platform_options(CLI::App& command, PlatformOptions& options, bool comparing);

// What the options mean for a command reading `sources` (folders, files, databases; empty for
// the current directory's project): the platform and tables in `sources`, and whether Supabase's
// managed schemas are left out. Prints the project's warnings on stderr. Throws ConfigError.
struct ResolvedPlatform {
    Project project;
    bool exclude_managed = false;
};
ResolvedPlatform resolve_platform(const PlatformOptions& options, const std::vector<std::string>& sources, SourceOptions& out,
                                  bool comparing);

}  // namespace pgshift::cli
