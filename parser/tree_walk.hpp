// Generic traversal of any libpg_query node through protobuf-c descriptors.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <functional>

namespace pgshift {

// Calls `visit` on `node` and every node below it; when `visit` returns false the walk does not
// descend into that node.
void walk_nodes(const PgQuery__Node* node, const std::function<bool(const PgQuery__Node*)>& visit);

}  // namespace pgshift
