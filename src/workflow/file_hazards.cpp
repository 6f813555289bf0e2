#include "workflow/file_hazards.hpp"

#include "parser/canonical/parsed_expression_facts.hpp"
#include "parser/written_expressions.hpp"

namespace pgshift {

std::vector<FileHazards> file_hazards(const std::vector<const LocalMigration*>& files, const std::set<const LocalMigration*>& wanted,
                                      SchemaModel start, const ReplayOptions& options, const std::string& role) {
    static const ParsedExpressionFacts facts;
    std::vector<FileHazards> found;
    SchemaModel model = std::move(start);
    Replayer replayer(model, options);
    for (const LocalMigration* file : files) {
        if (!wanted.count(file)) {
            replayer.replay_file(file->path, file->sql);
            continue;
        }
        SchemaModel before = model;
        replayer.replay_file(file->path, file->sql);
        SchemaModel after = model;
        drop_stale_written_expressions(before);
        drop_stale_written_expressions(after);
        FileHazards hazards;
        hazards.file = file;
        PlanOptions plan_options;
        // The file runs as written, in a transaction: plain forms are what it does.
        plan_options.online = false;
        plan_options.role = role;
        plan_options.facts = &facts;
        try {
            Plan plan = plan_migration(before, after, plan_options);
            for (const Statement& statement : plan.statements)
                for (Hazard hazard : statement.hazards) {
                    hazards.hazards.insert(hazard);
                    hazards.items.push_back(std::string(hazard_name(hazard)) + ": " + (statement.object.empty() ? statement.sql : statement.object));
                }
        } catch (const std::exception& error) {
            hazards.unknown = error.what();
        }
        found.push_back(std::move(hazards));
    }
    return found;
}

}  // namespace pgshift
