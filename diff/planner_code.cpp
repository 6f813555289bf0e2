// Functions and views: replaced in place where PostgreSQL allows it, else dropped and created
// again together with what depends on them.
#include <algorithm>
#include <unordered_map>

#include "diff/definitions.hpp"
#include "diff/planner.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

bool same_definition(const Function& a, const Function& b) {
    auto arguments = [](const Function& f) {
        std::vector<std::tuple<char, std::string, std::string, std::string>> result;
        for (const FunctionArgument& argument : f.arguments) result.emplace_back(argument.mode, argument.name, argument.type, argument.default_expr);
        return result;
    };
    return a.kind == b.kind && arguments(a) == arguments(b) && a.return_type == b.return_type && a.returns_set == b.returns_set &&
           a.language == b.language && a.volatility == b.volatility && a.strict == b.strict && a.security_definer == b.security_definer &&
           a.leakproof == b.leakproof && a.parallel == b.parallel && a.cost == b.cost && a.rows == b.rows && a.config == b.config &&
           a.body == b.body;
}

// CREATE OR REPLACE keeps the kind, the result, the arguments' names and types, and every default.
bool replaceable(const Function& a, const Function& b) {
    if (a.kind != b.kind || a.return_type != b.return_type || a.returns_set != b.returns_set || a.arguments.size() != b.arguments.size())
        return false;
    for (std::size_t i = 0; i < a.arguments.size(); ++i) {
        const FunctionArgument &x = a.arguments[i], &y = b.arguments[i];
        if (x.mode != y.mode || x.name != y.name || x.type != y.type || (!x.default_expr.empty() && y.default_expr.empty())) return false;
    }
    return true;
}

// The relation a type names, when it is a table's or view's row type ("public.t", "public.t[]").
std::string row_type_relation(std::string type) {
    while (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) type.resize(type.size() - 2);
    return type;
}

}  // namespace

bool Planner::uses_replaced_type(const Function& function) const {
    if (replaced_types_.empty()) return false;
    if (replaced_types_.count(row_type_relation(function.return_type))) return true;
    return std::any_of(function.arguments.begin(), function.arguments.end(),
                       [&](const FunctionArgument& argument) { return replaced_types_.count(row_type_relation(argument.type)) > 0; });
}

void Planner::plan_functions() {
    auto function_node = [&](const Function& function, Phase phase) { return node("function", function_reference(function), phase, rank::function); };
    auto keyword = [](const Function& function) {
        return function.kind == FunctionKind::procedure ? "PROCEDURE" : function.kind == FunctionKind::aggregate ? "AGGREGATE" : "FUNCTION";
    };
    // A table's row type in the signature: the table is created first and dropped after. Tables
    // are found by the name a type spells them with, indexed once rather than scanned per type.
    using TablesByType = std::unordered_map<std::string, QualifiedName>;
    auto tables_by_type = [](const SchemaModel& model) {
        TablesByType tables;
        for (const auto& [name, table] : model.tables) tables.emplace(qualified(name), name);
        return tables;
    };
    const TablesByType from_tables = tables_by_type(*from_), to_tables = tables_by_type(to_);
    auto row_type_tables = [](const Function& function, const TablesByType& tables) {
        std::vector<QualifiedName> found;
        std::vector<std::string> types = {function.return_type};
        for (const FunctionArgument& argument : function.arguments) types.push_back(argument.type);
        for (const std::string& type : types)
            if (auto table = tables.find(row_type_relation(type)); table != tables.end()) found.push_back(table->second);
        return found;
    };
    auto drop = [&](const Function& function) {
        StepGraph::Node step = function_node(function, Phase::drop);
        graph_.add(step, statement(std::string("DROP ") + keyword(function) + " " + function_reference(function)));
        for (const QualifiedName& table : row_type_tables(function, from_tables)) graph_.before(step, node("table", qualified(table), Phase::drop, rank::table));
        for (const QualifiedName& relation : body_relations(function, *from_)) {
            if (from_->tables.count(relation)) graph_.before(step, node("table", qualified(relation), Phase::drop, rank::table));
            if (from_->views.count(relation)) graph_.before(step, node("view", qualified(relation), Phase::drop, rank::view));
        }
        for (const Function* called : body_functions(function, *from_)) graph_.before(step, function_node(*called, Phase::drop));
    };
    auto create = [&](const Function& function, bool or_replace, bool existed, const Function* before) {
        StepGraph::Node step = function_node(function, Phase::create);
        if (function.kind == FunctionKind::aggregate) {
            notes_.push_back("aggregate " + function_reference(function) + " is not planned: write its CREATE AGGREGATE by hand");
            return;
        }
        graph_.before(node("schema", quote_ident(function.name.schema), Phase::create, rank::schema), step);
        for (const QualifiedName& table : row_type_tables(function, to_tables)) after_table(table, step);
        for (const QualifiedName& relation : body_relations(function, to_)) {
            if (to_.tables.count(relation)) after_table(relation, step);
            if (to_.views.count(relation)) graph_.before(node("view", qualified(relation), Phase::create, rank::view), step);
        }
        for (const Function* called : body_functions(function, to_)) graph_.before(function_node(*called, Phase::create), step);
        prefer_body_references(function, step);
        std::set<Hazard> hazards;
        if (function.security_definer && (!before || !before->security_definer)) hazards.insert(Hazard::authz_weakened);
        graph_.add(step, statement(create_function_sql(to_, function, or_replace), existed ? hazards : std::set<Hazard>{}));
        ownership(step, keyword(function), function_reference(function), acl_object::function, function.name.schema, existed,
                  before ? before->owner : "", before ? before->acl : std::nullopt, function.owner, function.acl);
        comment(step, keyword(function), function_reference(function), existed && before ? before->comment : "", function.comment);
    };
    auto account_function = [&](const Function& function) { account("function", difference_function({function.name.schema, function.signature()})); };
    each_pair(&from_->functions, to_.functions,
        [&](const Function& function) {
            account_function(function);
            if (!managed(function.name.schema)) drop(function);
        },
        [&](const Function& function) {
            account_function(function);
            if (!managed(function.name.schema)) create(function, false, false, nullptr);
        },
        [&](const Function& x, const Function& y) {
            account_function(x);
            if (managed(x.name.schema)) {
                // The platform's function: only what users grant on it is planned.
                StepGraph::Node step = function_node(y, Phase::create);
                ownership(step, keyword(y), function_reference(y), acl_object::function, y.name.schema, true, x.owner, x.acl, "", y.acl);
                comment(step, keyword(y), function_reference(y), x.comment, y.comment);
                return;
            }
            // A function of a replaced type would keep the old one, which then cannot be dropped.
            bool replaced = uses_replaced_type(x);
            if (!replaced && same_definition(x, y)) {
                StepGraph::Node step = function_node(y, Phase::create);
                ownership(step, keyword(y), function_reference(y), acl_object::function, y.name.schema, true, x.owner, x.acl, y.owner, y.acl);
                comment(step, keyword(y), function_reference(y), x.comment, y.comment);
            } else if (!replaced && replaceable(x, y)) {
                create(y, true, true, &x);
            } else {
                recreated_functions_.insert(x.name);
                drop(x);
                graph_.before(function_node(x, Phase::drop), function_node(y, Phase::create));
                create(y, false, false, &x);
            }
        });
}

// A SQL-standard body (BEGIN ATOMIC, RETURN) is parsed when the function is created, and the
// server records what it reads: those are created first and dropped after. Other bodies are
// not checked (check_function_bodies is off) and order nothing.
std::vector<QualifiedName> Planner::body_relations(const Function& function, const SchemaModel& model) const {
    if (!options_.facts || !function.has_sql_standard_body()) return {};
    return options_.facts->query_relations(expression_sql(model, {function.name.schema, function.signature()}, "", "body", function.body));
}

std::vector<const Function*> Planner::body_functions(const Function& function, const SchemaModel& model) const {
    std::vector<const Function*> called;
    if (!options_.facts || !function.has_sql_standard_body()) return called;
    for (const QualifiedName& name : options_.facts->functions_called(function.body))
        each_overload(model.functions, name, [&](const Function& candidate) {
            if (&candidate != &function && !(candidate.name == function.name && candidate.signature() == function.signature()))
                called.push_back(&candidate);
        });
    return called;
}

// A string body is not checked when created (check_function_bodies is off), but what it reads
// had better exist before anything the plan runs calls it: created first where no other order
// forbids it. Unqualified names are looked for in the function's schema, then in public.
void Planner::prefer_body_references(const Function& function, StepGraph::Node step) {
    if (!options_.facts || function.has_sql_standard_body()) return;
    ExpressionFacts::BodyReferences references = options_.facts->body_references(function);
    auto candidates = [&](const QualifiedName& name) {
        if (!name.schema.empty()) return std::vector<QualifiedName>{name};
        return std::vector<QualifiedName>{{function.name.schema, name.name}, {"public", name.name}};
    };
    for (const QualifiedName& reference : references.relations)
        for (const QualifiedName& relation : candidates(reference)) {
            if (to_.tables.count(relation)) {
                graph_.preferably_before(node("table", qualified(relation), Phase::create, rank::table), step);
                graph_.preferably_before(node("table", qualified(relation), Phase::create, rank::table_alter), step);
            }
            if (to_.views.count(relation)) graph_.preferably_before(node("view", qualified(relation), Phase::create, rank::view), step);
        }
    for (const QualifiedName& reference : references.functions)
        for (const QualifiedName& name : candidates(reference))
            each_overload(to_.functions, name, [&](const Function& candidate) {
                if (!(candidate.name == function.name && candidate.signature() == function.signature()))
                    graph_.preferably_before(node("function", function_reference(candidate), Phase::create, rank::function), step);
            });
}

std::vector<QualifiedName> Planner::view_relations(const View& view, const SchemaModel& model) const {
    if (!options_.facts) return {};
    std::vector<QualifiedName> relations;
    for (const QualifiedName& relation : options_.facts->query_relations(expression_sql(model, view.name, "", "query", view.query)))
        if (relation != view.name) relations.push_back(relation);
    return relations;
}

void Planner::find_recreated_views() {
    if (!options_.facts) {
        // Without a parser the planner cannot see what a view reads: every kept view is rebuilt.
        for (const auto& [name, view] : from_->views)
            if (to_.views.count(name) && !managed(name.schema)) recreated_views_.insert(name);
        return;
    }
    std::map<QualifiedName, std::vector<QualifiedName>> reads;
    for (const auto& [name, view] : from_->views)
        if (to_.views.count(name) && !managed(name.schema)) reads[name] = view_relations(view, *from_);
    auto gone = [&](const QualifiedName& relation) {
        bool table = from_->tables.count(relation) > 0;
        return table ? (!to_.tables.count(relation) || recreated_tables_.count(relation)) : (from_->views.count(relation) && !to_.views.count(relation));
    };
    for (const auto& [name, relations] : reads) {
        const View &a = from_->views.at(name), &b = to_.views.at(name);
        bool rebuild = a.materialized != b.materialized || (a.materialized && (a.query != b.query || a.with_data != b.with_data));
        // CREATE OR REPLACE VIEW keeps the columns it had, in order, and may add new ones after them.
        if (!rebuild && a.query != b.query) {
            rebuild = a.columns.size() > b.columns.size();
            for (std::size_t i = 0; !rebuild && i < a.columns.size(); ++i) rebuild = a.columns[i].name != b.columns[i].name;
        }
        for (const QualifiedName& relation : relations) {
            rebuild = rebuild || gone(relation);
            auto retyped = retyped_columns_.find(relation);
            if (retyped != retyped_columns_.end())
                for (const std::string& column : retyped->second) rebuild = rebuild || options_.facts->uses_column(a.query, column);
        }
        if (!rebuild && !recreated_functions_.empty())
            for (const QualifiedName& function : options_.facts->functions_called(a.query)) rebuild = rebuild || recreated_functions_.count(function);
        if (rebuild) recreated_views_.insert(name);
    }
    // Views reading a rebuilt view are rebuilt too.
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [name, relations] : reads)
            if (!recreated_views_.count(name))
                for (const QualifiedName& relation : relations)
                    if (recreated_views_.count(relation)) {
                        recreated_views_.insert(name);
                        grew = true;
                        break;
                    }
    }
}

void Planner::create_view(const View& view, bool or_replace) {
    std::string name = qualified(view.name);
    StepGraph::Node step = node("view", name, Phase::create, rank::view);
    graph_.before(node("schema", quote_ident(view.name.schema), Phase::create, rank::schema), step);
    for (const QualifiedName& relation : view_relations(view, to_)) {
        if (to_.tables.count(relation)) after_table(relation, step);
        if (to_.views.count(relation)) graph_.before(node("view", qualified(relation), Phase::create, rank::view), step);
    }
    const View* before = or_replace ? &from_->views.at(view.name) : nullptr;
    // Replaced in place, or dropped and created again: without security_invoker the view reads
    // with its owner's rights, whoever queries it.
    auto previous = from_->views.find(view.name);
    std::set<Hazard> hazards;
    if (previous != from_->views.end()) {
        auto invoker = [](const View& v) { return std::count(v.options.begin(), v.options.end(), "security_invoker=true") > 0; };
        if (invoker(previous->second) && !invoker(view)) hazards.insert(Hazard::authz_weakened);
    }
    if (!before || before->query != view.query || before->columns.size() != view.columns.size()) {
        graph_.add(step, before ? locking(create_view_sql(to_, view, true), hazards) : statement(create_view_sql(to_, view, false), hazards));
    } else if (before->options != view.options || before->check_option != view.check_option) {
        // Options only: SET the wanted ones after RESETting the rest.
        std::string reset;
        for (const std::string& option : before->options) {
            std::string key = option.substr(0, option.find('='));
            bool kept = std::any_of(view.options.begin(), view.options.end(), [&](const std::string& o) { return o.substr(0, o.find('=')) == key; });
            if (!kept) reset += (reset.empty() ? "" : ", ") + key;
        }
        if (!before->check_option.empty() && view.check_option.empty()) reset += std::string(reset.empty() ? "" : ", ") + "check_option";
        if (!reset.empty()) graph_.add(step, locking("ALTER VIEW " + name + " RESET (" + reset + ")", hazards));
        std::string set;
        for (const std::string& option : view.options) set += (set.empty() ? "" : ", ") + option;
        if (!view.check_option.empty()) {
            std::string lower = view.check_option;
            std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
            set += (set.empty() ? "" : ", ") + ("check_option=" + lower);
        }
        if (!set.empty()) graph_.add(step, locking("ALTER VIEW " + name + " SET (" + set + ")"));
    }
    const char* keyword = view.materialized ? "MATERIALIZED VIEW" : "VIEW";
    ownership(step, keyword, name, acl_object::table, view.name.schema, before != nullptr, before ? before->owner : "",
              before ? before->acl : std::nullopt, view.owner, view.acl);
    comment(step, keyword, name, before ? before->comment : "", view.comment);
    for (const ViewColumn& column : view.columns) {
        std::string had;
        if (before)
            for (const ViewColumn& old : before->columns)
                if (old.name == column.name) had = old.comment;
        comment(step, "COLUMN", name + "." + quote_ident(column.name), had, column.comment);
    }
    plan_triggers(view.name, before ? &before->triggers : nullptr, view.triggers, "view " + name);
}

void Planner::plan_views() {
    auto drop = [&](const View& view) {
        StepGraph::Node step = node("view", qualified(view.name), Phase::drop, rank::view);
        graph_.add(step, locking(std::string(view.materialized ? "DROP MATERIALIZED VIEW " : "DROP VIEW ") + qualified(view.name)));
        // A view goes before the views and tables it reads.
        for (const QualifiedName& relation : view_relations(view, *from_)) {
            if (from_->views.count(relation)) graph_.before(step, node("view", qualified(relation), Phase::drop, rank::view));
            if (from_->tables.count(relation)) {
                graph_.before(step, node("table", qualified(relation), Phase::drop, rank::table));
                graph_.before(step, node("table", qualified(relation), Phase::create, rank::table_alter));
            }
        }
        for (const QualifiedName& function : options_.facts ? options_.facts->functions_called(view.query) : std::vector<QualifiedName>{})
            each_overload(from_->functions, function, [&](const Function& candidate) {
                graph_.before(step, node("function", function_reference(candidate), Phase::drop, rank::function));
            });
    };
    each_pair(&from_->views, to_.views,
        [&](const View& view) {
            account("view", qualified(view.name));
            if (!managed(view.name.schema)) drop(view);
        },
        [&](const View& view) {
            account("view", qualified(view.name));
            if (!managed(view.name.schema)) create_view(view, false);
        },
        [&](const View& a, const View& b) {
            account("view", qualified(a.name));
            if (managed(a.name.schema)) {
                StepGraph::Node step = node("view", qualified(a.name), Phase::create, rank::view);
                const char* keyword = a.materialized ? "MATERIALIZED VIEW" : "VIEW";
                ownership(step, keyword, qualified(a.name), acl_object::table, a.name.schema, true, a.owner, a.acl, "", b.acl);
                comment(step, keyword, qualified(a.name), a.comment, b.comment);
                return;
            }
            if (!recreated_views_.count(a.name)) return create_view(b, true);
            drop(a);
            graph_.before(node("view", qualified(a.name), Phase::drop, rank::view), node("view", qualified(a.name), Phase::create, rank::view));
            create_view(b, false);
        });
}

}  // namespace pgshift
