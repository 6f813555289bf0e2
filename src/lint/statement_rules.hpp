// The rules on statements: each top-level statement of one migration, knowing the model as the
// migrations before this one left it and what this one made so far.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "lint/finding.hpp"
#include "lint/migration_text.hpp"
#include "model/model.hpp"

namespace pgshift::lint {

struct StatementContext {
    std::vector<std::string> search_path;  // the one each file starts with
    // Tables of these schemas are the platform's: rows put there (a storage bucket) configure it.
    std::set<std::string> platform_schemas;
    // The runner wraps each file in one transaction (the Supabase CLI does).
    bool file_in_transaction = false;
};

// Findings of the statement rules on `file`, with `before` the model before it runs. Records in
// `touches` where the file's statements make or change tables, policies, indexes and functions.
std::vector<Finding> lint_statements(const SchemaModel& before, const MigrationText& file, const StatementContext& context,
                                     Touches& touches);

}  // namespace pgshift::lint
