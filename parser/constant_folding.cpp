#include "parser/constant_folding.hpp"

#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"

namespace pgshift {
namespace {

using Kind = FoldedValue::Kind;

FoldedValue fold(const PgQuery__Node* node, const FoldedVariables& variables);

FoldedValue boolean(bool value) { return FoldedValue::of(value ? "true" : "false"); }

// What the server's quote_literal() and format()'s %L return: unlike a printed constant, a text
// with a backslash is written in the escape syntax, E'...', with the backslashes doubled.
std::string quote_literal_function(const std::string& text) {
    if (text.find('\\') == std::string::npos) return quote_literal(text);
    std::string quoted = "E'";
    for (char c : text) {
        if (c == '\'' || c == '\\') quoted += c;
        quoted += c;
    }
    return quoted + "'";
}

// format(): %s, %I, %L and %%; positions and widths are not supported.
FoldedValue format(const PgQuery__FuncCall* call, const FoldedVariables& variables) {
    if (call->n_args == 0) return FoldedValue::unknown();
    FoldedValue pattern = fold(call->args[0], variables);
    if (pattern.kind != Kind::text) return pattern;
    std::string result;
    std::size_t next_argument = 1;
    const std::string& text = pattern.text;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            result += text[i];
            continue;
        }
        if (++i >= text.size()) return FoldedValue::unknown();
        char conversion = text[i];
        if (conversion == '%') {
            result += '%';
            continue;
        }
        if (next_argument >= call->n_args) return FoldedValue::unknown();
        FoldedValue argument = fold(call->args[next_argument++], variables);
        if (argument.kind == Kind::unknown) return argument;
        switch (conversion) {
            case 's': result += argument.text; break;
            case 'I':
                if (argument.kind == Kind::null) return FoldedValue::unknown();
                result += quote_ident(argument.text);
                break;
            case 'L': result += argument.kind == Kind::null ? "NULL" : quote_literal_function(argument.text); break;
            default: return FoldedValue::unknown();
        }
    }
    return FoldedValue::of(result);
}

FoldedValue fold_call(const PgQuery__FuncCall* call, const FoldedVariables& variables) {
    std::string name = call->n_funcname ? node_string(call->funcname[call->n_funcname - 1]) : "";
    if (name == "format") return format(call, variables);
    if (name == "current_setting") {
        // current_setting(name, true) is NULL when the setting is absent, as it is for a fresh session.
        if (call->n_args == 2) return FoldedValue::null();
        return FoldedValue::unknown();
    }
    if ((name == "quote_ident" || name == "quote_literal") && call->n_args == 1) {
        FoldedValue argument = fold(call->args[0], variables);
        if (argument.kind != Kind::text) return argument;
        return FoldedValue::of(name == "quote_ident" ? quote_ident(argument.text) : quote_literal_function(argument.text));
    }
    if (name == "concat") {
        std::string result;
        for (std::size_t i = 0; i < call->n_args; ++i) {
            FoldedValue argument = fold(call->args[i], variables);
            if (argument.kind == Kind::unknown) return argument;
            result += argument.text;
        }
        return FoldedValue::of(result);
    }
    return FoldedValue::unknown();
}

FoldedValue fold_operator(const PgQuery__AExpr* expr, const FoldedVariables& variables) {
    if (expr->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP || expr->n_name != 1 || !expr->lexpr) return FoldedValue::unknown();
    std::string op = node_string(expr->name[0]);
    FoldedValue left = fold(expr->lexpr, variables), right = fold(expr->rexpr, variables);
    if (left.kind == Kind::unknown || right.kind == Kind::unknown) return FoldedValue::unknown();
    if (left.kind == Kind::null || right.kind == Kind::null) return FoldedValue::null();
    if (op == "||") return FoldedValue::of(left.text + right.text);
    if (op == "=") return boolean(left.text == right.text);
    if (op == "<>" || op == "!=") return boolean(left.text != right.text);
    return FoldedValue::unknown();
}

FoldedValue fold(const PgQuery__Node* node, const FoldedVariables& variables) {
    if (!node) return FoldedValue::unknown();
    switch (node->node_case) {
        case PG_QUERY__NODE__NODE_A_CONST: {
            const PgQuery__AConst* value = node->a_const;
            if (value->isnull) return FoldedValue::null();
            if (value->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL) return boolean(value->boolval->boolval);
            if (auto number = node_integer(node)) return FoldedValue::of(std::to_string(*number));
            return FoldedValue::of(node_string(node));
        }
        case PG_QUERY__NODE__NODE_COLUMN_REF: {
            const PgQuery__ColumnRef* ref = node->column_ref;
            if (ref->n_fields != 1) return FoldedValue::unknown();
            auto variable = variables.find(node_string(ref->fields[0]));
            return variable == variables.end() ? FoldedValue::unknown() : variable->second;
        }
        case PG_QUERY__NODE__NODE_TYPE_CAST: return fold(node->type_cast->arg, variables);
        case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
            const PgQuery__CoalesceExpr* coalesce = node->coalesce_expr;
            for (std::size_t i = 0; i < coalesce->n_args; ++i) {
                FoldedValue argument = fold(coalesce->args[i], variables);
                if (argument.kind != Kind::null) return argument;
            }
            return FoldedValue::null();
        }
        case PG_QUERY__NODE__NODE_FUNC_CALL: return fold_call(node->func_call, variables);
        case PG_QUERY__NODE__NODE_A_EXPR: return fold_operator(node->a_expr, variables);
        case PG_QUERY__NODE__NODE_BOOL_EXPR: {
            const PgQuery__BoolExpr* expr = node->bool_expr;
            if (expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR && expr->n_args == 1) {
                FoldedValue inner = fold(expr->args[0], variables);
                return inner.kind == Kind::text ? boolean(inner.text != "true") : inner;
            }
            bool is_and = expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR;
            bool all_known = true;
            for (std::size_t i = 0; i < expr->n_args; ++i) {
                FoldedValue argument = fold(expr->args[i], variables);
                if (argument.kind != Kind::text) {
                    all_known = false;
                    continue;
                }
                bool value = argument.text == "true";
                if (is_and && !value) return boolean(false);
                if (!is_and && value) return boolean(true);
            }
            return all_known ? boolean(is_and) : FoldedValue::unknown();
        }
        default: return FoldedValue::unknown();
    }
}

}  // namespace

FoldedValue fold_expression(const std::string& expression, const FoldedVariables& variables) {
    try {
        ParsedSql parsed("SELECT " + expression);
        if (parsed.statement_count() != 1) return FoldedValue::unknown();
        const PgQuery__Node* statement = parsed.statement(0).stmt;
        if (statement->node_case != PG_QUERY__NODE__NODE_SELECT_STMT || statement->select_stmt->n_target_list != 1 ||
            statement->select_stmt->n_from_clause != 0)
            return FoldedValue::unknown();
        return fold(statement->select_stmt->target_list[0]->res_target->val, variables);
    } catch (const std::exception&) {
        return FoldedValue::unknown();
    }
}

std::optional<bool> fold_condition(const std::string& expression, const FoldedVariables& variables) {
    FoldedValue value = fold_expression(expression, variables);
    if (value.kind == Kind::text && (value.text == "true" || value.text == "false")) return value.text == "true";
    if (value.kind == Kind::null) return false;  // IF NULL takes the ELSE branch
    return std::nullopt;
}

}  // namespace pgshift
