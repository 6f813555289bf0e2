#include "cli/plan_support.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "diff/compare.hpp"
#include "platform/platform.hpp"
#include "parser/canonical/parsed_expression_facts.hpp"
#include "parser/written_expressions.hpp"

namespace pgshift::cli {

void add_planning_options(CLI::App& command, PlanningOptions& options, bool hazard_gate) {
    if (hazard_gate)
        command
            .add_option("--allow-hazards", options.allow_hazards,
                        "Hazards the plan may have: DELETES_DATA, TABLE_REWRITE, ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD,\n"
                        "AUTHZ_WEAKENED, REPLICATION_REDUCED, TABLE_REBUILD, or all (comma separated or repeated)")
            ->delimiter(',');
    command.add_flag("--no-online", options.no_online,
                     "Plain forms: no CREATE INDEX CONCURRENTLY, no NOT VALID + VALIDATE on existing tables");
    command.add_option("--rename-table", options.rename_tables, "A table renamed or moved, not dropped and added: schema.old=new, schema.t=other_schema.t, schema.old=other_schema.new (repeatable)");
    command.add_option("--rename-column", options.rename_columns,
                       "A column renamed, not dropped and added: schema.table.old=new (repeatable)");
    command.add_flag("--no-elaborate", options.no_elaborate,
                     "Do not ask the database for its own form of expressions that still differ (as check --no-elaborate)");
    command.add_option("--lock-timeout", options.lock_timeout, "lock_timeout for statements that lock existing tables")->capture_default_str();
}

ComparisonRequest comparison_request(const std::string& from, const std::string& to, const SourceOptions& sources,
                                     const PlanningOptions& options) {
    ComparisonRequest request;
    request.from = from;
    request.to = to;
    request.sources = sources;
    request.exclude_managed = options.exclude_managed;
    request.no_elaborate = options.no_elaborate;
    return request;
}

Plan make_plan(std::vector<LoadedSource>& loaded, const ComparisonRequest& comparison, const PlanningOptions& options) {
    static const ParsedExpressionFacts facts;
    std::vector<Difference> changes = compare_sources(loaded, comparison);
    LoadedSource &from = loaded[0], &to = loaded[1];
    PlanOptions plan_options;
    plan_options.online = !options.no_online;
    plan_options.lock_timeout = options.lock_timeout;
    plan_options.facts = &facts;
    // New objects belong to whoever runs the plan: the database user, when a database is a side.
    for (const LoadedSource* source : {&to, &from})
        if (source->database && !source->role.empty()) plan_options.role = source->role;
    if (options.exclude_managed) plan_options.managed_schemas = supabase_platform().managed_schemas;
    for (const auto& [texts, kind] : {std::pair{&options.rename_tables, Rename::Kind::table}, std::pair{&options.rename_columns, Rename::Kind::column}})
        for (const std::string& text : *texts) {
            std::optional<Rename> rename = parse_rename(text, kind);
            if (!rename) throw std::runtime_error("cannot read rename '" + text + "': expected " +
                                                  (kind == Rename::Kind::table ? "schema.old=new" : "schema.table.old=new"));
            plan_options.renames.push_back(*rename);
        }
    for (LoadedSource* source : {&from, &to})
        if (!source->database) drop_stale_written_expressions(source->model);
    return plan_migration(from.model, to.model, changes, plan_options);
}

Plan plan_from(const SchemaModel& start, SchemaModel& model, const std::set<std::string>& managed) {
    static const ParsedExpressionFacts facts;
    PlanOptions plan_options;
    plan_options.online = false;
    plan_options.facts = &facts;
    plan_options.managed_schemas = managed;
    drop_stale_written_expressions(model);
    return plan_migration(start, model, plan_options);
}

std::set<Hazard> disallowed_hazards(const Plan& plan, const PlanningOptions& options) {
    std::set<Hazard> allowed;
    for (const std::string& name : options.allow_hazards) {
        if (name == "all" || name == "ALL") {
            allowed.insert(all_hazards().begin(), all_hazards().end());
            continue;
        }
        std::optional<Hazard> hazard = parse_hazard(name);
        if (!hazard) throw std::runtime_error("unknown hazard '" + name + "'");
        allowed.insert(*hazard);
    }
    std::set<Hazard> disallowed;
    for (Hazard hazard : plan.hazards())
        if (!allowed.count(hazard)) disallowed.insert(hazard);
    return disallowed;
}

void report_disallowed(const std::set<Hazard>& hazards) {
    std::string names;
    for (Hazard hazard : hazards) names += (names.empty() ? "" : ",") + std::string(hazard_name(hazard));
    std::cerr << "pgshift: the plan has hazards that were not allowed: " << names << "\n"
              << "  review the statements marked `-- hazards:` and pass --allow-hazards " << names << " to accept them\n";
}

std::string plan_json(const Plan& plan) {
    nlohmann::ordered_json report;
    nlohmann::ordered_json& hazards = report["hazards"] = nlohmann::ordered_json::array();
    for (Hazard hazard : plan.hazards()) hazards.push_back(hazard_name(hazard));
    report["notes"] = plan.notes;
    nlohmann::ordered_json& statements = report["statements"] = nlohmann::ordered_json::array();
    for (const Statement& statement : plan.statements) {
        nlohmann::ordered_json item;
        item["sql"] = statement.sql;
        item["object"] = statement.object;
        item["transactional"] = statement.transactional;
        item["lock_timeout"] = statement.lock_timeout.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(statement.lock_timeout);
        item["statement_timeout"] =
            statement.statement_timeout.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(statement.statement_timeout);
        nlohmann::ordered_json& list = item["hazards"] = nlohmann::ordered_json::array();
        for (Hazard hazard : statement.hazards) list.push_back(hazard_name(hazard));
        statements.push_back(std::move(item));
    }
    return report.dump(2) + "\n";
}

}  // namespace pgshift::cli
