// Schemas, extensions, and the type-like kinds: enums, composite types, domains, sequences.
#include <algorithm>

#include "model/acl.hpp"
#include "model/known_extensions.hpp"
#include "model/names.hpp"
#include "model/type_names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {

void Replayer::create_schema(const PgQuery__CreateSchemaStmt* statement) {
    std::string owner = statement->authrole ? role_name(statement->authrole) : role_;
    std::string name = statement->schemaname && *statement->schemaname ? statement->schemaname : owner;
    if (model_.schemas.count(name) && (statement->if_not_exists || !platform_gives_way('s', "", name))) {
        if (statement->if_not_exists) return;
        fail_duplicate("schema \"" + name + "\" already exists");
    }
    Schema schema{name, owner, "", std::nullopt};
    schema.acl = initial_acl(model_, 'n', owner, "");
    model_.schemas[name] = schema;
    schemas_created_.insert(name);
    // CREATE SCHEMA ... <elements> creates them in the new schema.
    if (statement->n_schema_elts) {
        std::vector<std::string> saved = search_path_;
        search_path_ = {name};
        for (std::size_t i = 0; i < statement->n_schema_elts; ++i) replay_statement(statement->schema_elts[i], statement_location_);
        search_path_ = saved;
    }
}

void Replayer::create_extension(const PgQuery__CreateExtensionStmt* statement) {
    std::string name = statement->extname;
    if (model_.extensions.count(name) && (statement->if_not_exists || !platform_gives_way('e', "", name))) {
        if (statement->if_not_exists) return;
        fail_duplicate("extension \"" + name + "\" already exists");
    }
    Extension extension{name, "", "", ""};
    for (std::size_t i = 0; i < statement->n_options; ++i) {
        const PgQuery__DefElem* option = as_def_elem(statement->options[i]);
        if (!option) continue;
        std::string option_name = option->defname;
        if (option_name == "schema") extension.schema = def_elem_text(option);
        if (option_name == "new_version") extension.version = def_elem_text(option);
    }
    const ExtensionFacts* facts = extension_facts(name);
    if (facts && !facts->fixed_schema.empty()) {
        // The control file fixes the schema; CREATE EXTENSION creates it (not as a member).
        extension.schema = std::string(facts->fixed_schema);
        if (!model_.schemas.count(extension.schema) && extension.schema != "pg_catalog") {
            Schema schema{extension.schema, role_, "", initial_acl(model_, 'n', role_, "")};
            for (const SchemaGrant& grant : facts->schema_grants) {
                if (!schema.acl) schema.acl = default_acl('n', role_);
                acl_grant(*schema.acl, std::string(grant.grantee), grant.privileges, false);
            }
            model_.schemas[extension.schema] = schema;
        }
    } else if (extension.schema.empty()) {
        // An extension's default schema is the first existing one on the search_path.
        for (const std::string& schema : effective_search_path())
            if (model_.schemas.count(schema)) {
                extension.schema = schema;
                break;
            }
    } else if (!model_.schemas.count(extension.schema) && !schema_is_external(extension.schema)) {
        fail("schema \"" + extension.schema + "\" does not exist");
    }
    model_.extensions[name] = extension;
}

void Replayer::alter_extension(const PgQuery__AlterExtensionStmt* statement) {
    auto extension = model_.extensions.find(statement->extname);
    if (extension == model_.extensions.end()) fail("extension \"" + std::string(statement->extname) + "\" does not exist");
    for (std::size_t i = 0; i < statement->n_options; ++i) {
        const PgQuery__DefElem* option = as_def_elem(statement->options[i]);
        if (option && std::string(option->defname) == "new_version") extension->second.version = def_elem_text(option);
    }
}

void Replayer::create_enum(const PgQuery__CreateEnumStmt* statement) {
    QualifiedName name = qualify_for_creation(node_strings(statement->n_type_name, statement->type_name));
    if (relation_name_taken(name.schema, name.name) && !platform_gives_way('r', name.schema, name.name))
        fail_duplicate("type \"" + name.name + "\" already exists");
    EnumType type{name, node_strings(statement->n_vals, statement->vals), role_, "", new_object_acl('T', name.schema)};
    model_.enums[name] = type;
    remember_origin(qualified(name));
}

void Replayer::alter_enum(const PgQuery__AlterEnumStmt* statement) {
    std::vector<std::string> names = node_strings(statement->n_type_name, statement->type_name);
    std::optional<QualifiedName> name = find_type(names);
    if (!name || !model_.enums.count(*name)) {
        if (names.size() >= 2 && schema_is_external(names[0])) return not_modelled("ALTER TYPE " + names.back() + " outside the model");
        fail("type \"" + names.back() + "\" does not exist");
    }
    std::vector<std::string>& labels = model_.enums.at(*name).labels;
    if (statement->old_val && *statement->old_val) {
        auto label = std::find(labels.begin(), labels.end(), statement->old_val);
        if (label == labels.end()) fail("\"" + std::string(statement->old_val) + "\" is not an existing enum label");
        *label = statement->new_val;
        // Stored defaults hold the value itself, so they print its new label.
        std::string type = qualified(*name), before = quote_literal(statement->old_val), after = quote_literal(statement->new_val);
        for (auto& [key, table] : model_.tables)
            for (Column& column : table.columns)
                if (column.type == type && column.default_expr == before) column.default_expr = after;
        for (auto& [key, domain] : model_.domains)
            if (domain.base_type == type && domain.default_expr == before) domain.default_expr = after;
        return;
    }
    std::string value = statement->new_val;
    if (std::find(labels.begin(), labels.end(), value) != labels.end()) {
        if (statement->skip_if_new_val_exists) return;
        fail_duplicate("enum label \"" + value + "\" already exists");
    }
    if (statement->new_val_neighbor && *statement->new_val_neighbor) {
        auto neighbor = std::find(labels.begin(), labels.end(), statement->new_val_neighbor);
        if (neighbor == labels.end()) fail("\"" + std::string(statement->new_val_neighbor) + "\" is not an existing enum label");
        labels.insert(statement->new_val_is_after ? neighbor + 1 : neighbor, value);
    } else {
        labels.push_back(value);
    }
}

void Replayer::create_composite_type(const PgQuery__CompositeTypeStmt* statement) {
    QualifiedName name{creation_schema(statement->typevar->schemaname), statement->typevar->relname};
    if (relation_name_taken(name.schema, name.name) && !platform_gives_way('r', name.schema, name.name))
        fail_duplicate("type \"" + name.name + "\" already exists");
    CompositeType type;
    type.name = name;
    type.owner = role_;
    type.acl = new_object_acl('T', name.schema);
    for (std::size_t i = 0; i < statement->n_coldeflist; ++i) {
        const PgQuery__ColumnDef* column = statement->coldeflist[i]->column_def;
        CompositeAttribute attribute{column->colname, type_text(column->type_name), ""};
        attribute.collation = written_collation(column->coll_clause, attribute.type);
        type.attributes.push_back(attribute);
    }
    model_.composite_types[name] = type;
    remember_origin(qualified(name));
}

void Replayer::create_domain(const PgQuery__CreateDomainStmt* statement) {
    QualifiedName name = qualify_for_creation(node_strings(statement->n_domainname, statement->domainname));
    if (relation_name_taken(name.schema, name.name) && !platform_gives_way('r', name.schema, name.name))
        fail_duplicate("type \"" + name.name + "\" already exists");
    Domain domain;
    domain.name = name;
    domain.base_type = type_text(statement->type_name);
    domain.owner = role_;
    domain.acl = new_object_acl('T', name.schema);
    domain.collation = written_collation(statement->coll_clause, domain.base_type);
    for (std::size_t i = 0; i < statement->n_constraints; ++i) {
        const PgQuery__Constraint* constraint = statement->constraints[i]->constraint;
        switch (constraint->contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: domain.not_null = true; break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: domain.not_null = false; break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: domain.default_expr = default_text(constraint->raw_expr, domain.base_type); break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
                // Domain checks are named <domain>_check, then _check1, ...
                std::string constraint_name = constraint->conname && *constraint->conname
                                                  ? constraint->conname
                                                  : choose_name(name.name, "", "check", [&](const std::string& candidate) {
                                                        return domain.constraints.count(candidate) || constraint_name_taken(name.schema, candidate);
                                                    });
                domain.constraints[constraint_name] = {constraint_name, expression_text(constraint->raw_expr), !constraint->skip_validation};
                remember_constraint(name.schema, constraint_name);
                break;
            }
            default: break;
        }
    }
    model_.domains[name] = domain;
    remember_origin(qualified(name));
}

void Replayer::alter_domain(const PgQuery__AlterDomainStmt* statement) {
    std::vector<std::string> names = node_strings(statement->n_type_name, statement->type_name);
    std::optional<QualifiedName> name = find_type(names);
    if (!name || !model_.domains.count(*name)) fail("type \"" + names.back() + "\" does not exist");
    Domain& domain = model_.domains.at(*name);
    std::string subtype = statement->subtype ? statement->subtype : "";
    if (subtype == "T") {
        domain.default_expr = statement->def ? default_text(statement->def, domain.base_type) : "";
    } else if (subtype == "N") {
        domain.not_null = false;
    } else if (subtype == "O") {
        domain.not_null = true;
    } else if (subtype == "C") {
        const PgQuery__Constraint* constraint = statement->def->constraint;
        std::string constraint_name = constraint->conname && *constraint->conname
                                          ? constraint->conname
                                          : choose_name(name->name, "", "check", [&](const std::string& candidate) {
                                                return constraint_name_taken(name->schema, candidate);
                                            });
        if (domain.constraints.count(constraint_name))
            fail_duplicate("constraint \"" + constraint_name + "\" for domain \"" + name->name + "\" already exists");
        domain.constraints[constraint_name] = {constraint_name, expression_text(constraint->raw_expr), !constraint->skip_validation};
        remember_constraint(name->schema, constraint_name);
    } else if (subtype == "X") {
        std::string constraint_name = statement->name ? statement->name : "";
        if (!domain.constraints.erase(constraint_name) && !statement->missing_ok)
            fail("constraint \"" + constraint_name + "\" of domain \"" + name->name + "\" does not exist");
    } else if (subtype == "V") {
        auto constraint = domain.constraints.find(statement->name ? statement->name : "");
        if (constraint != domain.constraints.end()) constraint->second.validated = true;
    }
}

void Replayer::apply_sequence_options(Sequence& sequence, std::size_t count, PgQuery__Node* const* options, bool creating) {
    bool min_set = false, max_set = false, start_set = false;
    for (std::size_t i = 0; i < count; ++i) {
        const PgQuery__DefElem* option = as_def_elem(options[i]);
        if (!option) continue;
        std::string name = option->defname;
        auto value = [&]() { return option->arg ? node_integer(option->arg) : std::nullopt; };
        if (name == "as") {
            sequence.data_type = type_text(option->arg->type_name);
        } else if (name == "increment") {
            sequence.increment = value().value_or(1);
        } else if (name == "minvalue") {
            min_set = true;
            if (auto v = value()) sequence.min_value = *v;
            else min_set = false;
        } else if (name == "maxvalue") {
            max_set = true;
            if (auto v = value()) sequence.max_value = *v;
            else max_set = false;
        } else if (name == "start") {
            start_set = true;
            sequence.start = value().value_or(1);
        } else if (name == "cache") {
            sequence.cache = value().value_or(1);
        } else if (name == "cycle") {
            sequence.cycle = def_elem_bool(option);
        } else if (name == "owned_by") {
            std::vector<std::string> owner = list_strings(option->arg);
            if (owner.size() == 1 && owner[0] == "none") {
                sequence.owned_by.reset();
            } else if (owner.size() >= 2) {
                const char* schema = owner.size() >= 3 ? owner[owner.size() - 3].c_str() : nullptr;
                std::optional<QualifiedName> table = find_relation(schema, owner[owner.size() - 2]);
                if (!table || !model_.tables.count(*table)) fail("relation \"" + owner[owner.size() - 2] + "\" does not exist");
                sequence.owned_by = SequenceOwner{*table, owner.back()};
            }
        }
    }
    if (creating) {
        // Defaults follow the data type and the direction of the increment.
        bool ascending = sequence.increment > 0;
        if (!min_set) sequence.min_value = ascending ? 1 : integer_type_min(sequence.data_type);
        if (!max_set) sequence.max_value = ascending ? integer_type_max(sequence.data_type) : -1;
        if (!start_set) sequence.start = ascending ? sequence.min_value : sequence.max_value;
    }
}

void Replayer::create_sequence(const PgQuery__CreateSeqStmt* statement) {
    QualifiedName name{creation_schema(statement->sequence->schemaname), statement->sequence->relname};
    if (relation_exists_already(name, statement->if_not_exists)) return;
    Sequence sequence;
    sequence.name = name;
    sequence.owner = role_;
    sequence.acl = new_object_acl('S', name.schema);
    apply_sequence_options(sequence, statement->n_options, statement->options, true);
    model_.sequences[name] = sequence;
    remember_origin(qualified(name));
}

void Replayer::alter_sequence(const PgQuery__AlterSeqStmt* statement) {
    std::optional<QualifiedName> name = find_relation(statement->sequence);
    if (!name || !model_.sequences.count(*name)) {
        if (statement->missing_ok) return;
        if (statement->sequence->schemaname && schema_is_external(statement->sequence->schemaname))
            return not_modelled("ALTER SEQUENCE outside the model");
        fail("relation \"" + std::string(statement->sequence->relname) + "\" does not exist");
    }
    apply_sequence_options(model_.sequences.at(*name), statement->n_options, statement->options, false);
}

}  // namespace pgshift
