#include "parser/expression_facts.hpp"

#include <algorithm>
#include <cctype>

#include "parser/canonical_expression.hpp"
#include "parser/node_helpers.hpp"
#include "parser/pg_query_tree.hpp"
#include "parser/tree_walk.hpp"

namespace pgshift {
namespace {

// Calls `visit` on every node of a query, of a function's SQL-standard body, or of an
// expression (parsed as SELECT expression). Text that does not parse has no references.
template <typename Visit>
void each_node(const std::string& text, Visit visit) {
    std::size_t start = text.find_first_not_of(" \t\n(");
    if (start == std::string::npos) return;
    std::string head;
    for (char c : text.substr(start, 6)) head += char(std::toupper(static_cast<unsigned char>(c)));
    bool query = head.rfind("SELECT", 0) == 0 || head.rfind("WITH", 0) == 0 || head.rfind("VALUES", 0) == 0;
    bool body = head == "BEGIN " || head == "RETURN";
    try {
        ParsedSql parsed(query ? text : body ? sql_body_statement(text) : "SELECT " + text);
        for (std::size_t i = 0; i < parsed.statement_count(); ++i)
            walk_nodes(parsed.statement(i).stmt, [&](const PgQuery__Node* node) {
                visit(node);
                return true;
            });
    } catch (const std::exception&) {
    }
}

void add_unique(std::vector<QualifiedName>& names, QualifiedName name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

}  // namespace

std::vector<QualifiedName> ParsedExpressionFacts::query_relations(const std::string& query) const {
    std::vector<QualifiedName> relations;
    each_node(query, [&](const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) return;
        const PgQuery__RangeVar* range = node->range_var;
        // Unqualified names here are CTEs: everything else is qualified in stored queries.
        if (range->schemaname && *range->schemaname && range->relname) add_unique(relations, {range->schemaname, range->relname});
    });
    return relations;
}

std::vector<QualifiedName> ParsedExpressionFacts::functions_called(const std::string& expression) const {
    std::vector<QualifiedName> functions;
    each_node(expression, [&](const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) return;
        const PgQuery__FuncCall* call = node->func_call;
        if (call->n_funcname == 2) add_unique(functions, {node_string(call->funcname[0]), node_string(call->funcname[1])});
    });
    return functions;
}

bool ParsedExpressionFacts::uses_column(const std::string& expression, const std::string& column) const {
    bool found = false;
    each_node(expression, [&](const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return;
        const PgQuery__ColumnRef* ref = node->column_ref;
        if (ref->n_fields && node_string(ref->fields[ref->n_fields - 1]) == column) found = true;
    });
    return found;
}

}  // namespace pgshift
