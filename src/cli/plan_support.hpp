// What `diff`, `dump --format sql` and `db diff` share: planning options, the hazard gate, output.
#pragma once

#include <CLI/CLI.hpp>

#include <set>
#include <string>
#include <vector>

#include "cli/check_command.hpp"
#include "cli/sources.hpp"
#include "diff/plan.hpp"

namespace pgshift::cli {

struct PlanningOptions {
    std::vector<std::string> allow_hazards;  // hazard names, or "all"
    bool no_online = false;
    std::vector<std::string> rename_tables;   // schema.old=new
    std::vector<std::string> rename_columns;  // schema.table.old=new
    std::string lock_timeout = "5s";
    bool exclude_managed = false;  // resolved from PlatformOptions
    bool no_elaborate = false;     // as check's: the database does not settle expressions
};

// `hazard_gate`: the command stops at hazards not allowed (--allow-hazards); a capture does not.
void add_planning_options(CLI::App& command, PlanningOptions& options, bool hazard_gate = true);

// What `check FROM TO` compares for a command that plans from FROM to TO with `options`.
ComparisonRequest comparison_request(const std::string& from, const std::string& to, const SourceOptions& sources,
                                     const PlanningOptions& options);
// The plan from `loaded[0]` to `loaded[1]`, made from the one comparison `check` reports for
// them (compare_sources with `comparison`). Throws std::runtime_error for options that do not
// parse, PlanError.
Plan make_plan(std::vector<LoadedSource>& loaded, const ComparisonRequest& comparison, const PlanningOptions& options);
// The plan that builds `model` on `start` (a fresh database, or the platform), leaving the
// `managed` schemas' own objects alone.
Plan plan_from(const SchemaModel& start, SchemaModel& model, const std::set<std::string>& managed = {});

// Hazards in `plan` that `--allow-hazards` does not name. Throws for an unknown hazard name.
std::set<Hazard> disallowed_hazards(const Plan& plan, const PlanningOptions& options);
// On stderr: which hazards stop the plan, and how to allow them.
void report_disallowed(const std::set<Hazard>& hazards);

// The plan as JSON: per statement its SQL, transaction use, timeouts and hazards.
std::string plan_json(const Plan& plan);

}  // namespace pgshift::cli
