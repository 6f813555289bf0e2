#include "parser/name_changes.hpp"

#include <deque>

#include "model/names.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

// Renames, in place, what one tree names. Canonical text names everything outside pg_catalog
// qualified, so a name is `schema.name` wherever the change can reach it.
class NameChanger {
public:
    explicit NameChanger(const NameChange& change) : change_(change) {}

    bool changed() const { return changed_; }

    void walk(const PgQuery__Node* root) {
        walk_nodes(root, [&](const PgQuery__Node* node) {
            switch (node->node_case) {
                case PG_QUERY__NODE__NODE_FUNC_CALL: function_call(node->func_call); break;
                case PG_QUERY__NODE__NODE_TYPE_NAME: type_name(node->type_name); break;
                case PG_QUERY__NODE__NODE_TYPE_CAST: type_name(node->type_cast->type_name); break;
                case PG_QUERY__NODE__NODE_RANGE_VAR: relation(node->range_var); break;
                default: break;
            }
            return true;
        });
    }

private:
    using Kind = NameChange::Kind;

    void function_call(PgQuery__FuncCall* call) {
        if (change_.kind == Kind::schema) {
            qualified_name(call->n_funcname, call->funcname);
            // nextval('schema.sequence'): a regclass, stored by OID.
            std::string name = call->n_funcname ? node_string(call->funcname[call->n_funcname - 1]) : "";
            if ((name == "nextval" || name == "currval" || name == "setval") && call->n_args &&
                call->args[0]->node_case == PG_QUERY__NODE__NODE_A_CONST && call->args[0]->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
                PgQuery__String* literal = call->args[0]->a_const->sval;
                std::string prefix = quote_ident(change_.from.schema) + ".";
                if (std::string(literal->sval).rfind(prefix, 0) == 0) set(literal, quote_ident(change_.to.schema) + "." + (literal->sval + prefix.size()));
            }
        } else if (change_.kind == Kind::function &&
                   (!change_.argument_count || *change_.argument_count == call->n_args)) {
            qualified_name(call->n_funcname, call->funcname);
        }
    }

    void type_name(PgQuery__TypeName* type) {
        if (type && change_.kind != Kind::function) qualified_name(type->n_names, type->names);
    }

    void relation(PgQuery__RangeVar* range) {
        if (change_.kind == Kind::schema && range->schemaname && change_.from.schema == range->schemaname) {
            range->schemaname = kept(change_.to.schema);
            changed_ = true;
        }
    }

    // schema.name as a list of two String nodes.
    void qualified_name(std::size_t count, PgQuery__Node** names) {
        if (count != 2 || names[0]->node_case != PG_QUERY__NODE__NODE_STRING || names[1]->node_case != PG_QUERY__NODE__NODE_STRING) return;
        PgQuery__String* schema = names[0]->string;
        PgQuery__String* name = names[1]->string;
        if (change_.from.schema != schema->sval) return;
        if (change_.kind == Kind::schema) {
            set(schema, change_.to.schema);
        } else if (change_.from.name == name->sval) {
            set(schema, change_.to.schema);
            set(name, change_.to.name);
        }
    }

    void set(PgQuery__String* value, const std::string& text) {
        value->sval = kept(text);
        changed_ = true;
    }

    char* kept(const std::string& text) { return const_cast<char*>(strings_.emplace_back(text).c_str()); }

    const NameChange& change_;
    std::deque<std::string> strings_;  // names the tree points to
    bool changed_ = false;
};

}  // namespace

std::string change_names_in_expression(const std::string& expression, const NameChange& change) {
    if (expression.find(change.needle()) == std::string::npos) return expression;
    ParsedSql parsed("SELECT " + expression);
    const PgQuery__Node* value = parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val;
    NameChanger changer(change);
    changer.walk(value);
    return changer.changed() ? deparse_expression(value) : expression;
}

std::string change_names_in_query(const std::string& query, const NameChange& change) {
    if (query.find(change.needle()) == std::string::npos) return query;
    ParsedSql parsed(query);
    NameChanger changer(change);
    changer.walk(parsed.statement(0).stmt);
    return changer.changed() ? canonical_query_text(deparse_statement(parsed.statement(0).stmt)) : query;
}

std::string change_names_in_sql_body(const std::string& body, const std::string& function, const std::set<std::string>& parameters,
                                     const NameChange& change) {
    if (body.find(change.needle()) == std::string::npos) return body;
    ParsedSql parsed(sql_body_statement(body));
    PgQuery__Node* sql_body = parsed.statement(0).stmt->create_function_stmt->sql_body;
    NameChanger changer(change);
    changer.walk(sql_body);
    if (!changer.changed()) return body;
    RewriteArena arena;
    return canonical_sql_body(sql_body, function, parameters, nullptr, arena);
}

std::string change_qualified_name(const std::string& name, const NameChange& change) {
    if (change.kind == NameChange::Kind::schema) {
        std::string prefix = quote_ident(change.from.schema) + ".";
        return name.rfind(prefix, 0) == 0 ? quote_ident(change.to.schema) + "." + name.substr(prefix.size()) : name;
    }
    std::string from = qualified(change.from);
    if (name == from) return qualified(change.to);
    if (change.kind == NameChange::Kind::type && name == from + "[]") return qualified(change.to) + "[]";
    return name;
}

}  // namespace pgshift
