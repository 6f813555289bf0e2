// What a migration runner recorded of the migrations it applied to a database: the Supabase
// CLI's supabase_migrations.schema_migrations keeps each file's statements.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pgshift {

struct RecordedMigration {
    std::string version;  // the file name's leading digits
    std::string name;     // the rest of the name, without .sql
    // The file's statements as the runner split them (comments kept, no trailing `;`); nullopt
    // when the runner kept none.
    std::optional<std::vector<std::string>> statements;
};

}  // namespace pgshift
