// Migration runners pgshift does not keep the history of (Prisma Migrate, sqlx, Flyway, diesel,
// dbmate): their folders and their tables are recognised so that a push refuses, by name,
// instead of running files that runner has applied or recording them where it never looks.
#pragma once

#include <optional>
#include <string>

#include "workflow/project_migrations.hpp"
#include "workflow/session.hpp"

namespace pgshift {

// Why `folder`'s files belong to a runner whose history pgshift does not keep (Flyway's
// V1__name.sql, dbmate's `-- migrate:up` sections, Prisma's and diesel's folder per migration),
// or nullopt.
std::optional<std::string> foreign_runner_files(const std::string& folder);

// Why the database's history is kept by another runner's table (_prisma_migrations,
// _sqlx_migrations, flyway_schema_history, __diesel_schema_migrations, dbmate's
// schema_migrations (version) without golang-migrate's dirty), or nullopt. Supabase projects
// are never refused: their table is the CLI's own schema, and the CLI ignores the others too.
// One catalog query.
std::optional<std::string> foreign_runner_tables(Session& session, Runner runner);

}  // namespace pgshift
