#include "parser/replay.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include "model/names.hpp"
#include "model/type_names.hpp"
#include "parser/canonical/array_literal.hpp"
#include "parser/canonical/interval_literal.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {

namespace {

std::string platform_key(char kind, const std::string& schema, const std::string& name) {
    return std::string(1, kind) + '\x1f' + schema + '\x1f' + name;
}

}  // namespace

Replayer::Replayer(SchemaModel& model, ReplayOptions options)
    : model_(model), options_(std::move(options)), search_path_(options_.search_path), role_(options_.role) {
    if (options_.platform_schemas.empty()) return;
    auto platform = [&](const std::string& schema) { return options_.platform_schemas.count(schema) > 0; };
    for (const auto& [name, schema] : model_.schemas)
        if (platform(name)) platform_objects_.insert(platform_key('s', "", name));
    for (const auto& [name, extension] : model_.extensions) platform_objects_.insert(platform_key('e', "", name));
    auto relations = [&](const auto& map) {
        for (const auto& entry : map)
            if (platform(entry.first.schema)) platform_objects_.insert(platform_key('r', entry.first.schema, entry.first.name));
    };
    relations(model_.tables);
    relations(model_.views);
    relations(model_.sequences);
    relations(model_.indexes);
    relations(model_.enums);
    relations(model_.domains);
    relations(model_.composite_types);
    for (const auto& [key, function] : model_.functions)
        if (platform(key.schema)) platform_objects_.insert(platform_key('f', key.schema, key.name));
    for (const auto& [key, table] : model_.tables)
        if (platform(key.schema))
            for (const auto& [name, trigger] : table.triggers) platform_objects_.insert(platform_key('t', key.schema, key.name + "." + name));
    // Publications belong to no schema: the start's are the platform's (supabase_realtime).
    for (const auto& [name, publication] : model_.publications) platform_objects_.insert(platform_key('p', "", name));
}

bool Replayer::platform_gives_way(char kind, const std::string& schema, const std::string& name) {
    if (platform_objects_.erase(platform_key(kind, schema, name)) == 0) return false;
    if (kind == 'r') {
        QualifiedName relation{schema, name};
        RelationKind existing = relation_kind(relation);
        if (existing == RelationKind::index && !model_.indexes.at(relation).constraint.empty()) {
            // A key's index goes with its constraint.
            Index& index = model_.indexes.at(relation);
            auto table = model_.tables.find({schema, index.table});
            if (table != model_.tables.end()) table->second.constraints.erase(index.constraint);
            model_.indexes.erase(relation);
        } else if (existing != RelationKind::none) {
            drop_relation(relation, existing);
        }
        model_.enums.erase(relation);
        model_.domains.erase(relation);
        dependents_.valid = false;
    } else if (kind == 'f') {
        model_.functions.erase({schema, name});
    } else if (kind == 'p') {
        model_.publications.erase(name);
    }
    return true;
}

void Replayer::replay_file(const std::string& file_name, const std::string& sql) {
    std::unique_ptr<ParsedSql> parsed;
    try {
        parsed = std::make_unique<ParsedSql>(sql);
    } catch (const SqlSyntaxError& error) {
        SourcePosition position = position_of(sql, error.byte_offset());
        throw MigrationError(error.what(), {file_name, position.line, position.column, position.line_text});
    }
    replay_parsed(file_name, sql, *parsed);
}

void Replayer::replay_parsed(const std::string& file_name, const std::string& sql, const ParsedSql& parsed) {
    // Each file runs in its own session, as migration runners do: settings start over.
    file_ = file_name;
    sql_ = &sql;
    line_cursor_ = {};
    search_path_ = options_.search_path;
    role_ = options_.role;
    check_function_bodies_ = true;
    location_shift_ = 0;
    rewrite_arena_.clear();
    auto located = [&](const std::string& message, std::size_t offset, const std::string& detail = {}) {
        SourcePosition position = position_of(sql, offset);
        return MigrationError(message, {file_name, position.line, position.column, position.line_text}, detail);
    };
    try {
        for (std::size_t i = 0; i < parsed.statement_count(); ++i) {
            const PgQuery__RawStmt& raw = parsed.statement(i);
            // Skip the whitespace and comments libpg_query counts as part of the statement.
            std::size_t start = std::size_t(raw.stmt_location);
            while (start < sql.size()) {
                if (std::isspace(static_cast<unsigned char>(sql[start]))) {
                    ++start;
                } else if (sql.compare(start, 2, "--") == 0) {
                    std::size_t end = sql.find('\n', start);
                    start = end == std::string::npos ? sql.size() : end + 1;
                } else {
                    break;
                }
            }
            statement_location_ = int(start);
            replay_statement(raw.stmt, statement_location_);
        }
    } catch (const SqlSyntaxError& error) {
        throw located(error.what(), std::size_t(statement_location_));
    } catch (const ReplayFailure& failure) {
        throw located(failure.what(), failure.location >= 0 ? std::size_t(failure.location) : std::size_t(statement_location_),
                      failure.detail);
    }
}

void Replayer::fail(const std::string& message, int location, const std::string& detail) const {
    throw ReplayFailure(message, location >= 0 ? location + location_shift_ : -1, detail);
}

void Replayer::fail_duplicate(const std::string& message) const { throw DuplicateObject(message, -1); }

namespace {

// Statements that, modelled or not, cannot create a relation or a column.
bool leaves_relations(const PgQuery__Node* statement) {
    if (!statement) return false;
    switch (statement->node_case) {
        case PG_QUERY__NODE__NODE_GRANT_STMT:
        case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
        case PG_QUERY__NODE__NODE_COMMENT_STMT:
        case PG_QUERY__NODE__NODE_SEC_LABEL_STMT:
        case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
        case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
        case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
        case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
        case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
        case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
        case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
        case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
        case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
        case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
        case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
        case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
        case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
        case PG_QUERY__NODE__NODE_ALTER_ROLE_SET_STMT:
        case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
        case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
        case PG_QUERY__NODE__NODE_DEFINE_STMT:
        case PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT:
        case PG_QUERY__NODE__NODE_CREATE_OP_FAMILY_STMT:
        case PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT:
        case PG_QUERY__NODE__NODE_CREATE_CONVERSION_STMT:
        case PG_QUERY__NODE__NODE_CREATE_PLANG_STMT:
        case PG_QUERY__NODE__NODE_CREATE_AM_STMT:
        case PG_QUERY__NODE__NODE_CREATE_TRANSFORM_STMT:
        case PG_QUERY__NODE__NODE_CREATE_FDW_STMT:
        case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT:
        case PG_QUERY__NODE__NODE_CREATE_USER_MAPPING_STMT:
        case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
        case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
        case PG_QUERY__NODE__NODE_ALTER_TSCONFIGURATION_STMT:
        case PG_QUERY__NODE__NODE_ALTER_TSDICTIONARY_STMT:
        case PG_QUERY__NODE__NODE_RULE_STMT:
        case PG_QUERY__NODE__NODE_INDEX_STMT:
        case PG_QUERY__NODE__NODE_DROP_STMT:
        case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
            return true;
        default: return false;
    }
}

}  // namespace

void Replayer::not_modelled(const std::string& what) {
    model_.unmodelled.push_back({file_, statement_line(), what});
    if (!leaves_relations(current_statement_)) relations_outside_model_ = true;
}

std::string Replayer::current_user_schema() const { return role_; }

std::vector<std::string> Replayer::effective_search_path() const {
    std::vector<std::string> path;
    for (const std::string& entry : search_path_) {
        std::string schema = entry == "$user" ? current_user_schema() : entry;
        if (schema == "pg_temp") continue;
        path.push_back(schema);
    }
    return path;
}

std::string Replayer::creation_schema(const char* explicit_schema) {
    if (explicit_schema && *explicit_schema) {
        if (!schema_known_or_external(explicit_schema))
            fail("schema \"" + std::string(explicit_schema) + "\" does not exist");
        return explicit_schema;
    }
    for (const std::string& schema : effective_search_path()) {
        if (schema == "pg_catalog") continue;
        if (model_.schemas.count(schema)) return schema;
    }
    fail("no schema has been selected to create in");
}

bool Replayer::schema_is_external(const std::string& schema) const {
    // Extensions create schemas and objects that the model does not list one by one.
    for (const auto& [name, extension] : model_.extensions)
        if (name != "plpgsql" && (extension.schema == schema || !model_.schemas.count(schema))) return true;
    return false;
}

bool Replayer::schema_known_or_external(const std::string& schema) const {
    return model_.schemas.count(schema) || schema_is_external(schema);
}

Replayer::RelationKind Replayer::relation_kind(const QualifiedName& name) const {
    if (model_.tables.count(name)) return RelationKind::table;
    if (auto view = model_.views.find(name); view != model_.views.end())
        return view->second.materialized ? RelationKind::materialized_view : RelationKind::view;
    if (model_.sequences.count(name)) return RelationKind::sequence;
    if (model_.indexes.count(name)) return RelationKind::index;
    if (model_.composite_types.count(name)) return RelationKind::composite_type;
    return RelationKind::none;
}

std::optional<QualifiedName> Replayer::find_relation(const char* schema, const std::string& name) const {
    if (schema && *schema) {
        QualifiedName qualified_name{schema, name};
        if (relation_kind(qualified_name) != RelationKind::none) return qualified_name;
        return std::nullopt;
    }
    for (const std::string& candidate : effective_search_path()) {
        QualifiedName qualified_name{candidate, name};
        if (relation_kind(qualified_name) != RelationKind::none) return qualified_name;
    }
    return std::nullopt;
}

std::optional<QualifiedName> Replayer::find_relation(const PgQuery__RangeVar* range) const {
    return find_relation(range->schemaname, range->relname);
}

std::optional<QualifiedName> Replayer::find_type(const std::vector<std::string>& names) const {
    auto exists = [&](const QualifiedName& name) {
        return model_.enums.count(name) || model_.domains.count(name) || model_.composite_types.count(name) ||
               model_.tables.count(name) || model_.views.count(name);
    };
    if (names.size() >= 2) {
        QualifiedName name{names[names.size() - 2], names.back()};
        if (exists(name)) return name;
        return std::nullopt;
    }
    if (names.empty()) return std::nullopt;
    for (const std::string& schema : effective_search_path()) {
        QualifiedName name{schema, names[0]};
        if (exists(name)) return name;
    }
    return std::nullopt;
}

QualifiedName Replayer::require_type(const std::vector<std::string>& names) const {
    std::optional<QualifiedName> name = find_type(names);
    if (!name) fail("type \"" + names.back() + "\" does not exist");
    return *name;
}

QualifiedName Replayer::qualify_for_creation(const std::vector<std::string>& names) {
    if (names.size() >= 2) return {creation_schema(names[names.size() - 2].c_str()), names.back()};
    return {creation_schema(nullptr), names.empty() ? std::string() : names[0]};
}

bool Replayer::relation_name_taken(const std::string& schema, const std::string& name) const {
    QualifiedName qualified_name{schema, name};
    return relation_kind(qualified_name) != RelationKind::none || model_.enums.count(qualified_name) ||
           model_.domains.count(qualified_name);
}

bool Replayer::relation_exists_already(const QualifiedName& name, bool if_not_exists) {
    if (!relation_name_taken(name.schema, name.name)) return false;
    if (!if_not_exists && platform_gives_way('r', name.schema, name.name)) return false;
    if (!if_not_exists) fail_duplicate("relation \"" + name.name + "\" already exists");
    return true;
}

void Replayer::remember_constraint(const std::string& schema, const std::string& name) {
    constraint_names_seen_.insert(schema + '\x1f' + name);
}

void Replayer::remember_constraints(const Table& table) {
    for (const auto& [name, constraint] : table.constraints) remember_constraint(table.name.schema, name);
}

bool Replayer::constraint_name_taken(const std::string& schema, const std::string& name) const {
    // PostgreSQL keeps generated constraint names unique within the schema. Most candidates were
    // never used at all; only those that were need the scan.
    if (!constraint_names_seen_.count(schema + '\x1f' + name)) return false;
    for (auto it = model_.tables.lower_bound({schema, ""}); it != model_.tables.end() && it->first.schema == schema; ++it)
        if (it->second.constraints.count(name)) return true;
    for (auto it = model_.domains.lower_bound({schema, ""}); it != model_.domains.end() && it->first.schema == schema; ++it)
        if (it->second.constraints.count(name)) return true;
    return false;
}

std::string Replayer::type_text(const PgQuery__TypeName* type, bool keep_typmods) {
    if (!type) return {};
    std::vector<std::string> names = node_strings(type->n_names, type->names);
    std::vector<std::string> typmods;
    for (std::size_t i = 0; i < type->n_typmods; ++i) {
        if (auto value = node_integer(type->typmods[i]))
            typmods.push_back(std::to_string(*value));
        else
            typmods.push_back(expression_text(type->typmods[i]));
    }
    if (!keep_typmods) typmods.clear();
    std::string text;
    if (type->pct_type) {
        // table.column%TYPE: the column's type.
        std::vector<std::string> relation(names.begin(), names.end() - 1);
        const char* schema = relation.size() >= 2 ? relation[relation.size() - 2].c_str() : nullptr;
        if (auto table_name = find_relation(schema, relation.empty() ? "" : relation.back())) {
            if (auto table = model_.tables.find(*table_name); table != model_.tables.end())
                if (const Column* column = table->second.find_column(names.back())) return column->type;
        }
        fail("column \"" + names.back() + "\" referenced in %TYPE does not exist", type->location);
    }
    bool catalog = names.size() == 2 && names[0] == "pg_catalog";
    std::optional<std::string> builtin;
    if (catalog || names.size() == 1) builtin = canonical_builtin_type(names.back(), typmods);
    if (builtin) {
        text = *builtin;
    } else if (auto user_type = find_type(names)) {
        text = qualified(*user_type);
        if (!typmods.empty()) {
            text += "(";
            for (std::size_t i = 0; i < typmods.size(); ++i) text += (i ? "," : "") + typmods[i];
            text += ")";
        }
    } else if (auto schema = names.size() == 1 ? expression_names_.type_schema(names[0]) : std::nullopt) {
        // A type the database defines outside the migrations (an extension's).
        text = quote_ident(*schema) + "." + quote_ident(names[0]);
        if (!typmods.empty()) {
            text += "(";
            for (std::size_t i = 0; i < typmods.size(); ++i) text += (i ? "," : "") + typmods[i];
            text += ")";
        }
    } else {
        // A type the migrations do not define can only be an extension's: keep it as written.
        bool external = names.size() >= 2 ? schema_is_external(names[names.size() - 2]) : schema_is_external("");
        if (!external) {
            std::string written;
            for (std::size_t i = 0; i < names.size(); ++i) written += (i ? "." : "") + names[i];
            fail("type \"" + written + "\" does not exist", type->location);
        }
        for (std::size_t i = 0; i < names.size(); ++i) text += (i ? "." : "") + quote_ident(names[i]);
        if (!typmods.empty()) {
            text += "(";
            for (std::size_t i = 0; i < typmods.size(); ++i) text += (i ? "," : "") + typmods[i];
            text += ")";
        }
    }
    if (type->n_array_bounds > 0) text += "[]";
    return text;
}

template <typename Found>
std::optional<std::string> Replayer::home_schema(const std::map<std::string, std::set<std::string>>& external, const std::string& name,
                                                 Found found_in_model) const {
    auto in_external = [&](const std::string& schema) {
        auto names = external.find(schema);
        return names != external.end() && names->second.count(name);
    };
    // pg_catalog comes first unless the path names it.
    std::vector<std::string> path = effective_search_path();
    if (std::find(path.begin(), path.end(), "pg_catalog") == path.end()) path.insert(path.begin(), "pg_catalog");
    for (const std::string& schema : path)
        if (found_in_model(schema) || in_external(schema)) return schema;
    return std::nullopt;
}

// Where a function the migrations do not define lives: an extension's or the platform's schema,
// or pg_catalog.
std::optional<std::string> Replayer::external_function_schema(const std::vector<std::string>& names) const {
    if (names.size() >= 2) {
        const std::string& schema = names[names.size() - 2];
        return schema == "pg_catalog" || schema_is_external(schema) ? std::optional<std::string>(schema) : std::nullopt;
    }
    const ExternalObjects& external = options_.external;
    if (auto schema = home_schema(external.functions, names.back(), [](const std::string&) { return false; })) return schema;
    // Without a database to ask, the built-in trigger functions users call are known by name.
    static const std::set<std::string> builtin_trigger_functions = {"suppress_redundant_updates_trigger", "tsvector_update_trigger",
                                                                    "tsvector_update_trigger_column"};
    if (external.functions.empty() && builtin_trigger_functions.count(names.back())) return "pg_catalog";
    return std::nullopt;
}

template <typename Found>
std::optional<std::string> Replayer::ExpressionNames::search(const std::map<std::string, std::set<std::string>>& external,
                                                             const std::string& name, Found found_in_model) const {
    // Built-ins stay unqualified, as the server prints them.
    std::optional<std::string> schema = replayer_.home_schema(external, name, found_in_model);
    return schema == "pg_catalog" ? std::nullopt : schema;
}

std::optional<std::string> Replayer::ExpressionNames::function_schema(const std::string& name, std::size_t) const {
    return search(replayer_.options_.external.functions, name, [&](const std::string& schema) {
        bool found = false;
        each_overload(replayer_.model_.functions, {schema, name}, [&](const Function&) { found = true; });
        return found;
    });
}

std::optional<std::string> Replayer::ExpressionNames::relation_schema(const std::string& name) const {
    return search(replayer_.options_.external.relations, name, [&](const std::string& schema) {
        QualifiedName candidate{schema, name};
        return replayer_.relation_kind(candidate) != RelationKind::none;
    });
}

std::optional<std::string> Replayer::ExpressionNames::type_schema(const std::string& name) const {
    return search(replayer_.options_.external.types, name, [&](const std::string& schema) {
        QualifiedName candidate{schema, name};
        return replayer_.model_.enums.count(candidate) || replayer_.model_.domains.count(candidate) ||
               replayer_.model_.composite_types.count(candidate) || replayer_.model_.tables.count(candidate);
    });
}

std::optional<std::string> Replayer::ExpressionNames::opclass_schema(const std::string& name) const {
    return search(replayer_.options_.external.opclasses, name, [](const std::string&) { return false; });
}

std::optional<std::vector<std::string>> Replayer::ExpressionNames::relation_columns(const std::string& schema, const std::string& name) const {
    return replayer_.model_.relation_columns({schema, name});
}

std::string Replayer::expression_text(const PgQuery__Node* expression) {
    if (!expression) return {};
    try {
        return canonical_expression(const_cast<PgQuery__Node*>(expression), &expression_names_, rewrite_arena_);
    } catch (const std::runtime_error& error) {
        fail(std::string("cannot deparse expression: ") + error.what());
    }
}

// Statements come in order, so lines are counted on from the last answer, not from the start.
int Replayer::statement_line() {
    std::size_t offset = std::min(std::size_t(std::max(statement_location_, 0)), sql_->size());
    if (offset < line_cursor_.offset) line_cursor_ = {};
    line_cursor_.line += int(std::count(sql_->begin() + std::ptrdiff_t(line_cursor_.offset), sql_->begin() + std::ptrdiff_t(offset), '\n'));
    line_cursor_.offset = offset;
    return line_cursor_.line;
}

void Replayer::remember_origin(const std::string& object) {
    if (sql_) model_.origins[object] = {file_, statement_line()};
}

void Replayer::remember_written(const QualifiedName& relation, const std::string& member, const std::string& property,
                                const PgQuery__Node* expression, Written kind) {
    if (!expression) return;
    if (kind == Written::expression && canonical_only_resolves_names(expression)) {
        // Written and canonical forms are the same: the canonical one stands in (and one
        // written for an earlier definition must go).
        model_.written_expressions.erase({relation, member, property});
        return;
    }
    try {
        auto* node = const_cast<PgQuery__Node*>(expression);
        model_.written_expressions[{relation, member, property}] =
            kind == Written::query  ? resolved_query(node, &expression_names_, rewrite_arena_)
            : kind == Written::body ? resolved_sql_body(node, &expression_names_, rewrite_arena_)
                                    : resolved_expression(node, &expression_names_, rewrite_arena_);
    } catch (const std::exception&) {
        // Only a help for comparisons: an expression that will not deparse is simply not kept.
    }
}


std::string Replayer::default_text(const PgQuery__Node* expression, const std::string& type) {
    // A bare literal takes the column's type: stored as the type's input function reads it.
    if (expression->node_case == PG_QUERY__NODE__NODE_A_CONST && expression->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
        const char* literal = expression->a_const->sval->sval;
        if (type == "interval")
            if (std::optional<std::string> printed = interval_output(literal)) return quote_literal(*printed);
        if (type == "boolean")
            if (std::optional<bool> value = boolean_input(literal)) return *value ? "true" : "false";
        if (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) {
            std::string element = type.substr(0, type.find_first_of("[("));
            if (std::optional<std::string> printed = array_output(literal, array_element_of(element))) return quote_literal(*printed);
        }
    }
    std::string text = expression_text(expression);
    if (text != "NULL") return text;
    bool has_typmod = type.find('(') != std::string::npos;
    // NULL cast to another type (text DEFAULT NULL::character varying) is stored with the
    // coercion to the column's type around it: not the null constant PostgreSQL leaves out.
    if (expression->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && expression->type_cast->type_name &&
        type_text(expression->type_cast->type_name) != type)
        return text;
    bool domain = false;
    for (const auto& [name, candidate] : model_.domains) domain = domain || qualified(name) == type;
    return has_typmod || domain ? text : std::string();
}

std::string Replayer::source_text(int location, int length) const {
    if (!sql_ || location < 0 || std::size_t(location) >= sql_->size()) return {};
    return sql_->substr(std::size_t(location), length > 0 ? std::size_t(length) : std::string::npos);
}

void Replayer::set_search_path(const std::vector<std::string>& path, bool database_default) {
    search_path_ = path;
    if (database_default) options_.search_path = path;
}

void Replayer::replay_set(const PgQuery__VariableSetStmt* statement) {
    std::string name = statement->name ? statement->name : "";
    if (name == "role" || name == "session_authorization") {
        if (statement->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE && statement->n_args == 1)
            role_ = node_string(statement->args[0]);
        else
            role_ = options_.role;
        return;
    }
    if (name == "check_function_bodies") {
        check_function_bodies_ = statement->kind != PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE || statement->n_args != 1 ||
                                 setting_is_on(statement->args[0]);
        return;
    }
    if (name != "search_path") return;  // other settings do not change the schema
    if (statement->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE) {
        // Each argument is a schema name, or (SET search_path = 'a, b') a whole list.
        std::vector<std::string> path;
        for (std::size_t i = 0; i < statement->n_args; ++i)
            for (const std::string& schema : split_search_path(node_string(statement->args[i]))) path.push_back(schema);
        set_search_path(path, false);
    } else {
        set_search_path(options_.search_path, false);
    }
}

bool Replayer::setting_is_on(const PgQuery__Node* value) {
    if (std::optional<int64_t> number = node_integer(value)) return *number != 0;
    return boolean_input(node_string(value)).value_or(true);
}

void Replayer::replay_select(const PgQuery__SelectStmt* statement) {
    // SELECT set_config('search_path', '...', false) changes the session's path (and pg_dump's
    // set_config('check_function_bodies', ...) its setting); other SELECTs read or write data and
    // leave the schema alone.
    for (std::size_t i = 0; i < statement->n_target_list; ++i) {
        const PgQuery__Node* target = statement->target_list[i];
        if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET || !target->res_target->val) continue;
        const PgQuery__Node* value = target->res_target->val;
        if (value->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) continue;
        const PgQuery__FuncCall* call = value->func_call;
        std::vector<std::string> function = node_strings(call->n_funcname, call->funcname);
        if (function.empty() || function.back() != "set_config" || call->n_args != 3) continue;
        std::string setting = node_string(call->args[0]);
        if (setting != "search_path" && setting != "check_function_bodies") continue;
        PgQuery__VariableSetStmt set = PG_QUERY__VARIABLE_SET_STMT__INIT;
        set.kind = PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE;
        set.name = const_cast<char*>(setting.c_str());
        PgQuery__Node* args[] = {call->args[1]};
        set.n_args = 1;
        set.args = args;
        replay_set(&set);
    }
}

void Replayer::replay_sql_text(const std::string& sql, int location) {
    // Nested SQL is positioned at its statement: inner offsets are not file offsets.
    ParsedSql parsed(sql);
    int saved_location = statement_location_;
    for (std::size_t i = 0; i < parsed.statement_count(); ++i) {
        const PgQuery__RawStmt& raw = parsed.statement(i);
        nested_text_ = sql.substr(std::size_t(raw.stmt_location), raw.stmt_len > 0 ? std::size_t(raw.stmt_len) : std::string::npos);
        nested_text_.erase(0, nested_text_.find_first_not_of(" \t\r\n"));
        replay_statement(raw.stmt, location);
    }
    nested_text_.clear();
    statement_location_ = saved_location;
}

namespace {

// Statements that cannot add, rename or move an index or a foreign key: the dependents cache
// stays valid across them. Anything not listed here drops it.
bool keeps_dependents(const PgQuery__Node* statement) {
    switch (statement->node_case) {
        case PG_QUERY__NODE__NODE_COMMENT_STMT:
        case PG_QUERY__NODE__NODE_GRANT_STMT:
        case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
        case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
        case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
        case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
        case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
        case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
        case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
        case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
        case PG_QUERY__NODE__NODE_INSERT_STMT:
        case PG_QUERY__NODE__NODE_UPDATE_STMT:
        case PG_QUERY__NODE__NODE_DELETE_STMT:
        case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
        case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
        case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
            return true;
        case PG_QUERY__NODE__NODE_RENAME_STMT: {
            PgQuery__ObjectType type = statement->rename_stmt->rename_type;
            return type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN || type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY ||
                   type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER;
        }
        case PG_QUERY__NODE__NODE_DROP_STMT: {
            PgQuery__ObjectType type = statement->drop_stmt->remove_type;
            return type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY || type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER ||
                   type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION || type == PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION;
        }
        case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: {
            const PgQuery__AlterTableStmt* alter = statement->alter_table_stmt;
            for (std::size_t i = 0; i < alter->n_cmds; ++i) {
                const PgQuery__AlterTableCmd* command = alter->cmds[i]->alter_table_cmd;
                switch (command->subtype) {
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
                        if (command->def->column_def->n_constraints > 0) return false;
                        break;
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
                    case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
                        break;
                    default: return false;
                }
            }
            return true;
        }
        default: return false;
    }
}

}  // namespace

const Replayer::Dependents& Replayer::dependents() {
    if (dependents_.valid) return dependents_;
    dependents_ = Dependents{};
    for (const auto& [key, index] : model_.indexes) dependents_.indexes[{key.schema, index.table}].push_back(key);
    for (const auto& [key, table] : model_.tables)
        for (const auto& [name, constraint] : table.constraints)
            if (constraint.type == ConstraintType::foreign_key) dependents_.foreign_keys[constraint.referenced_table].emplace_back(key, name);
    dependents_.valid = true;
    return dependents_;
}

void Replayer::replay_statement(const PgQuery__Node* statement, int location) {
    statement_location_ = location;
    // Nested statements (CREATE SCHEMA elements, DO blocks) are current while they run.
    struct CurrentStatement {
        const PgQuery__Node*& slot;
        const PgQuery__Node* saved;
        ~CurrentStatement() { slot = saved; }
    } restore_current{current_statement_, current_statement_};
    current_statement_ = statement;
    if (!keeps_dependents(statement)) dependents_.valid = false;
    switch (statement->node_case) {
        case PG_QUERY__NODE__NODE_CREATE_STMT: return create_table(statement->create_stmt);
        case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
            return create_table(statement->create_foreign_table_stmt->base_stmt, statement->create_foreign_table_stmt);
        case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return alter_table(statement->alter_table_stmt);
        case PG_QUERY__NODE__NODE_INDEX_STMT: return create_index(statement->index_stmt);
        case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: return create_schema(statement->create_schema_stmt);
        case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT: return create_extension(statement->create_extension_stmt);
        case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT: return alter_extension(statement->alter_extension_stmt);
        case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: return create_enum(statement->create_enum_stmt);
        case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT: return alter_enum(statement->alter_enum_stmt);
        case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT: return create_composite_type(statement->composite_type_stmt);
        case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT: return create_domain(statement->create_domain_stmt);
        case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT: return alter_domain(statement->alter_domain_stmt);
        case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: return create_sequence(statement->create_seq_stmt);
        case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT: return alter_sequence(statement->alter_seq_stmt);
        case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: return create_function(statement->create_function_stmt);
        case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT: return alter_function(statement->alter_function_stmt);
        case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: return create_trigger(statement->create_trig_stmt);
        case PG_QUERY__NODE__NODE_VIEW_STMT: return create_view(statement->view_stmt);
        case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
            if (statement->create_table_as_stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW)
                return create_materialized_view(statement->create_table_as_stmt);
            return not_modelled("CREATE TABLE AS (columns come from a query)");
        case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT: return create_policy(statement->create_policy_stmt);
        case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT: return alter_policy(statement->alter_policy_stmt);
        case PG_QUERY__NODE__NODE_GRANT_STMT: return grant(statement->grant_stmt);
        case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
            return alter_default_privileges(statement->alter_default_privileges_stmt);
        case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT: return create_publication(statement->create_publication_stmt);
        case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT: return alter_publication(statement->alter_publication_stmt);
        case PG_QUERY__NODE__NODE_CREATE_FDW_STMT: return create_foreign_data_wrapper(statement->create_fdw_stmt);
        case PG_QUERY__NODE__NODE_ALTER_FDW_STMT: return alter_foreign_data_wrapper(statement->alter_fdw_stmt);
        case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT: return create_foreign_server(statement->create_foreign_server_stmt);
        case PG_QUERY__NODE__NODE_ALTER_FOREIGN_SERVER_STMT: return alter_foreign_server(statement->alter_foreign_server_stmt);
        case PG_QUERY__NODE__NODE_CREATE_USER_MAPPING_STMT: return create_user_mapping(statement->create_user_mapping_stmt);
        case PG_QUERY__NODE__NODE_ALTER_USER_MAPPING_STMT: return alter_user_mapping(statement->alter_user_mapping_stmt);
        case PG_QUERY__NODE__NODE_DROP_USER_MAPPING_STMT: return drop_user_mapping(statement->drop_user_mapping_stmt);
        case PG_QUERY__NODE__NODE_DROP_STMT: return drop(statement->drop_stmt);
        case PG_QUERY__NODE__NODE_RENAME_STMT: return rename(statement->rename_stmt);
        case PG_QUERY__NODE__NODE_COMMENT_STMT: return comment(statement->comment_stmt);
        case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT: return alter_object_schema(statement->alter_object_schema_stmt);
        case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT: return alter_owner(statement->alter_owner_stmt);
        case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: return replay_set(statement->variable_set_stmt);
        case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT: {
            const PgQuery__VariableSetStmt* set = statement->alter_database_set_stmt->setstmt;
            if (set && set->name && std::string(set->name) == "search_path") {
                // The database default applies to the sessions of later files.
                std::vector<std::string> current = search_path_;
                replay_set(set);
                options_.search_path = search_path_;
                search_path_ = current;
            }
            return;
        }
        case PG_QUERY__NODE__NODE_SELECT_STMT: return replay_select(statement->select_stmt);
        case PG_QUERY__NODE__NODE_DO_STMT: return replay_do(statement->do_stmt, location);
        // Data and session statements leave the schema as it is.
        case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
        case PG_QUERY__NODE__NODE_INSERT_STMT:
        case PG_QUERY__NODE__NODE_UPDATE_STMT:
        case PG_QUERY__NODE__NODE_DELETE_STMT:
        case PG_QUERY__NODE__NODE_MERGE_STMT:
        case PG_QUERY__NODE__NODE_COPY_STMT:
        case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
        case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
        case PG_QUERY__NODE__NODE_LOCK_STMT:
        case PG_QUERY__NODE__NODE_NOTIFY_STMT:
        case PG_QUERY__NODE__NODE_LISTEN_STMT:
        case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
        case PG_QUERY__NODE__NODE_VACUUM_STMT:
        case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
        case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
        case PG_QUERY__NODE__NODE_CHECK_POINT_STMT:
        case PG_QUERY__NODE__NODE_DISCARD_STMT:
        case PG_QUERY__NODE__NODE_CALL_STMT:
        case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT:
        case PG_QUERY__NODE__NODE_REINDEX_STMT:
        case PG_QUERY__NODE__NODE_CLUSTER_STMT:
        case PG_QUERY__NODE__NODE_PREPARE_STMT:
        case PG_QUERY__NODE__NODE_EXECUTE_STMT:
        case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
            return;
        default: break;
    }
    // Everything else is listed, never dropped silently.
    std::string text = nested_text_.empty() ? source_text(location, 0) : nested_text_;
    std::size_t end = text.find_first_of("(;\n");
    if (end != std::string::npos) text.resize(end);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    // At most 60 bytes, cut between characters, and said to be cut.
    constexpr std::size_t longest = 60;
    if (text.size() > longest) {
        std::size_t cut = longest;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text.resize(cut);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
        text += "...";
    }
    not_modelled(text);
}

}  // namespace pgshift
