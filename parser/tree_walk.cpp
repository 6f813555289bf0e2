#include "parser/tree_walk.hpp"

namespace pgshift {
namespace {

void walk_message(const ProtobufCMessage* message, const std::function<bool(const PgQuery__Node*)>& visit);

void walk_field_value(const ProtobufCFieldDescriptor& field, const void* value,
                      const std::function<bool(const PgQuery__Node*)>& visit) {
    const auto* child = *static_cast<const ProtobufCMessage* const*>(value);
    if (!child) return;
    if (field.descriptor == &pg_query__node__descriptor)
        walk_nodes(reinterpret_cast<const PgQuery__Node*>(child), visit);
    else
        walk_message(child, visit);
}

void walk_message(const ProtobufCMessage* message, const std::function<bool(const PgQuery__Node*)>& visit) {
    const ProtobufCMessageDescriptor* descriptor = message->descriptor;
    if (descriptor == &pg_query__node__descriptor) {
        if (const ProtobufCFieldDescriptor* field = node_field(reinterpret_cast<const PgQuery__Node*>(message)))
            walk_field_value(*field, reinterpret_cast<const char*>(message) + field->offset, visit);
        return;
    }
    const char* base = reinterpret_cast<const char*>(message);
    for (unsigned i = 0; i < descriptor->n_fields; ++i) {
        const ProtobufCFieldDescriptor& field = descriptor->fields[i];
        if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
        if (field.label == PROTOBUF_C_LABEL_REPEATED) {
            std::size_t count = *reinterpret_cast<const std::size_t*>(base + field.quantifier_offset);
            auto* const* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + field.offset);
            for (std::size_t j = 0; j < count; ++j) walk_field_value(field, &items[j], visit);
        } else if (field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            // Node's oneof: only the field named by the case is set.
            uint32_t chosen = *reinterpret_cast<const uint32_t*>(base + field.quantifier_offset);
            if (chosen == field.id) walk_field_value(field, base + field.offset, visit);
        } else {
            walk_field_value(field, base + field.offset, visit);
        }
    }
}

}  // namespace

void walk_nodes(const PgQuery__Node* node, const std::function<bool(const PgQuery__Node*)>& visit) {
    if (!node || node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return;
    if (!visit(node)) return;
    walk_message(&node->base, visit);
}

}  // namespace pgshift
