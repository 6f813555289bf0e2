#include "parser/canonical/object_definitions.hpp"

#include "parser/canonical/pg_query_tree.hpp"

#include "parser/canonical/node_helpers.hpp"

namespace pgshift {

IndexKey index_key(const PgQuery__IndexElem* element, const NameResolver* resolver, RewriteArena& arena) {
    IndexKey key;
    // As ComputeIndexAttrs stores a key: a COLLATE at the top of an expression is the key's
    // collation (the outermost one counts), and what is left, when it is a column, is a column key.
    PgQuery__Node* expression = element->expr;
    std::string written_collation;
    for (; expression && expression->node_case == PG_QUERY__NODE__NODE_COLLATE_CLAUSE; expression = expression->collate_clause->arg)
        if (written_collation.empty())
            written_collation = collation_name(expression->collate_clause->n_collname, expression->collate_clause->collname);
    if (element->name && *element->name)
        key.column = element->name;
    else if (expression && expression->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && expression->column_ref->n_fields == 1 &&
             expression->column_ref->fields[0]->node_case == PG_QUERY__NODE__NODE_STRING)
        key.column = node_string(expression->column_ref->fields[0]);
    else
        key.expression = canonical_index_expression(expression, resolver, arena);
    key.collation = element->n_collation ? collation_name(element->n_collation, element->collation) : written_collation;
    std::vector<std::string> opclass = node_strings(element->n_opclass, element->opclass);
    // The catalog qualifies operator classes outside pg_catalog.
    if (opclass.size() == 1 && resolver)
        if (auto schema = resolver->opclass_schema(opclass[0])) opclass.insert(opclass.begin(), *schema);
    for (std::size_t i = 0; i < opclass.size(); ++i) key.opclass += (i ? "." : "") + opclass[i];
    key.descending = element->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    // NULLS FIRST is the default for DESC, NULLS LAST for ASC.
    key.nulls_first = element->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                      (key.descending && element->nulls_ordering != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST);
    return key;
}

std::vector<std::string> option_list(std::size_t count, PgQuery__Node* const* options) {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__DefElem* option = as_def_elem(options[i]);
        if (!option) continue;
        std::string name = option->defnamespace && *option->defnamespace
                               ? std::string(option->defnamespace) + "." + option->defname
                               : option->defname;
        texts.push_back(name + "=" + (option->arg ? def_elem_text(option) : "true"));
    }
    return texts;
}

Index index_from_statement(const PgQuery__IndexStmt* statement, const NameResolver* resolver, RewriteArena& arena) {
    Index index;
    index.method = statement->access_method && *statement->access_method ? statement->access_method : "btree";
    index.unique = statement->unique;
    index.nulls_not_distinct = statement->nulls_not_distinct;
    for (std::size_t i = 0; i < statement->n_index_params; ++i)
        if (statement->index_params[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
            index.keys.push_back(index_key(statement->index_params[i]->index_elem, resolver, arena));
    for (std::size_t i = 0; i < statement->n_index_including_params; ++i)
        if (statement->index_including_params[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM) {
            const char* name = statement->index_including_params[i]->index_elem->name;
            index.include.push_back(name ? name : "");
        }
    index.predicate = canonical_expression(statement->where_clause, resolver, arena);
    index.options = option_list(statement->n_options, statement->options);
    return index;
}

Trigger trigger_from_statement(const PgQuery__CreateTrigStmt* statement, const NameResolver* resolver, RewriteArena& arena) {
    Trigger trigger;
    trigger.name = statement->trigname;
    constexpr int32_t before = 1 << 1, insert = 1 << 2, delete_ = 1 << 3, update = 1 << 4, truncate = 1 << 5, instead = 1 << 6;
    trigger.timing = statement->timing & before ? "BEFORE" : statement->timing & instead ? "INSTEAD OF" : "AFTER";
    if (statement->events & insert) trigger.events.push_back("INSERT");
    if (statement->events & update) trigger.events.push_back("UPDATE");
    if (statement->events & delete_) trigger.events.push_back("DELETE");
    if (statement->events & truncate) trigger.events.push_back("TRUNCATE");
    trigger.update_columns = node_strings(statement->n_columns, statement->columns);
    trigger.for_each_row = statement->row;
    trigger.when_expr = canonical_expression(statement->when_clause, resolver, arena);
    trigger.constraint_trigger = statement->isconstraint;
    trigger.deferrable = statement->deferrable;
    trigger.initially_deferred = statement->initdeferred;
    for (std::size_t i = 0; i < statement->n_args; ++i) trigger.arguments.push_back(node_string(statement->args[i]));
    for (std::size_t i = 0; i < statement->n_transition_rels; ++i) {
        const PgQuery__TriggerTransition* transition = statement->transition_rels[i]->trigger_transition;
        (transition->is_new ? trigger.new_table : trigger.old_table) = transition->name;
    }
    return trigger;
}

std::string partition_bound_text(const PgQuery__PartitionBoundSpec* bound, RewriteArena& arena) {
    if (bound->is_default) return "DEFAULT";
    auto values = [&](std::size_t count, PgQuery__Node** items) {
        std::string text;
        for (std::size_t i = 0; i < count; ++i) text += (i ? ", " : "") + canonical_expression(items[i], nullptr, arena);
        return "(" + text + ")";
    };
    std::string strategy = bound->strategy ? bound->strategy : "";
    if (strategy == "l") return "FOR VALUES IN " + values(bound->n_listdatums, bound->listdatums);
    if (strategy == "r")
        return "FOR VALUES FROM " + values(bound->n_lowerdatums, bound->lowerdatums) + " TO " + values(bound->n_upperdatums, bound->upperdatums);
    return "FOR VALUES WITH (MODULUS " + std::to_string(bound->modulus) + ", REMAINDER " + std::to_string(bound->remainder) + ")";
}

std::string canonical_partition_bound_text(const std::string& bound) {
    if (bound.empty() || bound == "DEFAULT") return bound;
    ParsedSql parsed("CREATE TABLE p PARTITION OF q " + bound);
    RewriteArena arena;
    return partition_bound_text(parsed.statement(0).stmt->create_stmt->partbound, arena);
}

}  // namespace pgshift
