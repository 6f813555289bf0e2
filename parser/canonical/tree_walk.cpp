#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

// A walk only reads: the message is not changed through the slots it is handed.
void walk_message(const ProtobufCMessage* message, const std::function<bool(const PgQuery__Node*)>& visit) {
    each_message_slot(const_cast<ProtobufCMessage*>(message), [&](ProtobufCMessage** slot, const ProtobufCFieldDescriptor& field) {
        if (!*slot) return;
        if (field.descriptor == &pg_query__node__descriptor)
            walk_nodes(reinterpret_cast<const PgQuery__Node*>(*slot), visit);
        else
            walk_message(*slot, visit);
    });
}

}  // namespace

void walk_nodes(const PgQuery__Node* node, const std::function<bool(const PgQuery__Node*)>& visit) {
    if (!node || node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return;
    if (!visit(node)) return;
    walk_message(&node->base, visit);
}

}  // namespace pgshift
