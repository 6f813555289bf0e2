// The server as elaborator: for expressions the canonicalizer could not prove equal, ask the
// database itself how it stores what the migrations wrote.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diff/compare.hpp"

namespace pgshift {

// Settles `differences` between a migrations model and the database at `connection`: each
// difference in a policy expression, column default or generated expression, check constraint,
// publication row filter or view query is recreated on a temporary probe, read back,
// canonicalized and compared again; the ones that now agree are removed. Everything runs in one
// transaction that is rolled back.
// `migrations_are_from`: which side holds the migrations' value. `search_path`: what they ran with.
// `written`: the migrations' expressions as written (SchemaModel::written_expressions); the probe
// runs those, since canonical text has lost the casts that make some of them valid SQL.
void settle_with_database(std::vector<Difference>& differences, const std::string& connection,
                          const std::vector<std::string>& search_path, bool migrations_are_from,
                          const std::map<ExpressionSite, std::string>& written);

}  // namespace pgshift
