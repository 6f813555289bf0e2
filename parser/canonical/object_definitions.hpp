// Model objects built from parsed definitions: shared by the replay (what migrations wrote) and
// introspection (pg_get_indexdef / pg_get_triggerdef output), so both sides build them one way.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <vector>

#include "model/model.hpp"
#include "parser/canonical/canonical_expression.hpp"

namespace pgshift {

IndexKey index_key(const PgQuery__IndexElem* element, const NameResolver* resolver, RewriteArena& arena);

// Method, uniqueness, keys, INCLUDE, predicate and options; the caller names and places it.
Index index_from_statement(const PgQuery__IndexStmt* statement, const NameResolver* resolver, RewriteArena& arena);

// Everything but the function, which the caller resolves.
Trigger trigger_from_statement(const PgQuery__CreateTrigStmt* statement, const NameResolver* resolver, RewriteArena& arena);

// A partition bound as the catalog prints it: DEFAULT, FOR VALUES IN (...), FROM (...) TO (...),
// WITH (MODULUS m, REMAINDER r), its values canonical.
std::string partition_bound_text(const PgQuery__PartitionBoundSpec* bound, RewriteArena& arena);
// The same from the catalog's text (pg_get_expr of relpartbound). Throws on a parse error.
std::string canonical_partition_bound_text(const std::string& bound);

// WITH (...) storage parameters as "name=value".
std::vector<std::string> option_list(std::size_t count, PgQuery__Node* const* options);

}  // namespace pgshift
