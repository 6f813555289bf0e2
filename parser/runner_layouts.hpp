// What particular migration runners read of a folder: Flyway's file names, dbmate's sections,
// Prisma's lock file, and which folder of a project holds the PostgreSQL migrations.
// migration_sources uses these to list a folder as its runner applies it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgshift {

// A Flyway file name: V<version>__<description>.sql (versioned), R__<description>.sql
// (repeatable), U<version>__<description>.sql (undo, run only by `flyway undo`).
struct FlywayName {
    enum class Kind { versioned, repeatable, undo };
    Kind kind = Kind::versioned;
    std::vector<std::string> version;  // parts without leading zeros ("1_02" and "1.2": {"1", "2"})
    std::string description;
};

// The Flyway reading of a file name, or nullopt when it is not one.
std::optional<FlywayName> flyway_name(const std::string& file_name);

// Flyway's order: versioned by version, compared number by number (a missing part is 0, so 1 and
// 1.0 are one version), then repeatables by description.
bool flyway_less(const FlywayName& a, const FlywayName& b);
bool same_flyway_version(const FlywayName& a, const FlywayName& b);
std::string flyway_version_text(const FlywayName& name);  // 1.2.10

// The database a folder is named after (postgres/, mysql/, sqlite3/, h2/, ...): "postgresql" for
// PostgreSQL's names, another database's name, or nullopt when the name is not a database's.
std::optional<std::string> database_of_folder_name(const std::string& name);

// The database a project's manifest (Cargo.toml, package.json, go.mod, pom.xml, build.gradle)
// names a driver for: "postgresql" when it names PostgreSQL's, else the other database it names,
// else nullopt. Reads the files of `folder` itself only.
std::optional<std::string> database_of_project(const std::string& folder);

// dbmate keeps a migration's up and down in one file, after `-- migrate:up` and `-- migrate:down`
// lines. True when `sql` has an up directive.
bool has_dbmate_up(const std::string& sql);
// The byte offset where the part dbmate applies ends (the down directive, or the end). Throws
// MigrationError with dbmate's words for a file dbmate refuses: no up directive, the down before
// the up, statements before the up.
std::size_t dbmate_up_end(const std::string& file, const std::string& sql);

// The provider a Prisma migrations folder's migration_lock.toml names ("postgresql", "mysql",
// ...), or nullopt without one.
std::optional<std::string> prisma_provider(const std::string& migrations_folder);

}  // namespace pgshift
