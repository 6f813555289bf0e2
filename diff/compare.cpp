#include "diff/compare.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

#include "model/acl.hpp"
#include "model/outside_privileges.hpp"
#include "model/secret_options.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

std::string yes_no(bool value) { return value ? "true" : "false"; }

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
    return text;
}

std::string number(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

// The privileges in effect: a NULL ACL is the built-in default.
std::string acl_text(const std::optional<Acl>& acl, char object_class, const std::string& owner) {
    Acl effective = acl ? *acl : default_acl(object_class, owner);
    std::string text;
    for (const auto& [grantee, letters] : effective) text += (text.empty() ? "" : " ") + grantee + "=" + letters;
    return text;
}

// A property's value: the model's own text where it has one, compared in place (function bodies
// and view queries are most of a model's bytes), else text made for the comparison.
class Value {
public:
    Value(const std::string& model_text) : text_(&model_text) {}
    Value(std::string&& made) : made_(std::move(made)) {}
    const std::string& text() const { return text_ ? *text_ : made_; }

private:
    const std::string* text_ = nullptr;
    std::string made_;
};

using Property = std::pair<const char*, Value>;

// An object's printed name, made only when a difference is recorded: most objects are equal.
using ObjectName = std::function<std::string()>;

struct SkipNone {
    template <typename Key>
    bool operator()(const Key&) const { return false; }
};

class Comparer {
public:
    Comparer(const CompareOptions& options, std::vector<Difference>& out) : options_(options), out_(out) {}

    bool managed(const std::string& schema) const { return options_.managed_schemas.count(schema) > 0; }

    void properties(const std::string& kind, const ObjectName& object, const std::vector<Property>& from,
                    const std::vector<Property>& to) {
        for (std::size_t i = 0; i < from.size() && i < to.size(); ++i)
            if (from[i].second.text() != to[i].second.text())
                out_.push_back({kind, object(), from[i].first, from[i].second.text(), to[i].second.text(), relation, member});
    }

    void presence(const std::string& kind, const std::string& object, bool in_from) {
        out_.push_back({kind, object, "exists", in_from ? "present" : "absent", in_from ? "absent" : "present", relation, member});
    }

    // Where the next differences belong: set while a relation's members are compared.
    QualifiedName relation;
    std::string member;

    // Walks two ranges of (key, object) pairs sorted by key: a presence difference for keys on
    // one side, `both` for keys on both, with the object's name made only when it is needed.
    template <typename Range, typename Name, typename Both, typename Skip = SkipNone>
    void maps(const std::string& kind, const Range& from, const Range& to, Name name, Both both, Skip skipped = {}) {
        auto a = from.begin(), b = to.begin();
        while (a != from.end() || b != to.end()) {
            if (b == to.end() || (a != from.end() && a->first < b->first)) {
                if (!skipped(a->first)) presence(kind, name(a->first), true);
                ++a;
            } else if (a == from.end() || b->first < a->first) {
                if (!skipped(b->first)) presence(kind, name(b->first), false);
                ++b;
            } else {
                if (!skipped(a->first)) both([&] { return name(a->first); }, a->second, b->second);
                ++a, ++b;
            }
        }
    }

private:
    const CompareOptions& options_;
    std::vector<Difference>& out_;
};

// A table's columns sorted by name, viewed in place.
std::vector<std::pair<std::string_view, const Column*>> columns_by_name(const Table& table) {
    std::vector<std::pair<std::string_view, const Column*>> columns;
    columns.reserve(table.columns.size());
    for (const Column& column : table.columns) columns.emplace_back(column.name, &column);
    std::sort(columns.begin(), columns.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    return columns;
}

std::string column_order(const Table& table) {
    std::vector<std::string> names;
    for (const Column& column : table.columns) names.push_back(column.name);
    return join(names);
}

// OPTIONS (...) of a foreign table or column: their order means nothing to a wrapper.
std::string options_in_any_order(std::vector<std::string> options) {
    std::sort(options.begin(), options.end());
    return join(options);
}

std::vector<Property> column_properties(const Column& c, const std::string& owner) {
    return {{"type", c.type}, {"collation", c.collation}, {"not null", yes_no(c.not_null)}, {"default", c.default_expr},
            {"identity", c.identity ? std::string(1, c.identity) : ""}, {"generated", c.generated_expr}, {"comment", c.comment},
            {"privileges", acl_text(c.acl, acl_object::column, owner)}, {"foreign options", options_in_any_order(c.foreign_options)}};
}

std::vector<Property> constraint_properties(const Constraint& c) {
    return {{"type", std::string(1, char(c.type))},
            {"columns", join(c.columns)},
            {"references", c.type == ConstraintType::foreign_key ? qualified(c.referenced_table) + "(" + join(c.referenced_columns) + ")" : ""},
            {"on update", std::string(1, c.on_update)},
            {"on delete", std::string(1, c.on_delete)},
            {"match", std::string(1, c.match_type)},
            {"deferrable", yes_no(c.deferrable)},
            {"initially deferred", yes_no(c.initially_deferred)},
            {"validated", yes_no(c.validated)},
            {"no inherit", yes_no(c.no_inherit)},
            {"expression", c.expression},
            {"nulls not distinct", yes_no(c.nulls_not_distinct)},
            {"comment", c.comment}};
}

std::string index_keys(const Index& index) {
    std::vector<std::string> keys;
    for (const IndexKey& key : index.keys) {
        std::string text = key.column.empty() ? "(" + key.expression + ")" : quote_ident(key.column);
        if (!key.collation.empty()) text += " COLLATE " + key.collation;
        if (!key.opclass.empty()) text += " " + key.opclass;
        if (key.descending) text += " DESC";
        if (key.nulls_first != key.descending) text += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        keys.push_back(text);
    }
    return join(keys);
}

std::vector<Property> trigger_properties(const Trigger& t) {
    return {{"timing", t.timing}, {"events", join(t.events)}, {"update columns", join(t.update_columns)},
            {"for each row", yes_no(t.for_each_row)}, {"when", t.when_expr}, {"function", t.function},
            {"arguments", join(t.arguments)}, {"constraint", yes_no(t.constraint_trigger)},
            {"deferrable", yes_no(t.deferrable)}, {"initially deferred", yes_no(t.initially_deferred)},
            {"old table", t.old_table}, {"new table", t.new_table}, {"enabled", std::string(1, t.enabled)},
            {"comment", t.comment}};
}

void compare_triggers(Comparer& comparer, const ObjectName& owner, const std::map<std::string, Trigger>& from,
                      const std::map<std::string, Trigger>& to) {
    comparer.maps(
        "trigger", from, to, [&](const std::string& name) { return owner() + "." + quote_ident(name); },
        [&](const ObjectName& object, const Trigger& a, const Trigger& b) {
            comparer.properties("trigger", object, trigger_properties(a), trigger_properties(b));
        });
}

void compare_tables(Comparer& comparer, const SchemaModel& from, const SchemaModel& to) {
    auto table_name = [](const QualifiedName& name) { return qualified(name); };
    comparer.maps("table", from.tables, to.tables, table_name, [&](const ObjectName& object, const Table& a, const Table& b) {
        comparer.relation = a.name;
        comparer.member.clear();
        if (comparer.managed(a.name.schema)) {
            // The platform's table: what users switch or grant on it is theirs.
            auto user_properties = [](const Table& t) -> std::vector<Property> {
                return {{"row level security", yes_no(t.rls_enabled)}, {"forced row level security", yes_no(t.rls_forced)},
                        {"privileges", acl_text(t.acl, acl_object::table, t.owner)}, {"comment", t.comment}};
            };
            comparer.properties("table", object, user_properties(a), user_properties(b));
            auto b_columns = columns_by_name(b);
            for (const auto& [name, x] : columns_by_name(a)) {
                auto y = std::lower_bound(b_columns.begin(), b_columns.end(), name, [](const auto& entry, std::string_view key) { return entry.first < key; });
                if (y == b_columns.end() || y->first != name) continue;
                comparer.member = x->name;
                comparer.properties("column", [&, column = x->name] { return object() + "." + quote_ident(column); },
                                    {{"comment", x->comment}, {"privileges", acl_text(x->acl, acl_object::column, a.owner)}},
                                    {{"comment", y->second->comment}, {"privileges", acl_text(y->second->acl, acl_object::column, b.owner)}});
            }
            comparer.member.clear();
        } else {
            auto table_properties = [](const Table& t) -> std::vector<Property> {
                std::vector<std::string> parents;
                for (const QualifiedName& parent : t.inherits) parents.push_back(qualified(parent));
                return {{"kind", std::string(1, char(t.kind))}, {"unlogged", yes_no(t.unlogged)},
                        {"row level security", yes_no(t.rls_enabled)}, {"forced row level security", yes_no(t.rls_forced)},
                        {"partition key", t.partition_key}, {"partition of", t.partition_of ? qualified(*t.partition_of) : ""},
                        {"inherits", join(parents)}, {"options", join(t.options)}, {"foreign server", t.foreign_server},
                        {"foreign options", options_in_any_order(t.foreign_options)},
                        {"owner", t.owner}, {"privileges", acl_text(t.acl, acl_object::table, t.owner)}, {"comment", t.comment}};
            };
            comparer.properties("table", object, table_properties(a), table_properties(b));
            // Columns by name; their order too, since it is visible to SELECT *.
            comparer.maps(
                "column", columns_by_name(a), columns_by_name(b), [&](std::string_view name) { return object() + "." + quote_ident(name); },
                [&](const ObjectName& column, const Column* x, const Column* y) {
                    comparer.member = x->name;
                    comparer.properties("column", column, column_properties(*x, a.owner), column_properties(*y, b.owner));
                });
            auto same_name = [](const Column& x, const Column& y) { return x.name == y.name; };
            if (a.columns.size() == b.columns.size() && !std::equal(a.columns.begin(), a.columns.end(), b.columns.begin(), same_name))
                comparer.properties("table", object, {{"column order", column_order(a)}}, {{"column order", column_order(b)}});
            comparer.maps(
                "constraint", a.constraints, b.constraints, [&](const std::string& name) { return object() + "." + quote_ident(name); },
                [&](const ObjectName& constraint, const Constraint& x, const Constraint& y) {
                    comparer.member = x.name;
                    comparer.properties("constraint", constraint, constraint_properties(x), constraint_properties(y));
                });
        }
        comparer.maps(
            "policy", a.policies, b.policies, [&](const std::string& name) { return object() + "." + quote_ident(name); },
            [&](const ObjectName& policy, const Policy& x, const Policy& y) {
                comparer.member = x.name;
                auto policy_properties = [](const Policy& p) -> std::vector<Property> {
                    return {{"permissive", yes_no(p.permissive)}, {"command", p.command}, {"roles", join(p.roles)},
                            {"using", p.using_expr}, {"with check", p.with_check_expr}, {"comment", p.comment}};
                };
                comparer.properties("policy", policy, policy_properties(x), policy_properties(y));
            });
        compare_triggers(comparer, object, a.triggers, b.triggers);
        comparer.relation = QualifiedName{};
        comparer.member.clear();
    }, [&](const QualifiedName& name) { return comparer.managed(name.schema) && !(from.tables.count(name) && to.tables.count(name)); });
}

// Publications by name; their FOR TABLE members in any order, each with its column list and row filter.
void compare_publications(Comparer& comparer, const SchemaModel& from, const SchemaModel& to) {
    auto publication_properties = [](const Publication& p) -> std::vector<Property> {
        std::vector<std::string> schemas;
        for (const std::string& schema : p.schemas) schemas.push_back(quote_ident(schema));
        return {{"all tables", yes_no(p.all_tables)}, {"tables in schema", join(schemas)}, {"publish", p.publish()},
                {"via partition root", yes_no(p.via_partition_root)}, {"owner", p.owner}, {"comment", p.comment}};
    };
    comparer.maps("publication", from.publications, to.publications, [](const std::string& name) { return quote_ident(name); },
        [&](const ObjectName& object, const Publication& a, const Publication& b) {
            comparer.properties("publication", object, publication_properties(a), publication_properties(b));
            comparer.member = a.name;
            comparer.maps(
                "publication table", a.tables, b.tables,
                [&](const QualifiedName& table) {
                    // Made for each difference recorded: the member's table goes with it (elaboration finds its row filter).
                    comparer.relation = table;
                    return object() + "." + qualified(table);
                },
                [&](const ObjectName& member, const PublicationTable& x, const PublicationTable& y) {
                    comparer.properties("publication table", member, {{"columns", join(x.columns)}, {"row filter", x.row_filter}},
                                        {{"columns", join(y.columns)}, {"row filter", y.row_filter}});
                });
            comparer.relation = QualifiedName{};
            comparer.member.clear();
        });
}

// OPTIONS (...) of a server or user mapping in any order, credentials apart and masked; the
// side `to` says when its credentials have the same names and other values, never the values.
std::vector<Property> option_properties(const std::vector<std::string>& options, const std::vector<std::string>& other, bool to) {
    auto part = [](const std::vector<std::string>& list, bool secret) {
        std::vector<std::string> kept;
        for (const std::string& option : list)
            if (is_secret_option(option) == secret) kept.push_back(option);
        std::sort(kept.begin(), kept.end());
        return kept;
    };
    std::vector<std::string> secrets = part(options, true), other_secrets = part(other, true);
    std::string credentials = join(masked_options(secrets));
    if (to && secrets != other_secrets && masked_options(secrets) == masked_options(other_secrets)) credentials += " (changed)";
    return {{"options", join(part(options, false))}, {"credentials", std::move(credentials)}};
}

void compare_foreign(Comparer& comparer, const SchemaModel& from, const SchemaModel& to) {
    auto named = [](const std::string& name) { return quote_ident(name); };
    comparer.maps("foreign data wrapper", from.foreign_data_wrappers, to.foreign_data_wrappers, named,
        [&](const ObjectName& object, const ForeignDataWrapper& a, const ForeignDataWrapper& b) {
            auto properties = [](const ForeignDataWrapper& w) -> std::vector<Property> {
                return {{"handler", w.handler}, {"validator", w.validator}, {"options", options_in_any_order(w.options)}, {"owner", w.owner},
                        {"privileges", acl_text(w.acl, acl_object::foreign_data_wrapper, w.owner)}, {"comment", w.comment}};
            };
            comparer.properties("foreign data wrapper", object, properties(a), properties(b));
        });
    comparer.maps("server", from.foreign_servers, to.foreign_servers, named,
        [&](const ObjectName& object, const ForeignServer& a, const ForeignServer& b) {
            auto properties = [](const ForeignServer& s, const ForeignServer& other, bool to_side) -> std::vector<Property> {
                std::vector<Property> list{{"wrapper", s.wrapper}, {"type", s.type}, {"version", s.version}};
                for (Property& option : option_properties(s.options, other.options, to_side)) list.push_back(std::move(option));
                list.insert(list.end(), {{"owner", s.owner}, {"privileges", acl_text(s.acl, acl_object::foreign_server, s.owner)}, {"comment", s.comment}});
                return list;
            };
            comparer.properties("server", object, properties(a, b, false), properties(b, a, true));
        });
    comparer.maps("user mapping", from.user_mappings, to.user_mappings,
        [](const std::pair<std::string, std::string>& key) { return quote_ident(key.second) + " on server " + quote_ident(key.first); },
        [&](const ObjectName& object, const UserMapping& a, const UserMapping& b) {
            comparer.properties("user mapping", object, option_properties(a.options, b.options, false),
                                option_properties(b.options, a.options, true));
        });
}

}  // namespace

std::string difference_member(const QualifiedName& relation, const std::string& member) { return qualified(relation) + "." + quote_ident(member); }

std::string difference_function(const QualifiedName& key) { return quote_ident(key.schema) + "." + key.name; }

std::string difference_default_privileges(const DefaultPrivilegeKey& key) {
    return key.role + (key.schema.empty() ? "" : " in " + quote_ident(key.schema)) + " on " + std::string(1, key.object_type);
}

std::vector<Difference> compare_models(const SchemaModel& from, const SchemaModel& to, const CompareOptions& options) {
    std::vector<Difference> differences;
    Comparer comparer(options, differences);
    auto skip_managed = [&](const QualifiedName& name) { return comparer.managed(name.schema); };
    // A platform object on both sides is compared for what users change on it.
    auto skip_one_sided_managed = [&](const auto& in_from, const auto& in_to) {
        return [&](const QualifiedName& name) { return comparer.managed(name.schema) && !(in_from.count(name) && in_to.count(name)); };
    };
    auto by_name = [](const QualifiedName& name) { return qualified(name); };

    comparer.maps("schema", from.schemas, to.schemas, [](const std::string& name) { return quote_ident(name); },
        [&](const ObjectName& object, const Schema& a, const Schema& b) {
            // A platform schema's owner is the platform's; what users grant on it is theirs.
            bool platform = comparer.managed(a.name);
            comparer.properties("schema", object,
                                {{"owner", platform ? "" : a.owner}, {"privileges", acl_text(a.acl, acl_object::schema, a.owner)}, {"comment", a.comment}},
                                {{"owner", platform ? "" : b.owner}, {"privileges", acl_text(b.acl, acl_object::schema, b.owner)}, {"comment", b.comment}});
        }, [&](const std::string& name) { return comparer.managed(name) && !(from.schemas.count(name) && to.schemas.count(name)); });
    comparer.maps("extension", from.extensions, to.extensions, [](const std::string& name) { return quote_ident(name); },
        [&](const ObjectName& object, const Extension& a, const Extension& b) {
            // A version is compared only when both sides name one: migrations usually take the default.
            bool versions = !a.version.empty() && !b.version.empty();
            comparer.properties("extension", object, {{"schema", a.schema}, {"version", versions ? a.version : ""}},
                                {{"schema", b.schema}, {"version", versions ? b.version : ""}});
        }, [&](const std::string& name) {
            // Extensions in the platform's schemas are the platform's (Supabase's extensions schema).
            auto in_managed = [&](const SchemaModel& model) {
                auto found = model.extensions.find(name);
                return found == model.extensions.end() || comparer.managed(found->second.schema);
            };
            return in_managed(from) && in_managed(to);
        });
    comparer.maps("enum", from.enums, to.enums, by_name, [&](const ObjectName& object, const EnumType& a, const EnumType& b) {
        comparer.properties("enum", object,
                            {{"labels", join(a.labels)}, {"owner", a.owner}, {"privileges", acl_text(a.acl, acl_object::type, a.owner)}, {"comment", a.comment}},
                            {{"labels", join(b.labels)}, {"owner", b.owner}, {"privileges", acl_text(b.acl, acl_object::type, b.owner)}, {"comment", b.comment}});
    }, skip_managed);
    comparer.maps("composite type", from.composite_types, to.composite_types, by_name,
        [&](const ObjectName& object, const CompositeType& a, const CompositeType& b) {
            auto attributes = [](const CompositeType& t) {
                std::vector<std::string> items;
                for (const CompositeAttribute& attribute : t.attributes)
                    items.push_back(quote_ident(attribute.name) + " " + attribute.type + (attribute.collation.empty() ? "" : " COLLATE " + attribute.collation));
                return join(items);
            };
            comparer.properties("composite type", object, {{"attributes", attributes(a)}, {"owner", a.owner}, {"comment", a.comment}},
                                {{"attributes", attributes(b)}, {"owner", b.owner}, {"comment", b.comment}});
        }, skip_managed);
    comparer.maps("domain", from.domains, to.domains, by_name, [&](const ObjectName& object, const Domain& a, const Domain& b) {
        auto domain_properties = [](const Domain& d) -> std::vector<Property> {
            std::vector<std::string> checks;
            for (const auto& [name, check] : d.constraints)
                checks.push_back(quote_ident(name) + " CHECK (" + check.expression + ")" + (check.validated ? "" : " NOT VALID"));
            return {{"base type", d.base_type}, {"collation", d.collation}, {"default", d.default_expr},
                    {"not null", yes_no(d.not_null)}, {"checks", join(checks)}, {"owner", d.owner}, {"comment", d.comment}};
        };
        comparer.properties("domain", object, domain_properties(a), domain_properties(b));
    }, skip_managed);
    comparer.maps("sequence", from.sequences, to.sequences, by_name, [&](const ObjectName& object, const Sequence& a, const Sequence& b) {
        auto sequence_properties = [](const Sequence& s) -> std::vector<Property> {
            return {{"data type", s.data_type}, {"start", std::to_string(s.start)}, {"increment", std::to_string(s.increment)},
                    {"min value", std::to_string(s.min_value)}, {"max value", std::to_string(s.max_value)},
                    {"cache", std::to_string(s.cache)}, {"cycle", yes_no(s.cycle)},
                    {"owned by", s.owned_by ? qualified(s.owned_by->table) + "." + quote_ident(s.owned_by->column) : ""},
                    {"owner", s.owner}, {"privileges", acl_text(s.acl, acl_object::sequence, s.owner)}, {"comment", s.comment}};
        };
        if (comparer.managed(a.name.schema))
            comparer.properties("sequence", object, {{"privileges", acl_text(a.acl, acl_object::sequence, a.owner)}, {"comment", a.comment}},
                                {{"privileges", acl_text(b.acl, acl_object::sequence, b.owner)}, {"comment", b.comment}});
        else
            comparer.properties("sequence", object, sequence_properties(a), sequence_properties(b));
    }, skip_one_sided_managed(from.sequences, to.sequences));
    compare_tables(comparer, from, to);
    comparer.maps("index", from.indexes, to.indexes, by_name, [&](const ObjectName& object, const Index& a, const Index& b) {
        auto index_properties = [](const Index& i) -> std::vector<Property> {
            return {{"table", i.table}, {"method", i.method}, {"unique", yes_no(i.unique)}, {"keys", index_keys(i)},
                    {"include", join(i.include)}, {"where", i.predicate}, {"constraint", i.constraint},
                    {"nulls not distinct", yes_no(i.nulls_not_distinct)}, {"options", join(i.options)}, {"comment", i.comment}};
        };
        comparer.properties("index", object, index_properties(a), index_properties(b));
    }, skip_managed);
    comparer.maps("view", from.views, to.views, by_name, [&](const ObjectName& object, const View& a, const View& b) {
        comparer.relation = a.name;
        comparer.member.clear();
        auto view_properties = [](const View& v) -> std::vector<Property> {
            std::vector<std::string> columns, comments;
            for (const ViewColumn& column : v.columns) {
                columns.push_back(column.name);
                if (!column.comment.empty()) comments.push_back(column.name + ": " + column.comment);
            }
            return {{"materialized", yes_no(v.materialized)}, {"query", v.query}, {"options", join(v.options)},
                    {"check option", v.check_option}, {"owner", v.owner}, {"privileges", acl_text(v.acl, acl_object::table, v.owner)},
                    {"comment", v.comment}, {"column comments", join(comments)}};
        };
        if (comparer.managed(a.name.schema))
            comparer.properties("view", object, {{"privileges", acl_text(a.acl, acl_object::table, a.owner)}, {"comment", a.comment}},
                                {{"privileges", acl_text(b.acl, acl_object::table, b.owner)}, {"comment", b.comment}});
        else
            comparer.properties("view", object, view_properties(a), view_properties(b));
        compare_triggers(comparer, object, a.triggers, b.triggers);
        comparer.relation = QualifiedName{};
    }, skip_one_sided_managed(from.views, to.views));
    comparer.maps("function", from.functions, to.functions,
        [](const QualifiedName& key) { return difference_function(key); },
        [&](const ObjectName& object, const Function& a, const Function& b) {
            if (comparer.managed(a.name.schema)) {
                // The platform's function: what users grant on it (auth.uid() to a role) is theirs.
                comparer.properties("function", object, {{"privileges", acl_text(a.acl, acl_object::function, a.owner)}, {"comment", a.comment}},
                                    {{"privileges", acl_text(b.acl, acl_object::function, b.owner)}, {"comment", b.comment}});
                return;
            }
            auto function_properties = [](const Function& f) -> std::vector<Property> {
                std::vector<std::string> arguments;
                for (const FunctionArgument& argument : f.arguments)
                    arguments.push_back(std::string(1, argument.mode) + " " + argument.name + " " + argument.type +
                                        (argument.default_expr.empty() ? "" : " = " + argument.default_expr));
                return {{"kind", std::string(1, char(f.kind))}, {"arguments", join(arguments)},
                        {"returns", (f.returns_set ? "SETOF " : "") + f.return_type}, {"language", f.language},
                        {"volatility", std::string(1, f.volatility)}, {"strict", yes_no(f.strict)},
                        {"security definer", yes_no(f.security_definer)}, {"leakproof", yes_no(f.leakproof)},
                        {"parallel", std::string(1, f.parallel)}, {"cost", number(f.cost)}, {"rows", number(f.rows)},
                        {"config", join(f.config)}, {"body", f.body}, {"owner", f.owner},
                        {"privileges", acl_text(f.acl, acl_object::function, f.owner)}, {"comment", f.comment}};
            };
            comparer.properties("function", object, function_properties(a), function_properties(b));
        }, [&](const QualifiedName& key) { return comparer.managed(key.schema) && !(from.functions.count(key) && to.functions.count(key)); });
    compare_publications(comparer, from, to);
    compare_foreign(comparer, from, to);
    comparer.maps("default privileges", from.default_privileges, to.default_privileges,
        [](const DefaultPrivilegeKey& key) { return difference_default_privileges(key); },
        [&](const ObjectName& object, const Acl& a, const Acl& b) {
            comparer.properties("default privileges", object, {{"privileges", acl_text(a, 0, "")}}, {{"privileges", acl_text(b, 0, "")}});
        }, [&](const DefaultPrivilegeKey& key) { return !key.schema.empty() && comparer.managed(key.schema); });
    auto acl_items = [](const Acl& acl) {
        std::string printed;
        for (const auto& [grantee, letters] : acl) printed += (printed.empty() ? "" : " ") + grantee + "=" + letters;
        return printed;
    };
    // The database by no name: a project's databases are named differently (docs/check.md).
    if (auto database = compared_database_privileges(from, to))
        comparer.properties("database", [] { return std::string("current database"); }, {{"privileges", acl_items(database->from)}},
                            {{"privileges", acl_items(database->to)}});
    for (const auto& [key, privileges] : compared_extension_function_privileges(from, to, options.managed_schemas))
        comparer.properties("extension function", [&key = key] { return extension_function_reference(key); },
                            {{"privileges", acl_items(privileges.from)}}, {{"privileges", acl_items(privileges.to)}});
    return differences;
}

}  // namespace pgshift
