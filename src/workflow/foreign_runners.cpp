#include "workflow/foreign_runners.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace pgshift {
namespace {

constexpr const char* keep_reading =
    "; pgshift check, diff and dump read the folder as before, but db push and migration repair would not keep that "
    "runner's history";

bool starts_a_dbmate_section(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    std::string line;
    for (int read = 0; read < 200 && std::getline(stream, line); ++read)
        if (line.rfind("-- migrate:up", 0) == 0) return true;
    return false;
}

}  // namespace

std::optional<std::string> foreign_runner_files(const std::string& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) return std::nullopt;
    static const std::regex flyway(R"(^[VUR][0-9._]*__.+\.sql$)");
    if (fs::is_regular_file(fs::path(folder) / "migration_lock.toml", error))
        return folder + " is Prisma Migrate's (migration_lock.toml): Prisma records its migrations in _prisma_migrations" +
               std::string(keep_reading);
    std::vector<fs::path> entries{fs::directory_iterator(folder), fs::directory_iterator()};
    for (const fs::path& entry : entries) {
        std::string name = entry.filename().string();
        if (fs::is_directory(entry, error) && fs::is_regular_file(entry / "migration.sql", error))
            return folder + " is Prisma Migrate's (" + name + "/migration.sql): Prisma records its migrations in _prisma_migrations" +
                   std::string(keep_reading);
        if (fs::is_directory(entry, error) && fs::is_regular_file(entry / "up.sql", error))
            return folder + " is diesel's (" + name + "/up.sql): diesel records its migrations in __diesel_schema_migrations" +
                   std::string(keep_reading);
        if (!fs::is_regular_file(entry, error) || entry.extension() != ".sql") continue;
        if (std::regex_match(name, flyway))
            return folder + " is Flyway's (" + name + "): Flyway records its migrations in flyway_schema_history" + std::string(keep_reading);
        if (starts_a_dbmate_section(entry))
            return folder + " is dbmate's (" + name + " has `-- migrate:up`; pgshift would run its down section too): dbmate records " +
                   "its migrations in schema_migrations (version)" + std::string(keep_reading);
    }
    return std::nullopt;
}

std::optional<std::string> foreign_runner_tables(Session& session, Runner runner) {
    if (runner == Runner::supabase) return std::nullopt;
    std::vector<Row> rows = session.query(
        "SELECT n.nspname, c.relname, coalesce((SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a "
        "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'supabase_migrations') "
        "AND c.relname IN ('_prisma_migrations', '_sqlx_migrations', 'flyway_schema_history', '__diesel_schema_migrations', "
        "'schema_migrations') ORDER BY 1, 2");
    for (const Row& row : rows) {
        std::string table = row[0].value_or("") + "." + row[1].value_or("");
        std::string name = row[1].value_or("");
        std::string columns = row[2].value_or("");
        std::string runner_of;
        if (name == "_prisma_migrations") runner_of = "Prisma Migrate";
        if (name == "_sqlx_migrations") runner_of = "sqlx";
        if (name == "flyway_schema_history") runner_of = "Flyway";
        if (name == "__diesel_schema_migrations") runner_of = "diesel";
        // golang-migrate's is (version, dirty); dbmate's has no dirty flag.
        if (name == "schema_migrations" && columns.find("dirty") == std::string::npos) runner_of = "dbmate";
        if (runner_of.empty()) continue;
        return "this database's migrations are recorded by " + runner_of + " in " + table +
               ", whose history pgshift does not keep: a push would run files " + runner_of +
               " applied. Apply them with " + runner_of + ", or drop " + table + " if it is left over";
    }
    return std::nullopt;
}

}  // namespace pgshift
