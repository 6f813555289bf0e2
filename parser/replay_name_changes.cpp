// What the model stores by name, after a schema, function or type it names is renamed or moved.
#include "parser/name_changes.hpp"
#include "parser/replay.hpp"

namespace pgshift {

void Replayer::change_names(const NameChange& change) {
    const bool schema = change.kind == NameChange::Kind::schema;
    auto expression = [&](std::string& text) { text = change_names_in_expression(text, change); };
    auto type = [&](std::string& name) {
        if (change.kind != NameChange::Kind::function) name = change_qualified_name(name, change);
    };
    auto relation = [&](QualifiedName& name) {
        if (schema && name.schema == change.from.schema) name.schema = change.to.schema;
    };
    // A trigger function takes no arguments: it is the one renamed when that has none, or when
    // no overload shares the name.
    bool triggers_follow = schema || (change.kind == NameChange::Kind::function && change.argument_count.value_or(0) == 0);
    for (auto& [key, table] : model_.tables) {
        for (Column& column : table.columns) {
            expression(column.default_expr);
            expression(column.generated_expr);
            type(column.type);
        }
        for (auto& [name, constraint] : table.constraints) {
            expression(constraint.expression);
            relation(constraint.referenced_table);
        }
        for (auto& [name, policy] : table.policies) {
            expression(policy.using_expr);
            expression(policy.with_check_expr);
        }
        for (auto& [name, trigger] : table.triggers) {
            expression(trigger.when_expr);
            if (triggers_follow) trigger.function = change_qualified_name(trigger.function, change);
        }
        if (table.partition_of) relation(*table.partition_of);
    }
    for (auto& [key, index] : model_.indexes) {
        for (IndexKey& index_key : index.keys) expression(index_key.expression);
        expression(index.predicate);
    }
    for (auto& [key, domain] : model_.domains) {
        expression(domain.default_expr);
        for (auto& [name, constraint] : domain.constraints) expression(constraint.expression);
        type(domain.base_type);
    }
    for (auto& [key, view] : model_.views) view.query = change_names_in_query(view.query, change);
    for (auto& [key, composite] : model_.composite_types)
        for (CompositeAttribute& attribute : composite.attributes) type(attribute.type);
    for (auto& [key, sequence] : model_.sequences)
        if (sequence.owned_by) relation(sequence.owned_by->table);
    bool signatures_changed = false;
    for (auto& [key, function] : model_.functions) {
        if (function.has_sql_standard_body())
            function.body = change_names_in_sql_body(function.body, function.name.name, function.parameter_names(), change);
        type(function.return_type);
        for (FunctionArgument& argument : function.arguments) {
            type(argument.type);
            expression(argument.default_expr);
        }
        signatures_changed = signatures_changed || function.signature() != key.name;
    }
    if (signatures_changed) {
        // Argument types in the renamed schema: the functions' identities changed with them.
        decltype(model_.functions) functions;
        for (auto& [key, function] : model_.functions) functions.emplace(QualifiedName{key.schema, function.signature()}, std::move(function));
        model_.functions = std::move(functions);
    }
}

void Replayer::move_function(Function& function, const QualifiedName& to) {
    QualifiedName from = function.name;
    std::string signature = function.signature();
    QualifiedName key{to.schema, to.name + signature.substr(from.name.size())};
    if (model_.functions.count(key)) fail_duplicate("function " + key.name + " already exists in schema \"" + to.schema + "\"");
    std::size_t inputs = 0;
    for (const FunctionArgument& argument : function.arguments) inputs += argument.mode != 'o' && argument.mode != 't';
    Function moved = std::move(function);
    model_.functions.erase({from.schema, signature});
    moved.name = to;
    model_.functions.emplace(key, std::move(moved));
    // Calls name no argument types: with another overload of the old name left, only calls with
    // this one's number of arguments are taken as its.
    bool overloaded = false;
    each_overload(model_.functions, from, [&](const Function&) { overloaded = true; });
    change_names({NameChange::Kind::function, from, to, overloaded ? std::optional<std::size_t>(inputs) : std::nullopt});
}

}  // namespace pgshift
