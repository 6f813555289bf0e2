#include "parser/view_renames.hpp"

#include <deque>
#include <vector>

#include "model/names.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/canonical/tree_walk.hpp"

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
            if (item->join_expr->alias) scope.relations.push_back({{}, item->join_expr->alias->aliasname});
            return;
        case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
            if (item->range_subselect->alias) scope.relations.push_back({{}, item->range_subselect->alias->aliasname});
            break;
        case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
            if (item->range_function->alias) scope.relations.push_back({{}, item->range_function->alias->aliasname});
            break;
        default: break;
    }
    scope.opaque = true;
}

// The levels of a query: each SELECT with the relations of its own FROM and those of the levels
// around it. `Visitor::enter(select)` sees a level before its nodes; `Visitor::visit(node)` sees
// each node of the level and returns whether it handled it (else the walk goes below it).
template <typename Visitor>
class QueryLevels {
  public:
    bool changed() const { return changed_; }

    void select(PgQuery__SelectStmt* select) {
        if (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
            if (select->larg) this->select(select->larg);
            if (select->rarg) this->select(select->rarg);
            return;
        }
        scopes_.emplace_back();
        for (std::size_t i = 0; i < select->n_from_clause; ++i) add_from_item(select->from_clause[i], scopes_.back());
        static_cast<Visitor*>(this)->enter(select);
        walk(&select->base);
        scopes_.pop_back();
    }

  protected:
    // The relation a qualifier names: the nearest level's with that reference name.
    const Scope::Relation* named(const std::string& qualifier) const {
        for (auto level = scopes_.rbegin(); level != scopes_.rend(); ++level)
            for (const Scope::Relation& relation : level->relations)
                if (relation.refname == qualifier) return &relation;
        return nullptr;
    }

    std::vector<Scope> scopes_;  // innermost last
    bool changed_ = false;

  private:
    void walk(ProtobufCMessage* message) {
        each_message_slot(message, [&](ProtobufCMessage** slot, const ProtobufCFieldDescriptor& field) {
            if (!*slot) return;
            if (field.descriptor == &pg_query__node__descriptor) {
                auto* node = reinterpret_cast<PgQuery__Node*>(*slot);
                if (node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) return select(node->select_stmt);
                if (static_cast<Visitor*>(this)->visit(node)) return;
            }
            walk(*slot);
        });
    }
};

// Renames one relation's column wherever a query reads it.
class ColumnRenamer : public QueryLevels<ColumnRenamer> {
  public:
    ColumnRenamer(const QualifiedName& relation, const std::string& from, const std::string& to)
        : relation_(relation), from_(from), to_(to) {}

    // An output column that is a bare reference to the renamed column keeps its old name (the
    // canonical form drops the names a set operation's right arms give).
    void enter(PgQuery__SelectStmt* select) {
        for (std::size_t i = 0; i < select->n_target_list; ++i) {
            PgQuery__ResTarget* target = select->target_list[i]->res_target;
            if (target->name && *target->name) continue;
            if (target->val && target->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && renames(target->val->column_ref)) {
                target->name = const_cast<char*>(kept(from_));
                changed_ = true;
            }
        }
    }

    bool visit(PgQuery__Node* node) {
        if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return false;
        PgQuery__ColumnRef* ref = node->column_ref;
        if (renames(ref)) {
            ref->fields[ref->n_fields - 1]->string->sval = const_cast<char*>(kept(to_));
            changed_ = true;
        }
        return true;
    }

  private:
    // A qualified reference is to the nearest level with a relation of that name; a bare one, to
    // the only relation of its own level.
    bool renames(const PgQuery__ColumnRef* ref) const {
        if (ref->n_fields == 0 || ref->fields[ref->n_fields - 1]->node_case != PG_QUERY__NODE__NODE_STRING ||
            node_string(ref->fields[ref->n_fields - 1]) != from_)
            return false;
        if (ref->n_fields == 2) {
            const Scope::Relation* relation = named(node_string(ref->fields[0]));
            return relation && is_renamed(relation->name);
        }
        const Scope& scope = scopes_.back();
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

// Renames one relation wherever a query reads it. Where the query gave it no alias, its name is
// also the name references use: those take the new one, at the level that reads it and below.
class RelationRenamer : public QueryLevels<RelationRenamer> {
  public:
    RelationRenamer(const QualifiedName& from, const QualifiedName& to) : from_(from), to_(to) {}

    // A reference name the new one would collide with: the catalog would print an alias of its own.
    bool collides() const { return collides_; }

    void enter(PgQuery__SelectStmt*) {
        for (const Scope::Relation& relation : scopes_.back().relations)
            if (relation.refname == to_.name && from_.name != to_.name && !takes_new_name(relation)) collides_ = true;
    }

    bool visit(PgQuery__Node* node) {
        if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) relation(node->range_var);
        else if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) reference(node->column_ref);
        else return false;
        return true;
    }

  private:
    // Read under its old name without an alias: references to it take the new name.
    bool takes_new_name(const Scope::Relation& relation) const {
        return relation.name == from_ && relation.refname == from_.name && from_.name != to_.name;
    }

    void relation(PgQuery__RangeVar* range) {
        if (!range->schemaname || from_.schema != range->schemaname || from_.name != range->relname) return;
        range->schemaname = const_cast<char*>(to_.schema.c_str());
        range->relname = const_cast<char*>(to_.name.c_str());
        changed_ = true;
    }

    void reference(PgQuery__ColumnRef* ref) {
        if (ref->n_fields < 2 || ref->fields[ref->n_fields - 2]->node_case != PG_QUERY__NODE__NODE_STRING) return;
        PgQuery__String* qualifier = ref->fields[ref->n_fields - 2]->string;
        const Scope::Relation* relation = named(qualifier->sval);
        if (relation && takes_new_name(*relation)) {
            qualifier->sval = const_cast<char*>(to_.name.c_str());
            changed_ = true;
        }
    }

    const QualifiedName& from_;
    const QualifiedName& to_;
    bool collides_ = false;
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
    renamer.select(statement->select_stmt);
    return renamer.changed() ? canonical_query_text(deparse_statement(statement)) : query;
}

std::string rename_relation_in_view_query(const std::string& query, const QualifiedName& from, const QualifiedName& to) {
    if (query.empty() || query.find(from.name) == std::string::npos) return query;
    ParsedSql parsed(query);
    PgQuery__Node* statement = parsed.statement(0).stmt;
    if (statement->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return query;
    RelationRenamer renamer(from, to);
    renamer.select(statement->select_stmt);
    return renamer.changed() && !renamer.collides() ? canonical_query_text(deparse_statement(statement)) : query;
}

namespace {

// A policy's expression as the query the catalog sees: its table is the one relation of the
// level around its subqueries.
struct PolicyQuery {
    PolicyQuery(const std::string& expression, const QualifiedName& table)
        : parsed("SELECT " + expression + " FROM " + qualified(table)), select(parsed.statement(0).stmt->select_stmt) {}
    std::string expression() const { return deparse_expression(select->target_list[0]->res_target->val); }

    ParsedSql parsed;
    PgQuery__SelectStmt* select;
};

}  // namespace

std::string rename_column_in_policy_expression(const std::string& expression, const QualifiedName& table, const QualifiedName& relation,
                                               const std::string& from, const std::string& to) {
    if (expression.empty() || expression.find(from) == std::string::npos) return expression;
    PolicyQuery query(expression, table);
    ColumnRenamer renamer(relation, from, to);
    renamer.select(query.select);
    return renamer.changed() ? canonical_policy_expression_text(query.expression(), table.name) : expression;
}

std::string rename_relation_in_policy_expression(const std::string& expression, const QualifiedName& table, const QualifiedName& from,
                                                 const QualifiedName& to) {
    if (expression.empty() || expression.find(from.name) == std::string::npos) return expression;
    PolicyQuery query(expression, table);
    RelationRenamer renamer(from, to);
    renamer.select(query.select);
    if (!renamer.changed() || renamer.collides()) return expression;
    return query.expression();
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
