// `migration repair`: the tracking tables told by hand that migrations are applied or reverted,
// with the rows the runner writes (Supabase: the file's statements, upserted), under the push's
// lock and in one transaction.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "workflow/project_migrations.hpp"

namespace pgshift {

class RepairError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `versions`: a file's version (Supabase, golang-migrate), file name, label or key
// ("plugin/blog/001_blog.sql"); empty with `all`: every local file (applied) or every row
// (reverted). Returns the versions repaired. Throws RepairError for a version no local file has
// (applied) or that does not parse (Supabase: an integer), ServerError.
std::vector<std::string> repair_history(const std::string& connection, const ProjectMigrations& project, bool applied,
                                        const std::vector<std::string>& versions, bool all);

// Records `file` as applied (db pull, squash): the same rows as a push writes.
void record_applied(const std::string& connection, const ProjectMigrations& project, const LocalMigration& file);

}  // namespace pgshift
