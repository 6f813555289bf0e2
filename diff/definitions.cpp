#include "diff/definitions.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "model/acl.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? separator : "") + items[i];
    return text;
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::vector<std::string> quoted;
    for (const std::string& name : names) quoted.push_back(quote_ident(name));
    return join(quoted);
}

// Storage parameters as the model keeps them ("fillfactor=70") in a WITH (...) list.
std::string options_sql(const std::vector<std::string>& options) {
    std::vector<std::string> items;
    for (const std::string& option : options) {
        auto equals = option.find('=');
        if (equals == std::string::npos) {
            items.push_back(option);
            continue;
        }
        std::string value = option.substr(equals + 1);
        bool plain = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        });
        items.push_back(option.substr(0, equals) + "=" + (plain ? value : quote_literal(value)));
    }
    return join(items);
}

// A dollar-quote tag that does not occur in `body`.
std::string dollar_quote(const std::string& body) {
    std::string tag = "$$";
    for (int i = 0; body.find(tag) != std::string::npos; ++i) tag = "$pgshift" + (i ? std::to_string(i) : "") + "$";
    return tag + body + tag;
}

const char* referential_action(char action) {
    switch (action) {
        case 'r': return "RESTRICT";
        case 'c': return "CASCADE";
        case 'n': return "SET NULL";
        case 'd': return "SET DEFAULT";
        default: return "NO ACTION";
    }
}

std::string index_key_sql(const SchemaModel& model, const QualifiedName& index_name, std::size_t position, const IndexKey& key) {
    std::string text = key.column.empty()
                           ? "(" + expression_sql(model, index_name, "key " + std::to_string(position), "expression", key.expression) + ")"
                           : quote_ident(key.column);
    if (!key.collation.empty()) text += " COLLATE " + collation_sql(key.collation);
    if (!key.opclass.empty()) text += " " + key.opclass;
    if (key.descending) text += " DESC";
    if (key.nulls_first != key.descending) text += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
    return text;
}

}  // namespace

const Index* constraint_index(const SchemaModel& model, const QualifiedName& table, const std::string& constraint) {
    // PostgreSQL names a constraint's index after the constraint.
    auto index = model.indexes.find({table.schema, constraint});
    if (index == model.indexes.end() || index->second.table != table.name || index->second.constraint != constraint) return nullptr;
    return &index->second;
}

std::string collation_sql(const std::string& collation) {
    auto dot = collation.find('.');
    if (dot == std::string::npos) return quote_ident(collation);
    return quote_ident(collation.substr(0, dot)) + "." + quote_ident(collation.substr(dot + 1));
}

std::string expression_sql(const SchemaModel& model, const QualifiedName& relation, const std::string& member,
                           const std::string& property, const std::string& canonical) {
    auto written = model.written_expressions.find({relation, member, property});
    return written != model.written_expressions.end() ? written->second : canonical;
}

std::string generic_options_sql(const std::vector<std::string>& from, const std::vector<std::string>& to) {
    auto split = [](const std::vector<std::string>& options) {
        std::map<std::string, std::string> values;
        for (const std::string& option : options) {
            auto equals = option.find('=');
            values[option.substr(0, equals)] = equals == std::string::npos ? "" : option.substr(equals + 1);
        }
        return values;
    };
    std::map<std::string, std::string> had = split(from), has = split(to);
    std::vector<std::string> changes;
    for (const auto& [name, value] : had)
        if (!has.count(name)) changes.push_back("DROP " + quote_ident(name));
    for (const std::string& option : to) {  // in order: added options keep it
        std::string name = option.substr(0, option.find('='));
        auto before = had.find(name);
        if (before == had.end()) changes.push_back(quote_ident(name) + " " + quote_literal(has[name]));
        else if (before->second != has[name]) changes.push_back("SET " + quote_ident(name) + " " + quote_literal(has[name]));
    }
    return changes.empty() ? "" : "OPTIONS (" + join(changes) + ")";
}

std::string column_definition(const SchemaModel& model, const Table& table, const Column& column) {
    std::string text = quote_ident(column.name) + " " + column.type;
    if (!column.foreign_options.empty()) text += " " + generic_options_sql({}, column.foreign_options);
    if (!column.collation.empty()) text += " COLLATE " + collation_sql(column.collation);
    if (!column.generated_expr.empty())
        text += " GENERATED ALWAYS AS (" + expression_sql(model, table.name, column.name, "generated", column.generated_expr) + ") STORED";
    if (column.identity) text += column.identity == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
    if (!column.default_expr.empty())
        text += " DEFAULT " + expression_sql(model, table.name, column.name, "default", column.default_expr);
    if (column.not_null) text += " NOT NULL";
    return text;
}

std::string constraint_definition(const SchemaModel& model, const Table& table, const Constraint& constraint) {
    std::string text;
    const Index* index = constraint_index(model, table.name, constraint.name);
    auto index_parameters = [&]() {
        std::string parameters;
        if (index && !index->include.empty()) parameters += " INCLUDE (" + quoted_list(index->include) + ")";
        if (index && !index->options.empty()) parameters += " WITH (" + options_sql(index->options) + ")";
        return parameters;
    };
    switch (constraint.type) {
        case ConstraintType::primary_key:
            text = "PRIMARY KEY (" + quoted_list(constraint.columns) + ")" + index_parameters();
            break;
        case ConstraintType::unique:
            text = std::string("UNIQUE ") + (constraint.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + "(" +
                   quoted_list(constraint.columns) + ")" + index_parameters();
            break;
        case ConstraintType::foreign_key:
            text = "FOREIGN KEY (" + quoted_list(constraint.columns) + ") REFERENCES " + qualified(constraint.referenced_table) +
                   (constraint.referenced_columns.empty() ? "" : " (" + quoted_list(constraint.referenced_columns) + ")");
            if (constraint.match_type == 'f') text += " MATCH FULL";
            if (constraint.on_update != 'a') text += std::string(" ON UPDATE ") + referential_action(constraint.on_update);
            if (constraint.on_delete != 'a') text += std::string(" ON DELETE ") + referential_action(constraint.on_delete);
            break;
        case ConstraintType::check:
            text = "CHECK (" + expression_sql(model, table.name, constraint.name, "expression", constraint.expression) + ")";
            if (constraint.no_inherit) text += " NO INHERIT";
            break;
        case ConstraintType::exclusion: {
            // The catalog keeps the whole definition; migrations keep the element list.
            if (constraint.expression.rfind("EXCLUDE", 0) == 0) return constraint.expression;
            text = "EXCLUDE USING " + (index ? index->method : std::string("gist")) + " (" + constraint.expression + ")" + index_parameters();
            if (index && !index->predicate.empty()) text += " WHERE (" + index->predicate + ")";
            break;
        }
    }
    if (constraint.deferrable) text += constraint.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    return text;
}

std::string create_table_sql(const SchemaModel& model, const Table& table) {
    bool foreign = table.kind == TableKind::foreign;
    std::string text = std::string(foreign ? "CREATE FOREIGN TABLE " : table.unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ") + qualified(table.name);
    if (table.partition_of) {
        text += " PARTITION OF " + qualified(*table.partition_of);
        text += table.partition_bound == "DEFAULT" ? " DEFAULT" : " " + table.partition_bound;
    } else {
        std::vector<std::string> items;
        for (const Column& column : table.columns) items.push_back("    " + column_definition(model, table, column));
        text += " (\n" + join(items, ",\n") + (items.empty() ? ")" : "\n)");
        if (!table.inherits.empty()) {
            std::vector<std::string> parents;
            for (const QualifiedName& parent : table.inherits) parents.push_back(qualified(parent));
            text += " INHERITS (" + join(parents) + ")";
        }
    }
    if (foreign) text += " SERVER " + quote_ident(table.foreign_server);
    if (foreign && !table.foreign_options.empty()) text += " " + generic_options_sql({}, table.foreign_options);
    if (!table.partition_key.empty()) text += " PARTITION BY " + table.partition_key;
    if (!table.options.empty()) text += " WITH (" + options_sql(table.options) + ")";
    return text;
}

std::string create_index_sql(const SchemaModel& model, const Index& index, bool concurrently) {
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < index.keys.size(); ++i) keys.push_back(index_key_sql(model, index.name, i, index.keys[i]));
    std::string text = std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + (concurrently ? "CONCURRENTLY " : "") +
                       quote_ident(index.name.name) + " ON " + qualified({index.name.schema, index.table});
    if (index.method != "btree") text += " USING " + index.method;
    text += " (" + join(keys) + ")";
    if (!index.include.empty()) text += " INCLUDE (" + quoted_list(index.include) + ")";
    if (index.nulls_not_distinct) text += " NULLS NOT DISTINCT";
    if (!index.options.empty()) text += " WITH (" + options_sql(index.options) + ")";
    if (!index.predicate.empty()) text += " WHERE " + expression_sql(model, index.name, "", "predicate", index.predicate);
    return text;
}

std::string create_sequence_sql(const Sequence& s) {
    std::string text = "CREATE SEQUENCE " + qualified(s.name);
    if (s.data_type != "bigint") text += " AS " + s.data_type;
    text += " START WITH " + std::to_string(s.start) + " INCREMENT BY " + std::to_string(s.increment) + " MINVALUE " +
            std::to_string(s.min_value) + " MAXVALUE " + std::to_string(s.max_value) + " CACHE " + std::to_string(s.cache);
    if (s.cycle) text += " CYCLE";
    return text;
}

std::string create_enum_sql(const EnumType& type) {
    std::vector<std::string> labels;
    for (const std::string& label : type.labels) labels.push_back(quote_literal(label));
    return "CREATE TYPE " + qualified(type.name) + " AS ENUM (" + join(labels) + ")";
}

std::string create_composite_sql(const CompositeType& type) {
    std::vector<std::string> attributes;
    for (const CompositeAttribute& attribute : type.attributes)
        attributes.push_back(quote_ident(attribute.name) + " " + attribute.type +
                             (attribute.collation.empty() ? "" : " COLLATE " + collation_sql(attribute.collation)));
    return "CREATE TYPE " + qualified(type.name) + " AS (" + join(attributes) + ")";
}

std::string create_domain_sql(const SchemaModel& model, const Domain& domain) {
    std::string text = "CREATE DOMAIN " + qualified(domain.name) + " AS " + domain.base_type;
    if (!domain.collation.empty()) text += " COLLATE " + collation_sql(domain.collation);
    if (!domain.default_expr.empty()) text += " DEFAULT " + expression_sql(model, domain.name, "", "default", domain.default_expr);
    if (domain.not_null) text += " NOT NULL";
    for (const auto& [name, check] : domain.constraints)
        text += " CONSTRAINT " + quote_ident(name) + " CHECK (" + expression_sql(model, domain.name, name, "check", check.expression) + ")";
    return text;
}

std::string function_reference(const Function& function) {
    std::vector<std::string> types;
    for (const FunctionArgument& argument : function.arguments)
        if (argument.mode != 'o' && argument.mode != 't') types.push_back(argument.type);
    return qualified(function.name) + "(" + join(types) + ")";
}

std::string create_function_sql(const SchemaModel& model, const Function& f, bool or_replace) {
    bool procedure = f.kind == FunctionKind::procedure;
    std::string text = std::string(or_replace ? "CREATE OR REPLACE " : "CREATE ") + (procedure ? "PROCEDURE " : "FUNCTION ") + qualified(f.name) + "(";
    std::vector<std::string> arguments, table_columns;
    for (const FunctionArgument& argument : f.arguments) {
        std::string name_and_type = (argument.name.empty() ? "" : quote_ident(argument.name) + " ") + argument.type;
        if (argument.mode == 't') {
            table_columns.push_back(name_and_type);
            continue;
        }
        const char* mode = argument.mode == 'o' ? "OUT " : argument.mode == 'b' ? "INOUT " : argument.mode == 'v' ? "VARIADIC " : "";
        arguments.push_back(mode + name_and_type + (argument.default_expr.empty() ? "" : " DEFAULT " + argument.default_expr));
    }
    text += join(arguments) + ")";
    if (!procedure) {
        if (!table_columns.empty())
            text += "\n RETURNS TABLE(" + join(table_columns) + ")";
        else
            text += "\n RETURNS " + std::string(f.returns_set ? "SETOF " : "") + f.return_type;
    }
    text += "\n LANGUAGE " + quote_ident(f.language);
    if (!procedure) {
        text += f.volatility == 'i' ? " IMMUTABLE" : f.volatility == 's' ? " STABLE" : "";
        if (f.strict) text += " STRICT";
        if (f.leakproof) text += " LEAKPROOF";
        text += f.parallel == 's' ? " PARALLEL SAFE" : f.parallel == 'r' ? " PARALLEL RESTRICTED" : "";
        bool default_cost = f.cost == 0 || f.cost == (f.language == "c" || f.language == "internal" ? 1 : 100);
        if (!default_cost) text += " COST " + std::to_string(static_cast<long long>(f.cost));
        if (f.returns_set && f.rows != 0 && f.rows != 1000) text += " ROWS " + std::to_string(static_cast<long long>(f.rows));
    }
    if (f.security_definer) text += " SECURITY DEFINER";
    for (const std::string& setting : f.config) {
        auto equals = setting.find('=');
        std::string name = setting.substr(0, equals), value = equals == std::string::npos ? "" : setting.substr(equals + 1);
        // search_path keeps its list form; other values are one literal.
        bool list = name == "search_path" && !value.empty() && value != "\"\"";
        text += "\n SET " + name + " TO " + (list ? value : quote_literal(name == "search_path" ? "" : value));
    }
    text += f.has_sql_standard_body() ? "\n" + expression_sql(model, {f.name.schema, f.signature()}, "", "body", f.body) : "\nAS " + dollar_quote(f.body);
    return text;
}

std::string create_view_sql(const SchemaModel& model, const View& view, bool or_replace) {
    std::string text = std::string(or_replace ? "CREATE OR REPLACE " : "CREATE ") + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") +
                       qualified(view.name);
    std::vector<std::string> options = view.options;
    if (!view.check_option.empty()) {
        std::string lower = view.check_option;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        options.push_back("check_option=" + lower);
    }
    if (!options.empty()) text += " WITH (" + options_sql(options) + ")";
    text += " AS\n" + expression_sql(model, view.name, "", "query", view.query);
    if (view.materialized && !view.with_data) text += "\nWITH NO DATA";
    return text;
}

std::string create_trigger_sql(const SchemaModel& model, const QualifiedName& relation, const Trigger& t, bool or_replace) {
    std::string text = std::string("CREATE ") + (or_replace && !t.constraint_trigger ? "OR REPLACE " : "") +
                       (t.constraint_trigger ? "CONSTRAINT " : "") + "TRIGGER " + quote_ident(t.name) + " " + t.timing + " ";
    for (std::size_t i = 0; i < t.events.size(); ++i) {
        text += (i ? " OR " : "") + t.events[i];
        if (t.events[i] == "UPDATE" && !t.update_columns.empty()) text += " OF " + quoted_list(t.update_columns);
    }
    text += " ON " + qualified(relation);
    if (t.constraint_trigger) {
        if (t.deferrable) text += t.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE INITIALLY IMMEDIATE";
        else text += " NOT DEFERRABLE INITIALLY IMMEDIATE";
    }
    if (!t.old_table.empty() || !t.new_table.empty()) {
        text += " REFERENCING";
        if (!t.old_table.empty()) text += " OLD TABLE AS " + quote_ident(t.old_table);
        if (!t.new_table.empty()) text += " NEW TABLE AS " + quote_ident(t.new_table);
    }
    text += t.for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT";
    if (!t.when_expr.empty()) text += " WHEN (" + expression_sql(model, relation, t.name, "when", t.when_expr) + ")";
    std::vector<std::string> arguments;
    for (const std::string& argument : t.arguments) arguments.push_back(quote_literal(argument));
    return text + " EXECUTE FUNCTION " + t.function + "(" + join(arguments) + ")";
}

std::string policy_roles_sql(const std::vector<std::string>& roles) {
    std::vector<std::string> names;
    for (const std::string& role : roles) names.push_back(role == "public" ? "PUBLIC" : quote_ident(role));
    return join(names);
}

std::string create_policy_sql(const SchemaModel& model, const QualifiedName& table, const Policy& policy) {
    std::string text = "CREATE POLICY " + quote_ident(policy.name) + " ON " + qualified(table);
    if (!policy.permissive) text += " AS RESTRICTIVE";
    if (policy.command != "ALL") text += " FOR " + policy.command;
    if (!(policy.roles.size() == 1 && policy.roles[0] == "public")) text += " TO " + policy_roles_sql(policy.roles);
    if (!policy.using_expr.empty()) text += " USING (" + expression_sql(model, table, policy.name, "using", policy.using_expr) + ")";
    if (!policy.with_check_expr.empty())
        text += " WITH CHECK (" + expression_sql(model, table, policy.name, "with check", policy.with_check_expr) + ")";
    return text;
}

std::string publication_table_sql(const SchemaModel& model, const std::string& publication, const QualifiedName& table,
                                  const PublicationTable& member) {
    // Without ONLY, a parent brings its inheritance children along: the model lists those it has.
    bool has_children = std::any_of(model.tables.begin(), model.tables.end(), [&](const auto& entry) {
        const std::vector<QualifiedName>& parents = entry.second.inherits;
        return std::find(parents.begin(), parents.end(), table) != parents.end();
    });
    std::string text = (has_children ? "ONLY " : "") + qualified(table);
    if (!member.columns.empty()) {
        std::vector<std::string> columns;
        for (const std::string& column : member.columns) columns.push_back(quote_ident(column));
        text += " (" + join(columns) + ")";
    }
    if (!member.row_filter.empty()) text += " WHERE (" + expression_sql(model, table, publication, "row filter", member.row_filter) + ")";
    return text;
}

std::string publication_options_sql(const Publication& publication) {
    std::vector<std::string> options;
    Publication defaults;
    if (publication.publish() != defaults.publish()) options.push_back("publish = " + quote_literal(publication.publish()));
    if (publication.via_partition_root) options.push_back("publish_via_partition_root = true");
    return join(options);
}

std::string create_publication_sql(const SchemaModel& model, const Publication& publication) {
    std::string text = "CREATE PUBLICATION " + quote_ident(publication.name);
    std::vector<std::string> tables, schemas, objects;
    for (const auto& [table, member] : publication.tables) tables.push_back(publication_table_sql(model, publication.name, table, member));
    for (const std::string& schema : publication.schemas) schemas.push_back(quote_ident(schema));
    if (!tables.empty()) objects.push_back("TABLE " + join(tables));
    if (!schemas.empty()) objects.push_back("TABLES IN SCHEMA " + join(schemas));
    if (publication.all_tables) text += " FOR ALL TABLES";
    else if (!objects.empty()) text += " FOR " + join(objects);
    std::string options = publication_options_sql(publication);
    if (!options.empty()) text += " WITH (" + options + ")";
    return text;
}

std::vector<std::string> acl_change_sql(const Acl& from, const Acl& to, const std::string& target, const std::string& column) {
    std::vector<std::string> statements;
    auto privileges = [&](const std::string& letters) {
        std::vector<std::string> keywords;
        for (char letter : letters)
            if (letter != '*') keywords.push_back(std::string(privilege_keyword(letter)) + (column.empty() ? "" : " (" + quote_ident(column) + ")"));
        return join(keywords);
    };
    auto grantee_sql = [](const std::string& grantee) { return grantee == "PUBLIC" ? grantee : quote_ident(grantee); };
    // Letters of `letters` (with or without grant option) that `other` lacks.
    auto missing = [](const std::string& letters, const std::string& other, bool grant_option) {
        std::string result;
        for (std::size_t i = 0; i < letters.size(); ++i) {
            if (letters[i] == '*') continue;
            bool has_option = i + 1 < letters.size() && letters[i + 1] == '*';
            auto at = other.find(letters[i]);
            bool other_has = at != std::string::npos;
            bool other_option = other_has && at + 1 < other.size() && other[at + 1] == '*';
            if (grant_option ? (has_option && !other_option) : !other_has) result += letters[i];
        }
        return result;
    };
    std::set<std::string> grantees;
    for (const auto& [grantee, letters] : from) grantees.insert(grantee);
    for (const auto& [grantee, letters] : to) grantees.insert(grantee);
    for (const std::string& grantee : grantees) {
        auto a = from.find(grantee), b = to.find(grantee);
        std::string had = a == from.end() ? "" : a->second, has = b == to.end() ? "" : b->second;
        if (std::string revoked = missing(had, has, false); !revoked.empty())
            statements.push_back("REVOKE " + privileges(revoked) + " ON " + target + " FROM " + grantee_sql(grantee));
        if (std::string options_revoked = missing(had, has, true); !options_revoked.empty()) {
            std::string kept;
            for (char letter : options_revoked)
                if (has.find(letter) != std::string::npos) kept += letter;
            if (!kept.empty())
                statements.push_back("REVOKE GRANT OPTION FOR " + privileges(kept) + " ON " + target + " FROM " + grantee_sql(grantee));
        }
        std::string granted = missing(has, had, false), options_granted = missing(has, had, true);
        std::string plain, with_option;
        for (char letter : granted) {
            bool option = has.find(std::string(1, letter) + "*") != std::string::npos;
            (option ? with_option : plain) += letter;
        }
        for (char letter : options_granted)
            if (with_option.find(letter) == std::string::npos) with_option += letter;
        if (!plain.empty()) statements.push_back("GRANT " + privileges(plain) + " ON " + target + " TO " + grantee_sql(grantee));
        if (!with_option.empty())
            statements.push_back("GRANT " + privileges(with_option) + " ON " + target + " TO " + grantee_sql(grantee) + " WITH GRANT OPTION");
    }
    return statements;
}

}  // namespace pgshift
