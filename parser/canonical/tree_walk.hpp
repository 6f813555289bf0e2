// Generic traversal of any libpg_query node through protobuf-c descriptors.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <cstdint>
#include <functional>

namespace pgshift {

// Calls `visit(field, slot)` for each field of `message` that may hold a value, `slot` being
// where the value (or a repeated field's array) is stored: every field but the oneof members not
// chosen. A Node has a field for each of some 250 node types and holds one: only that one is
// looked at (looking at all of them was most of a walk's time).
template <typename Visit>
void each_set_field(ProtobufCMessage* message, Visit visit) {
    const ProtobufCMessageDescriptor* descriptor = message->descriptor;
    char* base = reinterpret_cast<char*>(message);
    if (descriptor == &pg_query__node__descriptor) {
        unsigned chosen = unsigned(reinterpret_cast<PgQuery__Node*>(message)->node_case);
        if (const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(descriptor, chosen))
            visit(*field, static_cast<void*>(base + field->offset));
        return;
    }
    for (unsigned i = 0; i < descriptor->n_fields; ++i) {
        const ProtobufCFieldDescriptor& field = descriptor->fields[i];
        if ((field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && *reinterpret_cast<uint32_t*>(base + field.quantifier_offset) != field.id)
            continue;
        visit(field, static_cast<void*>(base + field.offset));
    }
}

// A repeated field's item count.
inline std::size_t repeated_count(ProtobufCMessage* message, const ProtobufCFieldDescriptor& field) {
    return *reinterpret_cast<std::size_t*>(reinterpret_cast<char*>(message) + field.quantifier_offset);
}

// Calls `visit(slot, field)` for each message slot directly below `message` (a single message
// field, or each item of a repeated one). A slot may hold null; `visit` may replace what it holds.
template <typename Visit>
void each_message_slot(ProtobufCMessage* message, Visit visit) {
    each_set_field(message, [&](const ProtobufCFieldDescriptor& field, void* slot) {
        if (field.type != PROTOBUF_C_TYPE_MESSAGE) return;
        if (field.label != PROTOBUF_C_LABEL_REPEATED) return visit(static_cast<ProtobufCMessage**>(slot), field);
        auto** items = *static_cast<ProtobufCMessage***>(slot);
        for (std::size_t i = 0, count = repeated_count(message, field); i < count; ++i) visit(&items[i], field);
    });
}

// Calls `visit` on `node` and every node below it; when `visit` returns false the walk does not
// descend into that node.
void walk_nodes(const PgQuery__Node* node, const std::function<bool(const PgQuery__Node*)>& visit);

}  // namespace pgshift
