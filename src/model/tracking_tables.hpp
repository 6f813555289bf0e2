// Tables migration runners keep their history in: the runner's, never schema drift.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

// Names of the known runners' tables, as --help lists them: "supabase_migrations.*",
// "schema_migrations" (golang-migrate), "_prisma_migrations", ...
const std::vector<std::string>& tracking_table_patterns();

// Whether `table` matches one of `patterns`: "name" matches the table in any schema,
// "schema.name" in that schema, "schema.*" every table of the schema.
bool matches_table_pattern(const QualifiedName& table, const std::vector<std::string>& patterns);

}  // namespace pgshift
