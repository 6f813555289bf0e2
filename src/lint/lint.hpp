// `pgshift lint`'s library: the migrations replayed file by file, the statement rules run on each
// file with the state before it, the schema rules on the state the whole history builds. Reads
// files and the model; never a database, never prints.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "lint/lint_config.hpp"
#include "model/applied_migrations.hpp"
#include "model/model.hpp"
#include "parser/replay.hpp"
#include "platform/platform.hpp"

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
    // The runner wraps each file in one transaction (the Supabase CLI, for supabase/migrations).
    bool file_in_transaction = false;
    // With a database: what its migration runner recorded of the migrations it applied.
    std::optional<std::vector<RecordedMigration>> applied;
};

// The context of a project whose migrations start from `platform` (Supabase's): its state, its
// schemas left to it, its API's roles; `exposed_schemas` as the project's config names them.
LintContext platform_context(const PlatformDescription& platform, std::vector<std::string> exposed_schemas);

struct LintResult {
    std::vector<Finding> findings;   // sorted, levels applied, suppressed ones left out
    std::vector<std::string> files;  // the migration files, in the order they ran
    std::size_t suppressed = 0;      // findings a pgshift-lint-ignore comment silenced
};

// Lints the migrations of `inputs` (folders and files, as `dump` takes them). Throws
// MigrationError for a migration that does not replay, std::runtime_error for files.
LintResult lint_migrations(const std::vector<std::string>& inputs, const LintConfig& config, const LintContext& context);

// A migration given as text: its name and its SQL.
struct MigrationSource {
    std::string name;
    std::string sql;
};

// Lints migrations given as text, in the order given (tests).
LintResult lint_sources(const std::vector<MigrationSource>& migrations, const LintConfig& config, const LintContext& context);

}  // namespace pgshift::lint
