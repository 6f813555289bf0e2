// Reading what migration runners recorded in a database of the migrations they applied.
#pragma once

#include <string>
#include <vector>

#include "model/applied_migrations.hpp"

namespace pgshift {

// The rows of supabase_migrations.schema_migrations (the Supabase CLI's history), by version; none
// when the table does not exist. One query in a READ ONLY transaction. Throws DatabaseError.
std::vector<RecordedMigration> read_applied_migrations(const std::string& connection);

}  // namespace pgshift
