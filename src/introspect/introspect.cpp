#include "introspect/introspect.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <future>
#include <map>
#include <regex>

#include "introspect/queries.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/canonical_expression.hpp"
#include "parser/object_definitions.hpp"
#include "parser/pg_query_tree.hpp"

namespace pgshift {
namespace {

using Json = nlohmann::json;

std::string text(const Json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

std::vector<std::string> strings(const Json& value) {
    std::vector<std::string> result;
    if (value.is_array())
        for (const Json& item : value) result.push_back(text(item));
    return result;
}

std::optional<Acl> acl_of(const Json& value) {
    if (!value.is_array()) return std::nullopt;
    return parse_acl_items(strings(value));
}

// Catalog text is canonicalized like migration text; text that does not parse is kept as printed.
std::string canonical(const Json& value) {
    std::string expression = text(value);
    if (expression.empty()) return expression;
    try {
        return canonical_expression_text(expression);
    } catch (const std::exception&) {
        return expression;
    }
}

// The catalog's own text of an expression: what the planner emits to create it again.
void keep_written(SchemaModel& model, const QualifiedName& relation, const std::string& member, const char* property,
                  const Json& value) {
    if (value.is_string() && !value.get_ref<const std::string&>().empty())
        model.written_expressions[{relation, member, property}] = value.get<std::string>();
}

template <typename Visit>
void each_row(pqxx::transaction_base& transaction, std::string_view query, Visit visit) {
    pqxx::result rows = transaction.exec(std::string(query));
    for (const auto& row : rows) visit(Json::parse(row[0].c_str()));
}

// Query results fetched on the second connection, by query text.
using FetchedRows = std::map<const char*, std::vector<std::string>>;

template <typename Visit>
void each_row(const FetchedRows& fetched, std::string_view query, Visit visit) {
    for (const std::string& row : fetched.at(query.data())) visit(Json::parse(row));
}

// Runs `queries` on a second connection that shares `snapshot`, so both see the same database.
FetchedRows fetch_in_snapshot(const std::string& connection, const std::string& snapshot,
                              const std::vector<std::string_view>& queries) {
    pqxx::connection database(connection);
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(database);
    tx.exec("set transaction snapshot " + tx.quote(snapshot));
    tx.exec("select set_config('search_path', '', true)");
    FetchedRows fetched;
    for (std::string_view query : queries) {
        std::vector<std::string>& rows = fetched[query.data()];
        for (const auto& row : tx.exec(std::string(query))) rows.emplace_back(row[0].c_str());
    }
    return fetched;
}

QualifiedName name_of(const Json& row) { return {text(row["schema"]), text(row["name"])}; }

std::string policy_command(const std::string& code) {
    if (code == "r") return "SELECT";
    if (code == "a") return "INSERT";
    if (code == "w") return "UPDATE";
    if (code == "d") return "DELETE";
    return "ALL";
}

// The argument default expressions, as one list pg_get_expr prints them.
std::vector<std::string> split_defaults(const std::string& list) {
    std::vector<std::string> defaults;
    if (list.empty()) return defaults;
    try {
        ParsedSql parsed("SELECT " + list);
        const PgQuery__SelectStmt* select = parsed.statement(0).stmt->select_stmt;
        RewriteArena arena;
        for (std::size_t i = 0; i < select->n_target_list; ++i)
            defaults.push_back(canonical_expression(select->target_list[i]->res_target->val, nullptr, arena));
    } catch (const std::exception&) {
    }
    return defaults;
}

void read_schemas(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::schemas, [&](const Json& row) {
        Schema schema{text(row["name"]), text(row["owner"]), text(row["comment"]), acl_of(row["acl"])};
        model.schemas[schema.name] = schema;
    });
    each_row(tx, queries::extensions, [&](const Json& row) {
        model.extensions[text(row["name"])] = Extension{text(row["name"]), text(row["schema"]), text(row["version"]), ""};
    });
}

void read_types(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::types, [&](const Json& row) {
        QualifiedName name = name_of(row);
        std::string kind = text(row["kind"]);
        if (kind == "e") {
            model.enums[name] = EnumType{name, strings(row["labels"]), text(row["owner"]), text(row["comment"]), acl_of(row["acl"])};
        } else if (kind == "d") {
            Domain domain;
            domain.name = name;
            domain.base_type = text(row["base_type"]);
            domain.collation = text(row["collation"]);
            domain.default_expr = canonical(row["default"]);
            keep_written(model, domain.name, "", "default", row["default"]);
            domain.not_null = row["not_null"].get<bool>();
            if (row["checks"].is_array())
                for (const Json& check : row["checks"])
                {
                    domain.constraints[text(check["name"])] = {text(check["name"]), canonical(check["expression"]), check["validated"].get<bool>()};
                    keep_written(model, domain.name, text(check["name"]), "check", check["expression"]);
                }
            domain.owner = text(row["owner"]);
            domain.comment = text(row["comment"]);
            domain.acl = acl_of(row["acl"]);
            model.domains[name] = domain;
        } else {
            CompositeType type{name, {}, text(row["owner"]), text(row["comment"]), acl_of(row["acl"])};
            if (row["attributes"].is_array())
                for (const Json& attribute : row["attributes"])
                    type.attributes.push_back({text(attribute["name"]), text(attribute["type"]), text(attribute["collation"])});
            model.composite_types[name] = type;
        }
    });
}

void read_sequences(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::sequences, [&](const Json& row) {
        Sequence sequence;
        sequence.name = name_of(row);
        sequence.data_type = text(row["data_type"]);
        sequence.start = row["start"].get<int64_t>();
        sequence.increment = row["increment"].get<int64_t>();
        sequence.min_value = row["min"].get<int64_t>();
        sequence.max_value = row["max"].get<int64_t>();
        sequence.cache = row["cache"].get<int64_t>();
        sequence.cycle = row["cycle"].get<bool>();
        if (row["owned_by"].is_object())
            sequence.owned_by = SequenceOwner{{text(row["owned_by"]["schema"]), text(row["owned_by"]["table"])}, text(row["owned_by"]["column"])};
        sequence.owner = text(row["owner"]);
        sequence.acl = acl_of(row["acl"]);
        sequence.comment = text(row["comment"]);
        model.sequences[sequence.name] = sequence;
    });
}

void read_relations(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::relations, [&](const Json& row) {
        QualifiedName name = name_of(row);
        std::string kind = text(row["kind"]);
        std::vector<std::string> options = strings(row["options"]);
        if (kind == "v" || kind == "m") {
            View view;
            view.name = name;
            view.materialized = kind == "m";
            keep_written(model, name, "", "query", row["view_definition"]);
            try {
                view.query = canonical_query_text(text(row["view_definition"]));
            } catch (const std::exception&) {
                view.query = text(row["view_definition"]);
            }
            for (const std::string& option : options) {
                if (option.rfind("check_option=", 0) == 0) {
                    view.check_option = option.substr(13);
                    std::transform(view.check_option.begin(), view.check_option.end(), view.check_option.begin(), ::toupper);
                } else {
                    view.options.push_back(option);
                }
            }
            view.with_data = !view.materialized || row["populated"].get<bool>();
            view.owner = text(row["owner"]);
            view.acl = acl_of(row["acl"]);
            view.comment = text(row["comment"]);
            model.views[name] = view;
            return;
        }
        Table table;
        table.name = name;
        table.kind = kind == "p" ? TableKind::partitioned : kind == "f" ? TableKind::foreign : TableKind::ordinary;
        table.unlogged = row["unlogged"].get<bool>();
        table.rls_enabled = row["rls_enabled"].get<bool>();
        table.rls_forced = row["rls_forced"].get<bool>();
        table.options = options;
        table.partition_key = text(row["partition_key"]);
        try {
            table.partition_bound = canonical_partition_bound_text(text(row["partition_bound"]));
        } catch (const std::exception&) {
            table.partition_bound = text(row["partition_bound"]);
        }
        if (row["parents"].is_array())
            for (const Json& parent : row["parents"]) {
                QualifiedName parent_name = name_of(parent);
                if (!table.partition_bound.empty())
                    table.partition_of = parent_name;
                else
                    table.inherits.push_back(parent_name);
            }
        table.foreign_server = text(row["foreign_server"]);
        table.owner = text(row["owner"]);
        table.acl = acl_of(row["acl"]);
        table.comment = text(row["comment"]);
        model.tables[name] = table;
    });
}

void read_columns(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::columns, [&](const Json& row) {
        QualifiedName relation{text(row["schema"]), text(row["table"])};
        if (auto view = model.views.find(relation); view != model.views.end()) {
            view->second.columns.push_back({text(row["name"]), text(row["comment"])});
            return;
        }
        auto table = model.tables.find(relation);
        if (table == model.tables.end()) return;
        Column column;
        column.name = text(row["name"]);
        column.type = text(row["type"]);
        column.collation = text(row["collation"]);
        column.not_null = row["not_null"].get<bool>();
        column.default_expr = canonical(row["default"]);
        column.generated_expr = canonical(row["generated"]);
        keep_written(model, relation, column.name, "default", row["default"]);
        keep_written(model, relation, column.name, "generated", row["generated"]);
        std::string identity = text(row["identity"]);
        column.identity = identity.empty() ? 0 : identity[0];
        column.comment = text(row["comment"]);
        column.acl = acl_of(row["acl"]);
        table->second.columns.push_back(column);
    });
}

void read_constraints(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::constraints, [&](const Json& row) {
        auto table = model.tables.find({text(row["schema"]), text(row["table"])});
        if (table == model.tables.end()) return;
        Constraint constraint;
        constraint.name = text(row["name"]);
        constraint.type = ConstraintType(text(row["type"])[0]);
        if (constraint.type != ConstraintType::check && constraint.type != ConstraintType::exclusion)
            constraint.columns = strings(row["columns"]);
        if (constraint.type == ConstraintType::foreign_key) {
            constraint.referenced_table = {text(row["referenced_schema"]), text(row["referenced_table"])};
            constraint.referenced_columns = strings(row["referenced_columns"]);
            constraint.on_update = text(row["on_update"])[0];
            constraint.on_delete = text(row["on_delete"])[0];
            constraint.match_type = text(row["match"])[0];
        }
        constraint.deferrable = row["deferrable"].get<bool>();
        constraint.initially_deferred = row["deferred"].get<bool>();
        constraint.validated = row["validated"].get<bool>();
        // The catalog marks key constraints NO INHERIT too; it means something for checks only.
        constraint.no_inherit = constraint.type == ConstraintType::check && row["no_inherit"].get<bool>();
        constraint.nulls_not_distinct = row["nulls_not_distinct"].get<bool>();
        if (constraint.type == ConstraintType::check) {
            constraint.expression = canonical(row["check"]);
            keep_written(model, table->first, constraint.name, "expression", row["check"]);
        }
        if (constraint.type == ConstraintType::exclusion) constraint.expression = text(row["definition"]);
        constraint.comment = text(row["comment"]);
        table->second.constraints[constraint.name] = constraint;
    });
}

template <typename Rows>
void read_indexes(Rows& tx, SchemaModel& model) {
    each_row(tx, queries::indexes, [&](const Json& row) {
        Index index;
        if (row["definition"].is_string()) {
            // An expression index: the server's own definition, parsed like a migration's.
            try {
                ParsedSql parsed(text(row["definition"]));
                RewriteArena arena;
                index = index_from_statement(parsed.statement(0).stmt->index_stmt, nullptr, arena);
            } catch (const std::exception&) {
                model.unmodelled.push_back({"database", 0, "index " + text(row["name"]) + " (definition does not parse)"});
                return;
            }
        } else {
            index.method = text(row["method"]);
            index.unique = row["unique"].get<bool>();
            index.nulls_not_distinct = row["nulls_not_distinct"].get<bool>();
            if (row["keys"].is_array())
                for (const Json& key : row["keys"])
                    index.keys.push_back({text(key["column"]), "", text(key["collation"]), text(key["opclass"]),
                                          key["descending"].get<bool>(), key["nulls_first"].get<bool>()});
            index.include = strings(row["include"]);
            index.predicate = canonical(row["predicate"]);
            keep_written(model, name_of(row), "", "predicate", row["predicate"]);
            index.options = strings(row["options"]);
        }
        index.name = name_of(row);
        index.table = text(row["table"]);
        index.constraint = text(row["constraint"]);
        index.comment = text(row["comment"]);
        model.indexes[index.name] = index;
    });
}

template <typename Rows>
void read_policies(Rows& tx, SchemaModel& model) {
    each_row(tx, queries::policies, [&](const Json& row) {
        auto table = model.tables.find({text(row["schema"]), text(row["table"])});
        if (table == model.tables.end()) return;
        Policy policy;
        policy.name = text(row["name"]);
        policy.permissive = row["permissive"].get<bool>();
        policy.command = policy_command(text(row["command"]));
        policy.roles = strings(row["roles"]);
        std::sort(policy.roles.begin(), policy.roles.end());
        auto policy_expression = [&](const Json& value) {
            std::string expression = text(value);
            if (expression.empty()) return expression;
            try {
                return canonical_policy_expression_text(expression, table->first.name);
            } catch (const std::exception&) {
                return expression;
            }
        };
        policy.using_expr = policy_expression(row["using"]);
        policy.with_check_expr = policy_expression(row["with_check"]);
        keep_written(model, table->first, policy.name, "using", row["using"]);
        keep_written(model, table->first, policy.name, "with check", row["with_check"]);
        policy.comment = text(row["comment"]);
        table->second.policies[policy.name] = policy;
    });
}

template <typename Rows>
void read_functions(Rows& tx, SchemaModel& model) {
    each_row(tx, queries::functions, [&](const Json& row) {
        Function function;
        function.name = name_of(row);
        function.kind = FunctionKind(text(row["kind"])[0]);
        std::vector<std::string> types = strings(row["argument_types"]);
        std::vector<std::string> modes = strings(row["argument_modes"]);
        std::vector<std::string> names = strings(row["argument_names"]);
        for (std::size_t i = 0; i < types.size(); ++i) {
            FunctionArgument argument;
            argument.type = types[i];
            argument.mode = i < modes.size() && !modes[i].empty() ? modes[i][0] : 'i';
            argument.name = i < names.size() ? names[i] : "";
            function.arguments.push_back(argument);
        }
        // Defaults belong to the last input arguments.
        std::vector<std::string> defaults = split_defaults(text(row["defaults"]));
        std::size_t remaining = defaults.size();
        for (auto argument = function.arguments.rbegin(); argument != function.arguments.rend() && remaining; ++argument)
            if (argument->mode == 'i' || argument->mode == 'b' || argument->mode == 'v') argument->default_expr = defaults[--remaining];
        function.return_type = text(row["returns"]);
        function.returns_set = row["returns_set"].get<bool>();
        function.language = text(row["language"]);
        function.volatility = text(row["volatility"])[0];
        function.strict = row["strict"].get<bool>();
        function.security_definer = row["security_definer"].get<bool>();
        function.leakproof = row["leakproof"].get<bool>();
        function.parallel = text(row["parallel"])[0];
        function.cost = row["cost"].get<double>();
        function.rows = row["rows"].get<double>();
        function.config = strings(row["config"]);
        function.body = text(row["body"]);
        function.owner = text(row["owner"]);
        function.acl = acl_of(row["acl"]);
        function.comment = text(row["comment"]);
        model.functions[{function.name.schema, function.signature()}] = function;
    });
}

template <typename Rows>
void read_triggers(Rows& tx, SchemaModel& model) {
    each_row(tx, queries::triggers, [&](const Json& row) {
        QualifiedName relation{text(row["schema"]), text(row["table"])};
        Trigger trigger;
        try {
            ParsedSql parsed(text(row["definition"]));
            const PgQuery__CreateTrigStmt* statement = parsed.statement(0).stmt->create_trig_stmt;
            RewriteArena arena;
            trigger = trigger_from_statement(statement, nullptr, arena);
            std::vector<std::string> function;
            for (std::size_t i = 0; i < statement->n_funcname; ++i) function.push_back(quote_ident(statement->funcname[i]->string->sval));
            for (std::size_t i = 0; i < function.size(); ++i) trigger.function += (i ? "." : "") + function[i];
        } catch (const std::exception&) {
            model.unmodelled.push_back({"database", 0, "trigger " + text(row["name"]) + " (definition does not parse)"});
            return;
        }
        trigger.enabled = text(row["enabled"])[0];
        trigger.comment = text(row["comment"]);
        if (auto table = model.tables.find(relation); table != model.tables.end()) table->second.triggers[trigger.name] = trigger;
        if (auto view = model.views.find(relation); view != model.views.end()) view->second.triggers[trigger.name] = trigger;
    });
}

void read_privileges(pqxx::transaction_base& tx, SchemaModel& model) {
    each_row(tx, queries::default_privileges, [&](const Json& row) {
        DefaultPrivilegeKey key{text(row["role"]), text(row["schema"]), text(row["object_type"])[0]};
        model.default_privileges[key] = parse_acl_items(strings(row["acl"]));
    });
}

}  // namespace

bool is_connection_string(const std::string& source) {
    return source.rfind("postgres://", 0) == 0 || source.rfind("postgresql://", 0) == 0 ||
           (source.find('=') != std::string::npos && source.find('/') == std::string::npos) ||
           source.find("dbname=") != std::string::npos || source.find("host=") != std::string::npos;
}

std::string redact_connection(const std::string& connection) {
    // URL form: scheme://user:password@host; key=value form: password=...
    static const std::regex url_password(R"((://[^:/@]*:)[^@]*@)");
    static const std::regex key_password(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))", std::regex::icase);
    static const std::regex query_password(R"(([?&]password=)[^&]*)", std::regex::icase);
    std::string redacted = std::regex_replace(connection, url_password, "$1***@");
    redacted = std::regex_replace(redacted, key_password, "$1***");
    return std::regex_replace(redacted, query_password, "$1***");
}

Introspection introspect(const std::string& connection) {
    try {
        pqxx::connection database(connection);
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(database);
        Introspection result;
        each_row(tx, queries::settings, [&](const Json& row) {
            result.search_path = split_search_path(text(row["search_path"]));
            result.role = text(row["role"]);
        });
        // Everything read from here on prints qualified names.
        tx.exec("select set_config('search_path', '', true)");
        // A second connection in the same snapshot runs half of the queries meanwhile: the time
        // goes to the server loading each relation for deparsing, on both cores.
        std::string snapshot = tx.exec("select pg_export_snapshot()")[0][0].c_str();
        std::vector<std::string_view> second = {queries::indexes, queries::policies, queries::functions, queries::triggers};
        std::future<FetchedRows> fetching = std::async(std::launch::async, fetch_in_snapshot, connection, snapshot, second);
        SchemaModel& model = result.model;
        read_schemas(tx, model);
        read_types(tx, model);
        read_sequences(tx, model);
        read_relations(tx, model);
        read_columns(tx, model);
        read_constraints(tx, model);
        read_privileges(tx, model);
        FetchedRows fetched = fetching.get();
        read_indexes(fetched, model);
        read_policies(fetched, model);
        read_functions(fetched, model);
        read_triggers(fetched, model);
        each_row(tx, queries::external_objects, [&](const Json& row) {
            std::string kind = text(row["kind"]);
            auto& names = kind == "function" ? result.external.functions
                          : kind == "type"   ? result.external.types
                          : kind == "opclass" ? result.external.opclasses
                                              : result.external.relations;
            names[text(row["schema"])].insert(text(row["name"]));
        });
        each_row(tx, queries::unmodelled, [&](const Json& row) { model.unmodelled.push_back({"database", 0, text(row["what"])}); });
        tx.commit();
        return result;
    } catch (const pqxx::broken_connection& error) {
        throw DatabaseError("cannot connect to " + redact_connection(connection) + ": " + redact_connection(error.what()));
    } catch (const pqxx::sql_error& error) {
        throw DatabaseError(std::string("catalog query failed: ") + error.what());
    } catch (const pqxx::failure& error) {
        throw DatabaseError(redact_connection(error.what()));
    }
}

}  // namespace pgshift
