// Row level security policies, GRANT / REVOKE, and ALTER DEFAULT PRIVILEGES.
#include <algorithm>
#include <cctype>

#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"
#include "parser/canonical/tree_walk.hpp"

namespace pgshift {
namespace {

std::string upper(std::string text) {
    for (char& c : text) c = char(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// Privilege letters a GRANT names, for one object class: ALL means every privilege of the class.
std::string requested_letters(const PgQuery__GrantStmt* statement, char object_class) {
    std::string_view valid = all_privileges(object_class);
    if (statement->n_privileges == 0) return std::string(valid);
    std::string letters;
    for (std::size_t i = 0; i < statement->n_privileges; ++i) {
        const PgQuery__AccessPriv* privilege = statement->privileges[i]->access_priv;
        if (privilege->n_cols > 0) continue;  // column privileges go to the columns
        std::string name = privilege->priv_name ? privilege->priv_name : "";
        if (name.empty() || name == "all") return std::string(valid);
        char letter = privilege_letter(name);
        if (letter && valid.find(letter) != std::string_view::npos) letters.push_back(letter);
    }
    return letters;
}

char object_class_of(PgQuery__ObjectType type) {
    switch (type) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: return acl_object::table;
        case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: return acl_object::sequence;
        case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
        case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: return acl_object::function;
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: return acl_object::type;
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: return acl_object::schema;
        case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE: return acl_object::database;
        case PG_QUERY__OBJECT_TYPE__OBJECT_FDW: return acl_object::foreign_data_wrapper;
        case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: return acl_object::foreign_server;
        default: return 0;
    }
}

}  // namespace

std::string Replayer::role_name(const PgQuery__RoleSpec* role) const {
    if (!role) return role_;
    switch (role->roletype) {
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC: return "PUBLIC";
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING: return role->rolename;
        default: return role_;  // CURRENT_USER, CURRENT_ROLE, SESSION_USER
    }
}

std::optional<Acl> Replayer::new_object_acl(char object_class, const std::string& schema) const {
    return initial_acl(model_, object_class, role_, schema);
}

std::string Replayer::policy_text(const PgQuery__Node* expression, const QualifiedName& table) {
    if (!expression) return {};
    walk_nodes(expression, [&](const PgQuery__Node* node) {
        if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) read_by_policies_.insert(node->range_var->relname);
        return true;
    });
    return canonical_policy_expression(const_cast<PgQuery__Node*>(expression), table.schema, table.name, &expression_names_, rewrite_arena_);
}

void Replayer::create_policy(const PgQuery__CreatePolicyStmt* statement) {
    std::optional<QualifiedName> table_name = find_relation(statement->table);
    if (!table_name || !model_.tables.count(*table_name)) {
        if (statement->table->schemaname && schema_is_external(statement->table->schemaname))
            return not_modelled("CREATE POLICY on a table outside the model");
        fail("relation \"" + std::string(statement->table->relname) + "\" does not exist", statement->table->location);
    }
    Table& table = model_.tables.at(*table_name);
    Policy policy;
    policy.name = statement->policy_name;
    if (table.policies.count(policy.name))
        fail_duplicate("policy \"" + policy.name + "\" for table \"" + table.name.name + "\" already exists");
    policy.permissive = statement->permissive;
    policy.command = upper(statement->cmd_name ? statement->cmd_name : "all");
    policy.roles = policy_roles(statement->roles, statement->n_roles);
    reject_missing_in_policy(statement->qual, table.name);
    reject_missing_in_policy(statement->with_check, table.name);
    remember_written(table.name, policy.name, "using", statement->qual);
    remember_written(table.name, policy.name, "with check", statement->with_check);
    policy.using_expr = policy_text(statement->qual, table.name);
    policy.with_check_expr = policy_text(statement->with_check, table.name);
    table.policies[policy.name] = std::move(policy);
}

// The roles as the catalog keeps them: once each, sorted, and PUBLIC alone when it is among them
// (it covers every role; PostgreSQL ignores the others, with a warning).
std::vector<std::string> Replayer::policy_roles(PgQuery__Node** roles, std::size_t count) const {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
        std::string role = role_name(roles[i]->role_spec);
        if (role == "PUBLIC" || role == "public") return {"public"};
        names.push_back(role);
    }
    if (names.empty()) return {"public"};
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

void Replayer::alter_policy(const PgQuery__AlterPolicyStmt* statement) {
    std::optional<QualifiedName> table_name = find_relation(statement->table);
    if (!table_name || !model_.tables.count(*table_name))
        fail("relation \"" + std::string(statement->table->relname) + "\" does not exist", statement->table->location);
    Table& table = model_.tables.at(*table_name);
    auto policy = table.policies.find(statement->policy_name);
    if (policy == table.policies.end())
        fail("policy \"" + std::string(statement->policy_name) + "\" for table \"" + table.name.name + "\" does not exist");
    if (statement->n_roles) policy->second.roles = policy_roles(statement->roles, statement->n_roles);
    reject_missing_in_policy(statement->qual, table.name);
    reject_missing_in_policy(statement->with_check, table.name);
    remember_written(table.name, policy->first, "using", statement->qual);
    remember_written(table.name, policy->first, "with check", statement->with_check);
    if (statement->qual) policy->second.using_expr = policy_text(statement->qual, table.name);
    if (statement->with_check) policy->second.with_check_expr = policy_text(statement->with_check, table.name);
}

bool Replayer::names_identity_sequence(const PgQuery__RangeVar* range) const {
    // PostgreSQL names an identity column's sequence table_column_seq (ChooseRelationName).
    std::vector<std::string> schemas = range->schemaname && *range->schemaname ? std::vector<std::string>{range->schemaname}
                                                                                : effective_search_path();
    for (const std::string& schema : schemas)
        for (auto it = model_.tables.lower_bound({schema, ""}); it != model_.tables.end() && it->first.schema == schema; ++it)
            for (const Column& column : it->second.columns)
                if (column.identity && truncate_identifier(it->first.name + "_" + column.name + "_seq") == range->relname) return true;
    return false;
}

void Replayer::grant(const PgQuery__GrantStmt* statement) {
    char object_class = object_class_of(statement->objtype);
    if (!object_class) {
        std::string kind = protobuf_c_enum_descriptor_get_value(&pg_query__object_type__descriptor, statement->objtype)->name;
        return not_modelled((statement->is_grant ? "GRANT on " : "REVOKE on ") + kind.substr(kind.find('_') + 1));
    }
    std::vector<std::string> grantees;
    for (std::size_t i = 0; i < statement->n_grantees; ++i) grantees.push_back(role_name(statement->grantees[i]->role_spec));
    if (object_class == acl_object::database) return grant_on_database(statement, grantees);

    // Applies the statement to one object's ACL; a NULL ACL first becomes the explicit default.
    auto apply = [&](std::optional<Acl>& acl, char target_class, const std::string& owner) {
        std::string letters = requested_letters(statement, target_class);
        if (letters.empty()) return;
        if (!acl) acl = default_acl(target_class, owner);
        for (const std::string& grantee : grantees) {
            if (statement->is_grant)
                acl_grant(*acl, grantee, letters, statement->grant_option);
            else
                acl_revoke(*acl, grantee, letters, statement->grant_option);
        }
    };
    auto apply_columns = [&](Table& table) {
        for (std::size_t i = 0; i < statement->n_privileges; ++i) {
            const PgQuery__AccessPriv* privilege = statement->privileges[i]->access_priv;
            if (privilege->n_cols == 0) continue;
            std::string name = privilege->priv_name ? privilege->priv_name : "all";
            std::string letters = name == "all" ? std::string(all_privileges(acl_object::column)) : std::string(1, privilege_letter(name));
            for (const std::string& column_name : node_strings(privilege->n_cols, privilege->cols)) {
                Column* column = table.find_column(column_name);
                if (!column) fail("column \"" + column_name + "\" of relation \"" + table.name.name + "\" does not exist");
                if (!column->acl) column->acl = Acl{};
                for (const std::string& grantee : grantees) {
                    if (statement->is_grant)
                        acl_grant(*column->acl, grantee, letters, statement->grant_option);
                    else
                        acl_revoke(*column->acl, grantee, letters, statement->grant_option);
                }
                if (column->acl->empty()) column->acl.reset();
            }
        }
    };
    auto apply_relation = [&](const QualifiedName& name) {
        if (auto table = model_.tables.find(name); table != model_.tables.end()) {
            apply(table->second.acl, acl_object::table, table->second.owner);
            apply_columns(table->second);
        } else if (auto view = model_.views.find(name); view != model_.views.end()) {
            apply(view->second.acl, acl_object::table, view->second.owner);
        } else if (auto sequence = model_.sequences.find(name); sequence != model_.sequences.end()) {
            apply(sequence->second.acl, acl_object::sequence, sequence->second.owner);
        }
    };

    if (statement->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA) {
        for (const std::string& schema : node_strings(statement->n_objects, statement->objects)) {
            if (!model_.schemas.count(schema) && !schema_is_external(schema)) fail("schema \"" + schema + "\" does not exist");
            if (object_class == acl_object::table) {
                for (auto it = model_.tables.lower_bound({schema, ""}); it != model_.tables.end() && it->first.schema == schema; ++it)
                    apply(it->second.acl, acl_object::table, it->second.owner);
                for (auto it = model_.views.lower_bound({schema, ""}); it != model_.views.end() && it->first.schema == schema; ++it)
                    apply(it->second.acl, acl_object::table, it->second.owner);
            } else if (object_class == acl_object::sequence) {
                for (auto it = model_.sequences.lower_bound({schema, ""}); it != model_.sequences.end() && it->first.schema == schema; ++it)
                    apply(it->second.acl, acl_object::sequence, it->second.owner);
            } else if (object_class == acl_object::function) {
                for (auto it = model_.functions.lower_bound({schema, ""}); it != model_.functions.end() && it->first.schema == schema; ++it) {
                    bool procedure = it->second.kind == FunctionKind::procedure;
                    if ((statement->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION && procedure) ||
                        (statement->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE && !procedure))
                        continue;
                    apply(it->second.acl, acl_object::function, it->second.owner);
                }
            }
        }
        return;
    }

    for (std::size_t i = 0; i < statement->n_objects; ++i) {
        const PgQuery__Node* object = statement->objects[i];
        switch (object_class) {
            case acl_object::table:
            case acl_object::sequence: {
                const PgQuery__RangeVar* range = object->range_var;
                std::optional<QualifiedName> name = find_relation(range);
                if (!name) {
                    if (range->schemaname && schema_is_external(range->schemaname)) {
                        not_modelled("GRANT on " + std::string(range->relname) + ", a relation outside the model");
                        continue;
                    }
                    if (names_identity_sequence(range)) {
                        not_modelled("GRANT on " + std::string(range->relname) + ", an identity column's sequence");
                        continue;
                    }
                    fail("relation \"" + std::string(range->relname) + "\" does not exist", range->location);
                }
                apply_relation(*name);
                break;
            }
            case acl_object::function: {
                Function* function = find_function(object->object_with_args, false, "function");
                if (function) {
                    apply(function->acl, acl_object::function, function->owner);
                } else if (std::optional<QualifiedName> key = extension_function_key(object->object_with_args)) {
                    auto [entry, added] = model_.extension_function_privileges.try_emplace(*key);
                    if (added) entry->second.owner = role_;  // an extension's objects are its creator's
                    apply(entry->second.acl, acl_object::function, entry->second.owner);
                    entry->second.roles.insert(grantees.begin(), grantees.end());
                } else {
                    not_modelled("GRANT on a function outside the model");
                }
                break;
            }
            case acl_object::schema: {
                std::string name = node_string(object);
                auto schema = model_.schemas.find(name);
                if (schema == model_.schemas.end()) {
                    if (schema_is_external(name)) {
                        not_modelled("GRANT on schema " + name + ", outside the model");
                        continue;
                    }
                    fail("schema \"" + name + "\" does not exist");
                }
                apply(schema->second.acl, acl_object::schema, schema->second.owner);
                break;
            }
            case acl_object::type: {
                std::vector<std::string> names = object->node_case == PG_QUERY__NODE__NODE_TYPE_NAME
                                                     ? node_strings(object->type_name->n_names, object->type_name->names)
                                                     : list_strings(object);
                std::optional<QualifiedName> name = find_type(names);
                if (!name) {
                    not_modelled("GRANT on type " + (names.empty() ? std::string() : names.back()) + ", outside the model");
                    continue;
                }
                if (auto type = model_.enums.find(*name); type != model_.enums.end())
                    apply(type->second.acl, acl_object::type, type->second.owner);
                else if (auto domain = model_.domains.find(*name); domain != model_.domains.end())
                    apply(domain->second.acl, acl_object::type, domain->second.owner);
                else if (auto composite = model_.composite_types.find(*name); composite != model_.composite_types.end())
                    apply(composite->second.acl, acl_object::type, composite->second.owner);
                break;
            }
            case acl_object::foreign_data_wrapper: {
                ForeignDataWrapper& wrapper = require_foreign_data_wrapper(node_string(object));
                apply(wrapper.acl, acl_object::foreign_data_wrapper, wrapper.owner);
                break;
            }
            case acl_object::foreign_server: {
                ForeignServer& server = require_foreign_server(node_string(object));
                apply(server.acl, acl_object::foreign_server, server.owner);
                break;
            }
            default: break;
        }
    }
}

std::optional<QualifiedName> Replayer::extension_function_key(const PgQuery__ObjectWithArgs* object) {
    if (object->args_unspecified) return std::nullopt;  // which overload needs the extension's list
    std::vector<std::string> names = node_strings(object->n_objname, object->objname);
    std::optional<std::string> schema = external_function_schema(names);
    if (!schema && names.size() == 1) {
        // Offline, or an extension the database read does not have yet: the first schema on the
        // search_path that an extension of the model lives in.
        for (const std::string& candidate : effective_search_path()) {
            bool hosts = std::any_of(model_.extensions.begin(), model_.extensions.end(), [&](const auto& extension) {
                return extension.first != "plpgsql" && extension.second.schema == candidate;
            });
            if (hosts) {
                schema = candidate;
                break;
            }
        }
    }
    if (!schema || *schema == "pg_catalog") return std::nullopt;
    std::string signature = names.back() + "(";
    std::vector<std::string> types = argument_types(object);
    for (std::size_t i = 0; i < types.size(); ++i) signature += (i ? ", " : "") + types[i];
    return QualifiedName{*schema, signature + ")"};
}

// GRANT / REVOKE ... ON DATABASE: the database the migrations run on, whatever its name there (a
// history names the one it was written for; the name is not part of the model's comparison). The
// first name a history gives is that database; another name is another database, not modelled.
void Replayer::grant_on_database(const PgQuery__GrantStmt* statement, const std::vector<std::string>& grantees) {
    std::string_view valid = all_privileges(acl_object::database);
    for (std::size_t i = 0; i < statement->n_privileges; ++i) {
        const PgQuery__AccessPriv* privilege = statement->privileges[i]->access_priv;
        std::string name = privilege->priv_name ? privilege->priv_name : "";
        if (privilege->n_cols > 0) fail("column privileges are only valid for relations");
        if (name.empty() || name == "all") continue;
        char letter = privilege_letter(name);
        if (!letter || valid.find(letter) == std::string_view::npos) fail("invalid privilege type " + upper(name) + " for database");
    }
    std::string letters = requested_letters(statement, acl_object::database);
    for (const std::string& name : node_strings(statement->n_objects, statement->objects)) {
        if (!model_.database) model_.database = DatabasePrivileges{name, role_, std::nullopt, {}};
        DatabasePrivileges& database = *model_.database;
        if (database.name != name) {
            not_modelled((statement->is_grant ? "GRANT on database " : "REVOKE on database ") + name + ", another database");
            continue;
        }
        if (!database.acl) database.acl = default_acl(acl_object::database, database.owner);
        for (const std::string& grantee : grantees) {
            database.roles.insert(grantee);
            if (statement->is_grant)
                acl_grant(*database.acl, grantee, letters, statement->grant_option);
            else
                acl_revoke(*database.acl, grantee, letters, statement->grant_option);
        }
    }
}

void Replayer::alter_default_privileges(const PgQuery__AlterDefaultPrivilegesStmt* statement) {
    std::vector<std::string> roles, schemas;
    for (std::size_t i = 0; i < statement->n_options; ++i) {
        const PgQuery__DefElem* option = as_def_elem(statement->options[i]);
        if (!option || !option->arg || option->arg->node_case != PG_QUERY__NODE__NODE_LIST) continue;
        const PgQuery__List* list = option->arg->list;
        std::string name = option->defname;
        for (std::size_t j = 0; j < list->n_items; ++j) {
            if (name == "roles") roles.push_back(role_name(list->items[j]->role_spec));
            if (name == "schemas") schemas.push_back(node_string(list->items[j]));
        }
    }
    if (roles.empty()) roles.push_back(role_);
    if (schemas.empty()) schemas.push_back("");
    const PgQuery__GrantStmt* action = statement->action;
    char object_class = object_class_of(action->objtype);
    if (!object_class) return not_modelled("ALTER DEFAULT PRIVILEGES for this object type");
    std::string letters = requested_letters(action, object_class);
    for (const std::string& role : roles) {
        for (const std::string& schema : schemas) {
            if (!schema.empty() && !model_.schemas.count(schema) && !schema_is_external(schema))
                fail("schema \"" + schema + "\" does not exist");
            DefaultPrivilegeKey key{role, schema, object_class};
            auto existing = model_.default_privileges.find(key);
            // A global entry starts from the built-in default, a per-schema one from nothing.
            Acl acl = existing != model_.default_privileges.end() ? existing->second
                      : schema.empty()                            ? default_acl(object_class, role)
                                                                  : Acl{};
            for (std::size_t i = 0; i < action->n_grantees; ++i) {
                std::string grantee = role_name(action->grantees[i]->role_spec);
                if (action->is_grant)
                    acl_grant(acl, grantee, letters, action->grant_option);
                else
                    acl_revoke(acl, grantee, letters, action->grant_option);
            }
            bool neutral = schema.empty() ? acl == default_acl(object_class, role) : acl.empty();
            if (neutral)
                model_.default_privileges.erase(key);
            else
                model_.default_privileges[key] = acl;
        }
    }
}

}  // namespace pgshift
