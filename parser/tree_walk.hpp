// Generic traversal of any libpg_query node through protobuf-c descriptors.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <functional>

namespace pgshift {

// The one field a Node holds. Node has a field for each of some 250 node types: a walk that looks
// at each of them for every node spends most of its time there.
inline const ProtobufCFieldDescriptor* node_field(const PgQuery__Node* node) {
    return protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, unsigned(node->node_case));
}

// Calls `visit` on `node` and every node below it; when `visit` returns false the walk does not
// descend into that node.
void walk_nodes(const PgQuery__Node* node, const std::function<bool(const PgQuery__Node*)>& visit);

}  // namespace pgshift
