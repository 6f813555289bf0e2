#include "parser/canonical_expression.hpp"

#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <set>

#include "model/names.hpp"
#include "parser/node_helpers.hpp"
#include "parser/pg_query_tree.hpp"
#include "parser/tree_walk.hpp"

namespace pgshift {
namespace {

// Nodes the rewrite creates; they live until the tree is deparsed.
class NodeArena {
public:
    template <typename T>
    T* make(const T& initial) {
        auto block = std::make_unique<char[]>(sizeof(T));
        T* value = new (block.get()) T(initial);
        blocks_.push_back(std::move(block));
        return value;
    }
    PgQuery__Node* node(PgQuery__Node__NodeCase node_case, void* value) {
        PgQuery__Node* result = make<PgQuery__Node>(PG_QUERY__NODE__INIT);
        result->node_case = node_case;
        result->alias = static_cast<PgQuery__Alias*>(value);  // every union member is a pointer
        return result;
    }
    PgQuery__Node* string(const std::string& text) {
        PgQuery__String* value = make<PgQuery__String>(PG_QUERY__STRING__INIT);
        strings_.push_back(text);
        value->sval = const_cast<char*>(strings_.back().c_str());
        return node(PG_QUERY__NODE__NODE_STRING, value);
    }
    PgQuery__Node** array(std::size_t count) {
        auto block = std::make_unique<char[]>(sizeof(PgQuery__Node*) * (count ? count : 1));
        auto** items = reinterpret_cast<PgQuery__Node**>(block.get());
        blocks_.push_back(std::move(block));
        return items;
    }
    char* text(const std::string& value) {
        strings_.push_back(value);
        return const_cast<char*>(strings_.back().c_str());
    }

private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::deque<std::string> strings_;
};

// Calls `visit` on every Node slot below `message`, children before parents, so a rewrite sees
// canonical children. `visit` may replace *slot.
void walk_slots(ProtobufCMessage* message, const std::function<void(PgQuery__Node**)>& visit);

void walk_slot(PgQuery__Node** slot, const std::function<void(PgQuery__Node**)>& visit) {
    if (!*slot || (*slot)->node_case == PG_QUERY__NODE__NODE__NOT_SET) return;
    walk_slots(&(*slot)->base, visit);
    visit(slot);
}

void walk_slots(ProtobufCMessage* message, const std::function<void(PgQuery__Node**)>& visit) {
    const ProtobufCMessageDescriptor* descriptor = message->descriptor;
    char* base = reinterpret_cast<char*>(message);
    for (unsigned i = 0; i < descriptor->n_fields; ++i) {
        const ProtobufCFieldDescriptor& field = descriptor->fields[i];
        if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
        if (field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            if (*reinterpret_cast<uint32_t*>(base + field.quantifier_offset) != field.id) continue;
        }
        bool is_node = field.descriptor == &pg_query__node__descriptor;
        auto each = [&](void* slot_address) {
            if (is_node) {
                walk_slot(static_cast<PgQuery__Node**>(slot_address), visit);
            } else if (auto* child = *static_cast<ProtobufCMessage**>(slot_address)) {
                walk_slots(child, visit);
            }
        };
        if (field.label == PROTOBUF_C_LABEL_REPEATED) {
            std::size_t count = *reinterpret_cast<std::size_t*>(base + field.quantifier_offset);
            auto** items = *reinterpret_cast<ProtobufCMessage***>(base + field.offset);
            for (std::size_t j = 0; j < count; ++j) each(&items[j]);
        } else {
            each(base + field.offset);
        }
    }
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

std::string last_name(std::size_t count, PgQuery__Node** names) { return count ? node_string(names[count - 1]) : ""; }

// FigureColname() for the forms it names: the AS that PostgreSQL prints when it differs.
std::string natural_column_name(const PgQuery__Node* value) {
    if (!value) return "?column?";
    switch (value->node_case) {
        case PG_QUERY__NODE__NODE_COLUMN_REF: {
            const PgQuery__ColumnRef* ref = value->column_ref;
            return ref->n_fields ? node_string(ref->fields[ref->n_fields - 1]) : "?column?";
        }
        case PG_QUERY__NODE__NODE_FUNC_CALL: return last_name(value->func_call->n_funcname, value->func_call->funcname);
        case PG_QUERY__NODE__NODE_TYPE_CAST: {
            std::string inner = natural_column_name(value->type_cast->arg);
            if (inner != "?column?") return inner;
            const PgQuery__TypeName* type = value->type_cast->type_name;
            return type ? last_name(type->n_names, type->names) : inner;
        }
        case PG_QUERY__NODE__NODE_CASE_EXPR: return "case";
        case PG_QUERY__NODE__NODE_COALESCE_EXPR: return "coalesce";
        case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: return "array";
        case PG_QUERY__NODE__NODE_A_INDIRECTION: return natural_column_name(value->a_indirection->arg);
        case PG_QUERY__NODE__NODE_SUB_LINK:
            if (value->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK) return "exists";
            if (value->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK) return "array";
            return "?column?";
        default: return "?column?";
    }
}

class Canonicalizer {
public:
    explicit Canonicalizer(const NameResolver* resolver) : resolver_(resolver) {}

    void rewrite(PgQuery__Node** root) {
        walk_nodes(*root, [this](const PgQuery__Node* node) {
            if (node->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR && node->common_table_expr->ctename)
                ctes_.insert(node->common_table_expr->ctename);
            return true;
        });
        walk_slot(root, [this](PgQuery__Node** slot) { visit(slot); });
    }

private:
    void visit(PgQuery__Node** slot) {
        PgQuery__Node* node = *slot;
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_TYPE_CAST: return type_cast(slot);
            case PG_QUERY__NODE__NODE_A_EXPR: return a_expr(slot);
            case PG_QUERY__NODE__NODE_FUNC_CALL: return function_call(node->func_call);
            case PG_QUERY__NODE__NODE_RANGE_VAR: return range_var(node->range_var);
            case PG_QUERY__NODE__NODE_SELECT_STMT: return select(node->select_stmt);
            case PG_QUERY__NODE__NODE_TYPE_NAME: return type_name(node->type_name);
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
        if (arg->node_case == PG_QUERY__NODE__NODE_A_CONST) {
            PgQuery__AConst* value = arg->a_const;
            if (value->val_case == PG_QUERY__A__CONST__VAL_SVAL && is_numeric_type(cast->type_name)) numeric_literal(value);
            std::string target = cast->type_name ? last_name(cast->type_name->n_names, cast->type_name->names) : "";
            if (target == "regclass" && value->val_case == PG_QUERY__A__CONST__VAL_SVAL) qualify_relation_literal(value);
            *slot = arg;
            return;
        }
        if (arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF || arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR ||
            arg->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
            *slot = arg;
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
        std::string op = expr->n_name ? node_string(expr->name[expr->n_name - 1]) : "";
        switch (expr->kind) {
            case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
                // a IN (x, y) is stored as a = ANY (ARRAY[x, y]); NOT IN as a <> ALL (...).
                if (!expr->rexpr || expr->rexpr->node_case != PG_QUERY__NODE__NODE_LIST) return;
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

    void select(PgQuery__SelectStmt* statement) {
        // AS names equal to the natural name are what PostgreSQL adds: dropped on both sides.
        for (std::size_t i = 0; i < statement->n_target_list; ++i) {
            PgQuery__ResTarget* target = statement->target_list[i]->res_target;
            if (target->name && natural_column_name(target->val) == target->name) target->name = nullptr;
        }
        // In a select over one relation, the catalog qualifies every column with it.
        if (statement->n_from_clause == 1 && statement->from_clause[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
            const PgQuery__RangeVar* range = statement->from_clause[0]->range_var;
            std::string qualifier = range->alias && range->alias->aliasname ? range->alias->aliasname : range->relname;
            walk_slots(&statement->base, [&](PgQuery__Node** slot) {
                if ((*slot)->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return;
                PgQuery__ColumnRef* ref = (*slot)->column_ref;
                if (ref->n_fields == 2 && node_string(ref->fields[0]) == qualifier) {
                    ref->fields = ref->fields + 1;
                    ref->n_fields = 1;
                }
            });
        }
    }

    const NameResolver* resolver_;
    NodeArena arena_;
    std::set<std::string> ctes_;
};

}  // namespace

std::string canonical_expression(PgQuery__Node* expression, const NameResolver* resolver) {
    if (!expression) return {};
    Canonicalizer canonicalizer(resolver);
    canonicalizer.rewrite(&expression);
    return deparse_expression(expression);
}

std::string canonical_query(PgQuery__Node* query, const NameResolver* resolver) {
    if (!query) return {};
    Canonicalizer canonicalizer(resolver);
    canonicalizer.rewrite(&query);
    return deparse_statement(query);
}

std::string canonical_expression_text(const std::string& expression, const NameResolver* resolver) {
    ParsedSql parsed("SELECT " + expression);
    if (parsed.statement_count() != 1 || parsed.statement(0).stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
        parsed.statement(0).stmt->select_stmt->n_target_list != 1)
        throw std::runtime_error("not a single expression: " + expression);
    return canonical_expression(parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val, resolver);
}

std::string canonical_query_text(const std::string& query, const NameResolver* resolver) {
    ParsedSql parsed(query);
    if (parsed.statement_count() != 1) throw std::runtime_error("not a single query");
    return canonical_query(parsed.statement(0).stmt, resolver);
}

}  // namespace pgshift
