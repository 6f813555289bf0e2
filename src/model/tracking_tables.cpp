#include "model/tracking_tables.hpp"

namespace pgshift {

const std::vector<std::string>& tracking_table_patterns() {
    static const std::vector<std::string> patterns = {
        "supabase_migrations.*",       // the Supabase CLI: schema_migrations, seed_files
        "schema_migrations",           // golang-migrate (and GoTrue's auth.schema_migrations)
        "_prisma_migrations",          // Prisma Migrate
        "_sqlx_migrations",            // sqlx
        "flyway_schema_history",       // Flyway
        "__diesel_schema_migrations",  // diesel
        "_migrations",                 // the three-tier runner: core, themes, plugins
        "_content_migrations",
        "_entity_migrations",
        "_pgshift_checksums",  // pgshift: checksums of applied files whose runner keeps none
    };
    return patterns;
}

bool matches_table_pattern(const QualifiedName& table, const std::vector<std::string>& patterns) {
    for (const std::string& pattern : patterns) {
        std::size_t dot = pattern.find('.');
        if (dot == std::string::npos) {
            if (pattern == table.name) return true;
            continue;
        }
        std::string schema = pattern.substr(0, dot), name = pattern.substr(dot + 1);
        if (schema == table.schema && (name == "*" || name == table.name)) return true;
    }
    return false;
}

}  // namespace pgshift
