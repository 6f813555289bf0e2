// DROP, RENAME, COMMENT ON, ALTER ... SET SCHEMA and ALTER ... OWNER TO over every modelled kind.
#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"
#include "parser/canonical/tree_walk.hpp"
#include "parser/view_renames.hpp"

namespace pgshift {
namespace {

using Kind = Replayer::RelationKind;

Kind relation_kind_of(PgQuery__ObjectType type) {
    switch (type) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE: return Kind::table;
        case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: return Kind::view;
        case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW: return Kind::materialized_view;
        case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: return Kind::sequence;
        case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: return Kind::index;
        default: return Kind::none;
    }
}

const char* kind_word(Kind kind) {
    switch (kind) {
        case Kind::table: return "table";
        case Kind::view: return "view";
        case Kind::materialized_view: return "materialized view";
        case Kind::sequence: return "sequence";
        case Kind::index: return "index";
        default: return "relation";
    }
}

std::string object_type_word(PgQuery__ObjectType type) {
    std::string name = protobuf_c_enum_descriptor_get_value(&pg_query__object_type__descriptor, type)->name;
    name = name.substr(name.find('_') + 1);
    for (char& c : name) c = c == '_' ? ' ' : char(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

template <typename Map>
void rekey(Map& map, const typename Map::key_type& from, const typename Map::key_type& to) {
    auto node = map.extract(from);
    node.key() = to;
    map.insert(std::move(node));
}

// A sequence under a new name: column defaults refer to it by OID, so they show the new name.
void move_sequence(SchemaModel& model, const QualifiedName& from, const QualifiedName& to) {
    rekey(model.sequences, from, to);
    model.sequences.at(to).name = to;
    std::string before = nextval_default(from), after = nextval_default(to);
    for (auto& [key, table] : model.tables)
        for (Column& column : table.columns)
            if (column.default_expr == before) column.default_expr = after;
}

}  // namespace

void Replayer::move_type(const QualifiedName& from, const QualifiedName& to) {
    auto move = [&](auto& map) {
        if (!map.count(from)) return;
        rekey(map, from, to);
        map.at(to).name = to;
    };
    move(model_.enums);
    move(model_.domains);
    move(model_.composite_types);
    change_names({NameChange::Kind::type, from, to, std::nullopt});
}

void Replayer::drop_relation(const QualifiedName& name, Kind kind) {
    switch (kind) {
        case Kind::table: {
            for (auto it = model_.indexes.begin(); it != model_.indexes.end();)
                it = it->first.schema == name.schema && it->second.table == name.name ? model_.indexes.erase(it) : std::next(it);
            for (auto it = model_.sequences.begin(); it != model_.sequences.end();)
                it = it->second.owned_by && it->second.owned_by->table == name ? model_.sequences.erase(it) : std::next(it);
            for (auto& [key, other] : model_.tables)
                for (auto it = other.constraints.begin(); it != other.constraints.end();)
                    it = it->second.type == ConstraintType::foreign_key && it->second.referenced_table == name && key != name
                             ? other.constraints.erase(it)
                             : std::next(it);
            drop_table_from_publications(name);
            model_.tables.erase(name);
            return;
        }
        case Kind::view:
        case Kind::materialized_view:
            for (auto it = model_.indexes.begin(); it != model_.indexes.end();)
                it = it->first.schema == name.schema && it->second.table == name.name ? model_.indexes.erase(it) : std::next(it);
            model_.views.erase(name);
            return;
        case Kind::sequence: model_.sequences.erase(name); return;
        case Kind::index: {
            const Index& index = model_.indexes.at(name);
            if (!index.constraint.empty())
                fail("cannot drop index " + name.name + " because constraint " + index.constraint + " on table " + index.table + " requires it");
            model_.indexes.erase(name);
            return;
        }
        case Kind::composite_type: model_.composite_types.erase(name); return;
        case Kind::none: return;
    }
}

void Replayer::drop(const PgQuery__DropStmt* statement) {
    PgQuery__ObjectType type = statement->remove_type;
    bool cascade = statement->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    for (std::size_t i = 0; i < statement->n_objects; ++i) {
        const PgQuery__Node* object = statement->objects[i];
        if (Kind wanted = relation_kind_of(type); wanted != Kind::none) {
            std::vector<std::string> names = list_strings(object);
            const char* schema = names.size() >= 2 ? names[names.size() - 2].c_str() : nullptr;
            std::optional<QualifiedName> name = find_relation(schema, names.back());
            if (!name) {
                if (statement->missing_ok) continue;
                if (schema && schema_is_external(schema)) {
                    not_modelled("DROP of " + names.back() + ", outside the model");
                    continue;
                }
                fail(std::string(kind_word(wanted)) + " \"" + names.back() + "\" does not exist");
            }
            Kind actual = relation_kind(*name);
            if (actual != wanted) fail("\"" + name->name + "\" is not a " + kind_word(wanted));
            drop_relation(*name, actual);
            continue;
        }
        switch (type) {
            case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
            case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
                std::vector<std::string> names = node_strings(object->type_name->n_names, object->type_name->names);
                std::optional<QualifiedName> name = find_type(names);
                if (!name) {
                    if (statement->missing_ok) continue;
                    fail("type \"" + names.back() + "\" does not exist");
                }
                model_.enums.erase(*name);
                model_.domains.erase(*name);
                model_.composite_types.erase(*name);
                break;
            }
            case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
            case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
            case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
            case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE: {
                Function* function = find_function(object->object_with_args, statement->missing_ok, "function");
                if (function) model_.functions.erase({function->name.schema, function->signature()});
                break;
            }
            case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
                std::string name = node_string(object);
                if (!model_.schemas.count(name)) {
                    if (statement->missing_ok) continue;
                    fail("schema \"" + name + "\" does not exist");
                }
                auto in_schema = [&](auto& map) {
                    bool any = false;
                    for (auto it = map.begin(); it != map.end();) {
                        bool inside = it->first.schema == name;
                        any = any || inside;
                        it = inside && cascade ? map.erase(it) : std::next(it);
                    }
                    return any;
                };
                // Every map is visited (no short-circuit): with CASCADE each one is emptied.
                bool contents = false;
                for (bool found : {in_schema(model_.tables), in_schema(model_.views), in_schema(model_.sequences),
                                   in_schema(model_.indexes), in_schema(model_.functions), in_schema(model_.enums),
                                   in_schema(model_.domains), in_schema(model_.composite_types)})
                    contents = contents || found;
                if (contents && !cascade) fail("cannot drop schema " + name + " because other objects depend on it");
                drop_schema_from_publications(name);
                model_.schemas.erase(name);
                schemas_created_.erase(name);
                break;
            }
            case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
                std::string name = node_string(object);
                if (!model_.extensions.erase(name) && !statement->missing_ok) fail("extension \"" + name + "\" does not exist");
                break;
            }
            case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION: return drop_publications(statement);
            case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
            case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: return drop_foreign(statement);
            case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
            case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: {
                std::vector<std::string> names = list_strings(object);
                std::vector<std::string> relation(names.begin(), names.end() - 1);
                const char* schema = relation.size() >= 2 ? relation[relation.size() - 2].c_str() : nullptr;
                std::optional<QualifiedName> table_name = find_relation(schema, relation.back());
                bool policy = type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY;
                std::map<std::string, Policy>* policies = nullptr;
                std::map<std::string, Trigger>* triggers = nullptr;
                if (table_name && model_.tables.count(*table_name)) {
                    policies = &model_.tables.at(*table_name).policies;
                    triggers = &model_.tables.at(*table_name).triggers;
                } else if (table_name && model_.views.count(*table_name)) {
                    triggers = &model_.views.at(*table_name).triggers;
                }
                if (!table_name) {
                    if (statement->missing_ok || (schema && schema_is_external(schema))) continue;
                    fail("relation \"" + relation.back() + "\" does not exist");
                }
                bool removed = policy ? policies && policies->erase(names.back()) : triggers && triggers->erase(names.back());
                if (!removed && !statement->missing_ok)
                    fail(std::string(policy ? "policy" : "trigger") + " \"" + names.back() + "\" for table \"" + relation.back() + "\" does not exist");
                break;
            }
            default: not_modelled("DROP " + object_type_word(type)); return;
        }
    }
}

void Replayer::rename_relation(const QualifiedName& name, const std::string& new_name) {
    QualifiedName renamed{name.schema, new_name};
    if (relation_name_taken(name.schema, new_name)) fail_duplicate("relation \"" + new_name + "\" already exists");
    switch (relation_kind(name)) {
        case Kind::table: {
            rekey(model_.tables, name, renamed);
            model_.tables.at(renamed).name = renamed;
            for (auto& [key, index] : model_.indexes)
                if (key.schema == name.schema && index.table == name.name) index.table = new_name;
            for (auto& [key, sequence] : model_.sequences)
                if (sequence.owned_by && sequence.owned_by->table == name) sequence.owned_by->table = renamed;
            for (auto& [key, table] : model_.tables) {
                for (auto& [constraint_name, constraint] : table.constraints)
                    if (constraint.referenced_table == name) constraint.referenced_table = renamed;
                if (table.partition_of && *table.partition_of == name) table.partition_of = renamed;
            }
            change_names({NameChange::Kind::type, name, renamed, std::nullopt});  // its row type
            rename_relation_in_readers(name, renamed);
            move_table_in_publications(name, renamed);
            return;
        }
        case Kind::view:
        case Kind::materialized_view:
            rekey(model_.views, name, renamed);
            model_.views.at(renamed).name = renamed;
            rename_relation_in_readers(name, renamed);
            return;
        case Kind::sequence: move_sequence(model_, name, renamed); return;
        case Kind::index: {
            rekey(model_.indexes, name, renamed);
            Index& index = model_.indexes.at(renamed);
            index.name = renamed;
            // Renaming a constraint's index renames the constraint.
            if (!index.constraint.empty()) {
                Table& table = model_.tables.at({name.schema, index.table});
                rekey(table.constraints, index.constraint, new_name);
                table.constraints.at(new_name).name = new_name;
                remember_constraint(name.schema, new_name);
                index.constraint = new_name;
            }
            return;
        }
        case Kind::composite_type:
            move_type(name, renamed);
            return;
        case Kind::none: return;
    }
}

void Replayer::note_view_reads(const QualifiedName& view, const PgQuery__Node* query) {
    walk_nodes(query, [&](const PgQuery__Node* node) {
        if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) views_reading_[node->range_var->relname].insert(view);
        return true;
    });
}

void Replayer::rename_column_in_readers(const QualifiedName& relation, const std::string& from, const std::string& to) {
    auto rename_in_policies = [&](const QualifiedName& table_name, Table& table) {
        for (auto& [name, policy] : table.policies) {
            policy.using_expr = rename_column_in_policy_expression(policy.using_expr, table_name, relation, from, to);
            policy.with_check_expr = rename_column_in_policy_expression(policy.with_check_expr, table_name, relation, from, to);
        }
    };
    if (read_by_policies_.count(relation.name)) {
        for (auto& [key, table] : model_.tables) rename_in_policies(key, table);
    } else if (auto table = model_.tables.find(relation); table != model_.tables.end()) {
        rename_in_policies(relation, table->second);
    }
    auto readers = views_reading_.find(relation.name);
    if (readers == views_reading_.end()) return;
    for (const QualifiedName& name : readers->second)
        if (auto view = model_.views.find(name); view != model_.views.end() && name != relation)
            view->second.query = rename_column_in_view_query(view->second.query, relation, from, to);
}

void Replayer::rename_relation_in_readers(const QualifiedName& from, const QualifiedName& to) {
    // Policies read other relations in subqueries, and a table's own name qualifies references
    // to it there. Renames are rare: every policy is looked at.
    for (auto& [key, table] : model_.tables) {
        const QualifiedName& table_name = key == to ? from : key;  // as its expressions know it
        for (auto& [name, policy] : table.policies) {
            policy.using_expr = rename_relation_in_policy_expression(policy.using_expr, table_name, from, to);
            policy.with_check_expr = rename_relation_in_policy_expression(policy.with_check_expr, table_name, from, to);
        }
    }
    if (model_.views.count(to))
        for (auto& [relation, views] : views_reading_)
            if (views.erase(from)) views.insert(to);
    auto readers = views_reading_.find(from.name);
    if (readers == views_reading_.end()) return;
    for (const QualifiedName& name : readers->second)
        if (auto view = model_.views.find(name); view != model_.views.end())
            view->second.query = rename_relation_in_view_query(view->second.query, from, to);
    if (to.name != from.name) views_reading_[to.name].insert(readers->second.begin(), readers->second.end());
    if (read_by_policies_.count(from.name)) read_by_policies_.insert(to.name);
}

void Replayer::rename(const PgQuery__RenameStmt* statement) {
    PgQuery__ObjectType type = statement->rename_type;
    std::string new_name = statement->newname ? statement->newname : "";
    std::string old_name = statement->subname ? statement->subname : "";
    auto require_relation = [&]() -> std::optional<QualifiedName> {
        std::optional<QualifiedName> name = find_relation(statement->relation);
        if (!name && !statement->missing_ok) fail("relation \"" + std::string(statement->relation->relname) + "\" does not exist");
        return name;
    };
    if (relation_kind_of(type) != Kind::none) {
        if (auto name = require_relation()) rename_relation(*name, new_name);
        return;
    }
    switch (type) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
            std::optional<QualifiedName> name = require_relation();
            if (!name) return;
            if (auto table = model_.tables.find(*name); table != model_.tables.end()) {
                Column* column = table->second.find_column(old_name);
                if (!column) fail("column \"" + old_name + "\" does not exist");
                if (table->second.find_column(new_name)) fail_duplicate("column \"" + new_name + "\" of relation \"" + name->name + "\" already exists");
                column->name = new_name;
                auto replace = [&](std::vector<std::string>& columns) {
                    for (std::string& c : columns)
                        if (c == old_name) c = new_name;
                };
                // Stored expressions refer to columns by number: they show the new name.
                auto rewrite = [&](std::string& expression) {
                    expression = rename_column_in_expression(expression, name->name, old_name, new_name);
                };
                for (auto& [key, constraint] : table->second.constraints) {
                    replace(constraint.columns);
                    if (constraint.type == ConstraintType::check) rewrite(constraint.expression);
                }
                for (Column& other : table->second.columns) {
                    rewrite(other.generated_expr);
                    rewrite(other.default_expr);
                }
                for (auto& [key, trigger] : table->second.triggers) {
                    rewrite(trigger.when_expr);
                    replace(trigger.update_columns);
                }
                const Dependents& dependent = dependents();
                if (auto indexes = dependent.indexes.find(*name); indexes != dependent.indexes.end())
                    for (const QualifiedName& key : indexes->second) {
                        auto index = model_.indexes.find(key);
                        if (index == model_.indexes.end() || index->second.table != name->name) continue;
                        for (IndexKey& index_key : index->second.keys) {
                            if (index_key.column == old_name) index_key.column = new_name;
                            rewrite(index_key.expression);
                        }
                        rewrite(index->second.predicate);
                        replace(index->second.include);
                    }
                if (auto keys = dependent.foreign_keys.find(*name); keys != dependent.foreign_keys.end())
                    for (const auto& [table_name, constraint_name] : keys->second) {
                        auto other = model_.tables.find(table_name);
                        if (other == model_.tables.end()) continue;
                        auto constraint = other->second.constraints.find(constraint_name);
                        if (constraint != other->second.constraints.end() && constraint->second.referenced_table == *name)
                            replace(constraint->second.referenced_columns);
                    }
                for (auto& [key, sequence] : model_.sequences)
                    if (sequence.owned_by && sequence.owned_by->table == *name && sequence.owned_by->column == old_name)
                        sequence.owned_by->column = new_name;
                rename_column_in_publications(*name, old_name, new_name);
                rename_column_in_readers(*name, old_name, new_name);
            } else if (auto view = model_.views.find(*name); view != model_.views.end()) {
                std::vector<ViewColumn>& columns = view->second.columns;
                for (std::size_t i = 0; i < columns.size(); ++i) {
                    if (columns[i].name != old_name) continue;
                    columns[i].name = new_name;
                    view->second.query = rename_view_output_column(view->second.query, i, new_name);
                }
                rename_column_in_readers(*name, old_name, new_name);
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
            std::optional<QualifiedName> name = require_relation();
            if (!name || !model_.tables.count(*name)) return;
            Table& table = model_.tables.at(*name);
            if (!table.constraints.count(old_name)) fail("constraint \"" + old_name + "\" for table \"" + name->name + "\" does not exist");
            rekey(table.constraints, old_name, new_name);
            table.constraints.at(new_name).name = new_name;
            remember_constraint(name->schema, new_name);
            if (model_.indexes.count({name->schema, old_name}) && model_.indexes.at({name->schema, old_name}).constraint == old_name) {
                rekey(model_.indexes, {name->schema, old_name}, {name->schema, new_name});
                Index& index = model_.indexes.at({name->schema, new_name});
                index.name.name = new_name;
                index.constraint = new_name;
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
        case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: {
            std::optional<QualifiedName> name = require_relation();
            if (!name) return;
            bool policy = type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY;
            if (auto table = model_.tables.find(*name); table != model_.tables.end()) {
                if (policy) {
                    if (!table->second.policies.count(old_name)) fail("policy \"" + old_name + "\" for table \"" + name->name + "\" does not exist");
                    rekey(table->second.policies, old_name, new_name);
                    table->second.policies.at(new_name).name = new_name;
                } else {
                    if (!table->second.triggers.count(old_name)) fail("trigger \"" + old_name + "\" for table \"" + name->name + "\" does not exist");
                    rekey(table->second.triggers, old_name, new_name);
                    table->second.triggers.at(new_name).name = new_name;
                }
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
            if (!model_.schemas.count(old_name)) fail("schema \"" + old_name + "\" does not exist");
            if (model_.schemas.count(new_name)) fail_duplicate("schema \"" + new_name + "\" already exists");
            rekey(model_.schemas, old_name, new_name);
            model_.schemas.at(new_name).name = new_name;
            if (schemas_created_.erase(old_name)) schemas_created_.insert(new_name);
            auto move = [&](auto& map) {
                std::vector<QualifiedName> keys;
                for (const auto& entry : map)
                    if (entry.first.schema == old_name) keys.push_back(entry.first);
                for (const QualifiedName& key : keys) {
                    rekey(map, key, QualifiedName{new_name, key.name});
                    map.at(QualifiedName{new_name, key.name}).name.schema = new_name;
                }
            };
            move(model_.tables), move(model_.views), move(model_.sequences), move(model_.indexes), move(model_.functions);
            move(model_.enums), move(model_.domains), move(model_.composite_types);
            change_names({NameChange::Kind::schema, {old_name, ""}, {new_name, ""}, std::nullopt});
            rename_schema_in_publications(old_name, new_name);
            for (auto& [relation, views] : views_reading_) {
                std::set<QualifiedName> readers;
                for (const QualifiedName& view : views) readers.insert(view.schema == old_name ? QualifiedName{new_name, view.name} : view);
                views = std::move(readers);
            }
            for (const auto& [key, table] : model_.tables)
                if (key.schema == new_name) remember_constraints(table);
            for (const auto& [key, domain] : model_.domains)
                if (key.schema == new_name)
                    for (const auto& [constraint_name, constraint] : domain.constraints) remember_constraint(new_name, constraint_name);
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
            QualifiedName name = require_type(list_strings(statement->object));
            move_type(name, {name.schema, new_name});
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
            Function* function = find_function(statement->object->object_with_args, false, "function");
            if (function) move_function(*function, {function->name.schema, new_name});
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION: return rename_publication(node_string(statement->object), new_name);
        case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
        case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: return rename_foreign(type, node_string(statement->object), new_name);
        default: not_modelled("ALTER " + object_type_word(type) + " ... RENAME"); return;
    }
}

void Replayer::comment(const PgQuery__CommentStmt* statement) {
    std::string text = statement->comment ? statement->comment : "";
    const PgQuery__Node* object = statement->object;
    auto relation_of = [&](const std::vector<std::string>& names) -> std::optional<QualifiedName> {
        const char* schema = names.size() >= 2 ? names[names.size() - 2].c_str() : nullptr;
        return find_relation(schema, names.back());
    };
    auto missing = [&](const std::string& what) {
        if (!schema_is_external("public")) fail(what + " does not exist");
        not_modelled("COMMENT ON " + what + ", outside the model");
    };
    switch (statement->objtype) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
        case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
        case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: {
            std::vector<std::string> names = list_strings(object);
            std::optional<QualifiedName> name = relation_of(names);
            if (!name) return missing("relation \"" + names.back() + "\"");
            if (auto table = model_.tables.find(*name); table != model_.tables.end()) table->second.comment = text;
            if (auto view = model_.views.find(*name); view != model_.views.end()) view->second.comment = text;
            if (auto sequence = model_.sequences.find(*name); sequence != model_.sequences.end()) sequence->second.comment = text;
            if (auto index = model_.indexes.find(*name); index != model_.indexes.end()) index->second.comment = text;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
            std::vector<std::string> names = list_strings(object);
            std::vector<std::string> relation(names.begin(), names.end() - 1);
            std::optional<QualifiedName> name = relation.empty() ? std::nullopt : relation_of(relation);
            if (!name) return missing("relation \"" + (relation.empty() ? std::string() : relation.back()) + "\"");
            if (auto table = model_.tables.find(*name); table != model_.tables.end()) {
                Column* column = table->second.find_column(names.back());
                if (!column) fail("column \"" + names.back() + "\" of relation \"" + name->name + "\" does not exist");
                column->comment = text;
            } else if (auto view = model_.views.find(*name); view != model_.views.end()) {
                for (ViewColumn& column : view->second.columns)
                    if (column.name == names.back()) column.comment = text;
            } else if (auto type = model_.composite_types.find(*name); type != model_.composite_types.end()) {
                not_modelled("COMMENT ON COLUMN of a composite type");
            }
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
            auto schema = model_.schemas.find(node_string(object));
            if (schema == model_.schemas.end()) return missing("schema \"" + node_string(object) + "\"");
            schema->second.comment = text;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
            auto extension = model_.extensions.find(node_string(object));
            if (extension == model_.extensions.end()) fail("extension \"" + node_string(object) + "\" does not exist");
            extension->second.comment = text;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
            std::vector<std::string> names = node_strings(object->type_name->n_names, object->type_name->names);
            std::optional<QualifiedName> name = find_type(names);
            if (!name) return missing("type \"" + names.back() + "\"");
            if (auto type = model_.enums.find(*name); type != model_.enums.end()) type->second.comment = text;
            if (auto domain = model_.domains.find(*name); domain != model_.domains.end()) domain->second.comment = text;
            if (auto type = model_.composite_types.find(*name); type != model_.composite_types.end()) type->second.comment = text;
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
            Function* function = find_function(object->object_with_args, false, "function");
            if (function)
                function->comment = text;
            else
                not_modelled("COMMENT ON FUNCTION outside the model");
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
        case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
            std::vector<std::string> names = list_strings(object);
            std::vector<std::string> relation(names.begin(), names.end() - 1);
            std::optional<QualifiedName> name = relation.empty() ? std::nullopt : relation_of(relation);
            if (!name || !model_.tables.count(*name)) return missing("relation \"" + (relation.empty() ? std::string() : relation.back()) + "\"");
            Table& table = model_.tables.at(*name);
            const std::string& item = names.back();
            if (statement->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY && table.policies.count(item))
                table.policies.at(item).comment = text;
            else if (statement->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER && table.triggers.count(item))
                table.triggers.at(item).comment = text;
            else if (statement->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT && table.constraints.count(item))
                table.constraints.at(item).comment = text;
            else
                fail("\"" + item + "\" for table \"" + name->name + "\" does not exist");
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION: require_publication(node_string(object)).comment = text; return;
        case PG_QUERY__OBJECT_TYPE__OBJECT_FDW: require_foreign_data_wrapper(node_string(object)).comment = text; return;
        case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: require_foreign_server(node_string(object)).comment = text; return;
        default: not_modelled("COMMENT ON " + object_type_word(statement->objtype)); return;
    }
}

void Replayer::alter_object_schema(const PgQuery__AlterObjectSchemaStmt* statement) {
    std::string schema = statement->newschema;
    if (!model_.schemas.count(schema) && !schema_is_external(schema)) fail("schema \"" + schema + "\" does not exist");
    if (statement->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION) {
        auto extension = model_.extensions.find(node_string(statement->object));
        if (extension == model_.extensions.end()) fail("extension \"" + node_string(statement->object) + "\" does not exist");
        extension->second.schema = schema;
        return;
    }
    if (statement->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION || statement->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE) {
        Function* function = find_function(statement->object->object_with_args, statement->missing_ok, "function");
        if (function) move_function(*function, {schema, function->name.name});
        return;
    }
    if (relation_kind_of(statement->object_type) == Kind::table) {
        std::optional<QualifiedName> name = find_relation(statement->relation);
        if (!name) {
            if (statement->missing_ok) return;
            fail("relation \"" + std::string(statement->relation->relname) + "\" does not exist");
        }
        QualifiedName moved{schema, name->name};
        rekey(model_.tables, *name, moved);
        model_.tables.at(moved).name = moved;
        remember_constraints(model_.tables.at(moved));
        // A table takes its indexes and owned sequences along.
        std::vector<QualifiedName> indexes, sequences;
        for (const auto& [key, index] : model_.indexes)
            if (key.schema == name->schema && index.table == name->name) indexes.push_back(key);
        for (const QualifiedName& key : indexes) {
            rekey(model_.indexes, key, {schema, key.name});
            model_.indexes.at({schema, key.name}).name.schema = schema;
        }
        std::vector<QualifiedName> owned;
        for (auto& [key, sequence] : model_.sequences)
            if (sequence.owned_by && sequence.owned_by->table == *name) {
                sequence.owned_by->table = moved;
                owned.push_back(key);
            }
        for (const QualifiedName& key : owned) move_sequence(model_, key, {schema, key.name});
        for (auto& [key, other] : model_.tables)
            for (auto& [constraint_name, constraint] : other.constraints)
                if (constraint.referenced_table == *name) constraint.referenced_table = moved;
        change_names({NameChange::Kind::type, *name, moved, std::nullopt});  // its row type
        rename_relation_in_readers(*name, moved);
        move_table_in_publications(*name, moved);
        return;
    }
    if (relation_kind_of(statement->object_type) != Kind::none) {
        std::optional<QualifiedName> name = find_relation(statement->relation);
        if (!name) {
            if (statement->missing_ok) return;
            fail("relation \"" + std::string(statement->relation->relname) + "\" does not exist");
        }
        QualifiedName moved{schema, name->name};
        if (model_.views.count(*name)) {
            rekey(model_.views, *name, moved);
            model_.views.at(moved).name = moved;
            rename_relation_in_readers(*name, moved);
        } else if (model_.sequences.count(*name)) {
            move_sequence(model_, *name, moved);
        }
        return;
    }
    if (statement->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE || statement->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN) {
        QualifiedName name = require_type(list_strings(statement->object));
        move_type(name, {schema, name.name});
        return;
    }
    not_modelled("ALTER " + object_type_word(statement->object_type) + " ... SET SCHEMA");
}

void Replayer::set_owner(const QualifiedName& name, Kind kind, const std::string& owner) {
    auto change = [&](std::string& current, std::optional<Acl>& acl) {
        if (acl) acl_change_owner(*acl, current, owner);
        current = owner;
    };
    switch (kind) {
        case Kind::table: {
            Table& table = model_.tables.at(name);
            change(table.owner, table.acl);
            // Owned sequences follow their table.
            for (auto& [key, sequence] : model_.sequences)
                if (sequence.owned_by && sequence.owned_by->table == name) change(sequence.owner, sequence.acl);
            return;
        }
        case Kind::view:
        case Kind::materialized_view: change(model_.views.at(name).owner, model_.views.at(name).acl); return;
        case Kind::sequence: change(model_.sequences.at(name).owner, model_.sequences.at(name).acl); return;
        default: return;
    }
}

void Replayer::alter_owner(const PgQuery__AlterOwnerStmt* statement) {
    std::string owner = role_name(statement->newowner);
    auto change = [&](std::string& current, std::optional<Acl>& acl) {
        if (acl) acl_change_owner(*acl, current, owner);
        current = owner;
    };
    switch (statement->object_type) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
            auto schema = model_.schemas.find(node_string(statement->object));
            if (schema == model_.schemas.end()) fail("schema \"" + node_string(statement->object) + "\" does not exist");
            change(schema->second.owner, schema->second.acl);
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
            Function* function = find_function(statement->object->object_with_args, false, "function");
            if (function) change(function->owner, function->acl);
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
            QualifiedName name = require_type(list_strings(statement->object));
            if (auto type = model_.enums.find(name); type != model_.enums.end()) change(type->second.owner, type->second.acl);
            if (auto domain = model_.domains.find(name); domain != model_.domains.end()) change(domain->second.owner, domain->second.acl);
            if (auto type = model_.composite_types.find(name); type != model_.composite_types.end()) change(type->second.owner, type->second.acl);
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION: require_publication(node_string(statement->object)).owner = owner; return;
        case PG_QUERY__OBJECT_TYPE__OBJECT_FDW: {
            ForeignDataWrapper& wrapper = require_foreign_data_wrapper(node_string(statement->object));
            change(wrapper.owner, wrapper.acl);
            return;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: {
            ForeignServer& server = require_foreign_server(node_string(statement->object));
            change(server.owner, server.acl);
            return;
        }
        default: not_modelled("ALTER " + object_type_word(statement->object_type) + " ... OWNER TO"); return;
    }
}

}  // namespace pgshift
