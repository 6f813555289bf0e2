// Foreign-data wrappers, foreign servers and user mappings: CREATE / ALTER / DROP, as
// foreigncmds.c does them, with its errors.
#include <algorithm>

#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {

ForeignDataWrapper& Replayer::require_foreign_data_wrapper(const std::string& name) {
    auto wrapper = model_.foreign_data_wrappers.find(name);
    if (wrapper == model_.foreign_data_wrappers.end()) fail("foreign-data wrapper \"" + name + "\" does not exist");
    return wrapper->second;
}

ForeignServer& Replayer::require_foreign_server(const std::string& name) {
    auto server = model_.foreign_servers.find(name);
    if (server == model_.foreign_servers.end()) fail("server \"" + name + "\" does not exist");
    return server->second;
}

// HANDLER / VALIDATOR: the function, schema-qualified; empty for NO HANDLER / NO VALIDATOR.
std::string Replayer::foreign_data_wrapper_function(const PgQuery__DefElem* option) {
    if (!option->arg) return {};
    std::vector<std::string> names = list_strings(option->arg);
    if (names.empty()) return {};
    if (Function* function = find_function_by_name(names, nullptr)) return quote_ident(function->name.schema) + "." + quote_ident(function->name.name);
    std::optional<std::string> schema = external_function_schema(names);
    if (!schema && names.size() == 1) {
        // A handler is an extension's (postgres_fdw, Supabase's wrappers): offline, or when the
        // database read does not have the extension yet, found on the search_path in the first
        // schema an extension of the model lives in.
        if (names.back() == "postgresql_fdw_validator") schema = "pg_catalog";
        for (const std::string& candidate : effective_search_path()) {
            if (schema) break;
            for (const auto& [name, extension] : model_.extensions)
                if (name != "plpgsql" && extension.schema == candidate) schema = candidate;
        }
    }
    if (!schema) {
        bool handler = std::string(option->defname) == "handler";
        fail("function " + names.back() + (handler ? "()" : "(text[], oid)") + " does not exist");
    }
    return quote_ident(*schema) + "." + quote_ident(names.back());
}

void Replayer::foreign_data_wrapper_functions(ForeignDataWrapper& wrapper, std::size_t count, PgQuery__Node* const* options) {
    bool handler_seen = false, validator_seen = false;
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__DefElem* option = as_def_elem(options[i]);
        if (!option) continue;
        std::string name = option->defname;
        bool& seen = name == "handler" ? handler_seen : validator_seen;
        if (seen) fail("conflicting or redundant options", option->location);
        seen = true;
        (name == "handler" ? wrapper.handler : wrapper.validator) = foreign_data_wrapper_function(option);
    }
}

void Replayer::create_foreign_data_wrapper(const PgQuery__CreateFdwStmt* statement) {
    std::string name = statement->fdwname;
    if (model_.foreign_data_wrappers.count(name)) fail_duplicate("foreign-data wrapper \"" + name + "\" already exists");
    ForeignDataWrapper wrapper;
    wrapper.name = name;
    wrapper.owner = role_;
    foreign_data_wrapper_functions(wrapper, statement->n_func_options, statement->func_options);
    wrapper.options = generic_options({}, statement->n_options, statement->options);
    remember_origin("foreign data wrapper " + quote_ident(name));
    model_.foreign_data_wrappers[name] = std::move(wrapper);
}

void Replayer::alter_foreign_data_wrapper(const PgQuery__AlterFdwStmt* statement) {
    ForeignDataWrapper& wrapper = require_foreign_data_wrapper(statement->fdwname);
    foreign_data_wrapper_functions(wrapper, statement->n_func_options, statement->func_options);
    wrapper.options = generic_options(wrapper.options, statement->n_options, statement->options);
}

void Replayer::create_foreign_server(const PgQuery__CreateForeignServerStmt* statement) {
    std::string name = statement->servername;
    if (model_.foreign_servers.count(name)) {
        if (statement->if_not_exists) return;  // NOTICE: server "x" already exists, skipping
        fail_duplicate("server \"" + name + "\" already exists");
    }
    ForeignServer server;
    server.name = name;
    server.wrapper = require_foreign_data_wrapper(statement->fdwname).name;
    server.type = statement->servertype ? statement->servertype : "";
    server.version = statement->version ? statement->version : "";
    server.owner = role_;
    server.options = generic_options({}, statement->n_options, statement->options);
    remember_origin("server " + quote_ident(name));
    model_.foreign_servers[name] = std::move(server);
}

void Replayer::alter_foreign_server(const PgQuery__AlterForeignServerStmt* statement) {
    ForeignServer& server = require_foreign_server(statement->servername);
    if (statement->has_version) server.version = statement->version ? statement->version : "";
    server.options = generic_options(server.options, statement->n_options, statement->options);
}

std::string Replayer::mapping_user(const PgQuery__RoleSpec* user) const {
    std::string name = role_name(user);
    return name == "PUBLIC" ? "public" : name;  // pg_user_mappings names PUBLIC "public"
}

void Replayer::create_user_mapping(const PgQuery__CreateUserMappingStmt* statement) {
    ForeignServer& server = require_foreign_server(statement->servername);
    std::string user = mapping_user(statement->user);
    std::pair<std::string, std::string> key{server.name, user};
    if (model_.user_mappings.count(key)) {
        if (statement->if_not_exists) return;
        fail_duplicate("user mapping for \"" + user + "\" already exists for server \"" + server.name + "\"");
    }
    model_.user_mappings[key] = {server.name, user, generic_options({}, statement->n_options, statement->options)};
}

void Replayer::alter_user_mapping(const PgQuery__AlterUserMappingStmt* statement) {
    ForeignServer& server = require_foreign_server(statement->servername);
    std::string user = mapping_user(statement->user);
    auto mapping = model_.user_mappings.find({server.name, user});
    if (mapping == model_.user_mappings.end())
        fail("user mapping for \"" + user + "\" does not exist for server \"" + server.name + "\"");
    mapping->second.options = generic_options(mapping->second.options, statement->n_options, statement->options);
}

void Replayer::drop_user_mapping(const PgQuery__DropUserMappingStmt* statement) {
    std::string user = mapping_user(statement->user);
    if (!model_.foreign_servers.count(statement->servername)) {
        if (statement->missing_ok) return;  // NOTICE: server "x" does not exist, skipping
        fail("server \"" + std::string(statement->servername) + "\" does not exist");
    }
    if (!model_.user_mappings.erase({statement->servername, user}) && !statement->missing_ok)
        fail("user mapping for \"" + user + "\" does not exist for server \"" + std::string(statement->servername) + "\"");
}

// DROP SERVER: with CASCADE its user mappings and foreign tables go too.
void Replayer::drop_foreign_server(const std::string& name, bool cascade) {
    std::vector<QualifiedName> tables;
    for (const auto& [key, table] : model_.tables)
        if (table.kind == TableKind::foreign && table.foreign_server == name) tables.push_back(key);
    auto mappings = model_.user_mappings.lower_bound({name, ""});
    bool has_mappings = mappings != model_.user_mappings.end() && mappings->first.first == name;
    if (!cascade && (has_mappings || !tables.empty()))
        fail("cannot drop server " + name + " because other objects depend on it",
             -1, has_mappings ? "user mapping for " + mappings->second.user + " on server " + name + " depends on server " + name
                              : "foreign table " + qualified(tables.front()) + " depends on server " + name);
    while (mappings != model_.user_mappings.end() && mappings->first.first == name) mappings = model_.user_mappings.erase(mappings);
    for (const QualifiedName& table : tables) drop_relation(table, RelationKind::table);
    model_.foreign_servers.erase(name);
}

void Replayer::drop_foreign(const PgQuery__DropStmt* statement) {
    bool cascade = statement->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    bool wrappers = statement->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_FDW;
    for (std::size_t i = 0; i < statement->n_objects; ++i) {
        std::string name = node_string(statement->objects[i]);
        if (!wrappers) {
            if (!model_.foreign_servers.count(name)) {
                if (statement->missing_ok) continue;
                fail("server \"" + name + "\" does not exist");
            }
            drop_foreign_server(name, cascade);
            continue;
        }
        if (!model_.foreign_data_wrappers.count(name)) {
            if (statement->missing_ok) continue;
            fail("foreign-data wrapper \"" + name + "\" does not exist");
        }
        std::vector<std::string> servers;
        for (const auto& [server_name, server] : model_.foreign_servers)
            if (server.wrapper == name) servers.push_back(server_name);
        if (!cascade && !servers.empty())
            fail("cannot drop foreign-data wrapper " + name + " because other objects depend on it", -1,
                 "server " + servers.front() + " depends on foreign-data wrapper " + name);
        for (const std::string& server : servers) drop_foreign_server(server, true);
        model_.foreign_data_wrappers.erase(name);
    }
}

void Replayer::rename_foreign(PgQuery__ObjectType type, const std::string& from, const std::string& to) {
    if (type == PG_QUERY__OBJECT_TYPE__OBJECT_FDW) {
        ForeignDataWrapper wrapper = require_foreign_data_wrapper(from);
        if (model_.foreign_data_wrappers.count(to)) fail_duplicate("foreign-data wrapper \"" + to + "\" already exists");
        model_.foreign_data_wrappers.erase(from);
        wrapper.name = to;
        for (auto& [name, server] : model_.foreign_servers)
            if (server.wrapper == from) server.wrapper = to;
        model_.foreign_data_wrappers[to] = std::move(wrapper);
        return;
    }
    ForeignServer server = require_foreign_server(from);
    if (model_.foreign_servers.count(to)) fail_duplicate("server \"" + to + "\" already exists");
    model_.foreign_servers.erase(from);
    server.name = to;
    model_.foreign_servers[to] = std::move(server);
    // Mappings and foreign tables name the server by oid: they follow it.
    for (auto it = model_.user_mappings.lower_bound({from, ""}); it != model_.user_mappings.end() && it->first.first == from;) {
        UserMapping mapping = std::move(it->second);
        it = model_.user_mappings.erase(it);
        mapping.server = to;
        model_.user_mappings[{to, mapping.user}] = std::move(mapping);
    }
    for (auto& [key, table] : model_.tables)
        if (table.kind == TableKind::foreign && table.foreign_server == from) table.foreign_server = to;
}

}  // namespace pgshift
