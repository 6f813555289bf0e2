#include "parser/canonical/column_references.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "parser/canonical/from_item_names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {

std::string figure_column_name(const PgQuery__Node* value) {
    if (!value) return "?column?";
    switch (value->node_case) {
        case PG_QUERY__NODE__NODE_COLUMN_REF: {
            const PgQuery__ColumnRef* ref = value->column_ref;
            return ref->n_fields ? node_string(ref->fields[ref->n_fields - 1]) : "?column?";
        }
        case PG_QUERY__NODE__NODE_FUNC_CALL: return last_name(value->func_call->n_funcname, value->func_call->funcname);
        case PG_QUERY__NODE__NODE_TYPE_CAST: {
            std::string inner = figure_column_name(value->type_cast->arg);
            if (inner != "?column?") return inner;
            const PgQuery__TypeName* type = value->type_cast->type_name;
            return type ? last_name(type->n_names, type->names) : inner;
        }
        case PG_QUERY__NODE__NODE_CASE_EXPR: return "case";
        case PG_QUERY__NODE__NODE_COALESCE_EXPR: return "coalesce";
        case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: return "array";
        case PG_QUERY__NODE__NODE_ROW_EXPR: return "row";
        case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
            return value->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
        case PG_QUERY__NODE__NODE_A_INDIRECTION: return figure_column_name(value->a_indirection->arg);
        case PG_QUERY__NODE__NODE_SUB_LINK: {
            const PgQuery__SubLink* link = value->sub_link;
            if (link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK) return "exists";
            if (link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK) return "array";
            // (SELECT x ...) takes the name of the subquery's column.
            if (link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK && link->subselect &&
                link->subselect->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
                const PgQuery__SelectStmt* inner = link->subselect->select_stmt;
                while (inner->larg) inner = inner->larg;
                if (inner->n_target_list) {
                    const PgQuery__ResTarget* target = inner->target_list[0]->res_target;
                    return target->name && *target->name ? target->name : figure_column_name(target->val);
                }
            }
            return "?column?";
        }
        default: return "?column?";
    }
}

namespace {

using NodeArena = RewriteArena::Storage;

class ColumnReferences {
public:
    ColumnReferences(const NameResolver& resolver, NodeArena& arena) : resolver_(resolver), arena_(arena) {}

    // `*` as the catalog stores it: expanded into the columns of the FROM items, in order. Runs
    // before the rewrite, outside in, so WITH queries are known where they are referenced.
    using Scope = std::map<std::string, std::optional<std::vector<std::string>>>;  // WITH queries' columns, if known

    void expand_stars(PgQuery__Node* node, Scope scope) {
        if (!node) return;
        walk_nodes(node, [&](const PgQuery__Node* child) {
            if (child->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return true;
            expand_select(child->select_stmt, scope);
            return false;
        });
    }

    // The level around the expression: a policy's table, which its subqueries may read.
    void enclose(const std::string& qualifier, std::optional<std::vector<std::string>> columns) {
        if (columns) levels_.push_back({{{qualifier, std::move(*columns)}}, true});
        else levels_.push_back({{}, false});
    }

private:
    // A query's output columns, renamed by `aliases` (a FROM item's or WITH query's column list);
    // nullopt where a `*` in it could not be expanded.
    static std::optional<std::vector<std::string>> output_columns(const PgQuery__SelectStmt* select, PgQuery__Node** aliases = nullptr,
                                                                  std::size_t n_aliases = 0) {
        while (select->larg) select = select->larg;
        std::vector<std::string> columns;
        if (select->n_values_lists && select->values_lists[0]->node_case == PG_QUERY__NODE__NODE_LIST)  // VALUES: column1, ...
            for (std::size_t i = 0; i < select->values_lists[0]->list->n_items; ++i) columns.push_back("column" + std::to_string(i + 1));
        for (std::size_t i = 0; i < select->n_target_list; ++i) {
            const PgQuery__ResTarget* target = select->target_list[i]->res_target;
            if (target->val && target->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
                target->val->column_ref->fields[target->val->column_ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR)
                return std::nullopt;
            columns.push_back(target->name && *target->name ? target->name : figure_column_name(target->val));
        }
        for (std::size_t i = 0; i < n_aliases && i < columns.size(); ++i) columns[i] = node_string(aliases[i]);
        return columns;
    }

    // A query level's FROM items in order: (qualifier, columns).
    using Items = std::vector<std::pair<std::string, std::vector<std::string>>>;
    struct Level {
        Items items;
        bool known = true;  // every item's columns are known
    };

    // FROM items in order; false when one's columns are unknown.
    bool from_items(const PgQuery__Node* item, const Scope& scope, Items& items) {
        switch (item->node_case) {
            case PG_QUERY__NODE__NODE_RANGE_VAR: {
                const PgQuery__RangeVar* range = item->range_var;
                std::string qualifier = range->alias && range->alias->aliasname && *range->alias->aliasname ? range->alias->aliasname : range->relname;
                std::optional<std::vector<std::string>> columns;
                bool bare = !range->schemaname || !*range->schemaname;
                if (bare && scope.count(range->relname)) {
                    columns = scope.at(range->relname);
                } else {
                    std::optional<std::string> schema = bare ? resolver_.relation_schema(range->relname) : std::optional<std::string>(range->schemaname);
                    if (schema) columns = resolver_.relation_columns(*schema, range->relname);
                }
                if (!columns) return false;
                if (range->alias && range->alias->n_colnames)
                    for (std::size_t i = 0; i < range->alias->n_colnames && i < columns->size(); ++i)
                        (*columns)[i] = node_string(range->alias->colnames[i]);
                items.emplace_back(qualifier, *columns);
                return true;
            }
            case PG_QUERY__NODE__NODE_JOIN_EXPR:
                return from_items(item->join_expr->larg, scope, items) && from_items(item->join_expr->rarg, scope, items);
            case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
                const PgQuery__RangeSubselect* subselect = item->range_subselect;
                if (!subselect->alias || subselect->subquery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return false;
                auto columns = output_columns(subselect->subquery->select_stmt, subselect->alias->colnames, subselect->alias->n_colnames);
                if (!columns) return false;
                items.emplace_back(subselect->alias->aliasname, std::move(*columns));
                return true;
            }
            case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
                auto columns = function_item_columns(item->range_function);
                if (!columns || !item->range_function->alias) return false;
                items.emplace_back(item->range_function->alias->aliasname, std::move(*columns));
                return true;
            }
            default: return false;
        }
    }

    // Expands the queries of a FROM item, in order, and adds its items to its level (`level`,
    // the items before it so far). A LATERAL subquery, and a function's arguments (LATERAL or
    // not), also read the items before it: they are a level around it. Join conditions read the
    // whole level: they come after it is known.
    void expand_from_item(PgQuery__Node* item, const Scope& scope, Level& level) {
        if (item->node_case == PG_QUERY__NODE__NODE_JOIN_EXPR) {
            expand_from_item(item->join_expr->larg, scope, level);
            expand_from_item(item->join_expr->rarg, scope, level);
            return;
        }
        bool lateral = (item->node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT && item->range_subselect->lateral) ||
                       item->node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION;
        if (lateral) levels_.push_back(level);
        expand_stars(item, scope);
        if (lateral) levels_.pop_back();
        level.known = level.known && from_items(item, scope, level.items);
    }

    void expand_join_conditions(PgQuery__Node* item, const Scope& scope) {
        if (item->node_case != PG_QUERY__NODE__NODE_JOIN_EXPR) return;
        expand_join_conditions(item->join_expr->larg, scope);
        expand_join_conditions(item->join_expr->rarg, scope);
        expand_stars(item->join_expr->quals, scope);
    }

    void expand_select(PgQuery__SelectStmt* select, Scope scope) {
        if (select->with_clause)
            for (std::size_t i = 0; i < select->with_clause->n_ctes; ++i) {
                PgQuery__CommonTableExpr* cte = select->with_clause->ctes[i]->common_table_expr;
                if (cte->ctequery && cte->ctequery->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
                    expand_select(cte->ctequery->select_stmt, scope);
                    scope[cte->ctename] = output_columns(cte->ctequery->select_stmt, cte->aliascolnames, cte->n_aliascolnames);
                } else {
                    scope[cte->ctename] = std::nullopt;  // not a relation of that name either
                }
            }
        if (select->larg) expand_select(select->larg, scope);
        if (select->rarg) expand_select(select->rarg, scope);
        Level level;
        for (std::size_t i = 0; i < select->n_from_clause; ++i) expand_from_item(select->from_clause[i], scope, level);
        levels_.push_back(std::move(level));
        const Level& current = levels_.back();  // a deque: levels pushed below keep it in place
        for (std::size_t i = 0; i < select->n_from_clause; ++i) expand_join_conditions(select->from_clause[i], scope);
        if (select->where_clause) expand_stars(select->where_clause, scope);
        if (select->having_clause) expand_stars(select->having_clause, scope);
        std::vector<PgQuery__Node*> targets;
        bool expanded = false;
        for (std::size_t i = 0; i < select->n_target_list; ++i) {
            PgQuery__Node* target = select->target_list[i];
            const PgQuery__Node* value = target->res_target->val;
            if (value) expand_stars(const_cast<PgQuery__Node*>(value), scope);
            bool star = value && value->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && value->column_ref->n_fields >= 1 &&
                        value->column_ref->fields[value->column_ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR;
            if (!star || !current.known) {
                targets.push_back(target);
                continue;
            }
            std::string only = value->column_ref->n_fields == 2 ? node_string(value->column_ref->fields[0]) : "";
            for (const auto& [qualifier, columns] : current.items) {
                if (!only.empty() && qualifier != only) continue;
                for (const std::string& column : columns) targets.push_back(column_target(qualifier, column));
            }
            expanded = true;
        }
        if (expanded) {
            select->n_target_list = targets.size();
            select->target_list = arena_.array(targets.size());
            for (std::size_t i = 0; i < targets.size(); ++i) select->target_list[i] = targets[i];
        }
        qualify_references(select);
        levels_.pop_back();
    }

    // The catalog qualifies a column reference by its FROM item beside other items, and always
    // in a subquery when it reads a level around it (correlated): so does this, where the
    // levels' columns tell which item has it. Nested selects are levels of their own, and ORDER
    // BY is left alone (output column names come first there).
    void qualify_references(PgQuery__SelectStmt* select) {
        auto qualify = [&](PgQuery__Node* clause) {
            if (!clause) return;
            walk_nodes(clause, [&](const PgQuery__Node* child) {
                if (child->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) return false;
                if (child->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) whole_row_arguments(child->func_call);
                if (child->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return true;
                auto* ref = const_cast<PgQuery__ColumnRef*>(child->column_ref);
                if (ref->n_fields != 1 || ref->fields[0]->node_case != PG_QUERY__NODE__NODE_STRING) return false;
                if (const std::string* owner = owner_of(node_string(ref->fields[0]))) {
                    PgQuery__Node** fields = arena_.array(2);
                    fields[0] = arena_.string(*owner);
                    fields[1] = ref->fields[0];
                    ref->fields = fields;
                    ref->n_fields = 2;
                }
                return false;
            });
        };
        for (std::size_t i = 0; i < select->n_target_list; ++i) qualify(select->target_list[i]->res_target->val);
        for (std::size_t i = 0; i < select->n_from_clause; ++i) qualify(select->from_clause[i]);
        qualify(select->where_clause);
        for (std::size_t i = 0; i < select->n_group_clause; ++i) qualify(select->group_clause[i]);
        qualify(select->having_clause);
    }

    // f(items): a bare name that is no column anywhere but names a FROM item of this level passes
    // the whole row, which the catalog prints as items.*.
    void whole_row_arguments(const PgQuery__FuncCall* call) {
        for (std::size_t i = 0; i < call->n_args; ++i) {
            if (call->args[i]->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) continue;
            PgQuery__ColumnRef* ref = call->args[i]->column_ref;
            if (ref->n_fields != 1 || ref->fields[0]->node_case != PG_QUERY__NODE__NODE_STRING || !names_whole_row(node_string(ref->fields[0])))
                continue;
            PgQuery__Node** fields = arena_.array(2);
            fields[0] = ref->fields[0];
            fields[1] = arena_.node(PG_QUERY__NODE__NODE_A_STAR, arena_.make<PgQuery__AStar>(PG_QUERY__A__STAR__INIT));
            ref->fields = fields;
            ref->n_fields = 2;
        }
    }

    bool names_whole_row(const std::string& name) const {
        for (const Level& level : levels_) {
            if (!level.known) return false;
            for (const auto& item : level.items)
                if (std::find(item.second.begin(), item.second.end(), name) != item.second.end()) return false;
        }
        for (const auto& item : levels_.back().items)
            if (item.first == name) return true;
        return false;
    }

    // The qualifier a bare reference to `column` at the innermost level takes: the item that
    // has it, at that level beside other items or at the nearest level around it that has it.
    // Null where it stays bare: the only item of its level, unknown columns, ambiguity (a USING
    // column, say), or a name an inner level also uses (the catalog would rename one).
    const std::string* owner_of(const std::string& column) const {
        auto has = [&](const std::vector<std::string>& columns) { return std::find(columns.begin(), columns.end(), column) != columns.end(); };
        for (std::size_t depth = levels_.size(); depth-- > 0;) {
            const Level& level = levels_[depth];
            const std::string* owner = nullptr;
            for (const auto& [qualifier, columns] : level.items) {
                if (!has(columns)) continue;
                if (owner) return nullptr;
                owner = &qualifier;
            }
            if (owner) {
                bool inner = depth + 1 == levels_.size();
                if (inner) return level.known && level.items.size() > 1 ? owner : nullptr;
                for (std::size_t below = depth + 1; below < levels_.size(); ++below)
                    for (const auto& item : levels_[below].items)
                        if (item.first == *owner) return nullptr;
                return owner;
            }
            if (!level.known) return nullptr;
        }
        return nullptr;
    }

    PgQuery__Node* column_target(const std::string& qualifier, const std::string& column) {
        PgQuery__ColumnRef* ref = arena_.make<PgQuery__ColumnRef>(PG_QUERY__COLUMN_REF__INIT);
        ref->n_fields = 2;
        ref->fields = arena_.array(2);
        ref->fields[0] = arena_.string(qualifier);
        ref->fields[1] = arena_.string(column);
        PgQuery__ResTarget* target = arena_.make<PgQuery__ResTarget>(PG_QUERY__RES_TARGET__INIT);
        target->val = arena_.node(PG_QUERY__NODE__NODE_COLUMN_REF, ref);
        return arena_.node(PG_QUERY__NODE__NODE_RES_TARGET, target);
    }

    const NameResolver& resolver_;
    NodeArena& arena_;
    std::deque<Level> levels_;  // the query levels around the one being expanded, innermost last
};

}  // namespace

void qualify_columns_as_catalog(PgQuery__Node* root, const NameResolver& resolver, RewriteArena::Storage& arena,
                                const EnclosingItem* around) {
    ColumnReferences references(resolver, arena);
    if (around) references.enclose(around->qualifier, around->columns);
    references.expand_stars(root, {});
}

}  // namespace pgshift
