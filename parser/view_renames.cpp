#include "parser/view_renames.hpp"

#include <deque>
#include <vector>

#include "parser/canonical_expression.hpp"
#include "parser/node_helpers.hpp"
#include "parser/pg_query_tree.hpp"
#include "parser/tree_walk.hpp"

namespace pgshift {
namespace {

// The relations one query level reads, by the name its references use.
struct Scope {
    struct Relation {
        QualifiedName name;
        std::string refname;
    };
    std::vector<Relation> relations;
    bool opaque = false;  // it also reads a subquery, a function or VALUES: columns unknown
};

void add_from_item(const PgQuery__Node* item, Scope& scope) {
    if (!item) return;
    switch (item->node_case) {
        case PG_QUERY__NODE__NODE_RANGE_VAR: {
            const PgQuery__RangeVar* range = item->range_var;
            QualifiedName name{range->schemaname ? range->schemaname : "", range->relname};
            scope.relations.push_back({name, range->alias ? range->alias->aliasname : range->relname});
            return;
        }
        case PG_QUERY__NODE__NODE_JOIN_EXPR:
            add_from_item(item->join_expr->larg, scope);
            add_from_item(item->join_expr->rarg, scope);
            return;
        default: scope.opaque = true;
    }
}

class ColumnRenamer {
  public:
    ColumnRenamer(const QualifiedName& relation, const std::string& from, const std::string& to)
        : relation_(relation), from_(from), to_(to) {}

    // A SELECT, and the selects below it, each with the relations of its own FROM.
    void select(PgQuery__SelectStmt* select, bool outermost) {
        if (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
            if (select->larg) this->select(select->larg, outermost);
            if (select->rarg) this->select(select->rarg, false);
            return;
        }
        Scope scope;
        for (std::size_t i = 0; i < select->n_from_clause; ++i) add_from_item(select->from_clause[i], scope);
        if (outermost) keep_output_names(select, scope);
        level(&select->base, scope);
    }

  private:
    // An output column that is a bare reference to the renamed column keeps its old name.
    void keep_output_names(PgQuery__SelectStmt* select, const Scope& scope) {
        for (std::size_t i = 0; i < select->n_target_list; ++i) {
            PgQuery__ResTarget* target = select->target_list[i]->res_target;
            if (target->name && *target->name) continue;
            if (target->val && target->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && renames(target->val->column_ref, scope))
                target->name = const_cast<char*>(kept(from_));
        }
    }

    // Column references of one level; nested selects get their own.
    void level(ProtobufCMessage* message, const Scope& scope) {
        each_message_slot(message, [&](ProtobufCMessage** slot, const ProtobufCFieldDescriptor& field) {
            if (!*slot) return;
            if (field.descriptor == &pg_query__node__descriptor) {
                auto* node = reinterpret_cast<PgQuery__Node*>(*slot);
                if (node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) return select(node->select_stmt, false);
                if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
                    PgQuery__ColumnRef* ref = node->column_ref;
                    if (renames(ref, scope)) ref->fields[ref->n_fields - 1]->string->sval = const_cast<char*>(kept(to_));
                    return;
                }
            }
            level(*slot, scope);
        });
    }

    bool renames(const PgQuery__ColumnRef* ref, const Scope& scope) const {
        if (ref->n_fields == 0 || ref->fields[ref->n_fields - 1]->node_case != PG_QUERY__NODE__NODE_STRING ||
            node_string(ref->fields[ref->n_fields - 1]) != from_)
            return false;
        if (ref->n_fields == 2) {
            std::string qualifier = node_string(ref->fields[0]);
            for (const Scope::Relation& relation : scope.relations)
                if (relation.refname == qualifier) return is_renamed(relation.name);
            return false;
        }
        return ref->n_fields == 1 && !scope.opaque && scope.relations.size() == 1 && is_renamed(scope.relations[0].name);
    }

    // A relation as the query names it (qualified, on the migrations side).
    bool is_renamed(const QualifiedName& name) const {
        return name.name == relation_.name && (name.schema.empty() || name.schema == relation_.schema);
    }

    const char* kept(const std::string& text) { return strings_.emplace_back(text).c_str(); }

    const QualifiedName& relation_;
    const std::string& from_;
    const std::string& to_;
    std::deque<std::string> strings_;  // names the tree points to
};

// The select whose targets name the output columns: the leftmost of a set operation.
PgQuery__SelectStmt* output_select(PgQuery__SelectStmt* select) {
    while (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE && select->larg) select = select->larg;
    return select;
}

}  // namespace

std::string rename_column_in_view_query(const std::string& query, const QualifiedName& relation, const std::string& from,
                                        const std::string& to) {
    if (query.empty() || query.find(from) == std::string::npos) return query;
    ParsedSql parsed(query);
    PgQuery__Node* statement = parsed.statement(0).stmt;
    if (statement->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return query;
    ColumnRenamer renamer(relation, from, to);
    renamer.select(statement->select_stmt, true);
    return canonical_query_text(deparse_statement(statement));
}

std::string rename_view_output_column(const std::string& query, std::size_t position, const std::string& to) {
    ParsedSql parsed(query);
    PgQuery__Node* statement = parsed.statement(0).stmt;
    if (statement->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return query;
    PgQuery__SelectStmt* select = output_select(statement->select_stmt);
    if (position >= select->n_target_list) return query;
    std::string name = to;
    select->target_list[position]->res_target->name = name.data();
    return canonical_query_text(deparse_statement(statement));
}

}  // namespace pgshift
