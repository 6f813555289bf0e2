#include "parser/canonical/parsed_expression_facts.hpp"

#include <pg_query.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <functional>

#include "model/names.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/canonical/tree_walk.hpp"

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

// The relation or function a node names, as written (an empty schema when unqualified).
void add_reference(const PgQuery__Node* node, ExpressionFacts::BodyReferences& references) {
    if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR && node->range_var->relname)
        add_unique(references.relations, {node->range_var->schemaname ? node->range_var->schemaname : "", node->range_var->relname});
    if (node->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
        const PgQuery__FuncCall* call = node->func_call;
        if (call->n_funcname == 1) add_unique(references.functions, {"", node_string(call->funcname[0])});
        if (call->n_funcname == 2) add_unique(references.functions, {node_string(call->funcname[0]), node_string(call->funcname[1])});
    }
}

std::vector<QualifiedName> qualified_only(std::vector<QualifiedName> names) {
    names.erase(std::remove_if(names.begin(), names.end(), [](const QualifiedName& name) { return name.schema.empty(); }), names.end());
    return names;
}

// The relations and functions named in SQL text: statements, or else an expression (PL/pgSQL
// keeps conditions and assignments as bare expressions).
void add_references(const std::string& sql, ExpressionFacts::BodyReferences& references) {
    std::string text = sql;
    if (std::size_t assignment = text.find(":="); assignment != std::string::npos && text.find_first_of("'\"") > assignment)
        text = text.substr(assignment + 2);
    auto collect = [&](const ParsedSql& parsed) {
        for (std::size_t i = 0; i < parsed.statement_count(); ++i)
            walk_nodes(parsed.statement(i).stmt, [&](const PgQuery__Node* node) {
                add_reference(node, references);
                return true;
            });
    };
    try {
        collect(ParsedSql(text));
    } catch (const std::exception&) {
        try {
            collect(ParsedSql("SELECT " + text));
        } catch (const std::exception&) {
        }
    }
}

// Every SQL text of a PL/pgSQL function tree: the queries of its PLpgSQL_expr nodes.
void each_plpgsql_query(const nlohmann::json& tree, const std::function<void(const std::string&)>& visit) {
    if (tree.is_object()) {
        for (const auto& [key, value] : tree.items()) {
            if (key == "PLpgSQL_expr" && value.is_object() && value.contains("query") && value["query"].is_string())
                visit(value["query"].get<std::string>());
            else
                each_plpgsql_query(value, visit);
        }
    } else if (tree.is_array()) {
        for (const nlohmann::json& item : tree) each_plpgsql_query(item, visit);
    }
}

std::string dollar_quoted(const std::string& body) {
    std::string tag = "$pgshift$";
    while (body.find(tag) != std::string::npos) tag.insert(tag.size() - 1, "_");
    return tag + body + tag;
}

}  // namespace

ExpressionFacts::BodyReferences ParsedExpressionFacts::body_references(const Function& function) const {
    BodyReferences references;
    if (function.language == "sql") {
        add_references(function.body, references);
    } else if (function.language == "plpgsql") {
        // Compiled with the function's own arguments and result, so that its variables resolve.
        std::string arguments;
        for (const FunctionArgument& argument : function.arguments) {
            if (!arguments.empty()) arguments += ", ";
            arguments += std::string(argument.mode == 'o' ? "OUT " : argument.mode == 'b' ? "INOUT " : argument.mode == 'v' ? "VARIADIC " : "") +
                         (argument.name.empty() ? "" : quote_ident(argument.name) + " ") + argument.type;
        }
        std::string returns = function.kind == FunctionKind::procedure ? "" : std::string(" RETURNS ") + (function.returns_set ? "SETOF " : "") + function.return_type;
        std::string source = std::string(function.kind == FunctionKind::procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION") + " pgshift_body(" +
                             arguments + ")" + returns + " LANGUAGE plpgsql AS " + dollar_quoted(function.body);
        PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(source.c_str());
        if (!parsed.error && parsed.plpgsql_funcs) {
            nlohmann::json tree = nlohmann::json::parse(parsed.plpgsql_funcs, nullptr, false);
            each_plpgsql_query(tree, [&](const std::string& query) { add_references(query, references); });
        }
        pg_query_free_plpgsql_parse_result(parsed);
    }
    return references;
}

// Unqualified names in stored queries are CTEs, and functions that resolve without a schema are
// built in: everything else the catalog prints qualified.
std::vector<QualifiedName> ParsedExpressionFacts::query_relations(const std::string& query) const {
    BodyReferences references;
    each_node(query, [&](const PgQuery__Node* node) { add_reference(node, references); });
    return qualified_only(std::move(references.relations));
}

std::vector<QualifiedName> ParsedExpressionFacts::functions_called(const std::string& expression) const {
    BodyReferences references;
    each_node(expression, [&](const PgQuery__Node* node) { add_reference(node, references); });
    return qualified_only(std::move(references.functions));
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
