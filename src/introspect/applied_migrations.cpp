#include "introspect/applied_migrations.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "introspect/introspect.hpp"

namespace pgshift {

std::vector<RecordedMigration> read_applied_migrations(const std::string& connection) {
    try {
        pqxx::connection database(connection);
        pqxx::transaction<pqxx::read_committed, pqxx::read_only> tx(database);
        // The table exists only once the CLI applied something; its columns grew over time.
        pqxx::result present = tx.exec(
            "select count(*) filter (where attname = 'statements'), count(*) filter (where attname = 'name') from pg_catalog.pg_attribute "
            "where attrelid = pg_catalog.to_regclass('supabase_migrations.schema_migrations') and attnum > 0 and not attisdropped");
        bool has_statements = present[0][0].as<int>() > 0, has_name = present[0][1].as<int>() > 0;
        if (pqxx::result exists = tx.exec("select pg_catalog.to_regclass('supabase_migrations.schema_migrations') is not null");
            !exists[0][0].as<bool>())
            return {};
        std::string query = std::string("select version, ") + (has_name ? "coalesce(name, '')" : "''") + ", " +
                            (has_statements ? "pg_catalog.array_to_json(statements)::text" : "null") +
                            " from supabase_migrations.schema_migrations order by version";
        std::vector<RecordedMigration> applied;
        for (const pqxx::row& row : tx.exec(query)) {
            RecordedMigration migration{row[0].as<std::string>(), row[1].as<std::string>(), std::nullopt};
            if (!row[2].is_null()) migration.statements = nlohmann::json::parse(row[2].as<std::string>()).get<std::vector<std::string>>();
            applied.push_back(std::move(migration));
        }
        return applied;
    } catch (const pqxx::broken_connection& error) {
        throw DatabaseError("cannot connect to " + redact_connection(connection) + ": " + redact_connection(error.what()));
    } catch (const pqxx::sql_error& error) {
        throw DatabaseError(std::string("reading supabase_migrations.schema_migrations failed: ") + error.what());
    } catch (const pqxx::failure& error) {
        throw DatabaseError(redact_connection(error.what()));
    }
}

}  // namespace pgshift
