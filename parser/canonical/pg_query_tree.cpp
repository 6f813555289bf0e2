#include "parser/canonical/pg_query_tree.hpp"

#include "parser/canonical/tree_walk.hpp"

#include <cstdlib>
#include <cstring>
#include <optional>

namespace pgshift {

// Bump allocation for one tree: nodes are never freed one by one.
class TreeArena {
  public:
    void* allocate(std::size_t size) {
        size = (size + 15) & ~std::size_t(15);
        if (size > remaining_) {
            std::size_t block_size = size > 64 * 1024 ? size : 64 * 1024;
            blocks_.emplace_back(new char[block_size]);
            cursor_ = blocks_.back().get();
            remaining_ = block_size;
        }
        void* memory = cursor_;
        cursor_ += size;
        remaining_ -= size;
        return memory;
    }
    static void* alloc(void* data, size_t size) { return static_cast<TreeArena*>(data)->allocate(size); }
    static void release(void*, void*) {}  // everything goes with the arena

  private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* cursor_ = nullptr;
    std::size_t remaining_ = 0;
};

namespace {

// libpg_query hands trees over only as packed protobuf: a parse packs the tree it built, a
// deparse unpacks the bytes it is given. Packing and unpacking cost more than parsing itself, so
// the link wraps the four functions that do it (-Wl,--wrap in CMakeLists.txt). While a parse runs
// on this thread, the tree is copied into the caller's arena instead of packed; while a deparse
// runs, the caller's tree is handed over instead of unpacked. Otherwise they do what they did.
thread_local TreeArena* capture_arena = nullptr;
thread_local PgQuery__ParseResult* captured_tree = nullptr;
thread_local PgQuery__ParseResult* handed_over_tree = nullptr;

std::size_t slot_size(ProtobufCType type) {
    switch (type) {
        case PROTOBUF_C_TYPE_INT64:
        case PROTOBUF_C_TYPE_SINT64:
        case PROTOBUF_C_TYPE_SFIXED64:
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_FIXED64: return sizeof(uint64_t);
        case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
        case PROTOBUF_C_TYPE_FLOAT: return sizeof(float);
        case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
        case PROTOBUF_C_TYPE_STRING: return sizeof(char*);
        case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
        case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage*);
        default: return sizeof(uint32_t);  // 32-bit integers and enums
    }
}

void* copy_message(const ProtobufCMessage* message, TreeArena& arena);

// Points the value in `slot` (a string, bytes or message) at a copy in the arena.
void copy_pointed_to(ProtobufCType type, void* slot, TreeArena& arena) {
    if (type == PROTOBUF_C_TYPE_STRING) {
        char*& text = *static_cast<char**>(slot);
        if (!text || text == protobuf_c_empty_string) return;
        std::size_t size = std::strlen(text) + 1;
        text = static_cast<char*>(std::memcpy(arena.allocate(size), text, size));
    } else if (type == PROTOBUF_C_TYPE_BYTES) {
        ProtobufCBinaryData& bytes = *static_cast<ProtobufCBinaryData*>(slot);
        if (bytes.len) bytes.data = static_cast<uint8_t*>(std::memcpy(arena.allocate(bytes.len), bytes.data, bytes.len));
    } else if (type == PROTOBUF_C_TYPE_MESSAGE) {
        auto*& child = *static_cast<ProtobufCMessage**>(slot);
        if (child) child = static_cast<ProtobufCMessage*>(copy_message(child, arena));
    }
}

void* copy_message(const ProtobufCMessage* message, TreeArena& arena) {
    std::size_t size = message->descriptor->sizeof_message;
    auto* copy = static_cast<ProtobufCMessage*>(std::memcpy(arena.allocate(size), message, size));
    copy->n_unknown_fields = 0;
    copy->unknown_fields = nullptr;
    each_set_field(copy, [&](const ProtobufCFieldDescriptor& field, void* slot) {
        if (field.label != PROTOBUF_C_LABEL_REPEATED) return copy_pointed_to(field.type, slot, arena);
        std::size_t count = repeated_count(copy, field);
        void*& items = *static_cast<void**>(slot);
        if (count == 0) {
            items = nullptr;
            return;
        }
        std::size_t item_size = slot_size(field.type);
        items = std::memcpy(arena.allocate(count * item_size), items, count * item_size);
        for (std::size_t i = 0; i < count; ++i) copy_pointed_to(field.type, static_cast<char*>(items) + i * item_size, arena);
    });
    return copy;
}

// Sets up a capture or a handover for one libpg_query call on this thread, and undoes it.
struct CapturedParse {
    explicit CapturedParse(TreeArena& arena) { capture_arena = &arena, captured_tree = nullptr; }
    ~CapturedParse() { capture_arena = nullptr, captured_tree = nullptr; }
};
struct HandedOverTree {
    explicit HandedOverTree(PgQuery__ParseResult* tree) { handed_over_tree = tree; }
    ~HandedOverTree() { handed_over_tree = nullptr; }
};

// Frees a libpg_query result on every path.
struct ProtobufParseResult {
    PgQueryProtobufParseResult result;
    explicit ProtobufParseResult(const char* sql) : result(pg_query_parse_protobuf(sql)) {}
    ~ProtobufParseResult() { pg_query_free_protobuf_parse_result(result); }
};

struct DeparseResult {
    PgQueryDeparseResult result;
    explicit DeparseResult(PgQueryProtobuf tree) : result(pg_query_deparse_protobuf(tree)) {}
    ~DeparseResult() { pg_query_free_deparse_result(result); }
};

// Whether the link wrapped libpg_query's packing (a shared libpg_query cannot be wrapped).
bool tree_handover_works() {
    static const bool works = [] {
        TreeArena arena;
        CapturedParse capture(arena);
        ProtobufParseResult parsed("SELECT");
        return captured_tree != nullptr;
    }();
    return works;
}

std::string deparse_raw_statement(PgQuery__Node* statement) {
    PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
    raw.stmt = statement;
    PgQuery__RawStmt* statements[] = {&raw};
    PgQuery__ParseResult tree = PG_QUERY__PARSE_RESULT__INIT;
    tree.version = PG_VERSION_NUM;
    tree.n_stmts = 1;
    tree.stmts = statements;
    std::vector<uint8_t> buffer;
    std::optional<HandedOverTree> handover;
    if (tree_handover_works())
        handover.emplace(&tree);
    else {
        buffer.resize(pg_query__parse_result__get_packed_size(&tree));
        pg_query__parse_result__pack(&tree, buffer.data());
    }
    DeparseResult deparsed(PgQueryProtobuf{buffer.size(), reinterpret_cast<char*>(buffer.data())});
    if (deparsed.result.error) throw std::runtime_error(deparsed.result.error->message);
    return deparsed.result.query;
}

}  // namespace

ParsedSql::ParsedSql(const std::string& sql) : arena_(std::make_unique<TreeArena>()) {
    CapturedParse capture(*arena_);
    ProtobufParseResult parsed(sql.c_str());
    if (parsed.result.error) {
        std::size_t cursor = parsed.result.error->cursorpos > 0 ? std::size_t(parsed.result.error->cursorpos - 1) : 0;
        throw SqlSyntaxError(parsed.result.error->message, byte_offset_of_character(sql, cursor));
    }
    if ((result_ = captured_tree)) return;
    ProtobufCAllocator allocator{&TreeArena::alloc, &TreeArena::release, arena_.get()};
    result_ = pg_query__parse_result__unpack(&allocator, parsed.result.parse_tree.len,
                                             reinterpret_cast<const uint8_t*>(parsed.result.parse_tree.data));
    if (!result_) throw std::runtime_error("libpg_query returned a parse tree that does not unpack");
}

ParsedSql::~ParsedSql() = default;

std::string deparse_statement(const PgQuery__Node* statement) {
    return deparse_raw_statement(const_cast<PgQuery__Node*>(statement));
}

std::string deparse_expression(const PgQuery__Node* expression) {
    PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
    target.val = const_cast<PgQuery__Node*>(expression);
    PgQuery__Node target_node = PG_QUERY__NODE__INIT;
    target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
    target_node.res_target = &target;
    PgQuery__Node* targets[] = {&target_node};
    PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
    select.n_target_list = 1;
    select.target_list = targets;
    select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
    select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
    PgQuery__Node select_node = PG_QUERY__NODE__INIT;
    select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
    select_node.select_stmt = &select;
    std::string text = deparse_raw_statement(&select_node);
    constexpr std::string_view prefix = "SELECT ";
    if (text.compare(0, prefix.size(), prefix) == 0) text.erase(0, prefix.size());
    return text;
}

SourcePosition position_of(std::string_view text, std::size_t byte_offset) {
    if (byte_offset > text.size()) byte_offset = text.size();
    SourcePosition position;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < byte_offset; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            line_start = i + 1;
        }
    }
    // Columns count characters, not bytes, so the caret lines up under UTF-8 text.
    for (std::size_t i = line_start; i < byte_offset; ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position.column;
    std::size_t line_end = text.find('\n', line_start);
    position.line_text = std::string(text.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start));
    if (!position.line_text.empty() && position.line_text.back() == '\r') position.line_text.pop_back();
    return position;
}

std::size_t byte_offset_of_character(std::string_view text, std::size_t character_index) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (characters == character_index) return i;
        ++characters;
    }
    return text.size();
}

}  // namespace pgshift

// The wrapped functions (see tree_handover_works).
extern "C" {
size_t __real_pg_query__parse_result__get_packed_size(const PgQuery__ParseResult* message);
size_t __real_pg_query__parse_result__pack(const PgQuery__ParseResult* message, uint8_t* out);
PgQuery__ParseResult* __real_pg_query__parse_result__unpack(ProtobufCAllocator* allocator, size_t length, const uint8_t* data);
void __real_pg_query__parse_result__free_unpacked(PgQuery__ParseResult* message, ProtobufCAllocator* allocator);

size_t __wrap_pg_query__parse_result__get_packed_size(const PgQuery__ParseResult* message) {
    using namespace pgshift;
    if (!capture_arena) return __real_pg_query__parse_result__get_packed_size(message);
    captured_tree = static_cast<PgQuery__ParseResult*>(copy_message(&message->base, *capture_arena));
    return 0;
}
size_t __wrap_pg_query__parse_result__pack(const PgQuery__ParseResult* message, uint8_t* out) {
    return pgshift::capture_arena ? 0 : __real_pg_query__parse_result__pack(message, out);
}
PgQuery__ParseResult* __wrap_pg_query__parse_result__unpack(ProtobufCAllocator* allocator, size_t length, const uint8_t* data) {
    using namespace pgshift;
    return handed_over_tree ? handed_over_tree : __real_pg_query__parse_result__unpack(allocator, length, data);
}
void __wrap_pg_query__parse_result__free_unpacked(PgQuery__ParseResult* message, ProtobufCAllocator* allocator) {
    if (message != pgshift::handed_over_tree) __real_pg_query__parse_result__free_unpacked(message, allocator);
}
}
