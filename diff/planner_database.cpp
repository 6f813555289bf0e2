// Privileges on what the model does not hold: GRANT / REVOKE ... ON DATABASE (the database the
// plan runs on) and on functions extensions made.
#include "diff/definitions.hpp"
#include "diff/planner.hpp"
#include "model/outside_privileges.hpp"
#include "model/names.hpp"

namespace pgshift {

void Planner::plan_database_privileges() {
    static const SchemaModel empty;
    std::optional<ComparedDatabasePrivileges> database = compared_database_privileges(from_ ? *from_ : empty, to_);
    account("database", "current database");
    if (!database || database->from == database->to) return;
    // Roles are the cluster's, not the plan's: the step waits for nothing.
    StepGraph::Node step = node("database", "current database", Phase::create, rank::default_privileges);
    for (std::string& sql : acl_change_sql(database->from, database->to, "DATABASE " + quote_ident(database->name)))
        graph_.add(step, statement(std::move(sql), widens(database->from, database->to) && sql.rfind("GRANT", 0) == 0
                                                       ? std::set<Hazard>{Hazard::authz_weakened}
                                                       : std::set<Hazard>{}));
}

void Planner::plan_extension_function_privileges() {
    static const SchemaModel empty;
    for (const auto& [key, privileges] : compared_extension_function_privileges(from_ ? *from_ : empty, to_, options_.managed_schemas)) {
        std::string reference = extension_function_reference(key);
        account("extension function", reference);
        if (privileges.from == privileges.to) continue;
        StepGraph::Node step = node("extension function", reference, Phase::create, rank::function);
        // After the extensions the plan creates in the function's schema: one of them makes it.
        for (const auto& [name, extension] : to_.extensions)
            if (extension.schema == key.schema && !(from_ && from_->extensions.count(name)))
                graph_.before(node("extension", quote_ident(name), Phase::create, rank::extension), step);
        for (std::string& sql : acl_change_sql(privileges.from, privileges.to, "FUNCTION " + reference))
            graph_.add(step, statement(std::move(sql), widens(privileges.from, privileges.to) && sql.rfind("GRANT", 0) == 0
                                                           ? std::set<Hazard>{Hazard::authz_weakened}
                                                           : std::set<Hazard>{}));
    }
}

}  // namespace pgshift
