// CREATE TABLE and CREATE INDEX, with everything PostgreSQL creates implicitly for them.
#include <algorithm>
#include <cctype>
#include <set>

#include "model/names.hpp"
#include "model/type_names.hpp"
#include "parser/canonical/column_references.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/object_definitions.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

struct PendingConstraint {
    const PgQuery__Constraint* constraint;
    std::vector<std::string> column;  // the column of a column constraint; empty for a table constraint
};

// The columns a CHECK expression reads outside subqueries: PostgreSQL names the constraint after
// the column when there is exactly one.
std::set<std::string> referenced_columns(const PgQuery__Node* expression) {
    std::set<std::string> columns;
    walk_nodes(expression, [&](const PgQuery__Node* node) {
        if (node->node_case == PG_QUERY__NODE__NODE_SUB_LINK) return false;
        if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
            const PgQuery__ColumnRef* ref = node->column_ref;
            if (ref->n_fields > 0) {
                std::string last = node_string(ref->fields[ref->n_fields - 1]);
                if (!last.empty()) columns.insert(last);
            }
        }
        return true;
    });
    return columns;
}

// FigureIndexColname(): what an index expression contributes to a generated index name.
std::string figure_index_column_name(const PgQuery__Node* expression) {
    std::string name = figure_column_name(expression);
    return name == "?column?" ? "expr" : name;
}

// ChooseIndexColumnNames(): element names, with numeric suffixes where they repeat.
std::vector<std::string> index_column_names(const std::vector<const PgQuery__IndexElem*>& elements) {
    std::vector<std::string> names;
    for (const PgQuery__IndexElem* element : elements) {
        std::string original = element->indexcolname && *element->indexcolname ? element->indexcolname
                               : element->name && *element->name              ? element->name
                                                                               : figure_index_column_name(element->expr);
        std::string current = original;
        for (int i = 1; std::find(names.begin(), names.end(), current) != names.end(); ++i) {
            std::string suffix = std::to_string(i);
            current = truncate_identifier(original).substr(0, max_identifier_bytes - suffix.size()) + suffix;
        }
        names.push_back(current);
    }
    return names;
}

std::vector<const PgQuery__IndexElem*> index_elements(std::size_t count, PgQuery__Node* const* items) {
    std::vector<const PgQuery__IndexElem*> elements;
    for (std::size_t i = 0; i < count; ++i)
        if (items[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM) elements.push_back(items[i]->index_elem);
    return elements;
}

char foreign_key_action(const char* action) { return action && *action ? action[0] : 'a'; }


}  // namespace

void Replayer::create_serial_sequence(Table& table, Column& column, const std::string& base_type) {
    const std::string& schema = table.name.schema;
    std::string name = choose_name(table.name.name, column.name, "seq",
                                   [&](const std::string& candidate) { return relation_name_taken(schema, candidate); });
    Sequence sequence;
    sequence.name = {schema, name};
    sequence.data_type = base_type;
    sequence.max_value = integer_type_max(base_type);
    sequence.owned_by = SequenceOwner{table.name, column.name};
    sequence.owner = role_;
    sequence.acl = new_object_acl('S', schema);
    model_.sequences[sequence.name] = sequence;
    remember_origin(qualified(sequence.name));
    column.default_expr = nextval_default(sequence.name);
    column.not_null = true;
}

// OPTIONS (...) of a foreign table or its column, changed as transformGenericOptions() does:
// ADD (or no action) appends, SET replaces in place, DROP removes.
std::vector<std::string> Replayer::generic_options(std::vector<std::string> options, std::size_t count, PgQuery__Node* const* changes) const {
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__DefElem* change = as_def_elem(changes[i]);
        if (!change) continue;
        std::string name = change->defname, prefix = name + "=";
        auto found = std::find_if(options.begin(), options.end(), [&](const std::string& option) { return option.compare(0, prefix.size(), prefix) == 0; });
        switch (change->defaction) {
            case PG_QUERY__DEF_ELEM_ACTION__DEFELEM_DROP:
            case PG_QUERY__DEF_ELEM_ACTION__DEFELEM_SET:
                if (found == options.end()) fail("option \"" + name + "\" not found", change->location);
                if (change->defaction == PG_QUERY__DEF_ELEM_ACTION__DEFELEM_DROP) options.erase(found);
                else *found = prefix + def_elem_text(change);
                break;
            default:
                if (found != options.end()) fail("option \"" + name + "\" provided more than once", change->location);
                options.push_back(prefix + def_elem_text(change));
        }
    }
    return options;
}

void Replayer::add_column(Table& table, const PgQuery__ColumnDef* definition,
                          std::vector<const PgQuery__Constraint*>& deferred) {
    if (table.find_column(definition->colname))
        fail("column \"" + std::string(definition->colname) + "\" specified more than once", definition->location);
    Column column;
    column.name = definition->colname;
    const PgQuery__TypeName* type = definition->type_name;
    std::optional<std::string> serial_type;
    if (type && type->n_names == 1 && type->n_array_bounds == 0) serial_type = serial_base_type(node_string(type->names[0]));
    column.type = serial_type ? *serial_type : type_text(type);
    column.collation = written_collation(definition->coll_clause, column.type);
    if (definition->is_not_null) column.not_null = true;
    column.foreign_options = generic_options({}, definition->n_fdwoptions, definition->fdwoptions);
    if (definition->raw_default) {
        remember_written(table.name, column.name, "default", definition->raw_default);
        column.default_expr = default_text(definition->raw_default, column.type);
    }
    for (std::size_t i = 0; i < definition->n_constraints; ++i) {
        const PgQuery__Node* node = definition->constraints[i];
        if (node->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
        const PgQuery__Constraint* constraint = node->constraint;
        switch (constraint->contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: column.not_null = true; break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: column.not_null = false; break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
                remember_written(table.name, column.name, "default", constraint->raw_expr);
                column.default_expr = default_text(constraint->raw_expr, column.type);
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
                column.identity = constraint->generated_when && *constraint->generated_when ? constraint->generated_when[0] : 'a';
                column.not_null = true;
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
                drop_own_qualifiers(constraint->raw_expr, table.name.schema, table.name.name);
                column.generated_expr = expression_text(constraint->raw_expr);
                break;
            // Attribute clauses modify the constraint before them.
            case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
            case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
            case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
            case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
                if (!deferred.empty()) {
                    auto* previous = const_cast<PgQuery__Constraint*>(deferred.back());
                    if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE) previous->deferrable = true;
                    if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE) previous->deferrable = false;
                    if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED) previous->initdeferred = true;
                    if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE) previous->initdeferred = false;
                }
                break;
            default: deferred.push_back(constraint); break;
        }
    }
    table.columns.push_back(std::move(column));
    if (serial_type) create_serial_sequence(table, table.columns.back(), *serial_type);
}

void Replayer::add_check_constraint(Table& table, const PgQuery__Constraint* constraint,
                                    const std::vector<std::string>& /*column*/) {
    const std::string& schema = table.name.schema;
    std::string name;
    if (constraint->conname && *constraint->conname) {
        name = constraint->conname;
        if (table.constraints.count(name))
            fail("constraint \"" + name + "\" for relation \"" + table.name.name + "\" already exists");
    } else {
        std::set<std::string> columns = referenced_columns(constraint->raw_expr);
        name = choose_name(table.name.name, columns.size() == 1 ? *columns.begin() : "", "check",
                           [&](const std::string& candidate) { return constraint_name_taken(schema, candidate); });
    }
    Constraint check;
    check.name = name;
    check.type = ConstraintType::check;
    remember_written(table.name, name, "expression", constraint->raw_expr);
    drop_own_qualifiers(constraint->raw_expr, schema, table.name.name);
    check.expression = expression_text(constraint->raw_expr);
    check.no_inherit = constraint->is_no_inherit;
    check.validated = !constraint->skip_validation;
    table.constraints[name] = std::move(check);
    remember_constraint(schema, name);
}

void Replayer::add_index_constraint(Table& table, const PgQuery__Constraint* constraint,
                                    const std::vector<std::string>& column) {
    const std::string& schema = table.name.schema;
    bool primary = constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY;
    bool exclusion = constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION;
    Index index;
    index.unique = !exclusion;
    index.nulls_not_distinct = constraint->nulls_not_distinct;
    index.method = constraint->access_method && *constraint->access_method ? constraint->access_method : "btree";
    index.include = node_strings(constraint->n_including, constraint->including);
    index.options = option_list(constraint->n_options, constraint->options);
    std::vector<std::string> key_columns = constraint->n_keys ? node_strings(constraint->n_keys, constraint->keys) : column;

    // ALTER TABLE ... ADD CONSTRAINT ... USING INDEX: an existing index becomes the constraint's.
    if (constraint->indexname && *constraint->indexname) {
        auto existing = model_.indexes.find({schema, constraint->indexname});
        if (existing == model_.indexes.end()) fail("index \"" + std::string(constraint->indexname) + "\" does not exist");
        index = existing->second;
        model_.indexes.erase(existing);
        key_columns.clear();
        for (const IndexKey& key : index.keys) key_columns.push_back(key.column);
    }

    Constraint result;
    result.type = primary ? ConstraintType::primary_key : exclusion ? ConstraintType::exclusion : ConstraintType::unique;
    result.deferrable = constraint->deferrable;
    result.initially_deferred = constraint->initdeferred;
    result.nulls_not_distinct = constraint->nulls_not_distinct;

    std::vector<std::string> name_columns;
    if (exclusion) {
        std::string elements;
        for (std::size_t i = 0; i < constraint->n_exclusions; ++i) {
            const PgQuery__Node* pair = constraint->n_exclusions ? constraint->exclusions[i] : nullptr;
            if (!pair || pair->node_case != PG_QUERY__NODE__NODE_LIST || pair->list->n_items < 2) continue;
            const PgQuery__IndexElem* element = pair->list->items[0]->index_elem;
            IndexKey key = index_key(element, &expression_names_, rewrite_arena_);
            index.keys.push_back(key);
            std::vector<std::string> op = list_strings(pair->list->items[1]);
            std::string op_text;
            for (std::size_t j = 0; j < op.size(); ++j) op_text += (j ? "." : "") + op[j];
            elements += (i ? ", " : "") + (key.column.empty() ? "(" + key.expression + ")" : quote_ident(key.column)) +
                        " WITH " + op_text;
            name_columns.push_back(element->name && *element->name ? element->name : figure_index_column_name(element->expr));
        }
        result.expression = "EXCLUDE USING " + index.method + " (" + elements + ")";
        if (constraint->where_clause) {
            index.predicate = expression_text(constraint->where_clause);
            result.expression += " WHERE (" + index.predicate + ")";
        }
    } else {
        for (const std::string& key_column : key_columns) {
            Column* target = table.find_column(key_column);
            if (!target) fail("column \"" + key_column + "\" named in key does not exist", constraint->location);
            if (primary) target->not_null = true;
            if (!constraint->indexname || !*constraint->indexname) index.keys.push_back(IndexKey{key_column, "", "", "", false, false});
        }
        result.columns = key_columns;
        name_columns = key_columns;
        name_columns.insert(name_columns.end(), index.include.begin(), index.include.end());
    }
    if (primary) {
        for (const auto& [name, existing] : table.constraints)
            if (existing.type == ConstraintType::primary_key)
                fail("multiple primary keys for table \"" + table.name.name + "\" are not allowed", constraint->location);
    }

    std::string name;
    if (constraint->conname && *constraint->conname) {
        name = constraint->conname;
        if (table.constraints.count(name))
            fail("constraint \"" + name + "\" for relation \"" + table.name.name + "\" already exists");
        if (relation_name_taken(schema, name)) fail("relation \"" + name + "\" already exists");
    } else {
        auto taken = [&](const std::string& candidate) {
            return relation_name_taken(schema, candidate) || constraint_name_taken(schema, candidate);
        };
        name = choose_name(table.name.name, primary ? "" : name_addition(name_columns),
                           primary ? "pkey" : exclusion ? "excl" : "key", taken);
    }
    result.name = name;
    index.name = {schema, name};
    index.table = table.name.name;
    index.constraint = name;
    table.constraints[name] = std::move(result);
    remember_constraint(schema, name);
    const Index& stored = model_.indexes[index.name] = std::move(index);
    remember_origin(qualified(stored.name));
}

void Replayer::add_foreign_key(Table& table, const PgQuery__Constraint* constraint, const std::vector<std::string>& column) {
    Constraint key;
    key.type = ConstraintType::foreign_key;
    key.columns = constraint->n_fk_attrs ? node_strings(constraint->n_fk_attrs, constraint->fk_attrs) : column;
    for (const std::string& key_column : key.columns)
        if (!table.find_column(key_column))
            fail("column \"" + key_column + "\" referenced in foreign key constraint does not exist", constraint->location);
    const PgQuery__RangeVar* target = constraint->pktable;
    std::optional<QualifiedName> referenced = find_relation(target);
    if (!referenced && target->schemaname && schema_is_external(target->schemaname))
        referenced = QualifiedName{target->schemaname, target->relname};
    if (!referenced || (relation_kind(*referenced) != RelationKind::table && model_.tables.count(*referenced) == 0 &&
                        !schema_is_external(referenced->schema)))
        fail("relation \"" + std::string(target->relname) + "\" does not exist", target->location);
    key.referenced_table = *referenced;
    key.referenced_columns = node_strings(constraint->n_pk_attrs, constraint->pk_attrs);
    if (key.referenced_columns.empty()) {
        auto referenced_table = model_.tables.find(*referenced);
        if (referenced_table != model_.tables.end()) {
            for (const auto& [name, candidate] : referenced_table->second.constraints)
                if (candidate.type == ConstraintType::primary_key) key.referenced_columns = candidate.columns;
            if (key.referenced_columns.empty())
                fail("there is no primary key for referenced table \"" + referenced->name + "\"", target->location);
        }
    }
    if (key.referenced_columns.size() != key.columns.size())
        fail("number of referencing and referenced columns for foreign key disagree", constraint->location);
    key.on_update = foreign_key_action(constraint->fk_upd_action);
    key.on_delete = foreign_key_action(constraint->fk_del_action);
    key.match_type = constraint->fk_matchtype && *constraint->fk_matchtype ? constraint->fk_matchtype[0] : 's';
    key.deferrable = constraint->deferrable;
    key.initially_deferred = constraint->initdeferred;
    key.validated = !constraint->skip_validation;
    const std::string& schema = table.name.schema;
    if (constraint->conname && *constraint->conname) {
        key.name = constraint->conname;
        if (table.constraints.count(key.name))
            fail("constraint \"" + key.name + "\" for relation \"" + table.name.name + "\" already exists");
    } else {
        key.name = choose_name(table.name.name, name_addition(key.columns), "fkey",
                               [&](const std::string& candidate) { return constraint_name_taken(schema, candidate); });
    }
    const Constraint& stored = table.constraints[key.name] = std::move(key);
    remember_constraint(schema, stored.name);
}

void Replayer::add_table_constraint(Table& table, const PgQuery__Constraint* constraint,
                                    const std::vector<std::string>& column) {
    switch (constraint->contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: return add_check_constraint(table, constraint, column);
        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: return add_index_constraint(table, constraint, column);
        case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: return add_foreign_key(table, constraint, column);
        default: return;
    }
}

void Replayer::inherit_columns(Table& table, const QualifiedName& parent_name) {
    auto parent = model_.tables.find(parent_name);
    if (parent == model_.tables.end()) return;
    for (const Column& inherited : parent->second.columns) {
        if (table.find_column(inherited.name)) continue;
        Column column = inherited;
        column.comment.clear();
        column.acl.reset();
        column.identity = 0;
        table.columns.push_back(std::move(column));
    }
    for (const auto& [name, constraint] : parent->second.constraints)
        if (constraint.type == ConstraintType::check && !constraint.no_inherit) table.constraints[name] = constraint;
    remember_constraints(table);
}

void Replayer::copy_like(Table& table, const PgQuery__TableLikeClause* like) {
    std::optional<QualifiedName> source_name = find_relation(like->relation);
    if (!source_name || !model_.tables.count(*source_name))
        fail("relation \"" + std::string(like->relation->relname) + "\" does not exist", like->relation->location);
    const Table& source = model_.tables.at(*source_name);
    constexpr uint32_t like_comments = 1u << 0, like_constraints = 1u << 2, like_defaults = 1u << 3,
                       like_generated = 1u << 4, like_identity = 1u << 5, like_indexes = 1u << 6;
    for (const Column& original : source.columns) {
        Column column;
        column.name = original.name;
        column.type = original.type;
        column.collation = original.collation;
        column.not_null = original.not_null;
        if (like->options & like_defaults) column.default_expr = original.default_expr;
        if (like->options & like_generated) column.generated_expr = original.generated_expr;
        if (like->options & like_identity) column.identity = original.identity;
        if (like->options & like_comments) column.comment = original.comment;
        table.columns.push_back(std::move(column));
    }
    if (like->options & like_constraints)
        for (const auto& [name, constraint] : source.constraints)
            if (constraint.type == ConstraintType::check) table.constraints[name] = constraint;
    remember_constraints(table);
    if (like->options & like_indexes) not_modelled("LIKE ... INCLUDING INDEXES");
}

void Replayer::create_table(const PgQuery__CreateStmt* statement, const PgQuery__CreateForeignTableStmt* foreign) {
    const PgQuery__RangeVar* relation = statement->relation;
    QualifiedName name{creation_schema(relation->schemaname), relation->relname};
    if (relation_exists_already(name, statement->if_not_exists)) return;
    if (relation->relpersistence && std::string(relation->relpersistence) == "t") {
        not_modelled("CREATE TEMPORARY TABLE " + name.name);
        return;
    }
    if (foreign) require_foreign_server(foreign->servername);
    Table& table = model_.tables[name];
    remember_origin(qualified(name));
    table.name = name;
    table.owner = role_;
    table.kind = foreign ? TableKind::foreign : statement->partspec ? TableKind::partitioned : TableKind::ordinary;
    table.unlogged = relation->relpersistence && std::string(relation->relpersistence) == "u";
    table.options = option_list(statement->n_options, statement->options);
    if (foreign) {
        table.foreign_server = foreign->servername;
        table.foreign_options = generic_options({}, foreign->n_options, foreign->options);
    }
    table.acl = new_object_acl('r', name.schema);

    for (std::size_t i = 0; i < statement->n_inh_relations; ++i) {
        const PgQuery__Node* parent = statement->inh_relations[i];
        if (parent->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
        std::optional<QualifiedName> parent_name = find_relation(parent->range_var);
        if (!parent_name || !model_.tables.count(*parent_name))
            fail("relation \"" + std::string(parent->range_var->relname) + "\" does not exist", parent->range_var->location);
        if (statement->partbound)
            table.partition_of = *parent_name;
        else
            table.inherits.push_back(*parent_name);
        inherit_columns(table, *parent_name);
    }
    if (statement->partbound) {
        table.partition_bound = partition_bound_text(statement->partbound, rewrite_arena_);
    }
    if (statement->partspec) {
        const PgQuery__PartitionSpec* spec = statement->partspec;
        std::string key = spec->strategy ? spec->strategy : "";
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return char(std::toupper(c)); });
        key += " (";
        for (std::size_t i = 0; i < spec->n_part_params; ++i) {
            const PgQuery__PartitionElem* element = spec->part_params[i]->partition_elem;
            key += (i ? ", " : "") + (element->name && *element->name ? quote_ident(element->name) : "(" + expression_text(element->expr) + ")");
        }
        table.partition_key = key + ")";
    }

    std::vector<PendingConstraint> checks, index_constraints, foreign_keys;
    auto classify = [&](const PgQuery__Constraint* constraint, std::vector<std::string> column) {
        // A new table is empty: NOT VALID is ignored and its constraints start validated.
        const_cast<PgQuery__Constraint*>(constraint)->skip_validation = false;
        switch (constraint->contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: checks.push_back({constraint, column}); break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
                // The primary key's index is created first.
                index_constraints.insert(index_constraints.begin(), {constraint, column});
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
            case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: index_constraints.push_back({constraint, column}); break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: foreign_keys.push_back({constraint, column}); break;
            default: break;
        }
    };
    table.columns.reserve(statement->n_table_elts);
    for (std::size_t i = 0; i < statement->n_table_elts; ++i) {
        const PgQuery__Node* element = statement->table_elts[i];
        if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
            std::vector<const PgQuery__Constraint*> deferred;
            add_column(table, element->column_def, deferred);
            for (const PgQuery__Constraint* constraint : deferred) classify(constraint, {element->column_def->colname});
        } else if (element->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
            classify(element->constraint, {});
        } else if (element->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
            copy_like(table, element->table_like_clause);
        }
    }
    for (std::size_t i = 0; i < statement->n_constraints; ++i)
        if (statement->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) classify(statement->constraints[i]->constraint, {});

    // transformIndexConstraints(): an index constraint identical to an earlier one is dropped.
    std::vector<PendingConstraint> distinct_indexes;
    for (const PendingConstraint& pending : index_constraints) {
        auto keys = [](const PendingConstraint& p) {
            return p.constraint->n_keys ? node_strings(p.constraint->n_keys, p.constraint->keys) : p.column;
        };
        bool redundant = false;
        for (PendingConstraint& earlier : distinct_indexes) {
            if (pending.constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION ||
                earlier.constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
                continue;
            if (keys(earlier) == keys(pending) && pending.constraint->n_including == 0 && earlier.constraint->n_including == 0 &&
                earlier.constraint->deferrable == pending.constraint->deferrable &&
                earlier.constraint->initdeferred == pending.constraint->initdeferred &&
                earlier.constraint->nulls_not_distinct == pending.constraint->nulls_not_distinct) {
                redundant = true;
                if ((!earlier.constraint->conname || !*earlier.constraint->conname) && pending.constraint->conname)
                    const_cast<PgQuery__Constraint*>(earlier.constraint)->conname = pending.constraint->conname;
                break;
            }
        }
        if (!redundant) distinct_indexes.push_back(pending);
    }
    for (const PendingConstraint& pending : checks) add_table_constraint(table, pending.constraint, pending.column);
    for (const PendingConstraint& pending : distinct_indexes) add_table_constraint(table, pending.constraint, pending.column);
    for (const PendingConstraint& pending : foreign_keys) add_table_constraint(table, pending.constraint, pending.column);
}

void Replayer::create_index(const PgQuery__IndexStmt* statement) {
    std::optional<QualifiedName> table_name = find_relation(statement->relation);
    if (!table_name) {
        if (statement->relation->schemaname && schema_is_external(statement->relation->schemaname)) {
            not_modelled("CREATE INDEX on " + std::string(statement->relation->relname) + ", a relation outside the model");
            return;
        }
        fail("relation \"" + std::string(statement->relation->relname) + "\" does not exist", statement->relation->location);
    }
    RelationKind kind = relation_kind(*table_name);
    if (kind != RelationKind::table && kind != RelationKind::materialized_view)
        fail("cannot create index on relation \"" + table_name->name + "\"", statement->relation->location);
    const std::string& schema = table_name->schema;
    std::vector<const PgQuery__IndexElem*> elements = index_elements(statement->n_index_params, statement->index_params);
    std::vector<const PgQuery__IndexElem*> included = index_elements(statement->n_index_including_params, statement->index_including_params);
    std::string name;
    if (statement->idxname && *statement->idxname) {
        name = statement->idxname;
        if (relation_name_taken(schema, name) && (statement->if_not_exists || !platform_gives_way('r', schema, name))) {
            if (statement->if_not_exists) return;
            fail_duplicate("relation \"" + name + "\" already exists");
        }
    } else {
        std::vector<const PgQuery__IndexElem*> all = elements;
        all.insert(all.end(), included.begin(), included.end());
        name = choose_name(table_name->name, name_addition(index_column_names(all)), "idx",
                           [&](const std::string& candidate) { return relation_name_taken(schema, candidate); });
    }
    for (const PgQuery__IndexElem* element : elements) {
        if (kind != RelationKind::table) break;
        const Table& table = model_.tables.at(*table_name);
        if (element->name && *element->name && !table.find_column(element->name))
            fail("column \"" + std::string(element->name) + "\" does not exist");
        drop_no_op_key_cast(&const_cast<PgQuery__IndexElem*>(element)->expr, table);
    }
    Index index = index_from_statement(statement, &expression_names_, rewrite_arena_);
    drop_implied_key_collations(index, *table_name);
    index.name = {schema, name};
    index.table = table_name->name;
    const Index& stored = model_.indexes[index.name] = std::move(index);
    remember_origin(qualified(stored.name));
}

void Replayer::drop_no_op_key_cast(PgQuery__Node** key, const Table& table) {
    while (*key && (*key)->node_case == PG_QUERY__NODE__NODE_COLLATE_CLAUSE) key = &(*key)->collate_clause->arg;
    if (!*key || (*key)->node_case != PG_QUERY__NODE__NODE_TYPE_CAST) return;
    PgQuery__TypeCast* cast = (*key)->type_cast;
    drop_no_op_key_cast(&cast->arg, table);  // the inner cast first: n::bigint::bigint
    const PgQuery__Node* arg = cast->arg;
    if (!arg || arg->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || arg->column_ref->n_fields != 1) return;
    const Column* column = table.find_column(node_string(arg->column_ref->fields[0]));
    // The same type with the same typmod: varchar(20)::varchar is a cast that drops the length.
    if (column && type_text(cast->type_name) == column->type) *key = cast->arg;
}

}  // namespace pgshift
