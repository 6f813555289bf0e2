#include "workflow/reset.hpp"

#include "diff/compare.hpp"
#include "diff/plan.hpp"
#include "introspect/introspect.hpp"
#include "parser/canonical/parsed_expression_facts.hpp"
#include "platform/platform_state.hpp"
#include "workflow/session.hpp"

namespace pgshift {

ResetReport reset_database(const std::string& connection, const PlatformDescription* platform) {
    static const ParsedExpressionFacts facts;
    Introspection database = introspect(connection);
    SchemaModel target = platform ? platform_state(database.model, *platform) : SchemaModel::fresh_database();
    PlanOptions options;
    options.online = false;
    options.facts = &facts;
    options.role = database.environment.role.empty() ? "postgres" : database.environment.role;
    if (platform) options.managed_schemas = platform->managed_schemas;
    Plan plan = plan_migration(database.model, target, options);

    ResetReport report;
    report.statements = plan.statements.size();
    Session session(connection);
    session.query("BEGIN");
    try {
        for (const Statement& statement : plan.statements) session.query(statement.sql);
        if (platform) {
            // As the Supabase CLI's reset (pkg/migration/queries/drop.sql): auth's rows and the
            // migration history go, the platform's own migration tables stay.
            for (const Row& row : session.query(
                     "SELECT format('TRUNCATE %I.%I CASCADE', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE c.relkind = 'r' AND ((n.nspname = 'auth' AND c.relname <> 'schema_migrations') OR "
                     "(n.nspname = 'supabase_functions' AND c.relname <> 'migrations') OR n.nspname = 'supabase_migrations')"))
                session.query(*row[0]);
        }
        session.query("COMMIT");
    } catch (...) {
        if (session.connected()) session.query("ROLLBACK");
        throw;
    }
    for (const Unmodelled& unmodelled : database.model.unmodelled) report.notes.push_back("left in place: " + unmodelled.what);
    return report;
}

}  // namespace pgshift
