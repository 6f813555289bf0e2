#include "cli/platform_options.hpp"

#include <iostream>

#include "model/tracking_tables.hpp"

namespace pgshift::cli {

void add_platform_options(CLI::App& command, PlatformOptions& options, bool comparing) {
    command
        .add_option("--platform", options.platform,
                    "What the migrations start from: auto (Supabase's platform in a Supabase project: supabase/config.toml or\n"
                    "supabase/migrations), supabase (also for other layouts), none (an empty database). pgshift's description\n"
                    "of the Supabase platform: " +
                        supabase_platform().version)
        ->check(CLI::IsMember({"auto", "supabase", "none"}))
        ->capture_default_str();
    command.add_flag("--include-managed", options.include_managed,
                     "Compare Supabase's own schemas too (auth, storage, realtime, extensions, ...: left out in a Supabase project)");
    command.add_flag("--exclude-managed", options.exclude_managed,
                     "Leave Supabase's own schemas out also outside a Supabase project. What users add to their objects (policies,\n"
                     "triggers, grants, row level security, comments) is still compared");
    command.add_option("--exclude-table", options.exclude_tables, "Leave this table out: name or schema.name (repeatable)");
    if (!comparing) return;
    std::string tracking;
    for (const std::string& pattern : tracking_table_patterns()) tracking += (tracking.empty() ? "" : ", ") + pattern;
    command.add_flag("--include-tracking-tables", options.include_tracking_tables,
                     "Compare migration runners' tracking tables too (left out: " + tracking + ")");
}

ResolvedPlatform resolve_platform(const PlatformOptions& options, const std::vector<std::string>& sources, SourceOptions& out,
                                  bool comparing) {
    ResolvedPlatform resolved;
    resolved.project = find_project(sources, parse_platform_choice(options.platform));
    for (const std::string& warning : project_warnings(resolved.project)) std::cerr << warning << "\n";
    out.platform = resolved.project.platform;
    out.exclude_tables = options.exclude_tables;
    if (comparing && !options.include_tracking_tables)
        out.exclude_tables.insert(out.exclude_tables.end(), tracking_table_patterns().begin(), tracking_table_patterns().end());
    bool supabase_project = !resolved.project.root.empty() || resolved.project.platform;
    resolved.exclude_managed = !options.include_managed && (options.exclude_managed || supabase_project);
    return resolved;
}

}  // namespace pgshift::cli
