#include "parser/canonical/node_helpers.hpp"

#include <cstdlib>

namespace pgshift {

std::string node_string(const PgQuery__Node* node) {
    if (!node) return {};
    if (node->node_case == PG_QUERY__NODE__NODE_STRING && node->string) return node->string->sval;
    if (node->node_case == PG_QUERY__NODE__NODE_A_CONST && node->a_const &&
        node->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
        return node->a_const->sval->sval;
    return {};
}

std::string last_name(std::size_t count, PgQuery__Node* const* names) { return count ? node_string(names[count - 1]) : ""; }

std::string collation_name(std::size_t count, PgQuery__Node* const* names) {
    std::vector<std::string> parts = node_strings(count, names);
    if (parts.size() == 2 && parts[0] == "pg_catalog") parts.erase(parts.begin());
    std::string name;
    for (std::size_t i = 0; i < parts.size(); ++i) name += (i ? "." : "") + parts[i];
    return name;
}

std::vector<std::string> node_strings(std::size_t count, PgQuery__Node* const* items) {
    std::vector<std::string> strings;
    strings.reserve(count);
    for (std::size_t i = 0; i < count; ++i) strings.push_back(node_string(items[i]));
    return strings;
}

std::vector<std::string> list_strings(const PgQuery__Node* node) {
    if (!node || node->node_case != PG_QUERY__NODE__NODE_LIST) return {};
    return node_strings(node->list->n_items, node->list->items);
}

std::optional<int64_t> node_integer(const PgQuery__Node* node) {
    if (!node) return std::nullopt;
    switch (node->node_case) {
        case PG_QUERY__NODE__NODE_INTEGER: return node->integer->ival;
        case PG_QUERY__NODE__NODE_FLOAT: return std::strtoll(node->float_->fval, nullptr, 10);
        case PG_QUERY__NODE__NODE_A_CONST:
            if (node->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) return node->a_const->ival->ival;
            if (node->a_const->val_case == PG_QUERY__A__CONST__VAL_FVAL)
                return std::strtoll(node->a_const->fval->fval, nullptr, 10);
            return std::nullopt;
        case PG_QUERY__NODE__NODE_TYPE_CAST: {
            auto value = node_integer(node->type_cast->arg);
            return value;
        }
        case PG_QUERY__NODE__NODE_A_EXPR: {
            // A negative literal: - <number>.
            const PgQuery__AExpr* expr = node->a_expr;
            if (!expr->lexpr && expr->n_name == 1 && node_string(expr->name[0]) == "-") {
                auto value = node_integer(expr->rexpr);
                if (value) return -*value;
            }
            return std::nullopt;
        }
        default: return std::nullopt;
    }
}

std::string def_elem_text(const PgQuery__DefElem* element) {
    const PgQuery__Node* arg = element ? element->arg : nullptr;
    if (!arg) return {};
    switch (arg->node_case) {
        case PG_QUERY__NODE__NODE_STRING: return arg->string->sval;
        case PG_QUERY__NODE__NODE_INTEGER: return std::to_string(arg->integer->ival);
        case PG_QUERY__NODE__NODE_FLOAT: return arg->float_->fval;
        case PG_QUERY__NODE__NODE_BOOLEAN: return arg->boolean->boolval ? "true" : "false";
        case PG_QUERY__NODE__NODE_A_CONST: {
            if (auto value = node_integer(arg)) return std::to_string(*value);
            if (arg->a_const->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL)
                return arg->a_const->boolval->boolval ? "true" : "false";
            return node_string(arg);
        }
        case PG_QUERY__NODE__NODE_TYPE_NAME: {
            std::string text;
            for (std::size_t i = 0; i < arg->type_name->n_names; ++i)
                text += (i ? "." : "") + node_string(arg->type_name->names[i]);
            return text;
        }
        case PG_QUERY__NODE__NODE_LIST: {
            std::string text;
            for (std::size_t i = 0; i < arg->list->n_items; ++i) {
                const PgQuery__Node* item = arg->list->items[i];
                std::string part = node_string(item);
                if (part.empty()) {
                    if (auto value = node_integer(item)) part = std::to_string(*value);
                }
                text += (i ? ", " : "") + part;
            }
            return text;
        }
        default: return {};
    }
}

bool def_elem_bool(const PgQuery__DefElem* element) {
    if (!element || !element->arg) return true;
    std::string text = def_elem_text(element);
    return text == "true" || text == "on" || text == "1" || text == "yes";
}

const PgQuery__DefElem* as_def_elem(const PgQuery__Node* node) {
    return node && node->node_case == PG_QUERY__NODE__NODE_DEF_ELEM ? node->def_elem : nullptr;
}

}  // namespace pgshift
