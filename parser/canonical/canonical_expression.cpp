#include "parser/canonical/canonical_expression.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>
#include <unordered_map>

#include "model/names.hpp"
#include "parser/canonical/array_literal.hpp"
#include "parser/canonical/column_references.hpp"
#include "parser/canonical/from_item_names.hpp"
#include "parser/canonical/interval_literal.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

using NodeArena = RewriteArena::Storage;

// Calls `visit` on every Node slot below `message`, children before parents, so a rewrite sees
// canonical children. `visit` may replace *slot.
void walk_slots(ProtobufCMessage* message, const std::function<void(PgQuery__Node**)>& visit);

void walk_slot(PgQuery__Node** slot, const std::function<void(PgQuery__Node**)>& visit) {
    if (!*slot || (*slot)->node_case == PG_QUERY__NODE__NODE__NOT_SET) return;
    walk_slots(&(*slot)->base, visit);
    visit(slot);
}

void walk_slots(ProtobufCMessage* message, const std::function<void(PgQuery__Node**)>& visit) {
    each_message_slot(message, [&](ProtobufCMessage** slot, const ProtobufCFieldDescriptor& field) {
        if (field.descriptor == &pg_query__node__descriptor)
            walk_slot(reinterpret_cast<PgQuery__Node**>(slot), visit);
        else if (*slot)
            walk_slots(*slot, visit);
    });
}

// 1-part internal type names that the grammar qualifies with pg_catalog when written as keywords.
bool is_catalog_internal_type(const std::string& name) {
    static const char* const names[] = {"int2", "int4", "int8", "float4", "float8", "bool", "varchar", "bpchar",
                                        "numeric", "timestamp", "timestamptz", "time", "timetz", "interval", "bit",
                                        "varbit"};
    for (const char* candidate : names)
        if (name == candidate) return true;
    return false;
}

bool is_numeric_type(const PgQuery__TypeName* type) {
    if (!type || type->n_names == 0 || type->n_array_bounds) return false;
    std::string name = node_string(type->names[type->n_names - 1]);
    return name == "int2" || name == "int4" || name == "int8" || name == "numeric" || name == "float4" ||
           name == "float8" || name == "integer" || name == "bigint" || name == "smallint";
}

// A number written with an exponent as numeric_in keeps it: its digits moved by the exponent,
// with as many decimals as were written less the exponent (1.50e1 is 15.0); nullopt without one.
std::optional<std::string> plain_decimal(const std::string& text) {
    std::size_t e = text.find_first_of("eE");
    if (e == std::string::npos) return std::nullopt;
    std::string mantissa = text.substr(0, e);
    char* end = nullptr;
    long exponent = std::strtol(text.c_str() + e + 1, &end, 10);
    if (*end != '\0' || exponent > 1000 || exponent < -1000) return std::nullopt;
    std::size_t point = mantissa.find('.');
    long decimals = point == std::string::npos ? 0 : long(mantissa.size() - point - 1);
    std::string digits = point == std::string::npos ? mantissa : mantissa.substr(0, point) + mantissa.substr(point + 1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    long shift = exponent - decimals;  // the value is digits * 10^shift
    std::string whole, fraction;
    if (shift >= 0) {
        whole = digits + std::string(std::size_t(shift), '0');
    } else {
        std::size_t scale = std::size_t(-shift);
        if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
        whole = digits.substr(0, digits.size() - scale);
        fraction = digits.substr(digits.size() - scale);
    }
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    return fraction.empty() ? whole : whole + "." + fraction;
}

class Canonicalizer {
public:
    Canonicalizer(const NameResolver* resolver, NodeArena& arena, bool names_only = false)
        : resolver_(resolver), arena_(arena), names_only_(names_only) {}

    // An index key's cast of a column at the top of the tree is what the index stores: it stays.
    void keep_root_cast() { keep_root_cast_ = true; }

    void rewrite(PgQuery__Node** root) {
        root_ = root;
        bool has_query = false;
        walk_nodes(*root, [&](const PgQuery__Node* node) {
            if (node->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR && node->common_table_expr->ctename)
                ctes_.insert(node->common_table_expr->ctename);
            has_query = has_query || node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT;
            return true;
        });
        if (!names_only_) {
            if (has_query) name_from_items_as_catalog(*root, names_around_, arena_);
            if (resolver_) qualify_columns_as_catalog(*root, *resolver_, arena_, around_ ? &*around_ : nullptr);
        }
        walk_slot(root, [this](PgQuery__Node** slot) { visit(slot); });
    }

    // Names of the level around the tree, which its queries' FROM items must not take.
    void names_around(std::vector<std::string> names) { names_around_ = std::move(names); }
    // The FROM item of the level around the tree, which its subqueries may read.
    void enclose(EnclosingItem around) { around_ = std::move(around); }

private:
    void visit(PgQuery__Node** slot) {
        PgQuery__Node* node = *slot;
        modified_relation(node);
        if (names_only_) {
            if (node->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) function_call(node->func_call);
            if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) range_var(node->range_var);
            if (node->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) type_name(node->type_name);
            if (node->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) type_name(node->type_cast->type_name);
            return;
        }
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_TYPE_CAST: return type_cast(slot);
            case PG_QUERY__NODE__NODE_A_EXPR: return a_expr(slot);
            case PG_QUERY__NODE__NODE_FUNC_CALL: return function_call(node->func_call);
            case PG_QUERY__NODE__NODE_RANGE_VAR: return range_var(node->range_var);
            case PG_QUERY__NODE__NODE_SELECT_STMT: return select(node->select_stmt);
            case PG_QUERY__NODE__NODE_TYPE_NAME: return type_name(node->type_name);
            case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
                // LATERAL changes nothing for a function in FROM: its arguments read the items
                // before it either way, and the catalog prints LATERAL where they do.
                node->range_function->lateral = false;
                return;
            case PG_QUERY__NODE__NODE_CASE_EXPR:
                // CASE without ELSE is stored with ELSE NULL.
                if (!node->case_expr->defresult) {
                    PgQuery__AConst* null = arena_.make<PgQuery__AConst>(PG_QUERY__A__CONST__INIT);
                    null->isnull = true;
                    node->case_expr->defresult = arena_.node(PG_QUERY__NODE__NODE_A_CONST, null);
                }
                return;
            case PG_QUERY__NODE__NODE_SUB_LINK: {
                // x = ANY (subquery) is what IN (subquery) is; the catalog prints IN.
                PgQuery__SubLink* link = node->sub_link;
                if (link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK && link->n_oper_name &&
                    node_string(link->oper_name[link->n_oper_name - 1]) == "=")
                    link->n_oper_name = 0;
                return;
            }
            case PG_QUERY__NODE__NODE_A_CONST: {
                // B'0101' is stored as the string '0101' cast to bit.
                PgQuery__AConst* value = node->a_const;
                if (value->val_case == PG_QUERY__A__CONST__VAL_BSVAL && value->bsval->bsval && value->bsval->bsval[0] == 'b') {
                    PgQuery__String* text = arena_.make<PgQuery__String>(PG_QUERY__STRING__INIT);
                    text->sval = arena_.text(value->bsval->bsval + 1);
                    value->val_case = PG_QUERY__A__CONST__VAL_SVAL;
                    value->sval = text;
                }
                // 1e3 is the numeric 1000; -0.0 is 0.0 (a numeric zero has no sign).
                if (value->val_case == PG_QUERY__A__CONST__VAL_FVAL && value->fval->fval && *value->fval->fval) {
                    std::string text = value->fval->fval;
                    bool negative = text[0] == '-';
                    std::string magnitude = text.substr(negative ? 1 : 0);
                    if (std::optional<std::string> plain = plain_decimal(magnitude)) magnitude = *plain;
                    bool zero = magnitude.find_first_not_of("0.") == std::string::npos;
                    std::string canonical = (negative && !zero ? "-" : "") + magnitude;
                    if (canonical != text) value->fval->fval = arena_.text(canonical);
                }
                return;
            }
            case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
                // The catalog names pg_catalog's collations unqualified.
                PgQuery__CollateClause* clause = node->collate_clause;
                if (clause->n_collname == 2 && node_string(clause->collname[0]) == "pg_catalog") {
                    clause->collname = clause->collname + 1;
                    clause->n_collname = 1;
                }
                return;
            }
            case PG_QUERY__NODE__NODE_COLUMN_REF:
                // schema.table.column: the catalog names the relation only.
                if (node->column_ref->n_fields == 3) {
                    node->column_ref->fields = node->column_ref->fields + 1;
                    node->column_ref->n_fields = 2;
                }
                return;
            default: return;
        }
    }

    // Casts PostgreSQL adds (to literals, column references, array constructors) are not written
    // by users: dropped on both sides. A negative number cast to a numeric type is the number.
    void type_cast(PgQuery__Node** slot) {
        PgQuery__TypeCast* cast = (*slot)->type_cast;
        type_name(cast->type_name);
        PgQuery__Node* arg = cast->arg;
        if (!arg) return;
        if (keep_root_cast_ && slot == root_ && arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) return;
        if (arg->node_case == PG_QUERY__NODE__NODE_A_CONST) {
            PgQuery__AConst* value = arg->a_const;
            if (value->val_case == PG_QUERY__A__CONST__VAL_SVAL && is_numeric_type(cast->type_name)) numeric_literal(value);
            std::string target = cast->type_name ? last_name(cast->type_name->n_names, cast->type_name->names) : "";
            if (target == "regclass" && value->val_case == PG_QUERY__A__CONST__VAL_SVAL) qualify_relation_literal(value);
            // Stored as months, days and microseconds, printed back in one form.
            if (target == "interval" && value->val_case == PG_QUERY__A__CONST__VAL_SVAL && !cast->type_name->n_typmods &&
                !cast->type_name->n_array_bounds)
                if (std::optional<std::string> printed = interval_output(value->sval->sval)) value->sval->sval = arena_.text(*printed);
            // An array is stored as its elements and printed back by array_out.
            if (cast->type_name && cast->type_name->n_array_bounds && value->val_case == PG_QUERY__A__CONST__VAL_SVAL)
                array_literal(value, array_element_of(target));
            *slot = arg;
            return;
        }
        if (arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF || arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR ||
            arg->node_case == PG_QUERY__NODE__NODE_TYPE_CAST || arg->node_case == PG_QUERY__NODE__NODE_COALESCE_EXPR)
            *slot = arg;
    }

    void array_literal(PgQuery__AConst* value, ArrayElement element) {
        if (std::optional<std::string> printed = array_output(value->sval->sval, element)) value->sval->sval = arena_.text(*printed);
    }

    void numeric_literal(PgQuery__AConst* value) {
        const char* text = value->sval->sval;
        char* end = nullptr;
        long long integer = std::strtoll(text, &end, 10);
        if (*text && *end == '\0' && integer >= INT32_MIN && integer <= INT32_MAX) {
            value->val_case = PG_QUERY__A__CONST__VAL_IVAL;
            value->ival = arena_.make<PgQuery__Integer>(PG_QUERY__INTEGER__INIT);
            value->ival->ival = int32_t(integer);
            return;
        }
        std::strtod(text, &end);
        if (*text && *end == '\0') {
            value->val_case = PG_QUERY__A__CONST__VAL_FVAL;
            value->fval = arena_.make<PgQuery__Float>(PG_QUERY__FLOAT__INIT);
            value->fval->fval = arena_.text(text);
        }
    }

    // 'name'::regclass names a relation by OID: the catalog prints it qualified.
    void qualify_relation_literal(PgQuery__AConst* value) {
        std::string text = value->sval->sval;
        if (!resolver_ || text.find('.') != std::string::npos) return;
        std::string bare = text.size() >= 2 && text.front() == '"' ? text.substr(1, text.size() - 2) : text;
        if (auto schema = resolver_->relation_schema(bare)) value->sval->sval = arena_.text(qualified({*schema, bare}));
    }

    void a_expr(PgQuery__Node** slot) {
        PgQuery__AExpr* expr = (*slot)->a_expr;
        // OPERATOR(schema.op): the catalog qualifies operators outside pg_catalog; names alone compare.
        if (expr->n_name == 2) {
            expr->name = expr->name + 1;
            expr->n_name = 1;
        }
        std::string op = expr->n_name ? node_string(expr->name[expr->n_name - 1]) : "";
        switch (expr->kind) {
            case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
            case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
                // x = ANY ('{a, b}'): the literal can only be an array.
                if (expr->rexpr && expr->rexpr->node_case == PG_QUERY__NODE__NODE_A_CONST &&
                    expr->rexpr->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
                    array_literal(expr->rexpr->a_const, ArrayElement::as_read);
                return;
            case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
                // a IN (x, y) is stored as a = ANY (ARRAY[x, y]); NOT IN as a <> ALL (...); a
                // list of one as the plain comparison.
                if (!expr->rexpr || expr->rexpr->node_case != PG_QUERY__NODE__NODE_LIST) return;
                if (expr->rexpr->list->n_items == 1) {
                    expr->rexpr = expr->rexpr->list->items[0];
                    expr->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
                    return;
                }
                PgQuery__AArrayExpr* array = arena_.make<PgQuery__AArrayExpr>(PG_QUERY__A__ARRAY_EXPR__INIT);
                array->n_elements = expr->rexpr->list->n_items;
                array->elements = expr->rexpr->list->items;
                expr->rexpr = arena_.node(PG_QUERY__NODE__NODE_A_ARRAY_EXPR, array);
                expr->kind = op == "=" ? PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY : PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
                return;
            }
            case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
            case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
                // LIKE is the ~~ operator family; the catalog prints the operator.
                expr->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
                return;
            case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: {
                // SIMILAR TO is the regular expression operator on similar_to_escape(pattern).
                expr->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
                PgQuery__Node* pattern = expr->rexpr;
                if (pattern && pattern->node_case == PG_QUERY__NODE__NODE_FUNC_CALL && pattern->func_call->n_funcname == 2 &&
                    node_string(pattern->func_call->funcname[0]) == "pg_catalog") {
                    pattern->func_call->funcname = pattern->func_call->funcname + 1;
                    pattern->func_call->n_funcname = 1;
                }
                return;
            }
            case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
            case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN: {
                if (!expr->rexpr || expr->rexpr->node_case != PG_QUERY__NODE__NODE_LIST || expr->rexpr->list->n_items != 2) return;
                bool negated = expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN;
                PgQuery__Node* low = comparison(negated ? "<" : ">=", expr->lexpr, expr->rexpr->list->items[0]);
                PgQuery__Node* high = comparison(negated ? ">" : "<=", expr->lexpr, expr->rexpr->list->items[1]);
                PgQuery__BoolExpr* both = arena_.make<PgQuery__BoolExpr>(PG_QUERY__BOOL_EXPR__INIT);
                both->boolop = negated ? PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR : PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR;
                both->n_args = 2;
                both->args = arena_.array(2);
                both->args[0] = low;
                both->args[1] = high;
                *slot = arena_.node(PG_QUERY__NODE__NODE_BOOL_EXPR, both);
                return;
            }
            default: return;
        }
    }

    PgQuery__Node* comparison(const std::string& op, PgQuery__Node* left, PgQuery__Node* right) {
        PgQuery__AExpr* expr = arena_.make<PgQuery__AExpr>(PG_QUERY__A__EXPR__INIT);
        expr->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
        expr->n_name = 1;
        expr->name = arena_.array(1);
        expr->name[0] = arena_.string(op);
        expr->lexpr = left;
        expr->rexpr = right;
        return arena_.node(PG_QUERY__NODE__NODE_A_EXPR, expr);
    }

    void function_call(PgQuery__FuncCall* call) {
        if (call->n_funcname == 1 && resolver_) {
            std::string name = node_string(call->funcname[0]);
            if (auto schema = resolver_->function_schema(name, call->n_args)) {
                PgQuery__Node** names = arena_.array(2);
                names[0] = arena_.string(*schema);
                names[1] = call->funcname[0];
                call->funcname = names;
                call->n_funcname = 2;
            }
        }
        // nextval('seq') takes a regclass: the catalog prints the literal cast and qualified.
        if (last_name(call->n_funcname, call->funcname) == "nextval" && call->n_args == 1 &&
            call->args[0]->node_case == PG_QUERY__NODE__NODE_A_CONST &&
            call->args[0]->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
            qualify_relation_literal(call->args[0]->a_const);
    }

    void range_var(PgQuery__RangeVar* range) {
        if (!resolver_ || (range->schemaname && *range->schemaname) || !range->relname) return;
        if (ctes_.count(range->relname)) return;  // a WITH query, not a relation
        if (auto schema = resolver_->relation_schema(range->relname)) range->schemaname = arena_.text(*schema);
    }

    void type_name(PgQuery__TypeName* type) {
        if (!type || type->n_names != 1) return;
        std::string name = node_string(type->names[0]);
        if (is_catalog_internal_type(name)) {
            PgQuery__Node** names = arena_.array(2);
            names[0] = arena_.string("pg_catalog");
            names[1] = type->names[0];
            type->names = names;
            type->n_names = 2;
        } else if (resolver_) {
            if (auto schema = resolver_->type_schema(name)) {
                PgQuery__Node** names = arena_.array(2);
                names[0] = arena_.string(*schema);
                names[1] = type->names[0];
                type->names = names;
                type->n_names = 2;
            }
        }
    }

    // INSERT, UPDATE and DELETE (in function bodies): the target is stored qualified, and with
    // no other relation the catalog qualifies every column with it.
    void modified_relation(PgQuery__Node* node) {
        PgQuery__RangeVar* relation = nullptr;
        bool only_relation = false;
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_INSERT_STMT: relation = node->insert_stmt->relation; break;
            case PG_QUERY__NODE__NODE_UPDATE_STMT:
                relation = node->update_stmt->relation;
                only_relation = node->update_stmt->n_from_clause == 0;
                break;
            case PG_QUERY__NODE__NODE_DELETE_STMT:
                relation = node->delete_stmt->relation;
                only_relation = node->delete_stmt->n_using_clause == 0;
                break;
            default: return;
        }
        if (!relation) return;
        range_var(relation);
        if (only_relation && !names_only_) {
            std::string qualifier = relation->alias && relation->alias->aliasname && *relation->alias->aliasname ? relation->alias->aliasname : relation->relname;
            strip_qualifier(node->node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ? &node->update_stmt->base : &node->delete_stmt->base, qualifier);
        }
    }

    void select(PgQuery__SelectStmt* statement, bool names_matter = true) {
        if (statement->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
            // The leaves are not Nodes, so the walk does not come here for them. Only the
            // leftmost names the columns; the catalog names the others' as it pleases (a view's
            // column names, say).
            if (statement->larg) select(statement->larg, names_matter);
            if (statement->rarg) select(statement->rarg, false);
            return;
        }
        // GROUP BY 1 / ORDER BY 1 are stored as the expression they point at.
        auto resolve_ordinal = [&](PgQuery__Node** slot) {
            PgQuery__Node* item = *slot;
            if (item->node_case != PG_QUERY__NODE__NODE_A_CONST || item->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) return;
            int32_t position = item->a_const->ival->ival;
            if (position >= 1 && std::size_t(position) <= statement->n_target_list)
                *slot = statement->target_list[position - 1]->res_target->val;
        };
        // ORDER BY name means the output column of that name first: stored as its expression.
        auto resolve_output_name = [&](PgQuery__Node** slot) {
            const PgQuery__Node* item = *slot;
            if (item->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || item->column_ref->n_fields != 1 ||
                item->column_ref->fields[0]->node_case != PG_QUERY__NODE__NODE_STRING)
                return;
            std::string name = node_string(item->column_ref->fields[0]);
            PgQuery__Node* match = nullptr;
            for (std::size_t i = 0; i < statement->n_target_list; ++i) {
                const PgQuery__ResTarget* target = statement->target_list[i]->res_target;
                if (!target->val || (target->name && *target->name ? target->name : figure_column_name(target->val)) != name) continue;
                if (match) return;  // ambiguous: left as written
                match = target->val;
            }
            if (match) *slot = match;
        };
        for (std::size_t i = 0; i < statement->n_group_clause; ++i) resolve_ordinal(&statement->group_clause[i]);
        for (std::size_t i = 0; i < statement->n_sort_clause; ++i)
            if (statement->sort_clause[i]->node_case == PG_QUERY__NODE__NODE_SORT_BY) {
                resolve_ordinal(&statement->sort_clause[i]->sort_by->node);
                resolve_output_name(&statement->sort_clause[i]->sort_by->node);
            }
        // AS names equal to the natural name are what PostgreSQL adds: dropped on both sides.
        for (std::size_t i = 0; i < statement->n_target_list; ++i) {
            PgQuery__ResTarget* target = statement->target_list[i]->res_target;
            if (!names_matter || (target->name && *target->name && figure_column_name(target->val) == target->name)) target->name = nullptr;
        }
        // In a select over one relation (or function), the catalog qualifies every column with it.
        const PgQuery__Node* only = statement->n_from_clause == 1 ? statement->from_clause[0] : nullptr;
        if (only && only->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
            const PgQuery__RangeVar* range = only->range_var;
            std::string qualifier = range->alias && range->alias->aliasname && *range->alias->aliasname ? range->alias->aliasname : range->relname;
            strip_qualifier(&statement->base, qualifier);
        } else if (only && only->node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION && only->range_function->alias) {
            strip_qualifier(&statement->base, only->range_function->alias->aliasname);
        }
    }

    // qualifier.column -> column for the references of this query level; nested queries have
    // their own FROM, and their references to this level keep their qualifier.
    static void strip_qualifier(ProtobufCMessage* message, const std::string& qualifier) {
        const ProtobufCMessageDescriptor* descriptor = message->descriptor;
        char* base = reinterpret_cast<char*>(message);
        for (unsigned i = 0; i < descriptor->n_fields; ++i) {
            const ProtobufCFieldDescriptor& field = descriptor->fields[i];
            if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
            if ((field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && *reinterpret_cast<uint32_t*>(base + field.quantifier_offset) != field.id) continue;
            auto each = [&](ProtobufCMessage* child) {
                if (!child) return;
                if (field.descriptor == &pg_query__node__descriptor) {
                    auto* node = reinterpret_cast<PgQuery__Node*>(child);
                    if (node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) return;
                    if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
                        PgQuery__ColumnRef* ref = node->column_ref;
                        // items.* keeps its qualifier: without it, it would be every item's columns.
                        if (ref->n_fields == 2 && node_string(ref->fields[0]) == qualifier && ref->fields[1]->node_case != PG_QUERY__NODE__NODE_A_STAR) {
                            ref->fields = ref->fields + 1;
                            ref->n_fields = 1;
                        }
                        return;
                    }
                }
                strip_qualifier(child, qualifier);
            };
            if (field.label == PROTOBUF_C_LABEL_REPEATED) {
                std::size_t count = *reinterpret_cast<std::size_t*>(base + field.quantifier_offset);
                auto** items = *reinterpret_cast<ProtobufCMessage***>(base + field.offset);
                for (std::size_t j = 0; j < count; ++j) each(items[j]);
            } else {
                each(*reinterpret_cast<ProtobufCMessage**>(base + field.offset));
            }
        }
    }

    const NameResolver* resolver_;
    NodeArena& arena_;
    bool names_only_;
    bool keep_root_cast_ = false;
    PgQuery__Node** root_ = nullptr;
    std::set<std::string> ctes_;
    std::optional<EnclosingItem> around_;
    std::vector<std::string> names_around_;
};

}  // namespace

namespace {

// Resolves nothing: catalog text is already qualified.
class NoNames : public NameResolver {
public:
    std::optional<std::string> function_schema(const std::string&, std::size_t) const override { return std::nullopt; }
    std::optional<std::string> relation_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::string> type_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::string> opclass_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::vector<std::string>> relation_columns(const std::string&, const std::string&) const override {
        return std::nullopt;
    }
};

const NameResolver& no_names() {
    static const NoNames resolver;
    return resolver;
}

}  // namespace

std::string resolved_expression(PgQuery__Node* expression, const NameResolver* resolver, RewriteArena& arena) {
    if (!expression) return {};
    Canonicalizer(resolver, arena.storage(), true).rewrite(&expression);
    return deparse_expression(expression);
}

bool canonical_only_resolves_names(const PgQuery__Node* expression) {
    // The node kinds Canonicalizer::visit rewrites beyond names (keep the two in step).
    bool names_only = true;
    walk_nodes(expression, [&](const PgQuery__Node* node) {
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_TYPE_CAST:
            case PG_QUERY__NODE__NODE_SELECT_STMT:
                names_only = false;
                break;
            case PG_QUERY__NODE__NODE_COLUMN_REF:
                // Qualified references lose their qualifier (policies: the table's own name).
                names_only = names_only && node->column_ref->n_fields < 2;
                break;
            case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
                names_only = names_only && node->collate_clause->n_collname < 2;
                break;
            case PG_QUERY__NODE__NODE_A_CONST:
                names_only = names_only && node->a_const->val_case != PG_QUERY__A__CONST__VAL_BSVAL;
                break;
            case PG_QUERY__NODE__NODE_A_EXPR: {
                const PgQuery__AExpr* expr = node->a_expr;
                bool array_literal = (expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY || expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL) &&
                                     expr->rexpr && expr->rexpr->node_case == PG_QUERY__NODE__NODE_A_CONST;
                names_only = names_only && expr->n_name < 2 && !array_literal &&
                             (expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP || expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY ||
                              expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL || expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT ||
                              expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT);
                break;
            }
            default: break;
        }
        return names_only;
    });
    return names_only;
}

std::string resolved_query(PgQuery__Node* query, const NameResolver* resolver, RewriteArena& arena) {
    if (!query) return {};
    Canonicalizer(resolver, arena.storage(), true).rewrite(&query);
    return deparse_statement(query);
}

std::string canonical_expression(PgQuery__Node* expression, const NameResolver* resolver, RewriteArena& arena) {
    if (!expression) return {};
    Canonicalizer canonicalizer(resolver, arena.storage());
    canonicalizer.rewrite(&expression);
    return deparse_expression(expression);
}

std::string canonical_index_expression(PgQuery__Node* expression, const NameResolver* resolver, RewriteArena& arena) {
    if (!expression) return {};
    Canonicalizer canonicalizer(resolver, arena.storage());
    canonicalizer.keep_root_cast();
    canonicalizer.rewrite(&expression);
    return deparse_expression(expression);
}

void drop_own_qualifiers(PgQuery__Node* expression, const std::string& schema, const std::string& table) {
    if (!expression) return;
    walk_nodes(expression, [&](const PgQuery__Node* node) {
        if (node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) return false;
        if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return true;
        auto* ref = const_cast<PgQuery__ColumnRef*>(node->column_ref);
        std::size_t column = ref->n_fields - 1;
        bool own = (ref->n_fields == 2 && node_string(ref->fields[0]) == table) ||
                   (ref->n_fields == 3 && node_string(ref->fields[0]) == schema && node_string(ref->fields[1]) == table);
        if (own && ref->fields[column]->node_case == PG_QUERY__NODE__NODE_STRING) {
            ref->fields = ref->fields + column;
            ref->n_fields = 1;
        }
        return false;
    });
}

std::string canonical_policy_expression(PgQuery__Node* expression, const std::string& schema, const std::string& table,
                                        const NameResolver* resolver, RewriteArena& arena) {
    if (!expression) return {};
    // The catalog prints references to the table bare, but qualified inside subqueries: only the
    // expression's own level loses the qualifier.
    bool subquery_reads_columns = false;
    walk_nodes(expression, [&](const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return true;
        walk_nodes(node, [&](const PgQuery__Node* inner) {
            subquery_reads_columns = subquery_reads_columns || inner->node_case == PG_QUERY__NODE__NODE_COLUMN_REF;
            return !subquery_reads_columns;
        });
        return false;
    });
    drop_own_qualifiers(expression, schema, table);
    Canonicalizer canonicalizer(resolver, arena.storage());
    canonicalizer.names_around({table});
    if (resolver && subquery_reads_columns) canonicalizer.enclose({table, resolver->relation_columns(schema, table)});
    canonicalizer.rewrite(&expression);
    return deparse_expression(expression);
}

std::string canonical_policy_expression_text(const std::string& expression, const std::string& table, const NameResolver* resolver,
                                             const std::string& schema) {
    // Catalog text (no resolver) is memoized. The table matters only where the text names it: the
    // same policy on every table is canonicalized once. A quoted name may not read as the table
    // does, so it keeps the table (and its schema) in the key.
    thread_local std::unordered_map<std::string, std::string> memo;
    std::string key;
    if (!resolver) {
        bool may_name_table = expression.find(table) != std::string::npos || expression.find('"') != std::string::npos;
        key = (may_name_table ? schema + '\x1f' + table : std::string()) + '\x1f' + expression;
        if (auto known = memo.find(key); known != memo.end()) return known->second;
    }
    ParsedSql parsed("SELECT " + expression);
    RewriteArena arena;
    std::string canonical = canonical_policy_expression(parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val,
                                                        schema, table, resolver, arena);
    if (!resolver) memo.emplace(std::move(key), canonical);
    return canonical;
}

namespace {

std::string canonical_statement(PgQuery__Node* statement, const NameResolver* resolver, RewriteArena& arena,
                                std::vector<std::string> names_around) {
    if (!statement) return {};
    Canonicalizer canonicalizer(resolver, arena.storage());
    canonicalizer.names_around(std::move(names_around));
    canonicalizer.rewrite(&statement);
    return deparse_statement(statement);
}

}  // namespace

std::string canonical_query(PgQuery__Node* query, const NameResolver* resolver, RewriteArena& arena) {
    // PostgreSQL 15 keeps "old" and "new" in a view's range table, before the query's own items.
    return canonical_statement(query, resolver, arena, {"old", "new"});
}

namespace {

// BEGIN ATOMIC keeps its statements as a one-item list holding the list; RETURN is a ReturnStmt.
template <typename StatementText, typename ExpressionText>
std::string sql_body_text(PgQuery__Node* body, StatementText statement_text, ExpressionText expression_text) {
    if (body->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) return "RETURN " + expression_text(body->return_stmt->returnval);
    if (body->node_case != PG_QUERY__NODE__NODE_LIST || body->list->n_items != 1 ||
        body->list->items[0]->node_case != PG_QUERY__NODE__NODE_LIST)
        throw std::runtime_error("not a function body");
    std::string text = "BEGIN ATOMIC\n";
    const PgQuery__List* statements = body->list->items[0]->list;
    for (std::size_t i = 0; i < statements->n_items; ++i) text += statement_text(statements->items[i]) + ";\n";
    return text + "END";
}

}  // namespace

std::string canonical_sql_body(PgQuery__Node* body, const std::string& function, const std::set<std::string>& parameters,
                               const NameResolver* resolver, RewriteArena& arena) {
    // The catalog qualifies references to parameters with the function's name. (Only here: as
    // written, such a qualifier may be what tells a parameter from a column.)
    walk_nodes(body, [&](const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return true;
        PgQuery__ColumnRef* ref = node->column_ref;
        if (ref->n_fields == 2 && node_string(ref->fields[0]) == function && parameters.count(node_string(ref->fields[1]))) {
            ref->fields = ref->fields + 1;
            ref->n_fields = 1;
        }
        return false;
    });
    // p.field, p a parameter of a composite type, is printed (p).field: where no FROM item is
    // named p, which PostgreSQL would resolve first.
    std::set<std::string> item_names;
    walk_nodes(body, [&](const PgQuery__Node* node) {
        const PgQuery__Alias* alias = node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR         ? node->range_var->alias
                                      : node->node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT ? node->range_subselect->alias
                                      : node->node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION  ? node->range_function->alias
                                                                                                 : nullptr;
        if (alias && alias->aliasname) item_names.insert(alias->aliasname);
        else if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) item_names.insert(node->range_var->relname);
        return true;
    });
    walk_nodes(body, [&](const PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return true;
        const PgQuery__ColumnRef* ref = node->column_ref;
        if (ref->n_fields != 2 || ref->fields[1]->node_case != PG_QUERY__NODE__NODE_STRING) return false;
        std::string parameter = node_string(ref->fields[0]);
        if (!parameters.count(parameter) || item_names.count(parameter)) return false;
        RewriteArena::Storage& storage = arena.storage();
        PgQuery__ColumnRef* bare = storage.make<PgQuery__ColumnRef>(PG_QUERY__COLUMN_REF__INIT);
        bare->n_fields = 1;
        bare->fields = ref->fields;
        PgQuery__AIndirection* selection = storage.make<PgQuery__AIndirection>(PG_QUERY__A__INDIRECTION__INIT);
        selection->arg = storage.node(PG_QUERY__NODE__NODE_COLUMN_REF, bare);
        selection->n_indirection = 1;
        selection->indirection = ref->fields + 1;
        auto* slot = const_cast<PgQuery__Node*>(node);
        slot->node_case = PG_QUERY__NODE__NODE_A_INDIRECTION;
        slot->a_indirection = selection;
        return false;
    });
    return sql_body_text(
        body, [&](PgQuery__Node* statement) { return canonical_statement(statement, resolver, arena, {}); },
        [&](PgQuery__Node* expression) { return canonical_expression(expression, resolver, arena); });
}

std::string resolved_sql_body(PgQuery__Node* body, const NameResolver* resolver, RewriteArena& arena) {
    return sql_body_text(
        body, [&](PgQuery__Node* statement) { return resolved_query(statement, resolver, arena); },
        [&](PgQuery__Node* expression) { return resolved_expression(expression, resolver, arena); });
}

std::string sql_body_statement(const std::string& body) {
    return "CREATE FUNCTION pgshift_body() RETURNS void LANGUAGE sql " + body;
}

std::string canonical_sql_body_text(const std::string& body, const std::string& function, const std::set<std::string>& parameters) {
    ParsedSql parsed(sql_body_statement(body));
    const PgQuery__Node* statement = parsed.statement(0).stmt;
    if (parsed.statement_count() != 1 || statement->node_case != PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT ||
        !statement->create_function_stmt->sql_body)
        throw std::runtime_error("not a function body");
    RewriteArena arena;
    return canonical_sql_body(statement->create_function_stmt->sql_body, function, parameters, nullptr, arena);
}

bool expression_uses_column(const std::string& expression, const std::string& column) {
    if (expression.empty()) return false;
    try {
        ParsedSql parsed("SELECT " + expression);
        bool found = false;
        walk_nodes(parsed.statement(0).stmt, [&](const PgQuery__Node* node) {
            if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
                const PgQuery__ColumnRef* ref = node->column_ref;
                if (ref->n_fields && node_string(ref->fields[ref->n_fields - 1]) == column) found = true;
            }
            return !found;
        });
        return found;
    } catch (const std::exception&) {
        return false;
    }
}

std::string rename_column_in_expression(const std::string& expression, const std::string& table, const std::string& from,
                                       const std::string& to) {
    // The name appears in the text, quoted or not, unless it holds a quote (doubled when quoted).
    if (expression.empty() || (from.find('"') == std::string::npos && expression.find(from) == std::string::npos))
        return expression;
    ParsedSql parsed("SELECT " + expression);
    PgQuery__Node* value = parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val;
    RewriteArena rewrite_arena;
    NodeArena& arena = rewrite_arena.storage();
    bool changed = false;
    walk_slot(&value, [&](PgQuery__Node** slot) {
        if ((*slot)->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return;
        PgQuery__ColumnRef* ref = (*slot)->column_ref;
        bool own = ref->n_fields == 1 || (ref->n_fields == 2 && node_string(ref->fields[0]) == table);
        if (own && node_string(ref->fields[ref->n_fields - 1]) == from) {
            ref->fields[ref->n_fields - 1] = arena.string(to);
            changed = true;
        }
    });
    return changed ? deparse_expression(value) : expression;
}

std::string canonical_expression_text(const std::string& expression, const NameResolver* resolver) {
    // Catalog text repeats (now(), the same policy on every table); without a resolver the
    // result depends on the text alone.
    thread_local std::unordered_map<std::string, std::string> memo;
    if (!resolver) {
        if (auto known = memo.find(expression); known != memo.end()) return known->second;
        std::string canonical = canonical_expression_text(expression, &no_names());
        memo.emplace(expression, canonical);
        return canonical;
    }
    ParsedSql parsed("SELECT " + expression);
    if (parsed.statement_count() != 1 || parsed.statement(0).stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
        parsed.statement(0).stmt->select_stmt->n_target_list != 1)
        throw std::runtime_error("not a single expression: " + expression);
    RewriteArena arena;
    return canonical_expression(parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val, resolver, arena);
}

std::string canonical_query_text(const std::string& query, const NameResolver* resolver) {
    ParsedSql parsed(query);
    if (parsed.statement_count() != 1) throw std::runtime_error("not a single query");
    RewriteArena arena;
    return canonical_query(parsed.statement(0).stmt, resolver, arena);
}

}  // namespace pgshift
