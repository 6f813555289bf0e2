// `pgshift lint`'s library: the migrations replayed file by file, the statement rules run on each
// file with the state before it, the schema rules on the state the whole history builds. Reads
// files and the model; never a database, never prints.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "lint/lint_config.hpp"
#include "model/model.hpp"
#include "parser/replay.hpp"

namespace pgshift::lint {

// What the project's migrations run on, and what its API serves.
struct LintContext {
    ReplayOptions replay;
    SchemaModel start = SchemaModel::fresh_database();
    // The platform's schemas (Supabase's auth, storage, ...): their objects are not the team's,
    // so the schema rules leave them alone.
    std::set<std::string> platform_schemas;
    std::vector<std::string> exposed_schemas = {"public"};
    // The roles a policy for PUBLIC applies to, and the roles that bypass RLS (never counted).
    std::vector<std::string> public_roles = {"public"};
    std::set<std::string> bypass_roles = {"postgres"};
};

struct LintResult {
    std::vector<Finding> findings;   // sorted, levels applied, suppressed ones left out
    std::vector<std::string> files;  // the migration files, in the order they ran
    std::size_t suppressed = 0;      // findings a pgshift-lint-ignore comment silenced
};

// Lints the migrations of `inputs` (folders and files, as `dump` takes them). Throws
// MigrationError for a migration that does not replay, std::runtime_error for files.
LintResult lint_migrations(const std::vector<std::string>& inputs, const LintConfig& config, const LintContext& context);

// Lints SQL text as one migration named `file_name` (tests).
LintResult lint_sql(const std::string& sql, const std::string& file_name, const LintConfig& config, const LintContext& context);

}  // namespace pgshift::lint
