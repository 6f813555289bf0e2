// ALTER TABLE in its forms, and the ALTER VIEW / ALTER TYPE / ALTER INDEX variants that share its node.
#include "model/acl.hpp"
#include "parser/canonical/object_definitions.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {
namespace {

void set_options(std::vector<std::string>& options, const PgQuery__Node* list, bool reset) {
    if (!list || list->node_case != PG_QUERY__NODE__NODE_LIST) return;
    for (std::size_t i = 0; i < list->list->n_items; ++i) {
        const PgQuery__DefElem* option = as_def_elem(list->list->items[i]);
        if (!option) continue;
        std::string prefix = std::string(option->defname) + "=";
        for (auto it = options.begin(); it != options.end();)
            it = it->compare(0, prefix.size(), prefix) == 0 ? options.erase(it) : it + 1;
        if (!reset) options.push_back(prefix + (option->arg ? def_elem_text(option) : "true"));
    }
}

}  // namespace

void Replayer::drop_column(Table& table, const std::string& column_name, bool missing_ok, bool cascade) {
    Column* column = table.find_column(column_name);
    if (!column) {
        if (missing_ok) return;
        fail("column \"" + column_name + "\" of relation \"" + table.name.name + "\" does not exist");
    }
    drop_column_from_publications(table, column_name, cascade);
    // What depends on the column goes with it: its indexes, constraints, and owned sequences.
    for (auto it = model_.indexes.begin(); it != model_.indexes.end();) {
        const Index& index = it->second;
        bool uses = false;
        if (it->first.schema == table.name.schema && index.table == table.name.name) {
            for (const IndexKey& key : index.keys)
                uses = uses || key.column == column_name || expression_uses_column(key.expression, column_name);
            for (const std::string& included : index.include) uses = uses || included == column_name;
            uses = uses || expression_uses_column(index.predicate, column_name);
        }
        it = uses ? model_.indexes.erase(it) : std::next(it);
    }
    for (auto it = table.constraints.begin(); it != table.constraints.end();) {
        const Constraint& constraint = it->second;
        bool uses = expression_uses_column(constraint.expression, column_name);
        for (const std::string& key : constraint.columns) uses = uses || key == column_name;
        if (uses && constraint.type != ConstraintType::foreign_key) model_.indexes.erase({table.name.schema, it->first});
        it = uses ? table.constraints.erase(it) : std::next(it);
    }
    for (auto& [name, other] : model_.tables)
        for (auto it = other.constraints.begin(); it != other.constraints.end();) {
            bool references = it->second.type == ConstraintType::foreign_key && it->second.referenced_table == table.name;
            bool uses = false;
            for (const std::string& key : it->second.referenced_columns) uses = uses || key == column_name;
            it = references && uses ? other.constraints.erase(it) : std::next(it);
        }
    for (auto it = model_.sequences.begin(); it != model_.sequences.end();) {
        const auto& owner = it->second.owned_by;
        it = owner && owner->table == table.name && owner->column == column_name ? model_.sequences.erase(it) : std::next(it);
    }
    table.columns.erase(table.columns.begin() + (column - table.columns.data()));
}

void Replayer::alter_table_command(Table& table, const PgQuery__AlterTableCmd* command) {
    std::string column_name = command->name ? command->name : "";
    auto require_column = [&]() -> Column& {
        Column* column = table.find_column(column_name);
        if (!column) fail("column \"" + column_name + "\" of relation \"" + table.name.name + "\" does not exist");
        return *column;
    };
    switch (command->subtype) {
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse: {
            const PgQuery__ColumnDef* definition = command->def->column_def;
            if (table.find_column(definition->colname)) {
                if (command->missing_ok) return;
                fail_duplicate("column \"" + std::string(definition->colname) + "\" of relation \"" + table.name.name + "\" already exists");
            }
            std::vector<const PgQuery__Constraint*> deferred;
            add_column(table, definition, deferred);
            for (const PgQuery__Constraint* constraint : deferred) add_table_constraint(table, constraint, {definition->colname});
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault: {
            Column& column = require_column();
            remember_written(table.name, column.name, "default", command->def);
            column.default_expr = command->def ? default_text(command->def, column.type) : "";
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull: require_column().not_null = false; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull: require_column().not_null = true; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression: require_column().generated_expr.clear(); return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse:
            return drop_column(table, column_name, command->missing_ok, command->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE);
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
            Column& column = require_column();
            check_column_retype_in_publications(table, column_name);
            const PgQuery__ColumnDef* definition = command->def->column_def;
            column.type = type_text(definition->type_name);
            // Without COLLATE the column takes its new type's collation.
            column.collation = written_collation(definition->coll_clause, column.type);
            // Its indexes are rebuilt from their printed definitions: a key's collation that is
            // now the column's is no longer printed.
            for (auto it = model_.indexes.lower_bound({table.name.schema, ""}); it != model_.indexes.end() && it->first.schema == table.name.schema; ++it)
                if (it->second.table == table.name.name) drop_implied_key_collations(it->second, table.name);
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIndexConstraint: {
            const PgQuery__Constraint* constraint = command->def->constraint;
            if (constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL) return;
            return add_table_constraint(table, constraint, {});
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse: {
            auto constraint = table.constraints.find(column_name);
            if (constraint == table.constraints.end())
                fail("constraint \"" + column_name + "\" of relation \"" + table.name.name + "\" does not exist");
            constraint->second.validated = true;
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterConstraint: {
            const PgQuery__Constraint* changed = command->def->constraint;
            auto constraint = table.constraints.find(changed->conname ? changed->conname : "");
            if (constraint == table.constraints.end())
                fail("constraint \"" + std::string(changed->conname ? changed->conname : "") + "\" of relation \"" + table.name.name + "\" does not exist");
            constraint->second.deferrable = changed->deferrable;
            constraint->second.initially_deferred = changed->initdeferred;
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse: {
            auto constraint = table.constraints.find(column_name);
            if (constraint == table.constraints.end()) {
                if (command->missing_ok) return;
                fail("constraint \"" + column_name + "\" of relation \"" + table.name.name + "\" does not exist");
            }
            model_.indexes.erase({table.name.schema, column_name});
            table.constraints.erase(constraint);
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
            set_owner(table.name, RelationKind::table, role_name(command->newowner));
            return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity: table.rls_enabled = true; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity: table.rls_enabled = false; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity: table.rls_forced = true; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity: table.rls_forced = false; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig: {
            auto trigger = table.triggers.find(column_name);
            if (trigger == table.triggers.end())
                fail("trigger \"" + column_name + "\" for table \"" + table.name.name + "\" does not exist");
            trigger->second.enabled = command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig         ? 'O'
                                      : command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig ? 'A'
                                      : command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig ? 'R'
                                                                                                           : 'D';
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
            for (auto& [name, trigger] : table.triggers) trigger.enabled = 'O';
            return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
            for (auto& [name, trigger] : table.triggers) trigger.enabled = 'D';
            return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: {
            Column& column = require_column();
            const PgQuery__Constraint* constraint = command->def->constraint;
            column.identity = constraint->generated_when && *constraint->generated_when ? constraint->generated_when[0] : 'a';
            column.not_null = true;
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity: {
            Column& column = require_column();
            if (command->def && command->def->node_case == PG_QUERY__NODE__NODE_LIST)
                for (std::size_t i = 0; i < command->def->list->n_items; ++i) {
                    const PgQuery__DefElem* option = as_def_elem(command->def->list->items[i]);
                    if (option && std::string(option->defname) == "generated") column.identity = def_elem_text(option) == "1" ? 'a' : 'd';
                }
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity: {
            Column* column = table.find_column(column_name);
            if (!column && command->missing_ok) return;
            require_column().identity = 0;
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition: {
            const PgQuery__PartitionCmd* partition = command->def->partition_cmd;
            std::optional<QualifiedName> child = find_relation(partition->name);
            if (!child || !model_.tables.count(*child))
                fail("relation \"" + std::string(partition->name->relname) + "\" does not exist", partition->name->location);
            Table& child_table = model_.tables.at(*child);
            child_table.partition_of = table.name;
            child_table.partition_bound = partition_bound_text(partition->bound, rewrite_arena_);
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition: {
            std::optional<QualifiedName> child = find_relation(command->def->partition_cmd->name);
            if (child && model_.tables.count(*child)) {
                model_.tables.at(*child).partition_of.reset();
                model_.tables.at(*child).partition_bound.clear();
            }
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit: {
            std::optional<QualifiedName> parent = find_relation(command->def->range_var);
            if (!parent) fail("relation \"" + std::string(command->def->range_var->relname) + "\" does not exist");
            table.inherits.push_back(*parent);
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit: {
            std::optional<QualifiedName> parent = find_relation(command->def->range_var);
            for (auto it = table.inherits.begin(); it != table.inherits.end(); ++it)
                if (parent && *it == *parent) {
                    table.inherits.erase(it);
                    break;
                }
            return;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions: set_options(table.options, command->def, false); return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: set_options(table.options, command->def, true); return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged: table.unlogged = false; return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
            if (published_explicitly(table.name))
                fail("cannot change table \"" + table.name.name + "\" to unlogged because it is part of a publication", -1,
                     "Unlogged relations cannot be replicated.");
            table.unlogged = true;
            return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_GenericOptions:
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnGenericOptions: {
            const PgQuery__List* changes = command->def && command->def->node_case == PG_QUERY__NODE__NODE_LIST ? command->def->list : nullptr;
            if (!changes) return;
            std::vector<std::string>& options =
                command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_GenericOptions ? table.foreign_options : require_column().foreign_options;
            options = generic_options(std::move(options), changes->n_items, changes->items);
            return;
        }
        default:
            not_modelled("ALTER TABLE " + table.name.name + " (" + std::string(protobuf_c_enum_descriptor_get_value(
                                                                 &pg_query__alter_table_type__descriptor, command->subtype)->name) + ")");
            return;
    }
}

void Replayer::alter_view_command(View& view, const PgQuery__AlterTableCmd* command) {
    switch (command->subtype) {
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions: set_options(view.options, command->def, false); return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: set_options(view.options, command->def, true); return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
            set_owner(view.name, view.materialized ? RelationKind::materialized_view : RelationKind::view, role_name(command->newowner));
            return;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault: not_modelled("ALTER VIEW ... ALTER COLUMN ... DEFAULT"); return;
        default: not_modelled("ALTER VIEW " + view.name.name); return;
    }
}

void Replayer::alter_composite_type(const QualifiedName& name, const PgQuery__AlterTableStmt* statement) {
    CompositeType& type = model_.composite_types.at(name);
    for (std::size_t i = 0; i < statement->n_cmds; ++i) {
        const PgQuery__AlterTableCmd* command = statement->cmds[i]->alter_table_cmd;
        std::string attribute = command->name ? command->name : "";
        auto find = [&]() {
            for (auto it = type.attributes.begin(); it != type.attributes.end(); ++it)
                if (it->name == attribute) return it;
            return type.attributes.end();
        };
        switch (command->subtype) {
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
                const PgQuery__ColumnDef* definition = command->def->column_def;
                std::string attribute_type = type_text(definition->type_name);
                type.attributes.push_back({definition->colname, attribute_type, written_collation(definition->coll_clause, attribute_type)});
                break;
            }
            case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
                if (auto it = find(); it != type.attributes.end())
                    type.attributes.erase(it);
                else if (!command->missing_ok)
                    fail("column \"" + attribute + "\" of relation \"" + name.name + "\" does not exist");
                break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
                if (auto it = find(); it != type.attributes.end()) {
                    it->type = type_text(command->def->column_def->type_name);
                    it->collation = written_collation(command->def->column_def->coll_clause, it->type);
                }
                break;
            case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner: type.owner = role_name(command->newowner); break;
            default: not_modelled("ALTER TYPE " + name.name); break;
        }
    }
}

void Replayer::alter_table(const PgQuery__AlterTableStmt* statement) {
    const PgQuery__RangeVar* relation = statement->relation;
    std::optional<QualifiedName> name = find_relation(relation);
    if (!name) {
        if (statement->missing_ok) return;
        if ((relation->schemaname && schema_is_external(relation->schemaname))) {
            not_modelled("ALTER of " + std::string(relation->relname) + ", a relation outside the model");
            return;
        }
        fail("relation \"" + std::string(relation->relname) + "\" does not exist", relation->location);
    }
    RelationKind kind = relation_kind(*name);
    if (kind == RelationKind::composite_type) return alter_composite_type(*name, statement);
    for (std::size_t i = 0; i < statement->n_cmds; ++i) {
        const PgQuery__AlterTableCmd* command = statement->cmds[i]->alter_table_cmd;
        switch (kind) {
            case RelationKind::table: alter_table_command(model_.tables.at(*name), command); break;
            case RelationKind::view:
            case RelationKind::materialized_view: alter_view_command(model_.views.at(*name), command); break;
            case RelationKind::sequence:
                if (command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner)
                    set_owner(*name, kind, role_name(command->newowner));
                else
                    not_modelled("ALTER SEQUENCE " + name->name);
                break;
            case RelationKind::index:
                if (command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions)
                    set_options(model_.indexes.at(*name).options, command->def, false);
                else if (command->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions)
                    set_options(model_.indexes.at(*name).options, command->def, true);
                else
                    not_modelled("ALTER INDEX " + name->name);
                break;
            default: break;
        }
    }
}

}  // namespace pgshift
