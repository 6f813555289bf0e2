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

// Findings of the statement rules on `file`, with `before` the model before it runs and
// `search_path` the one each file starts with. Records in `touches` where the file's statements
// make or change tables, policies, indexes and functions.
// Tables of `platform_schemas` are the platform's: rows put there (a storage bucket) configure it.
std::vector<Finding> lint_statements(const SchemaModel& before, const MigrationText& file, const std::vector<std::string>& search_path,
                                     const std::set<std::string>& platform_schemas, Touches& touches);

}  // namespace pgshift::lint
