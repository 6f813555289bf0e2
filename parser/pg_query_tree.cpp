#include "parser/pg_query_tree.hpp"

#include <cstdlib>
#include <cstring>

namespace pgshift {

struct ParsedSql::Arena {
    std::vector<std::unique_ptr<char[]>> blocks;
    char* cursor = nullptr;
    std::size_t remaining = 0;

    void* allocate(std::size_t size) {
        size = (size + 15) & ~std::size_t(15);
        if (size > remaining) {
            std::size_t block_size = size > 64 * 1024 ? size : 64 * 1024;
            blocks.emplace_back(new char[block_size]);
            cursor = blocks.back().get();
            remaining = block_size;
        }
        void* memory = cursor;
        cursor += size;
        remaining -= size;
        return memory;
    }
    static void* alloc(void* data, size_t size) { return static_cast<Arena*>(data)->allocate(size); }
    static void release(void*, void*) {}  // everything goes with the arena
};

namespace {

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

std::string deparse_raw_statement(PgQuery__Node* statement) {
    PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
    raw.stmt = statement;
    PgQuery__RawStmt* statements[] = {&raw};
    PgQuery__ParseResult tree = PG_QUERY__PARSE_RESULT__INIT;
    tree.version = PG_VERSION_NUM;
    tree.n_stmts = 1;
    tree.stmts = statements;
    std::vector<uint8_t> buffer(pg_query__parse_result__get_packed_size(&tree));
    pg_query__parse_result__pack(&tree, buffer.data());
    PgQueryProtobuf packed{buffer.size(), reinterpret_cast<char*>(buffer.data())};
    DeparseResult deparsed(packed);
    if (deparsed.result.error) throw std::runtime_error(deparsed.result.error->message);
    return deparsed.result.query;
}

}  // namespace

ParsedSql::ParsedSql(const std::string& sql) : arena_(std::make_unique<Arena>()) {
    ProtobufParseResult parsed(sql.c_str());
    if (parsed.result.error) {
        std::size_t cursor = parsed.result.error->cursorpos > 0 ? std::size_t(parsed.result.error->cursorpos - 1) : 0;
        throw SqlSyntaxError(parsed.result.error->message, byte_offset_of_character(sql, cursor));
    }
    ProtobufCAllocator allocator{&Arena::alloc, &Arena::release, arena_.get()};
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
