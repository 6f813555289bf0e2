// Functions and procedures, triggers, views and materialized views.
#include "model/acl.hpp"
#include "model/names.hpp"
#include "parser/canonical/column_references.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/object_definitions.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/replay.hpp"
#include "parser/replay_failure.hpp"

namespace pgshift {
namespace {

char parameter_mode(PgQuery__FunctionParameterMode mode) {
    switch (mode) {
        case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT: return 'o';
        case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_INOUT: return 'b';
        case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC: return 'v';
        case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE: return 't';
        default: return 'i';
    }
}

ViewColumn named_column(std::string name) {
    ViewColumn column;
    column.name = std::move(name);
    return column;
}

// Output column names of a SELECT; empty when one of them is `*`.
std::vector<ViewColumn> select_columns(const PgQuery__Node* query) {
    std::vector<ViewColumn> columns;
    const PgQuery__SelectStmt* select = query && query->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? query->select_stmt : nullptr;
    while (select && select->larg) select = select->larg;  // set operations take the left side's names
    if (!select) return columns;
    for (std::size_t i = 0; i < select->n_target_list; ++i) {
        const PgQuery__ResTarget* target = select->target_list[i]->res_target;
        if (target->name && *target->name) {
            columns.push_back(named_column(target->name));
            continue;
        }
        if (target->val && target->val->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
            const PgQuery__ColumnRef* ref = target->val->column_ref;
            if (ref->n_fields && ref->fields[ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR) return {};
        }
        columns.push_back(named_column(figure_column_name(target->val)));
    }
    return columns;
}


// proconfig's form of a SET clause: search_path elements are quoted as identifiers.
std::string config_value(const PgQuery__VariableSetStmt* set, const std::vector<std::string>& current_path) {
    std::string name = set->name;
    std::string value;
    if (set->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_CURRENT) {
        for (std::size_t i = 0; i < current_path.size(); ++i) value += (i ? ", " : "") + quote_ident(current_path[i]);
        return name + "=" + value;
    }
    for (std::size_t i = 0; i < set->n_args; ++i) {
        std::string part = node_string(set->args[i]);
        if (part.empty()) {
            if (auto number = node_integer(set->args[i])) part = std::to_string(*number);
        }
        if (name == "search_path") part = part.empty() ? "\"\"" : quote_ident(part);
        value += (i ? ", " : "") + part;
    }
    return name + "=" + value;
}

}  // namespace

std::vector<std::string> Replayer::argument_types(const PgQuery__ObjectWithArgs* object) {
    std::vector<std::string> types;
    for (std::size_t i = 0; i < object->n_objargs; ++i)
        if (object->objargs[i]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) types.push_back(type_text(object->objargs[i]->type_name, false));
    return types;
}

Function* Replayer::find_function_by_name(const std::vector<std::string>& names, const std::vector<std::string>* types) {
    if (names.empty()) return nullptr;
    std::vector<std::string> schemas = names.size() >= 2 ? std::vector<std::string>{names[names.size() - 2]} : effective_search_path();
    const std::string& bare = names.back();
    for (const std::string& schema : schemas) {
        if (types) {
            std::string signature = bare + "(";
            for (std::size_t i = 0; i < types->size(); ++i) signature += (i ? ", " : "") + (*types)[i];
            signature += ")";
            auto found = model_.functions.find({schema, signature});
            if (found != model_.functions.end()) return &found->second;
            continue;
        }
        Function* match = nullptr;
        each_overload(model_.functions, {schema, bare}, [&](Function& overload) {
            if (match) fail("function name \"" + bare + "\" is not unique");
            match = &overload;
        });
        if (match) return match;
    }
    return nullptr;
}

Function* Replayer::find_function(const PgQuery__ObjectWithArgs* object, bool missing_ok, const char* kind) {
    std::vector<std::string> names = node_strings(object->n_objname, object->objname);
    std::vector<std::string> types;
    if (!object->args_unspecified) types = argument_types(object);
    Function* function = find_function_by_name(names, object->args_unspecified ? nullptr : &types);
    if (function || missing_ok) return function;
    // Functions of extensions are not modelled one by one.
    if ((names.size() >= 2 && schema_is_external(names[names.size() - 2])) || (names.size() == 1 && schema_is_external("public")))
        return nullptr;
    std::string signature = names.back() + "(";
    for (std::size_t i = 0; i < types.size(); ++i) signature += (i ? ", " : "") + types[i];
    fail(std::string(kind) + " " + signature + ") does not exist");
}

void Replayer::apply_function_option(Function& function, const PgQuery__DefElem* option) {
    std::string name = option->defname;
    if (name == "language") {
        function.language = def_elem_text(option);
    } else if (name == "volatility") {
        function.volatility = def_elem_text(option)[0];
    } else if (name == "strict") {
        function.strict = def_elem_bool(option);
    } else if (name == "security") {
        function.security_definer = def_elem_bool(option);
    } else if (name == "leakproof") {
        function.leakproof = def_elem_bool(option);
    } else if (name == "parallel") {
        function.parallel = def_elem_text(option)[0];
    } else if (name == "cost") {
        function.cost = std::stod(def_elem_text(option));
    } else if (name == "rows") {
        function.rows = std::stod(def_elem_text(option));
    } else if (name == "window") {
        function.kind = FunctionKind::window;
    } else if (name == "as") {
        std::vector<std::string> parts = list_strings(option->arg);
        function.body = parts.size() == 2 ? parts[0] + ", " + parts[1] : parts.empty() ? def_elem_text(option) : parts[0];
    } else if (name == "set" && option->arg && option->arg->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT) {
        const PgQuery__VariableSetStmt* set = option->arg->variable_set_stmt;
        std::string prefix = std::string(set->name ? set->name : "") + "=";
        auto& config = function.config;
        if (set->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL) {
            config.clear();
            return;
        }
        for (auto it = config.begin(); it != config.end();) it = it->compare(0, prefix.size(), prefix) == 0 ? config.erase(it) : it + 1;
        if (set->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE || set->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_CURRENT)
            config.push_back(config_value(set, effective_search_path()));
    } else if (name == "support") {
        not_modelled("function SUPPORT clause");
    }
}

void Replayer::create_function(const PgQuery__CreateFunctionStmt* statement) {
    Function function;
    function.name = qualify_for_creation(node_strings(statement->n_funcname, statement->funcname));
    function.kind = statement->is_procedure ? FunctionKind::procedure : FunctionKind::function;
    function.owner = role_;
    for (std::size_t i = 0; i < statement->n_parameters; ++i) {
        const PgQuery__FunctionParameter* parameter = statement->parameters[i]->function_parameter;
        FunctionArgument argument;
        argument.mode = parameter_mode(parameter->mode);
        argument.name = parameter->name ? parameter->name : "";
        argument.type = type_text(parameter->arg_type, false);
        argument.default_expr = expression_text(parameter->defexpr);
        function.arguments.push_back(argument);
    }
    if (statement->return_type) {
        function.returns_set = statement->return_type->setof;
        function.return_type = type_text(statement->return_type, false);
    } else if (!statement->is_procedure) {
        // Without RETURNS, the OUT parameters decide: one gives its type, several a record.
        std::vector<std::string> outputs;
        for (const FunctionArgument& argument : function.arguments)
            if (argument.mode == 'o' || argument.mode == 'b') outputs.push_back(argument.type);
        function.return_type = outputs.size() == 1 ? outputs[0] : outputs.empty() ? "void" : "record";
    }
    bool language_given = false;
    for (std::size_t i = 0; i < statement->n_options; ++i)
        if (const PgQuery__DefElem* option = as_def_elem(statement->options[i])) {
            apply_function_option(function, option);
            language_given = language_given || std::string(option->defname) == "language";
        }
    check_sql_function_body(statement, function);
    if (statement->sql_body) {
        QualifiedName site{function.name.schema, function.signature()};
        remember_written(site, "", "body", statement->sql_body, Written::body);
        try {
            function.body = canonical_sql_body(statement->sql_body, function.name.name, function.parameter_names(), &expression_names_, rewrite_arena_);
        } catch (const std::runtime_error& error) {
            fail(std::string("cannot deparse function body: ") + error.what());
        }
    } else if (!language_given) {
        fail("no language specified");
    }
    if (function.cost == 0) function.cost = function.language == "c" || function.language == "internal" ? 1 : 100;
    if (function.rows == 0 && function.returns_set) function.rows = 1000;
    if (function.kind == FunctionKind::procedure) function.volatility = 'v';

    QualifiedName key{function.name.schema, function.signature()};
    auto existing = model_.functions.find(key);
    if (existing != model_.functions.end() && !statement->replace && platform_gives_way('f', key.schema, key.name))
        existing = model_.functions.end();
    if (existing != model_.functions.end()) {
        if (!statement->replace)
            fail_duplicate("function \"" + function.name.name + "\" already exists with same argument types");
        if (existing->second.return_type != function.return_type || existing->second.returns_set != function.returns_set)
            fail("cannot change return type of existing function");
        // CREATE OR REPLACE keeps the owner, the privileges and the comment.
        function.owner = existing->second.owner;
        function.acl = existing->second.acl;
        function.comment = existing->second.comment;
        existing->second = std::move(function);
        return;
    }
    function.acl = new_object_acl('f', function.name.schema);
    model_.functions.emplace(key, std::move(function));
    remember_origin(quote_ident(key.schema) + "." + key.name);
}

void Replayer::alter_function(const PgQuery__AlterFunctionStmt* statement) {
    Function* function = find_function(statement->func, false, "function");
    if (!function) return not_modelled("ALTER FUNCTION of a function outside the model");
    for (std::size_t i = 0; i < statement->n_actions; ++i)
        if (const PgQuery__DefElem* option = as_def_elem(statement->actions[i])) apply_function_option(*function, option);
}

void Replayer::create_trigger(const PgQuery__CreateTrigStmt* statement) {
    std::optional<QualifiedName> relation = find_relation(statement->relation);
    if (!relation) {
        if (statement->relation->schemaname && schema_is_external(statement->relation->schemaname))
            return not_modelled("CREATE TRIGGER on a relation outside the model");
        fail("relation \"" + std::string(statement->relation->relname) + "\" does not exist", statement->relation->location);
    }
    std::map<std::string, Trigger>* triggers = nullptr;
    if (auto table = model_.tables.find(*relation); table != model_.tables.end()) triggers = &table->second.triggers;
    if (auto view = model_.views.find(*relation); view != model_.views.end()) triggers = &view->second.triggers;
    if (!triggers) fail("\"" + relation->name + "\" is not a table or view");

    Trigger trigger = trigger_from_statement(statement, &expression_names_, rewrite_arena_);
    std::vector<std::string> function_names = node_strings(statement->n_funcname, statement->funcname);
    std::vector<std::string> no_arguments;
    if (Function* function = find_function_by_name(function_names, &no_arguments)) {
        trigger.function = qualified(function->name);
    } else if (std::optional<std::string> schema = external_function_schema(function_names)) {
        trigger.function = quote_ident(*schema) + "." + quote_ident(function_names.back());
    } else {
        fail("function " + function_names.back() + "() does not exist");
    }

    auto existing = triggers->find(trigger.name);
    if (existing != triggers->end() && !statement->replace && platform_gives_way('t', relation->schema, relation->name + "." + trigger.name)) {
        existing->second = trigger;
        return;
    }
    if (existing != triggers->end()) {
        if (!statement->replace) fail_duplicate("trigger \"" + trigger.name + "\" for relation \"" + relation->name + "\" already exists");
        trigger.comment = existing->second.comment;
        existing->second = trigger;
        return;
    }
    (*triggers)[trigger.name] = std::move(trigger);
}

void Replayer::create_view(const PgQuery__ViewStmt* statement) {
    if (statement->view->relpersistence && std::string(statement->view->relpersistence) == "t")
        return not_modelled("CREATE TEMPORARY VIEW " + std::string(statement->view->relname));
    QualifiedName name{creation_schema(statement->view->schemaname), statement->view->relname};
    View view;
    view.name = name;
    view.owner = role_;
    reject_missing_references(statement->query, false, {});
    remember_written(name, "", "query", statement->query, Written::query);
    view.query = canonical_query(statement->query, &expression_names_, rewrite_arena_);
    std::vector<std::string> aliases = node_strings(statement->n_aliases, statement->aliases);
    view.columns = select_columns(statement->query);
    for (std::size_t i = 0; i < aliases.size() && i < view.columns.size(); ++i) view.columns[i].name = aliases[i];
    for (std::size_t i = 0; i < statement->n_options; ++i) {
        const PgQuery__DefElem* option = as_def_elem(statement->options[i]);
        if (!option) continue;
        std::string option_name = option->defname;
        if (option_name == "check_option") {
            view.check_option = def_elem_text(option);
            for (char& c : view.check_option) c = char(std::toupper(static_cast<unsigned char>(c)));
        } else {
            view.options.push_back(option_name + "=" + (option->arg ? def_elem_text(option) : "true"));
        }
    }
    if (statement->with_check_option == PG_QUERY__VIEW_CHECK_OPTION__LOCAL_CHECK_OPTION) view.check_option = "LOCAL";
    if (statement->with_check_option == PG_QUERY__VIEW_CHECK_OPTION__CASCADED_CHECK_OPTION) view.check_option = "CASCADED";

    if (!statement->replace) platform_gives_way('r', name.schema, name.name);
    auto existing = model_.views.find(name);
    if (existing != model_.views.end() && !existing->second.materialized) {
        if (!statement->replace) fail_duplicate("relation \"" + name.name + "\" already exists");
        // CREATE OR REPLACE keeps ownership, privileges, comments and triggers.
        view.owner = existing->second.owner;
        view.acl = existing->second.acl;
        view.comment = existing->second.comment;
        view.triggers = existing->second.triggers;
        for (ViewColumn& column : view.columns)
            for (const ViewColumn& old : existing->second.columns)
                if (old.name == column.name) column.comment = old.comment;
        existing->second = view;
        note_view_reads(name, statement->query);
        return;
    }
    if (relation_name_taken(name.schema, name.name)) fail_duplicate("relation \"" + name.name + "\" already exists");
    view.acl = new_object_acl('r', name.schema);
    model_.views[name] = std::move(view);
    note_view_reads(name, statement->query);
    remember_origin(qualified(name));
}

void Replayer::create_materialized_view(const PgQuery__CreateTableAsStmt* statement) {
    const PgQuery__IntoClause* into = statement->into;
    QualifiedName name{creation_schema(into->rel->schemaname), into->rel->relname};
    if (relation_exists_already(name, statement->if_not_exists)) return;
    View view;
    view.name = name;
    view.materialized = true;
    view.owner = role_;
    reject_missing_references(statement->query, false, {});
    view.query = canonical_query(statement->query, &expression_names_, rewrite_arena_);
    view.columns = select_columns(statement->query);
    std::vector<std::string> aliases = node_strings(into->n_col_names, into->col_names);
    for (std::size_t i = 0; i < aliases.size() && i < view.columns.size(); ++i) view.columns[i].name = aliases[i];
    view.with_data = !into->skip_data;
    for (std::size_t i = 0; i < into->n_options; ++i)
        if (const PgQuery__DefElem* option = as_def_elem(into->options[i]))
            view.options.push_back(std::string(option->defname) + "=" + (option->arg ? def_elem_text(option) : "true"));
    view.acl = new_object_acl('r', name.schema);
    model_.views[name] = std::move(view);
    note_view_reads(name, statement->query);
    remember_origin(qualified(name));
}

}  // namespace pgshift
