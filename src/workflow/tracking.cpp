#include "workflow/tracking.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "workflow/supabase_statements.hpp"

namespace pgshift {
namespace {

// pgshift's own advisory lock for runners that take none: "pgshift" read as a number.
constexpr long long pgshift_lock_key = 0x7067736869667400LL >> 8;

bool is_missing_table(const ServerError& error) {
    return error.server().sqlstate == "42P01" || error.server().sqlstate == "3F000";
}

void run_or_throw(Session& session, const std::string& script) {
    if (auto failure = session.run_script(script)) throw ServerError(failure->error);
}

// --- Supabase: supabase/cli pkg/migration/history.go ---------------------------------------

class SupabaseTracking : public Tracking {
public:
    std::string tables() const override { return "supabase_migrations.schema_migrations"; }

    TrackingState read(Session& session, const ProjectMigrations&) const override {
        TrackingState state;
        try {
            // Tables of old CLIs may lack the statements and name columns: read what is there.
            std::vector<Row> columns = session.query(
                "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass('supabase_migrations.schema_migrations') "
                "AND attnum > 0 AND NOT attisdropped");
            if (columns.empty()) return state;
            auto has = [&](const char* name) {
                return std::any_of(columns.begin(), columns.end(), [&](const Row& row) { return row[0] == std::string(name); });
            };
            bool has_statements = has("statements");
            std::vector<Row> rows = session.query(std::string("SELECT version, ") +
                                                  (has_statements ? "array_to_json(statements)::text" : "NULL") +
                                                  " FROM supabase_migrations.schema_migrations ORDER BY version");
            for (const Row& row : rows) {
                AppliedMigration applied;
                applied.table = tables();
                applied.key = {row[0].value_or("")};
                applied.label = applied.key[0];
                applied.has_statements_column = has_statements;
                if (row[1]) applied.statements = nlohmann::json::parse(*row[1]).get<std::vector<std::string>>();
                state.applied.push_back(std::move(applied));
            }
        } catch (const ServerError& error) {
            if (!is_missing_table(error)) throw;
        }
        return state;
    }

    void create_tables(Session& session) const override {
        // The CLI's five statements, in one implicit transaction as its pipeline runs them.
        run_or_throw(session,
                     "SET lock_timeout = '4s';"
                     "CREATE SCHEMA IF NOT EXISTS supabase_migrations;"
                     "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY);"
                     "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[];"
                     "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text");
    }

    void record(Session& session, const LocalMigration& file) const override {
        session.query("INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3)",
                      {file.version, file.name, statements_parameter(file)});
    }

    void record_again(Session& session, const LocalMigration& file) const override {
        session.query("INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3)"
                      " ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, statements = EXCLUDED.statements",
                      {file.version, file.name, statements_parameter(file)});
    }

    void forget(Session& session, const AppliedMigration& migration, const ProjectMigrations&) const override {
        session.query("DELETE FROM supabase_migrations.schema_migrations WHERE version = ANY($1)", {text_array_literal(migration.key)});
    }

    bool keeps_statements() const override { return true; }

private:
    // The CLI sends nil for a file without statements: the column is NULL, not '{}'.
    static std::optional<std::string> statements_parameter(const LocalMigration& file) {
        std::vector<std::string> statements = supabase_statements(file.sql);
        if (statements.empty()) return std::nullopt;
        return text_array_literal(statements);
    }
};

// --- The numbered and three-tier layouts: NextSpark's scripts/db/run-migrations.mjs -----------

constexpr const char* core_table_ddl = R"(
      CREATE TABLE IF NOT EXISTS "_migrations" (
        id SERIAL PRIMARY KEY,
        filename TEXT UNIQUE NOT NULL,
        executed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
      )
    )";
constexpr const char* entity_table_ddl = R"(
      CREATE TABLE IF NOT EXISTS "_entity_migrations" (
        id SERIAL PRIMARY KEY,
        entity_name TEXT NOT NULL,
        source_type TEXT NOT NULL,
        source_name TEXT NOT NULL,
        filename TEXT NOT NULL,
        executed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
        UNIQUE(entity_name, filename)
      )
    )";
constexpr const char* content_table_ddl = R"(
      CREATE TABLE IF NOT EXISTS "_content_migrations" (
        id SERIAL PRIMARY KEY,
        source_type TEXT NOT NULL,
        source_name TEXT NOT NULL,
        filename TEXT NOT NULL,
        executed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
        UNIQUE(source_type, source_name, filename)
      )
    )";

class TieredTracking : public Tracking {
public:
    explicit TieredTracking(bool three_tier) : three_tier_(three_tier) {}

    std::string tables() const override { return three_tier_ ? "_migrations, _content_migrations, _entity_migrations" : "_migrations"; }

    TrackingState read(Session& session, const ProjectMigrations&) const override {
        TrackingState state;
        read_table(session, "_migrations", "SELECT filename, executed_at::text FROM \"_migrations\" ORDER BY id", 1, state);
        if (three_tier_) {
            read_table(session, "_content_migrations",
                       "SELECT source_type, source_name, filename, executed_at::text FROM \"_content_migrations\" ORDER BY id", 3, state);
            read_table(session, "_entity_migrations",
                       "SELECT entity_name, filename, executed_at::text FROM \"_entity_migrations\" ORDER BY id", 2, state);
        }
        return state;
    }

    void create_tables(Session& session) const override {
        session.query(core_table_ddl);
        if (three_tier_) {
            session.query(entity_table_ddl);
            session.query(content_table_ddl);
        }
    }

    void record(Session& session, const LocalMigration& file) const override {
        const TieredFile& tier = file.tier;
        if (file.table == "_content_migrations")
            session.query("INSERT INTO \"_content_migrations\" (source_type, source_name, filename) VALUES ($1, $2, $3)",
                          {tier.source_type, tier.source_name, tier.filename});
        else if (file.table == "_entity_migrations")
            session.query("INSERT INTO \"_entity_migrations\" (entity_name, source_type, source_name, filename) VALUES ($1, $2, $3, $4)",
                          {tier.entity_name, tier.source_type, tier.source_name, tier.filename});
        else
            session.query("INSERT INTO \"_migrations\" (filename) VALUES ($1)", {file.version});
    }

    void record_again(Session& session, const LocalMigration& file) const override {
        AppliedMigration existing;
        existing.table = file.table;
        existing.key = file.key;
        remove_row(session, existing);
        record(session, file);
    }

    void forget(Session& session, const AppliedMigration& migration, const ProjectMigrations&) const override {
        remove_row(session, migration);
    }

private:
    static void read_table(Session& session, const std::string& table, const std::string& sql, std::size_t key_columns, TrackingState& state) {
        try {
            for (const Row& row : session.query(sql)) {
                AppliedMigration applied;
                applied.table = table;
                for (std::size_t i = 0; i < key_columns; ++i) applied.key.push_back(row[i].value_or(""));
                applied.label = key_text(applied.key);
                applied.applied_at = row[key_columns].value_or("");
                state.applied.push_back(std::move(applied));
            }
        } catch (const ServerError& error) {
            if (!is_missing_table(error)) throw;
        }
    }

    static void remove_row(Session& session, const AppliedMigration& migration) {
        std::vector<std::optional<std::string>> key(migration.key.begin(), migration.key.end());
        if (migration.table == "_content_migrations")
            session.query("DELETE FROM \"_content_migrations\" WHERE source_type = $1 AND source_name = $2 AND filename = $3", key);
        else if (migration.table == "_entity_migrations")
            session.query("DELETE FROM \"_entity_migrations\" WHERE entity_name = $1 AND filename = $2", key);
        else
            session.query("DELETE FROM \"_migrations\" WHERE filename = $1", key);
    }

    bool three_tier_;
};

// --- golang-migrate: database/postgres/postgres.go -----------------------------------------------

std::uint32_t crc32_ieee(const std::string& bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> values{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            values[i] = c;
        }
        return values;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::string quote_identifier(const std::string& name) {
    std::string quoted = "\"";
    for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// One row: the last version applied, and whether it failed half-way (dirty).
class GolangMigrateTracking : public Tracking {
public:
    std::string tables() const override { return "schema_migrations"; }

    long long lock_key(Session& session) const override {
        // GenerateAdvisoryLockId(database, schema, table): crc32 of "schema\0table\0database",
        // times the salt 1486364155, as a uint32.
        std::string name = schema(session) + std::string(1, '\0') + "schema_migrations" + std::string(1, '\0') +
                           session.value("SELECT current_database()").value_or("");
        return static_cast<std::uint32_t>(crc32_ieee(name) * 1486364155u);
    }

    TrackingState read(Session& session, const ProjectMigrations& project) const override {
        TrackingState state;
        std::vector<Row> rows;
        try {
            rows = session.query("SELECT version::text, dirty FROM " + table(session) + " LIMIT 1");
        } catch (const ServerError& error) {
            if (!is_missing_table(error)) throw;
        }
        if (rows.empty()) return state;
        long long version = std::stoll(rows[0][0].value_or("-1"));
        bool dirty = rows[0][1] == std::string("t");
        if (dirty)
            state.blocked = "golang-migrate marked version " + std::to_string(version) +
                            " dirty: it failed half-way when golang-migrate ran it. Make the database match one version, then "
                            "`migrate force VERSION` (or `pgshift migration repair --status applied VERSION`)";
        // Every file up to the recorded version counts as applied, as golang-migrate counts them.
        bool found = false;
        for (const LocalMigration& file : project.files) {
            if (std::stoll(file.version) > version) continue;
            found = found || std::stoll(file.version) == version;
            AppliedMigration applied;
            applied.table = "schema_migrations";
            applied.key = {file.version};
            applied.label = file.version;
            state.applied.push_back(std::move(applied));
        }
        if (!found && version >= 0) {
            AppliedMigration applied;
            applied.table = "schema_migrations";
            applied.key = {std::to_string(version)};
            applied.label = applied.key[0];
            state.applied.push_back(std::move(applied));
        }
        return state;
    }

    void create_tables(Session& session) const override {
        session.query("CREATE TABLE IF NOT EXISTS " + table(session) + " (version bigint not null primary key, dirty boolean not null)");
    }

    void record(Session& session, const LocalMigration& file) const override {
        // SetVersion(version, false), in the transaction that ran the file: pgshift never leaves
        // a dirty version, because the file and its row commit together. Versions only go up.
        std::string current = session.value("SELECT max(version)::text FROM " + table(session)).value_or("");
        std::string version = !current.empty() && std::stoll(current) > std::stoll(file.version) ? current : file.version;
        session.query("TRUNCATE " + table(session));
        session.query("INSERT INTO " + table(session) + " (version, dirty) VALUES ($1, $2)", {version, std::string("false")});
    }

    void record_again(Session& session, const LocalMigration& file) const override {
        session.query("TRUNCATE " + table(session));
        session.query("INSERT INTO " + table(session) + " (version, dirty) VALUES ($1, $2)", {file.version, std::string("false")});
    }

    void forget(Session& session, const AppliedMigration& migration, const ProjectMigrations& project) const override {
        // The version before the reverted one becomes the last applied (none: no row).
        long long reverted = std::stoll(migration.key[0]);
        std::optional<std::string> before;
        for (const LocalMigration& file : project.files)
            if (std::stoll(file.version) < reverted) before = file.version;
        session.query("TRUNCATE " + table(session));
        if (before) session.query("INSERT INTO " + table(session) + " (version, dirty) VALUES ($1, $2)", {*before, std::string("false")});
    }

private:
    static std::string schema(Session& session) { return session.value("SELECT current_schema()").value_or("public"); }
    static std::string table(Session& session) { return quote_identifier(schema(session)) + ".\"schema_migrations\""; }
};

}  // namespace

long long Tracking::lock_key(Session&) const { return pgshift_lock_key; }

std::unique_ptr<Tracking> tracking_for(Runner runner) {
    switch (runner) {
        case Runner::supabase: return std::make_unique<SupabaseTracking>();
        case Runner::numbered: return std::make_unique<TieredTracking>(false);
        case Runner::three_tier: return std::make_unique<TieredTracking>(true);
        case Runner::golang_migrate: return std::make_unique<GolangMigrateTracking>();
    }
    return nullptr;
}

std::string text_array_literal(const std::vector<std::string>& values) {
    std::string literal = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) literal += ",";
        literal += "\"";
        for (char c : values[i]) {
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += "\"";
    }
    return literal + "}";
}

// --- _pgshift_checksums ------------------------------------------------------------------

std::vector<std::vector<std::string>> ChecksumStore::read(Session& session) {
    std::vector<std::vector<std::string>> rows;
    try {
        for (const Row& row : session.query("SELECT tracking_table, migration, sha256 FROM \"_pgshift_checksums\""))
            rows.push_back({row[0].value_or(""), row[1].value_or(""), row[2].value_or("")});
    } catch (const ServerError& error) {
        if (!is_missing_table(error)) throw;
    }
    return rows;
}

void ChecksumStore::create(Session& session) {
    // Beside the runner's tables (unqualified, as they are), so that no schema of pgshift's own
    // shows in the project's database.
    session.query("CREATE TABLE IF NOT EXISTS \"_pgshift_checksums\" ("
                  "tracking_table text NOT NULL, migration text NOT NULL, sha256 text NOT NULL, "
                  "recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tracking_table, migration))");
}

void ChecksumStore::write(Session& session, const LocalMigration& file) {
    session.query("INSERT INTO \"_pgshift_checksums\" (tracking_table, migration, sha256) VALUES ($1, $2, $3) "
                  "ON CONFLICT (tracking_table, migration) DO UPDATE SET sha256 = EXCLUDED.sha256, recorded_at = now()",
                  {file.table, key_text(file.key), file.checksum});
}

void ChecksumStore::erase(Session& session, const std::string& table, const std::vector<std::string>& key) {
    // Looked up first: a failing statement would abort the transaction it runs in.
    if (!session.value("SELECT to_regclass('\"_pgshift_checksums\"')::text")) return;
    session.query("DELETE FROM \"_pgshift_checksums\" WHERE tracking_table = $1 AND migration = $2", {table, key_text(key)});
}

}  // namespace pgshift
