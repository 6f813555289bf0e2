// What PostgreSQL's parse analysis rejects when a view, a policy or a LANGUAGE sql function is
// created: a column or a relation that does not exist. Only what the model knows to be missing
// is rejected (parser/missing_references): relations of a schema the migrations do not own (the
// platform's, an extension's), or after a statement that was not modelled, are taken on trust.
#include <cctype>
#include <memory>

#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/canonical/tree_walk.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {
namespace {

bool is_polymorphic(const std::string& type) {
    static const std::set<std::string> polymorphic = {"anyelement",
                                                      "anyarray",
                                                      "anynonarray",
                                                      "anyenum",
                                                      "anyrange",
                                                      "anymultirange",
                                                      "anycompatible",
                                                      "anycompatiblearray",
                                                      "anycompatiblenonarray",
                                                      "anycompatiblerange",
                                                      "anycompatiblemultirange"};
    return polymorphic.count(type) > 0;
}

// Where byte `body_offset` of a function body given as a string constant is in the file: the
// constant starts after the AS at `as_location`. Dollar quotes and plain '...' strings map
// exactly; nullopt for anything else (E'...' with escapes, U&'...').
std::optional<std::size_t> body_source_offset(const std::string& sql, std::size_t as_location, std::size_t body_offset) {
    std::size_t at = as_location;
    if (sql.size() >= at + 2 && std::tolower(static_cast<unsigned char>(sql[at])) == 'a' &&
        std::tolower(static_cast<unsigned char>(sql[at + 1])) == 's')
        at += 2;
    while (at < sql.size()) {
        if (std::isspace(static_cast<unsigned char>(sql[at]))) {
            ++at;
        } else if (sql.compare(at, 2, "--") == 0) {
            std::size_t end = sql.find('\n', at);
            at = end == std::string::npos ? sql.size() : end + 1;
        } else if (sql.compare(at, 2, "/*") == 0) {
            std::size_t end = sql.find("*/", at + 2);
            at = end == std::string::npos ? sql.size() : end + 2;
        } else {
            break;
        }
    }
    if (at >= sql.size()) return std::nullopt;
    if (sql[at] == '$') {
        std::size_t close = sql.find('$', at + 1);
        if (close == std::string::npos) return std::nullopt;
        return close + 1 + body_offset;
    }
    bool escapes = false;
    if (sql[at] == 'E' || sql[at] == 'e') {
        escapes = true;
        ++at;
    }
    if (at >= sql.size() || sql[at] != '\'') return std::nullopt;
    std::size_t source = at + 1;
    for (std::size_t body = 0; body < body_offset; ++body) {
        if (source + 1 >= sql.size()) return std::nullopt;
        if (sql[source] == '\'' && sql[source + 1] == '\'') {
            source += 2;
        } else if (escapes && sql[source] == '\\') {
            char next = sql[source + 1];
            if (std::isdigit(static_cast<unsigned char>(next)) || next == 'x' || next == 'u' || next == 'U') return std::nullopt;
            source += 2;
        } else if (sql[source] == '\'') {
            return std::nullopt;  // 'a' 'b' continued on the next line
        } else {
            ++source;
        }
    }
    return source;
}

}  // namespace

bool Replayer::schema_of_migrations(const std::string& schema) const {
    return model_.schemas.count(schema) && (schema == "public" || schemas_created_.count(schema));
}

bool Replayer::relations_all_known(const std::string& schema) const {
    if (relations_outside_model_ || !schema_of_migrations(schema)) return false;
    // An extension's relations are listed when a database was read (its functions always are).
    if (!options_.external.functions.empty()) return true;
    for (const auto& [name, extension] : model_.extensions)
        if (name != "plpgsql" && extension.schema == schema) return false;
    return true;
}

RelationFacts Replayer::relation_facts(const char* schema, const std::string& name) const {
    RelationFacts facts;
    if (std::optional<QualifiedName> found = find_relation(schema, name)) {
        if (!schema_of_migrations(found->schema)) return facts;
        if (auto table = model_.tables.find(*found); table != model_.tables.end()) {
            facts.known = RelationFacts::Known::columns;
            for (const Column& column : table->second.columns) facts.columns.push_back(column.name);
            facts.system_columns = true;
        } else if (std::optional<std::vector<std::string>> columns = model_.relation_columns(*found)) {
            facts.known = RelationFacts::Known::columns;
            facts.columns = std::move(*columns);
            facts.system_columns = model_.views.at(*found).materialized;
        }
        return facts;
    }
    if (schema && *schema) {
        auto external = options_.external.relations.find(schema);
        if (external != options_.external.relations.end() && external->second.count(name)) return facts;
        if (relations_all_known(schema)) facts.known = RelationFacts::Known::missing;
        return facts;
    }
    // The system catalogs' relations are all called pg_*; pg_catalog comes first on the path.
    if (name.compare(0, 3, "pg_") == 0) return facts;
    for (const auto& [external_schema, names] : options_.external.relations)
        if (names.count(name)) return facts;  // an extension's, wherever the path finds it
    for (const std::string& path_schema : effective_search_path()) {
        // A schema that does not exist is skipped, unless an extension may have made it.
        if (!model_.schemas.count(path_schema) ? schema_is_external(path_schema) : !relations_all_known(path_schema)) return facts;
    }
    facts.known = RelationFacts::Known::missing;
    return facts;
}

bool Replayer::ReferenceFacts::may_be_function(const std::string& name) const {
    for (const auto& [schema, names] : replayer_.options_.external.functions)
        if (names.count(name)) return true;
    for (const auto& [key, function] : replayer_.model_.functions)
        if (function.name.name == name) return true;
    return false;
}

void Replayer::reject_missing_references(const PgQuery__Node* node, bool expression, const QueryContext& context,
                                         const std::function<int(int)>& source_offset) {
    if (!node) return;
    ReferenceFacts facts(*this);
    std::optional<MissingReference> missing = find_missing_reference(node, expression, facts, context);
    if (!missing) return;
    // Nested SQL (DO blocks) is positioned at its statement.
    int location = !nested_text_.empty() ? -1 : source_offset ? source_offset(missing->location) : missing->location;
    fail(missing->message, location);
}

void Replayer::reject_missing_in_policy(const PgQuery__Node* expression, const QualifiedName& table) {
    if (!expression) return;
    QueryContext context;
    context.table = table.name;
    context.table_facts = relation_facts(table.schema.c_str(), table.name);
    reject_missing_references(expression, true, context);
}

void Replayer::check_sql_function_body(const PgQuery__CreateFunctionStmt* statement, const Function& function) {
    if (function.language != "sql") return;
    QueryContext context;
    context.function = function.name.name;
    for (const FunctionArgument& argument : function.arguments)
        if (!argument.name.empty() && (argument.mode == 'i' || argument.mode == 'b' || argument.mode == 'v'))
            context.parameters.insert(argument.name);
    if (statement->sql_body) {
        // A SQL-standard body is parsed with the statement and always analysed.
        const PgQuery__Node* body = statement->sql_body;
        if (body->node_case == PG_QUERY__NODE__NODE_RETURN_STMT)
            return reject_missing_references(body->return_stmt->returnval, true, context);
        walk_nodes(body, [&](const PgQuery__Node* node) {
            if (node->node_case == PG_QUERY__NODE__NODE_LIST) return true;
            reject_missing_references(node, false, context);
            return false;
        });
        return;
    }
    // A body given as a string is analysed at CREATE under check_function_bodies, with the
    // function's own settings in force (its SET search_path, or check_function_bodies).
    bool check = check_function_bodies_;
    std::vector<std::string> path = search_path_;
    const PgQuery__DefElem* as = nullptr;
    for (std::size_t i = 0; i < statement->n_options; ++i) {
        const PgQuery__DefElem* option = as_def_elem(statement->options[i]);
        if (!option) continue;
        std::string name = option->defname;
        if (name == "as") as = option;
        if (name != "set" || !option->arg || option->arg->node_case != PG_QUERY__NODE__NODE_VARIABLE_SET_STMT) continue;
        const PgQuery__VariableSetStmt* set = option->arg->variable_set_stmt;
        std::string setting = set->name ? set->name : "";
        if (setting == "check_function_bodies" && set->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE && set->n_args == 1)
            check = setting_is_on(set->args[0]);
        if (setting == "search_path" && set->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE) {
            path.clear();
            for (std::size_t j = 0; j < set->n_args; ++j)
                for (const std::string& schema : split_search_path(node_string(set->args[j]))) path.push_back(schema);
        }
    }
    if (!check || !as) return;
    std::vector<std::string> parts = list_strings(as->arg);
    std::string body = parts.empty() ? def_elem_text(as) : parts[0];
    auto source_offset = [&](int offset) -> int {
        if (offset < 0 || !sql_ || as->location < 0) return -1;
        std::optional<std::size_t> at = body_source_offset(*sql_, std::size_t(as->location), std::size_t(offset));
        return at ? int(*at) : -1;
    };
    // Parsed even when the arguments are polymorphic; analysed only when none is.
    std::unique_ptr<ParsedSql> parsed;
    try {
        parsed = std::make_unique<ParsedSql>(body);
    } catch (const SqlSyntaxError& error) {
        fail(error.what(), nested_text_.empty() ? source_offset(int(error.byte_offset())) : -1);
    }
    for (const FunctionArgument& argument : function.arguments)
        if (argument.mode != 'o' && argument.mode != 't' && is_polymorphic(argument.type)) return;
    std::vector<std::string> saved = search_path_;
    search_path_ = path;
    try {
        for (std::size_t i = 0; i < parsed->statement_count(); ++i)
            reject_missing_references(parsed->statement(i).stmt, false, context, source_offset);
    } catch (...) {
        search_path_ = saved;
        throw;
    }
    search_path_ = saved;
}

}  // namespace pgshift
