#include "output/model_json.hpp"

#include "model/names.hpp"
#include "model/secret_options.hpp"

namespace pgshift {
namespace {

using Json = nlohmann::ordered_json;

Json acl_json(const std::optional<Acl>& acl) {
    if (!acl) return nullptr;
    Json entries = Json::object();
    for (const auto& [grantee, letters] : *acl) entries[grantee] = letters;
    return entries;
}

void put_if(Json& object, const char* key, const std::string& value) {
    if (!value.empty()) object[key] = value;
}

Json column_json(const Column& column) {
    Json json{{"name", column.name}, {"type", column.type}, {"not_null", column.not_null}};
    put_if(json, "collation", column.collation);
    put_if(json, "default", column.default_expr);
    if (column.identity) json["identity"] = column.identity == 'a' ? "ALWAYS" : "BY DEFAULT";
    put_if(json, "generated", column.generated_expr);
    put_if(json, "comment", column.comment);
    if (column.acl) json["acl"] = acl_json(column.acl);
    if (!column.foreign_options.empty()) json["foreign_options"] = column.foreign_options;
    return json;
}

Json constraint_json(const Constraint& constraint) {
    Json json{{"name", constraint.name}, {"type", std::string(1, char(constraint.type))}};
    if (!constraint.columns.empty()) json["columns"] = constraint.columns;
    if (constraint.type == ConstraintType::foreign_key) {
        json["references"] = {{"table", qualified(constraint.referenced_table)}, {"columns", constraint.referenced_columns}};
        json["on_update"] = std::string(1, constraint.on_update);
        json["on_delete"] = std::string(1, constraint.on_delete);
        json["match"] = std::string(1, constraint.match_type);
    }
    put_if(json, "expression", constraint.expression);
    if (constraint.deferrable) json["deferrable"] = true;
    if (constraint.initially_deferred) json["initially_deferred"] = true;
    if (!constraint.validated) json["validated"] = false;
    if (constraint.no_inherit) json["no_inherit"] = true;
    if (constraint.nulls_not_distinct) json["nulls_not_distinct"] = true;
    put_if(json, "comment", constraint.comment);
    return json;
}

Json trigger_json(const Trigger& trigger) {
    Json json{{"name", trigger.name}, {"timing", trigger.timing}, {"events", trigger.events},
              {"for_each_row", trigger.for_each_row}, {"function", trigger.function}};
    if (!trigger.update_columns.empty()) json["update_columns"] = trigger.update_columns;
    put_if(json, "when", trigger.when_expr);
    if (!trigger.arguments.empty()) json["arguments"] = trigger.arguments;
    if (trigger.constraint_trigger) json["constraint"] = true;
    if (trigger.deferrable) json["deferrable"] = true;
    if (trigger.initially_deferred) json["initially_deferred"] = true;
    put_if(json, "old_table", trigger.old_table);
    put_if(json, "new_table", trigger.new_table);
    if (trigger.enabled != 'O') json["enabled"] = std::string(1, trigger.enabled);
    put_if(json, "comment", trigger.comment);
    return json;
}

Json named_map(const std::map<std::string, Trigger>& triggers) {
    Json list = Json::array();
    for (const auto& [name, trigger] : triggers) list.push_back(trigger_json(trigger));
    return list;
}

}  // namespace

nlohmann::ordered_json model_to_json(const SchemaModel& model) {
    Json root;
    Json& schemas = root["schemas"] = Json::array();
    for (const auto& [name, schema] : model.schemas) {
        Json json{{"name", name}, {"owner", schema.owner}, {"acl", acl_json(schema.acl)}};
        put_if(json, "comment", schema.comment);
        schemas.push_back(json);
    }
    Json& extensions = root["extensions"] = Json::array();
    for (const auto& [name, extension] : model.extensions) {
        Json json{{"name", name}, {"schema", extension.schema}};
        put_if(json, "version", extension.version);
        put_if(json, "comment", extension.comment);
        extensions.push_back(json);
    }
    Json& enums = root["enums"] = Json::array();
    for (const auto& [key, type] : model.enums) {
        Json json{{"name", qualified(key)}, {"labels", type.labels}, {"owner", type.owner}, {"acl", acl_json(type.acl)}};
        put_if(json, "comment", type.comment);
        enums.push_back(json);
    }
    Json& composites = root["composite_types"] = Json::array();
    for (const auto& [key, type] : model.composite_types) {
        Json attributes = Json::array();
        for (const CompositeAttribute& attribute : type.attributes) {
            Json entry{{"name", attribute.name}, {"type", attribute.type}};
            put_if(entry, "collation", attribute.collation);
            attributes.push_back(entry);
        }
        Json json{{"name", qualified(key)}, {"attributes", attributes}, {"owner", type.owner}, {"acl", acl_json(type.acl)}};
        put_if(json, "comment", type.comment);
        composites.push_back(json);
    }
    Json& domains = root["domains"] = Json::array();
    for (const auto& [key, domain] : model.domains) {
        Json checks = Json::array();
        for (const auto& [name, check] : domain.constraints) {
            Json entry{{"name", name}, {"expression", check.expression}};
            if (!check.validated) entry["validated"] = false;
            checks.push_back(entry);
        }
        Json json{{"name", qualified(key)}, {"base_type", domain.base_type}, {"not_null", domain.not_null},
                  {"constraints", checks}, {"owner", domain.owner}, {"acl", acl_json(domain.acl)}};
        put_if(json, "collation", domain.collation);
        put_if(json, "default", domain.default_expr);
        put_if(json, "comment", domain.comment);
        domains.push_back(json);
    }
    Json& sequences = root["sequences"] = Json::array();
    for (const auto& [key, sequence] : model.sequences) {
        Json json{{"name", qualified(key)}, {"data_type", sequence.data_type}, {"start", sequence.start},
                  {"increment", sequence.increment}, {"min_value", sequence.min_value}, {"max_value", sequence.max_value},
                  {"cache", sequence.cache}, {"cycle", sequence.cycle}, {"owner", sequence.owner}, {"acl", acl_json(sequence.acl)}};
        if (sequence.owned_by) json["owned_by"] = qualified(sequence.owned_by->table) + "." + quote_ident(sequence.owned_by->column);
        put_if(json, "comment", sequence.comment);
        sequences.push_back(json);
    }
    Json& tables = root["tables"] = Json::array();
    for (const auto& [key, table] : model.tables) {
        Json json{{"name", qualified(key)}, {"kind", std::string(1, char(table.kind))}};
        if (table.unlogged) json["unlogged"] = true;
        Json columns = Json::array();
        for (const Column& column : table.columns) columns.push_back(column_json(column));
        json["columns"] = columns;
        Json constraints = Json::array();
        for (const auto& [name, constraint] : table.constraints) constraints.push_back(constraint_json(constraint));
        json["constraints"] = constraints;
        json["rls_enabled"] = table.rls_enabled;
        json["rls_forced"] = table.rls_forced;
        Json policies = Json::array();
        for (const auto& [name, policy] : table.policies) {
            Json entry{{"name", name}, {"permissive", policy.permissive}, {"command", policy.command}, {"roles", policy.roles}};
            put_if(entry, "using", policy.using_expr);
            put_if(entry, "with_check", policy.with_check_expr);
            put_if(entry, "comment", policy.comment);
            policies.push_back(entry);
        }
        json["policies"] = policies;
        json["triggers"] = named_map(table.triggers);
        put_if(json, "partition_key", table.partition_key);
        if (table.partition_of) json["partition_of"] = qualified(*table.partition_of);
        put_if(json, "partition_bound", table.partition_bound);
        if (!table.inherits.empty()) {
            Json parents = Json::array();
            for (const QualifiedName& parent : table.inherits) parents.push_back(qualified(parent));
            json["inherits"] = parents;
        }
        if (!table.options.empty()) json["options"] = table.options;
        put_if(json, "foreign_server", table.foreign_server);
        if (!table.foreign_options.empty()) json["foreign_options"] = table.foreign_options;
        json["owner"] = table.owner;
        json["acl"] = acl_json(table.acl);
        put_if(json, "comment", table.comment);
        tables.push_back(json);
    }
    Json& indexes = root["indexes"] = Json::array();
    for (const auto& [key, index] : model.indexes) {
        Json keys = Json::array();
        for (const IndexKey& index_key : index.keys) {
            Json entry = Json::object();
            put_if(entry, "column", index_key.column);
            put_if(entry, "expression", index_key.expression);
            put_if(entry, "collation", index_key.collation);
            put_if(entry, "opclass", index_key.opclass);
            if (index_key.descending) entry["descending"] = true;
            if (index_key.nulls_first) entry["nulls_first"] = true;
            keys.push_back(entry);
        }
        Json json{{"name", qualified(key)}, {"table", quote_ident(key.schema) + "." + quote_ident(index.table)},
                  {"method", index.method}, {"unique", index.unique}, {"keys", keys}};
        if (!index.include.empty()) json["include"] = index.include;
        put_if(json, "predicate", index.predicate);
        put_if(json, "constraint", index.constraint);
        if (index.nulls_not_distinct) json["nulls_not_distinct"] = true;
        if (!index.options.empty()) json["options"] = index.options;
        put_if(json, "comment", index.comment);
        indexes.push_back(json);
    }
    Json& functions = root["functions"] = Json::array();
    for (const auto& [key, function] : model.functions) {
        Json arguments = Json::array();
        for (const FunctionArgument& argument : function.arguments) {
            Json entry{{"mode", std::string(1, argument.mode)}, {"type", argument.type}};
            put_if(entry, "name", argument.name);
            put_if(entry, "default", argument.default_expr);
            arguments.push_back(entry);
        }
        Json json{{"name", quote_ident(key.schema) + "." + key.name}, {"kind", std::string(1, char(function.kind))},
                  {"arguments", arguments}, {"returns", function.return_type}, {"returns_set", function.returns_set},
                  {"language", function.language}, {"volatility", std::string(1, function.volatility)},
                  {"strict", function.strict}, {"security_definer", function.security_definer},
                  {"leakproof", function.leakproof}, {"parallel", std::string(1, function.parallel)},
                  {"cost", function.cost}, {"rows", function.rows}, {"config", function.config},
                  {"body", function.body}, {"owner", function.owner}, {"acl", acl_json(function.acl)}};
        put_if(json, "comment", function.comment);
        functions.push_back(json);
    }
    Json& views = root["views"] = Json::array();
    for (const auto& [key, view] : model.views) {
        Json columns = Json::array();
        for (const ViewColumn& column : view.columns) {
            Json entry{{"name", column.name}};
            put_if(entry, "comment", column.comment);
            columns.push_back(entry);
        }
        Json json{{"name", qualified(key)}, {"materialized", view.materialized}, {"query", view.query}, {"columns", columns}};
        if (!view.options.empty()) json["options"] = view.options;
        put_if(json, "check_option", view.check_option);
        if (view.materialized && !view.with_data) json["with_data"] = false;
        if (!view.triggers.empty()) json["triggers"] = named_map(view.triggers);
        json["owner"] = view.owner;
        json["acl"] = acl_json(view.acl);
        put_if(json, "comment", view.comment);
        views.push_back(json);
    }
    Json& defaults = root["default_privileges"] = Json::array();
    for (const auto& [key, acl] : model.default_privileges) {
        Json json{{"role", key.role}, {"object_type", std::string(1, key.object_type)}, {"acl", acl_json(acl)}};
        if (!key.schema.empty()) json["schema"] = key.schema;
        defaults.push_back(json);
    }
    Json& publications = root["publications"] = Json::array();
    for (const auto& [name, publication] : model.publications) {
        Json json{{"name", name}};
        if (publication.all_tables) json["all_tables"] = true;
        if (!publication.schemas.empty()) {
            Json schemas_in = Json::array();
            for (const std::string& schema : publication.schemas) schemas_in.push_back(schema);
            json["schemas"] = schemas_in;
        }
        Json members = Json::array();
        for (const auto& [table, member] : publication.tables) {
            Json entry{{"table", qualified(table)}};
            if (!member.columns.empty()) entry["columns"] = member.columns;
            put_if(entry, "row_filter", member.row_filter);
            members.push_back(entry);
        }
        json["tables"] = members;
        json["publish"] = publication.publish();
        if (publication.via_partition_root) json["via_partition_root"] = true;
        json["owner"] = publication.owner;
        put_if(json, "comment", publication.comment);
        publications.push_back(json);
    }
    // Foreign-data wrappers, servers and user mappings only where there are any; credentials masked.
    if (!model.foreign_data_wrappers.empty()) {
        Json& wrappers = root["foreign_data_wrappers"] = Json::array();
        for (const auto& [name, wrapper] : model.foreign_data_wrappers) {
            Json json{{"name", name}, {"owner", wrapper.owner}, {"acl", acl_json(wrapper.acl)}};
            put_if(json, "handler", wrapper.handler);
            put_if(json, "validator", wrapper.validator);
            if (!wrapper.options.empty()) json["options"] = wrapper.options;
            put_if(json, "comment", wrapper.comment);
            wrappers.push_back(json);
        }
    }
    if (!model.foreign_servers.empty()) {
        Json& servers = root["foreign_servers"] = Json::array();
        for (const auto& [name, server] : model.foreign_servers) {
            Json json{{"name", name}, {"wrapper", server.wrapper}, {"owner", server.owner}, {"acl", acl_json(server.acl)}};
            put_if(json, "type", server.type);
            put_if(json, "version", server.version);
            if (!server.options.empty()) json["options"] = masked_options(server.options);
            put_if(json, "comment", server.comment);
            servers.push_back(json);
        }
    }
    if (!model.user_mappings.empty()) {
        Json& mappings = root["user_mappings"] = Json::array();
        for (const auto& [key, mapping] : model.user_mappings) {
            Json json{{"server", mapping.server}, {"user", mapping.user}};
            if (!mapping.options.empty()) json["options"] = masked_options(mapping.options);
            mappings.push_back(json);
        }
    }
    // Only where migrations or a database said something about the database itself.
    if (model.database) {
        Json json{{"name", model.database->name}, {"owner", model.database->owner}, {"acl", acl_json(model.database->acl)}};
        if (!model.database->roles.empty()) json["roles"] = model.database->roles;
        root["database"] = json;
    }
    if (!model.extension_function_privileges.empty()) {
        Json& granted = root["extension_function_privileges"] = Json::array();
        for (const auto& [key, privileges] : model.extension_function_privileges) {
            Json json{{"schema", key.schema}, {"signature", key.name}, {"owner", privileges.owner}, {"acl", acl_json(privileges.acl)}};
            if (!privileges.roles.empty()) json["roles"] = privileges.roles;
            granted.push_back(json);
        }
    }
    Json& unmodelled = root["unmodelled"] = Json::array();
    for (const Unmodelled& entry : model.unmodelled)
        unmodelled.push_back({{"file", entry.file}, {"line", entry.line}, {"what", entry.what}});
    return root;
}

}  // namespace pgshift
