// The rules `pgshift lint` knows: their ids, default levels and the fix each finding suggests.
#pragma once

#include <string>
#include <vector>

#include "lint/finding.hpp"

namespace pgshift::lint {

enum class RuleKind {
    statement,  // a statement in a migration, knowing the state before it
    schema,     // the schema the whole history builds, pointing at the line that made the object
    database,   // a migration against what a database's runner recorded of it (with --db-url)
    meta,       // the lint's own input: suppression comments
};

struct Rule {
    const char* id;
    RuleKind kind;
    Level default_level;
    const char* summary;  // one line: what the rule checks
    const char* why;      // why it matters and the fix, printed under each finding
    const char* peer;     // the same check in squawk ("squawk:rule") or splinter ("splinter:0013_..."), or ""
};

// Every rule, in a fixed order (statement, schema, database, meta rules).
const std::vector<Rule>& rules();
// The rule of `id`, or null.
const Rule* find_rule(const std::string& id);

}  // namespace pgshift::lint
