#include "parser/missing_references.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "parser/canonical/column_references.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

using Columns = std::optional<std::vector<std::string>>;  // nullopt: not known
using Scope = std::map<std::string, Columns>;             // the WITH queries a query level sees

// A FROM item as a query level sees it.
struct Item {
    Item(std::string item_name, bool known_name, Columns item_columns, bool system = false)
        : name(std::move(item_name)), name_known(known_name), columns(std::move(item_columns)), system_columns(system) {}
    std::string name;        // how the query names it (its alias, or the relation's name)
    bool name_known = true;  // false: an item whose name cannot be read (XMLTABLE without alias, ...)
    Columns columns;
    bool system_columns = false;
    std::string relation;  // an aliased relation's own name, which the query can no longer use
};

struct Level {
    std::vector<Item> items;
    std::vector<std::string> output_names;  // a bare name in GROUP BY or ORDER BY may be one of them
};

struct Found {
    MissingReference reference;
};

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_system_column(const std::string& name) {
    static const std::vector<std::string> system = {"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"};
    return has(system, name);
}

void rename_columns(Columns& columns, std::size_t count, PgQuery__Node* const* names) {
    if (!columns) return;
    for (std::size_t i = 0; i < count && i < columns->size(); ++i) (*columns)[i] = node_string(names[i]);
}

// Resolves names level by level as PostgreSQL's parse analysis does (transformColumnRef,
// refnameNamespaceItem), giving up wherever the model cannot tell.
class ReferenceCheck {
public:
    ReferenceCheck(const RelationFactsSource& facts, const QueryContext& context) : facts_(facts), context_(context) {
        if (context.table) {
            Item table{*context.table, true, std::nullopt, context.table_facts.system_columns};
            if (context.table_facts.known == RelationFacts::Known::columns) table.columns = context.table_facts.columns;
            levels_.push_back({{table}, {}});
        }
    }

    void statement(const PgQuery__Node* node, const Scope& scope) {
        if (!node) return;
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_SELECT_STMT: select(node->select_stmt, scope); return;
            case PG_QUERY__NODE__NODE_INSERT_STMT: insert(node->insert_stmt, scope); return;
            case PG_QUERY__NODE__NODE_UPDATE_STMT: update(node->update_stmt, scope); return;
            case PG_QUERY__NODE__NODE_DELETE_STMT: remove(node->delete_stmt, scope); return;
            default: return;  // utility statements are not analysed
        }
    }

    void expression(const PgQuery__Node* node, const Scope& scope) {
        if (!node) return;
        walk_nodes(node, [&](const PgQuery__Node* child) {
            if (child->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
                select(child->select_stmt, scope);
                return false;
            }
            if (child->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
                column(child->column_ref);
                return false;
            }
            return true;
        });
    }

private:
    // The query's output columns (nullopt where unknown).
    Columns select(const PgQuery__SelectStmt* select, Scope scope) {
        if (!select) return std::nullopt;
        if (select->with_clause) with(select->with_clause, scope);
        if (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE && select->op != PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED) {
            // ORDER BY and LIMIT of a set operation read its output columns only: not checked.
            Columns left = this->select(select->larg, scope);
            this->select(select->rarg, scope);
            return left;
        }
        std::size_t depth = levels_.size();
        levels_.emplace_back();
        if (select->n_values_lists) {
            Columns columns = std::vector<std::string>{};
            for (std::size_t i = 0; i < select->n_values_lists; ++i) expression(select->values_lists[i], scope);
            if (select->values_lists[0]->node_case == PG_QUERY__NODE__NODE_LIST)
                for (std::size_t i = 0; i < select->values_lists[0]->list->n_items; ++i)
                    columns->push_back("column" + std::to_string(i + 1));
            levels_.pop_back();
            return columns;
        }
        for (std::size_t i = 0; i < select->n_from_clause; ++i) from_item(select->from_clause[i], scope, depth);
        for (std::size_t i = 0; i < select->n_target_list; ++i) {
            const PgQuery__ResTarget* target = select->target_list[i]->res_target;
            levels_[depth].output_names.push_back(target->name && *target->name ? target->name : figure_column_name(target->val));
        }
        for (std::size_t i = 0; i < select->n_target_list; ++i) expression(select->target_list[i]->res_target->val, scope);
        expression(select->where_clause, scope);
        for (std::size_t i = 0; i < select->n_group_clause; ++i) output_or_expression(select->group_clause[i], scope, depth);
        expression(select->having_clause, scope);
        for (std::size_t i = 0; i < select->n_sort_clause; ++i) {
            const PgQuery__Node* sort = select->sort_clause[i];
            output_or_expression(sort->node_case == PG_QUERY__NODE__NODE_SORT_BY ? sort->sort_by->node : sort, scope, depth);
        }
        for (std::size_t i = 0; i < select->n_distinct_clause; ++i) output_or_expression(select->distinct_clause[i], scope, depth);
        for (std::size_t i = 0; i < select->n_window_clause; ++i) expression(select->window_clause[i], scope);
        expression(select->limit_offset, scope);
        expression(select->limit_count, scope);
        Columns output = output_columns(select, levels_[depth]);
        levels_.pop_back();
        return output;
    }

    void with(const PgQuery__WithClause* with, Scope& scope) {
        // A recursive query reads itself before its columns are known.
        if (with->recursive)
            for (std::size_t i = 0; i < with->n_ctes; ++i) scope[with->ctes[i]->common_table_expr->ctename] = std::nullopt;
        for (std::size_t i = 0; i < with->n_ctes; ++i) {
            const PgQuery__CommonTableExpr* cte = with->ctes[i]->common_table_expr;
            Columns columns;
            if (cte->ctequery && cte->ctequery->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
                columns = select(cte->ctequery->select_stmt, scope);
            } else {
                statement(cte->ctequery, scope);  // INSERT ... RETURNING: its columns are not worked out
            }
            rename_columns(columns, cte->n_aliascolnames, cte->aliascolnames);
            if (cte->search_clause || cte->cycle_clause) columns = std::nullopt;  // they add columns
            scope[cte->ctename] = columns;
        }
    }

    // A bare name in GROUP BY, ORDER BY or DISTINCT ON may be an output column's.
    void output_or_expression(const PgQuery__Node* node, const Scope& scope, std::size_t depth) {
        if (node && node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && node->column_ref->n_fields == 1 &&
            has(levels_[depth].output_names, node_string(node->column_ref->fields[0])))
            return;
        expression(node, scope);
    }

    static Columns output_columns(const PgQuery__SelectStmt* select, const Level& level) {
        std::vector<std::string> columns;
        for (std::size_t i = 0; i < select->n_target_list; ++i) {
            const PgQuery__ResTarget* target = select->target_list[i]->res_target;
            const PgQuery__Node* value = target->val;
            bool star = value && value->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && value->column_ref->n_fields &&
                        value->column_ref->fields[value->column_ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR;
            if (!star) {
                columns.push_back(target->name && *target->name ? target->name : figure_column_name(value));
                continue;
            }
            std::string only = value->column_ref->n_fields == 2 ? node_string(value->column_ref->fields[0]) : "";
            if (value->column_ref->n_fields > 2) return std::nullopt;
            for (const Item& item : level.items) {
                if (!only.empty() && item.name != only) continue;
                if (!item.columns) return std::nullopt;
                columns.insert(columns.end(), item.columns->begin(), item.columns->end());
            }
        }
        return columns;
    }

    Item relation_item(const PgQuery__RangeVar* range, const Scope& scope) {
        bool aliased = range->alias && range->alias->aliasname && *range->alias->aliasname;
        Item item{aliased ? range->alias->aliasname : range->relname, true, std::nullopt, false};
        bool bare = !range->schemaname || !*range->schemaname;
        if (bare && scope.count(range->relname)) {
            item.columns = scope.at(range->relname);
        } else {
            RelationFacts relation = facts_.relation(range->schemaname, range->relname);
            if (relation.known == RelationFacts::Known::missing)
                throw Found{{"relation \"" + (bare ? "" : std::string(range->schemaname) + ".") + range->relname + "\" does not exist",
                             range->location}};
            if (relation.known == RelationFacts::Known::columns) item.columns = relation.columns;
            item.system_columns = relation.system_columns;
        }
        if (range->alias) rename_columns(item.columns, range->alias->n_colnames, range->alias->colnames);
        if (aliased) item.relation = range->relname;
        return item;
    }

    // Adds the items of one FROM entry to the level at `depth`, checking what they read.
    void from_item(const PgQuery__Node* node, const Scope& scope, std::size_t depth) {
        switch (node->node_case) {
            case PG_QUERY__NODE__NODE_RANGE_VAR: levels_[depth].items.push_back(relation_item(node->range_var, scope)); return;
            case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
                const PgQuery__RangeSubselect* subselect = node->range_subselect;
                // Without LATERAL, the items before it cannot be read from it.
                std::vector<Item> before;
                if (!subselect->lateral) before.swap(levels_[depth].items);
                Columns columns;
                if (subselect->subquery && subselect->subquery->node_case == PG_QUERY__NODE__NODE_SELECT_STMT)
                    columns = select(subselect->subquery->select_stmt, scope);
                if (!subselect->lateral) before.swap(levels_[depth].items);
                Item item{"", false, columns, false};
                if (subselect->alias) {
                    item.name = subselect->alias->aliasname ? subselect->alias->aliasname : "";
                    item.name_known = true;
                    rename_columns(item.columns, subselect->alias->n_colnames, subselect->alias->colnames);
                }
                levels_[depth].items.push_back(std::move(item));
                return;
            }
            case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
                // Functions in FROM read the items before them, LATERAL or not. What they return
                // is not known here, unless a column definition list says it.
                const PgQuery__RangeFunction* function = node->range_function;
                for (std::size_t i = 0; i < function->n_functions; ++i) expression(function->functions[i], scope);
                Item item{"", false, std::nullopt, false};
                if (function->n_coldeflist) {
                    item.columns = std::vector<std::string>{};
                    for (std::size_t i = 0; i < function->n_coldeflist; ++i)
                        if (function->coldeflist[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
                            item.columns->push_back(function->coldeflist[i]->column_def->colname);
                    if (function->ordinality) item.columns->push_back("ordinality");
                }
                if (function->alias && function->alias->aliasname) {
                    item.name = function->alias->aliasname;
                    item.name_known = true;
                } else if (!function->is_rowsfrom && function->n_functions == 1 &&
                           function->functions[0]->node_case == PG_QUERY__NODE__NODE_LIST && function->functions[0]->list->n_items >= 1 &&
                           function->functions[0]->list->items[0]->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
                    const PgQuery__FuncCall* call = function->functions[0]->list->items[0]->func_call;
                    item.name = last_name(call->n_funcname, call->funcname);
                    item.name_known = true;
                }
                levels_[depth].items.push_back(std::move(item));
                return;
            }
            case PG_QUERY__NODE__NODE_JOIN_EXPR: {
                const PgQuery__JoinExpr* join = node->join_expr;
                std::size_t start = levels_[depth].items.size();
                from_item(join->larg, scope, depth);
                from_item(join->rarg, scope, depth);
                expression(join->quals, scope);
                std::vector<Item>& items = levels_[depth].items;
                if (join->alias && join->alias->aliasname) {
                    // An aliased join hides the items inside it; their columns are its own.
                    Item joined{join->alias->aliasname, true, std::vector<std::string>{}, false};
                    for (std::size_t i = start; i < items.size(); ++i) {
                        if (!items[i].columns || join->alias->n_colnames) {
                            joined.columns = std::nullopt;
                            break;
                        }
                        joined.columns->insert(joined.columns->end(), items[i].columns->begin(), items[i].columns->end());
                    }
                    items.erase(items.begin() + std::ptrdiff_t(start), items.end());
                    items.push_back(std::move(joined));
                }
                if (join->join_using_alias && join->join_using_alias->aliasname)
                    items.push_back(
                        {join->join_using_alias->aliasname, true, node_strings(join->n_using_clause, join->using_clause), false});
                return;
            }
            case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE: {
                const PgQuery__RangeTableSample* sample = node->range_table_sample;
                if (sample->relation) from_item(sample->relation, scope, depth);
                for (std::size_t i = 0; i < sample->n_args; ++i) expression(sample->args[i], scope);
                expression(sample->repeatable, scope);
                return;
            }
            default: {
                // XMLTABLE and the like: named by their alias, columns not worked out.
                const PgQuery__Alias* alias =
                    node->node_case == PG_QUERY__NODE__NODE_RANGE_TABLE_FUNC ? node->range_table_func->alias : nullptr;
                Item item{"", false, std::nullopt, false};
                if (alias && alias->aliasname) {
                    item.name = alias->aliasname;
                    item.name_known = true;
                }
                levels_[depth].items.push_back(std::move(item));
                return;
            }
        }
    }

    // The target of INSERT, UPDATE or DELETE, whose columns its SET and column lists name.
    void target_columns(const Item& target, const PgQuery__RangeVar* relation, std::size_t count, PgQuery__Node* const* targets) {
        if (!target.columns) return;
        for (std::size_t i = 0; i < count; ++i) {
            const PgQuery__ResTarget* column = targets[i]->res_target;
            if (column->name && !has(*target.columns, column->name))
                throw Found{{"column \"" + std::string(column->name) + "\" of relation \"" + relation->relname + "\" does not exist",
                             column->location}};
        }
    }

    void returning(std::size_t count, PgQuery__Node* const* list, const Scope& scope) {
        for (std::size_t i = 0; i < count; ++i) expression(list[i]->res_target->val, scope);
    }

    void insert(const PgQuery__InsertStmt* insert, Scope scope) {
        if (insert->with_clause) with(insert->with_clause, scope);
        Item target = relation_item(insert->relation, scope);
        target_columns(target, insert->relation, insert->n_cols, insert->cols);
        statement(insert->select_stmt, scope);  // the rows come from a query that cannot read the target
        levels_.push_back({{target}, {}});
        if (const PgQuery__OnConflictClause* conflict = insert->on_conflict_clause) {
            Item excluded = target;
            excluded.name = "excluded";
            levels_.back().items.push_back(excluded);
            target_columns(target, insert->relation, conflict->n_target_list, conflict->target_list);
            for (std::size_t i = 0; i < conflict->n_target_list; ++i) expression(conflict->target_list[i]->res_target->val, scope);
            expression(conflict->where_clause, scope);
        }
        returning(insert->n_returning_list, insert->returning_list, scope);
        levels_.pop_back();
    }

    void update(const PgQuery__UpdateStmt* update, Scope scope) {
        if (update->with_clause) with(update->with_clause, scope);
        Item target = relation_item(update->relation, scope);
        target_columns(target, update->relation, update->n_target_list, update->target_list);
        std::size_t depth = levels_.size();
        levels_.push_back({{target}, {}});
        for (std::size_t i = 0; i < update->n_from_clause; ++i) from_item(update->from_clause[i], scope, depth);
        for (std::size_t i = 0; i < update->n_target_list; ++i) expression(update->target_list[i]->res_target->val, scope);
        expression(update->where_clause, scope);
        returning(update->n_returning_list, update->returning_list, scope);
        levels_.pop_back();
    }

    void remove(const PgQuery__DeleteStmt* remove, Scope scope) {
        if (remove->with_clause) with(remove->with_clause, scope);
        std::size_t depth = levels_.size();
        levels_.push_back({{relation_item(remove->relation, scope)}, {}});
        for (std::size_t i = 0; i < remove->n_using_clause; ++i) from_item(remove->using_clause[i], scope, depth);
        expression(remove->where_clause, scope);
        returning(remove->n_returning_list, remove->returning_list, scope);
        levels_.pop_back();
    }

    // Whether a bare name can be a column (or a whole row, or a parameter) anywhere visible;
    // true wherever the model does not know enough to say no.
    bool resolves_bare(const std::string& name) const {
        for (std::size_t depth = levels_.size(); depth-- > 0;) {
            for (const Item& item : levels_[depth].items) {
                if (!item.columns || !item.name_known) return true;
                if (has(*item.columns, name) || (item.system_columns && is_system_column(name))) return true;
                if (item.name == name) return true;  // the item's whole row
            }
        }
        return context_.parameters.count(name) > 0;
    }

    void column(const PgQuery__ColumnRef* ref) {
        std::vector<std::string> names;
        bool star = false;
        for (std::size_t i = 0; i < ref->n_fields; ++i) {
            if (ref->fields[i]->node_case == PG_QUERY__NODE__NODE_A_STAR)
                star = true;
            else if (ref->fields[i]->node_case == PG_QUERY__NODE__NODE_STRING)
                names.push_back(node_string(ref->fields[i]));
            else
                return;
        }
        if (names.size() == 1 && !star) {
            if (!resolves_bare(names[0])) throw Found{{"column \"" + names[0] + "\" does not exist", ref->location}};
        } else if (names.size() == 1 || names.size() == 2) {
            qualified(names[0], star ? std::optional<std::string>() : names[1], ref->location);
        }
        // schema.table.column and longer are not judged.
    }

    // item.column (or item.*): the innermost item of that name decides.
    void qualified(const std::string& qualifier, const std::optional<std::string>& name, int location) const {
        for (std::size_t depth = levels_.size(); depth-- > 0;) {
            bool unnamed = false;
            for (const Item& item : levels_[depth].items) {
                unnamed = unnamed || !item.name_known;
                if (item.name != qualifier || !item.name_known) continue;
                if (!name || !item.columns) return;
                if (has(*item.columns, *name) || (item.system_columns && is_system_column(*name))) return;
                if (facts_.may_be_function(*name)) return;  // item.f is f(item)
                throw Found{{"column " + qualifier + "." + *name + " does not exist", location}};
            }
            if (unnamed) return;
        }
        // Not an item: a column (or a parameter) of a composite type and its field, or a parameter
        // qualified by the function's name.
        if (resolves_bare(qualifier) || qualifier == context_.function) return;
        for (const Level& level : levels_)
            for (const Item& item : level.items)
                if (item.relation == qualifier)  // the relation is there under its alias
                    throw Found{{"invalid reference to FROM-clause entry for table \"" + qualifier + "\"", location}};
        throw Found{{"missing FROM-clause entry for table \"" + qualifier + "\"", location}};
    }

    const RelationFactsSource& facts_;
    const QueryContext& context_;
    std::deque<Level> levels_;  // the query levels around the one being read, innermost last
};

}  // namespace

std::optional<MissingReference> find_missing_reference(const PgQuery__Node* node, bool expression, const RelationFactsSource& facts,
                                                       const QueryContext& context) {
    ReferenceCheck check(facts, context);
    try {
        if (expression)
            check.expression(node, {});
        else
            check.statement(node, {});
    } catch (const Found& found) {
        return found.reference;
    }
    return std::nullopt;
}

}  // namespace pgshift
