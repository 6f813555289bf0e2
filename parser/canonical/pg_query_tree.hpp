// RAII over libpg_query: parse SQL into protobuf-c structs held by an arena, deparse trees back.
#pragma once

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pgshift {

// A syntax error, positioned by byte offset in the text that was parsed.
class SqlSyntaxError : public std::runtime_error {
public:
    SqlSyntaxError(const std::string& message, std::size_t byte_offset)
        : std::runtime_error(message), byte_offset_(byte_offset) {}
    std::size_t byte_offset() const { return byte_offset_; }

private:
    std::size_t byte_offset_;
};

class TreeArena;

// The unpacked parse tree of one SQL text. Every node lives in one arena, freed at once, so a
// tree can be rewritten in place without tracking ownership.
class ParsedSql {
public:
    // Throws SqlSyntaxError. `sql` must stay alive as long as locations are used.
    explicit ParsedSql(const std::string& sql);
    ~ParsedSql();
    ParsedSql(const ParsedSql&) = delete;
    ParsedSql& operator=(const ParsedSql&) = delete;

    std::size_t statement_count() const { return result_->n_stmts; }
    const PgQuery__RawStmt& statement(std::size_t i) const { return *result_->stmts[i]; }

private:
    std::unique_ptr<TreeArena> arena_;
    PgQuery__ParseResult* result_ = nullptr;
};

// Deparses one statement node to SQL text. Throws std::runtime_error when libpg_query cannot.
std::string deparse_statement(const PgQuery__Node* statement);
// Deparses an expression node: the canonical text pgshift stores for expressions.
std::string deparse_expression(const PgQuery__Node* expression);

// 1-based line and column of a byte offset, and the text of that line.
struct SourcePosition {
    int line = 1;
    int column = 1;
    std::string line_text;
};
SourcePosition position_of(std::string_view text, std::size_t byte_offset);

// libpg_query reports error positions in characters; the rest of pgshift uses bytes.
std::size_t byte_offset_of_character(std::string_view text, std::size_t character_index);

}  // namespace pgshift
