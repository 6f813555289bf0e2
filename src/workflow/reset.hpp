// Returning a database that is not pgshift's local one to the platform's state: what the
// migrations made is dropped by a plan from the database towards its own platform objects (the
// platform's stay; what users added to them, such as policies on storage.objects, goes), and
// the data the Supabase CLI's reset clears is cleared (auth's rows, the migration history).
#pragma once

#include <string>
#include <vector>

#include "platform/platform.hpp"

namespace pgshift {

struct ResetReport {
    std::size_t statements = 0;      // the plan's
    std::vector<std::string> notes;  // what is left (objects pgshift does not model)
};

// `platform`: null for a project without one (everything but PostgreSQL's own goes). Throws
// ServerError, DatabaseError or PlanError; nothing changes when it throws before committing.
ResetReport reset_database(const std::string& connection, const PlatformDescription* platform);

}  // namespace pgshift
