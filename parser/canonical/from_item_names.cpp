#include "parser/canonical/from_item_names.hpp"

#include <map>

#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

constexpr std::size_t max_name_bytes = 63;  // NAMEDATALEN - 1

// Built-in set-returning functions of one column, with the argument count that makes them so.
struct OneColumnFunction {
    const char* name;
    std::size_t arguments;  // 0: any
};
constexpr OneColumnFunction one_column_functions[] = {
    {"generate_series", 0},     {"generate_subscripts", 0},       {"unnest", 1},
    {"jsonb_array_elements", 1}, {"jsonb_array_elements_text", 1}, {"json_array_elements", 1},
    {"json_array_elements_text", 1}, {"jsonb_object_keys", 1},     {"json_object_keys", 1},
    {"regexp_split_to_table", 0}, {"regexp_matches", 0},           {"string_to_table", 0},
    {"jsonb_path_query", 0},
};

// The function a FROM item calls, when it calls exactly one without a column definition list.
const PgQuery__FuncCall* single_call(const PgQuery__RangeFunction* item) {
    if (item->is_rowsfrom || item->n_functions != 1 || item->n_coldeflist || item->functions[0]->node_case != PG_QUERY__NODE__NODE_LIST)
        return nullptr;
    const PgQuery__List* pair = item->functions[0]->list;  // the call and its column definitions
    if (pair->n_items < 1 || pair->items[0]->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) return nullptr;
    if (pair->n_items > 1 && pair->items[1] && pair->items[1]->node_case != PG_QUERY__NODE__NODE__NOT_SET) return nullptr;
    return pair->items[0]->func_call;
}

std::string function_name(const PgQuery__FuncCall* call) { return node_string(call->funcname[call->n_funcname - 1]); }

// Makes a one-column function item read as the catalog prints it (see function_item_columns).
void name_function_item(PgQuery__RangeFunction* item, RewriteArena::Storage& arena) {
    if (!function_item_columns(item)) return;
    if (!item->alias) {
        item->alias = arena.make<PgQuery__Alias>(PG_QUERY__ALIAS__INIT);
        item->alias->aliasname = arena.text(function_name(single_call(item)));
    }
    PgQuery__Alias* alias = item->alias;
    bool default_columns = alias->n_colnames == (item->ordinality ? 2 : 1) && node_string(alias->colnames[0]) == alias->aliasname &&
                           (!item->ordinality || node_string(alias->colnames[1]) == "ordinality");
    if (default_columns) alias->n_colnames = 0;
}

// A FROM item that has a name, in range-table order: joins after their sides.
struct FromItem {
    std::string name;
    PgQuery__Alias* alias = nullptr;        // where the name is set, when the query set one
    PgQuery__RangeVar* relation = nullptr;  // a relation read under its own name: an alias goes here
    PgQuery__RangeFunction* function = nullptr;
};

void from_items(PgQuery__Node* item, std::vector<FromItem>& items) {
    auto named = [](const PgQuery__Alias* alias) { return alias && alias->aliasname && *alias->aliasname; };
    switch (item->node_case) {
        case PG_QUERY__NODE__NODE_RANGE_VAR: {
            PgQuery__RangeVar* range = item->range_var;
            if (named(range->alias)) items.push_back({range->alias->aliasname, range->alias, nullptr});
            else items.push_back({range->relname, nullptr, range});
            break;
        }
        case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE: from_items(item->range_table_sample->relation, items); break;
        case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
            if (named(item->range_subselect->alias)) items.push_back({item->range_subselect->alias->aliasname, item->range_subselect->alias});
            break;
        case PG_QUERY__NODE__NODE_RANGE_FUNCTION:  // unaliased, one not named by name_function_item() is left alone
            if (named(item->range_function->alias))
                items.push_back({item->range_function->alias->aliasname, item->range_function->alias, nullptr, item->range_function});
            break;
        case PG_QUERY__NODE__NODE_JOIN_EXPR:
            from_items(item->join_expr->larg, items);
            from_items(item->join_expr->rarg, items);
            if (named(item->join_expr->alias)) items.push_back({item->join_expr->alias->aliasname, item->join_expr->alias});
            break;
        default: break;
    }
}

std::vector<FromItem> from_items(PgQuery__SelectStmt* select) {
    std::vector<FromItem> items;
    for (std::size_t i = 0; i < select->n_from_clause; ++i) from_items(select->from_clause[i], items);
    return items;
}

// `name` and `_suffix`, the name cut (at a character boundary) to keep the whole within a name's length.
std::string with_suffix(const std::string& name, int suffix) {
    std::string tail = "_" + std::to_string(suffix);
    std::size_t keep = name.size();
    while (keep > 0 && keep + tail.size() > max_name_bytes) {
        --keep;
        while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
    }
    return name.substr(0, keep) + tail;
}

class FromItemNamer {
public:
    FromItemNamer(std::vector<std::string> around, RewriteArena::Storage& arena) : levels_{std::move(around)}, arena_(arena) {}

    // Every query in `node`, each a level of its own below the current ones.
    void queries_in(const PgQuery__Node* node) {
        walk_nodes(node, [&](const PgQuery__Node* child) {
            if (child->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return true;
            query(child->select_stmt);
            return false;
        });
    }

private:
    // The queries in a query's clauses (WITH included); a set operation's arms are not clauses.
    void queries_below(ProtobufCMessage* message) {
        each_message_slot(message, [&](ProtobufCMessage** slot, const ProtobufCFieldDescriptor& field) {
            if (!*slot || field.descriptor == &pg_query__select_stmt__descriptor) return;
            if (field.descriptor == &pg_query__node__descriptor) queries_in(reinterpret_cast<PgQuery__Node*>(*slot));
            else queries_below(*slot);
        });
    }

    void query(PgQuery__SelectStmt* select) {
        if (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
            // The set operation's own items are its arms, which no one refers to by name.
            levels_.emplace_back();
            queries_below(&select->base);
            levels_.pop_back();
            if (select->larg) query(select->larg);
            if (select->rarg) query(select->rarg);
            return;
        }
        levels_.push_back(name_items(select));
        queries_below(&select->base);
        levels_.pop_back();
    }

    // The names this level's items print with. A clash is resolved as set_rtable_names does:
    // each name counts the suffixes it has tried.
    std::vector<std::string> name_items(PgQuery__SelectStmt* select) {
        std::map<std::string, int> tried;
        for (const std::vector<std::string>& level : levels_)
            for (const std::string& name : level) tried.emplace(name, 0);
        std::vector<std::string> names;
        for (std::size_t i = 0; i < select->n_from_clause; ++i)
            walk_nodes(select->from_clause[i], [&](const PgQuery__Node* node) {
                if (node->node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION) name_function_item(node->range_function, arena_);
                return node->node_case == PG_QUERY__NODE__NODE_JOIN_EXPR;
            });
        for (FromItem& item : from_items(select)) {
            auto [entry, fresh] = tried.emplace(item.name, 0);
            if (fresh) {
                names.push_back(item.name);
                continue;
            }
            std::string unique;
            do unique = with_suffix(item.name, ++entry->second);
            while (!tried.emplace(unique, 0).second);
            rename(select, item, unique);
            names.push_back(unique);
        }
        return names;
    }

    void rename(PgQuery__SelectStmt* select, FromItem& item, const std::string& name) {
        if (item.function) {  // its column is named after the alias: it keeps the name it had
            if (auto columns = function_item_columns(item.function); columns && !item.alias->n_colnames) {
                item.alias->n_colnames = columns->size();
                item.alias->colnames = arena_.array(columns->size());
                for (std::size_t i = 0; i < columns->size(); ++i) item.alias->colnames[i] = arena_.string((*columns)[i]);
            }
        }
        if (!item.alias) {
            item.alias = arena_.make<PgQuery__Alias>(PG_QUERY__ALIAS__INIT);
            item.relation->alias = item.alias;
        }
        item.alias->aliasname = arena_.text(name);
        rename_references(select, item.name, name, true);
    }

    // References `from.column` that mean this level's item: in its clauses, and in the queries
    // below that have no item of that name themselves (WITH queries cannot see this level's items).
    void rename_references(PgQuery__SelectStmt* select, const std::string& from, const std::string& to, bool own_level) {
        if (select->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
            if (select->larg) rename_references(select->larg, from, to, false);
            if (select->rarg) rename_references(select->rarg, from, to, false);
            return;
        }
        if (!own_level)
            for (const FromItem& item : from_items(select))
                if (item.name == from) return;
        each_message_slot(&select->base, [&](ProtobufCMessage** slot, const ProtobufCFieldDescriptor& field) {
            if (!*slot || field.descriptor != &pg_query__node__descriptor) return;
            walk_nodes(reinterpret_cast<PgQuery__Node*>(*slot), [&](const PgQuery__Node* node) {
                if (node->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
                    rename_references(node->select_stmt, from, to, false);
                    return false;
                }
                if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return true;
                PgQuery__ColumnRef* ref = node->column_ref;
                if (ref->n_fields >= 2 && ref->fields[0]->node_case == PG_QUERY__NODE__NODE_STRING && node_string(ref->fields[0]) == from)
                    ref->fields[0] = arena_.string(to);
                return false;
            });
        });
    }

    std::vector<std::vector<std::string>> levels_;  // names of the levels around the current query, outermost first
    RewriteArena::Storage& arena_;
};

}  // namespace

std::optional<std::vector<std::string>> function_item_columns(const PgQuery__RangeFunction* item) {
    const PgQuery__FuncCall* call = single_call(item);
    if (!call || call->n_funcname > 2 || (call->n_funcname == 2 && node_string(call->funcname[0]) != "pg_catalog")) return std::nullopt;
    std::string name = function_name(call);
    bool one_column = false;
    for (const OneColumnFunction& function : one_column_functions)
        one_column = one_column || (name == function.name && (!function.arguments || function.arguments == call->n_args));
    if (!one_column) return std::nullopt;
    const PgQuery__Alias* alias = item->alias;
    auto column = [&](std::size_t i, std::string otherwise) { return alias && alias->n_colnames > i ? node_string(alias->colnames[i]) : otherwise; };
    std::vector<std::string> columns{column(0, alias && alias->aliasname ? alias->aliasname : name)};
    if (item->ordinality) columns.push_back(column(1, "ordinality"));
    return columns;
}

void name_from_items_as_catalog(PgQuery__Node* root, std::vector<std::string> around, RewriteArena::Storage& arena) {
    if (root) FromItemNamer(std::move(around), arena).queries_in(root);
}

}  // namespace pgshift
