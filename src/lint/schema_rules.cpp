#include "lint/schema_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "model/names.hpp"

namespace pgshift::lint {
namespace {

// Schemas of extensions and platforms the database linter never looks at (splinter's list).
const std::set<std::string>& excluded_schemas() {
    static const std::set<std::string> schemas = {"_timescaledb_cache",
                                                  "_timescaledb_catalog",
                                                  "_timescaledb_config",
                                                  "_timescaledb_internal",
                                                  "auth",
                                                  "cron",
                                                  "extensions",
                                                  "graphql",
                                                  "graphql_public",
                                                  "information_schema",
                                                  "net",
                                                  "pgmq",
                                                  "pgroonga",
                                                  "pgsodium",
                                                  "pgsodium_masks",
                                                  "pgtle",
                                                  "pgbouncer",
                                                  "pg_catalog",
                                                  "realtime",
                                                  "repack",
                                                  "storage",
                                                  "supabase_functions",
                                                  "supabase_migrations",
                                                  "tiger",
                                                  "topology",
                                                  "vault"};
    return schemas;
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

class SchemaLinter {
public:
    SchemaLinter(const SchemaModel& model, const LintContext& context) : model_(model), context_(context) {}

    std::vector<SchemaFinding> run() {
        for (const auto& [name, table] : model_.tables) {
            if (!teams(name.schema) || table.kind == TableKind::foreign) continue;
            row_security(table);
            policies(table);
            keys(table);
        }
        indexes();
        functions();
        views();
        for (const auto& [name, extension] : model_.extensions)
            if (extension.schema == "public" && name != "plpgsql")
                add("extension-in-public", "extension " + quote_ident(name) + " is installed in the public schema", quote_ident(name),
                    {quote_ident(name)});
        return std::move(findings_);
    }

private:
    void add(const std::string& rule, std::string message, const std::string& object, std::vector<std::string> places) {
        findings_.push_back({rule, std::move(message), object, std::move(places)});
    }

    // An object of the team's migrations: not the platform's, nor an extension's schema.
    bool teams(const std::string& schema) const { return !context_.platform_schemas.count(schema) && !excluded_schemas().count(schema); }
    bool exposed(const std::string& schema) const {
        return std::find(context_.exposed_schemas.begin(), context_.exposed_schemas.end(), schema) != context_.exposed_schemas.end();
    }
    // Whether the API's roles may use the relation with `privilege` (an aclitem letter).
    static std::vector<std::string> api_roles_with(const std::optional<Acl>& acl, char privilege) {
        std::vector<std::string> roles;
        if (!acl) return roles;
        for (const char* role : {"anon", "authenticated", "PUBLIC"}) {
            auto found = acl->find(role);
            if (found != acl->end() && found->second.find(privilege) != std::string::npos) roles.push_back(role);
        }
        return roles;
    }

    void row_security(const Table& table) {
        std::string name = qualified(table.name);
        if (table.kind == TableKind::ordinary && !table.rls_enabled && exposed(table.name.schema) &&
            !api_roles_with(table.acl, 'r').empty())
            add("rls-disabled-in-exposed-schema", "table " + name + " is exposed through the API without row level security", name, {name});
        if (table.kind != TableKind::ordinary) return;
        if (table.rls_enabled && table.policies.empty())
            add("rls-enabled-no-policy", "table " + name + " has row level security enabled but no policy", name, {"rls " + name, name});
        if (!table.rls_enabled && !table.policies.empty()) {
            std::string names;
            for (const auto& [policy, _] : table.policies) names += (names.empty() ? "" : ", ") + quote_ident(policy);
            add("policy-exists-rls-disabled", "table " + name + " has policies (" + names + ") but row level security is not enabled", name,
                {"policy " + name + " " + table.policies.begin()->first, name});
        }
        if (table.rls_enabled && !table.rls_forced)
            add("rls-not-forced", "table " + name + " has row level security enabled but not forced", name, {"rls " + name, name});
        if (table.rls_enabled && !table.policies.empty()) {
            static const std::vector<std::pair<char, std::string>> operations = {
                {'r', "SELECT"}, {'a', "INSERT"}, {'w', "UPDATE"}, {'d', "DELETE"}};
            std::set<std::string> who;
            std::string commands;
            for (const auto& [letter, command] : operations) {
                std::vector<std::string> roles = api_roles_with(table.acl, letter);
                if (roles.empty()) continue;
                bool covered = std::any_of(table.policies.begin(), table.policies.end(), [&, &command = command](const auto& entry) {
                    return entry.second.permissive && (entry.second.command == "ALL" || entry.second.command == command);
                });
                if (covered) continue;
                who.insert(roles.begin(), roles.end());
                commands += (commands.empty() ? "" : ", ") + command;
            }
            if (!commands.empty()) {
                std::string roles;
                for (const std::string& role : who) roles += (roles.empty() ? "" : ", ") + role;
                add("missing-policy-for-operation",
                    "table " + name + " grants " + commands + " to " + roles + " but no permissive policy allows " +
                        (commands.find(',') == std::string::npos ? "it" : "them"),
                    name, {"rls " + name, name});
            }
        }
    }

    void policies(const Table& table) {
        std::string name = qualified(table.name);
        std::map<std::pair<std::string, std::string>, std::vector<std::string>> permissive;  // (role, action) -> policies
        for (const auto& [policy_name, policy] : table.policies) {
            std::vector<std::string> places = {"policy " + name + " " + policy_name, name};
            std::string expressions = policy.using_expr + "\n" + policy.with_check_expr;
            if (table.rls_enabled && !context_.platform_schemas.count(table.name.schema)) {
                std::vector<std::string> per_row;
                for (const char* function : {"auth.uid()", "auth.jwt()", "auth.role()", "auth.email()"})
                    if (count_of(expressions, function) > count_of(expressions, std::string("(SELECT ") + function + ")"))
                        per_row.push_back(function);
                if (count_of(expressions, "current_setting(") > count_of(expressions, "(SELECT current_setting("))
                    per_row.push_back("current_setting()");
                for (const std::string& function : per_row)
                    add("auth-rls-initplan",
                        "policy " + quote_ident(policy_name) + " on " + name + " calls " + function + " for each row; write (select " +
                            function + ")",
                        name, places);
            }
            if (expressions.find("user_metadata") != std::string::npos)
                add("rls-references-user-metadata", "policy " + quote_ident(policy_name) + " on " + name + " trusts user_metadata", name,
                    places);
            if (!policy.permissive || table.kind != TableKind::ordinary) continue;
            std::vector<std::string> roles;
            for (const std::string& role : policy.roles) {
                if (role == "public")
                    roles.insert(roles.end(), context_.public_roles.begin(), context_.public_roles.end());
                else
                    roles.push_back(role);
            }
            std::vector<std::string> actions = policy.command == "ALL" ? std::vector<std::string>{"SELECT", "INSERT", "UPDATE", "DELETE"}
                                                                       : std::vector<std::string>{policy.command};
            for (const std::string& role : roles)
                if (!context_.bypass_roles.count(role))
                    for (const std::string& action : actions) permissive[{role, action}].push_back(policy_name);
        }
        for (const auto& [key, names] : permissive) {
            if (names.size() < 2) continue;
            std::string list;
            for (const std::string& policy : names) list += (list.empty() ? "" : ", ") + quote_ident(policy);
            add("multiple-permissive-policies",
                "table " + name + " has permissive policies " + list + " for role " + key.first + " and " + key.second, name,
                {"policy " + name + " " + names.back(), name});
        }
    }

    void keys(const Table& table) {
        std::string name = qualified(table.name);
        bool has_primary_key = false;
        for (const auto& [_, constraint] : table.constraints) has_primary_key |= constraint.type == ConstraintType::primary_key;
        // A partition's key is its parent's.
        if (table.partition_of)
            if (auto parent = model_.tables.find(*table.partition_of); parent != model_.tables.end())
                for (const auto& [_, constraint] : parent->second.constraints)
                    has_primary_key |= constraint.type == ConstraintType::primary_key;
        if (table.kind == TableKind::ordinary && !has_primary_key)
            add("no-primary-key", "table " + name + " has no primary key", name, {name});
        for (const auto& [constraint_name, constraint] : table.constraints) {
            if (constraint.type != ConstraintType::foreign_key) continue;
            if (covered_by_index(table.name, constraint.columns)) continue;
            std::string columns;
            for (const std::string& column : constraint.columns) columns += (columns.empty() ? "" : ", ") + quote_ident(column);
            add("unindexed-foreign-keys",
                "foreign key " + quote_ident(constraint_name) + " of " + name + " (" + columns + ") has no index starting with its columns",
                name, {"constraint " + name + " " + constraint_name, name});
        }
    }

    bool covered_by_index(const QualifiedName& table, const std::vector<std::string>& columns) const {
        for (auto it = model_.indexes.lower_bound({table.schema, ""}); it != model_.indexes.end() && it->first.schema == table.schema;
             ++it) {
            const Index& index = it->second;
            if (index.table != table.name || index.keys.size() < columns.size()) continue;
            bool leading = true;
            for (std::size_t i = 0; i < columns.size() && leading; ++i) leading = index.keys[i].column == columns[i];
            if (leading) return true;
        }
        return false;
    }

    void indexes() {
        std::map<std::string, std::vector<const Index*>> same;  // definition without the name -> indexes
        for (const auto& [name, index] : model_.indexes) {
            if (!teams(name.schema)) continue;
            std::string definition = name.schema + "\x1f" + index.table + "\x1f" + index.method + (index.unique ? "u" : "") +
                                     (index.nulls_not_distinct ? "n" : "") + "\x1f" + index.predicate;
            for (const IndexKey& key : index.keys)
                definition += "\x1f" + key.column + "\x1e" + key.expression + "\x1e" + key.collation + "\x1e" + key.opclass +
                              (key.descending ? "d" : "") + (key.nulls_first ? "f" : "");
            for (const std::string& column : index.include) definition += "\x1fi" + column;
            for (const std::string& option : index.options) definition += "\x1fo" + option;
            same[definition].push_back(&index);
        }
        for (const auto& [_, group] : same) {
            if (group.size() < 2) continue;
            std::string names;
            for (const Index* index : group) names += (names.empty() ? "" : ", ") + quote_ident(index->name.name);
            std::string table = qualified({group.front()->name.schema, group.front()->table});
            add("duplicate-index", "table " + table + " has identical indexes " + names, table, {qualified(group.back()->name), table});
        }
    }

    void functions() {
        for (const auto& [key, function] : model_.functions) {
            if (!teams(key.schema)) continue;
            bool fixed = std::any_of(function.config.begin(), function.config.end(),
                                     [](const std::string& setting) { return setting.rfind("search_path=", 0) == 0; });
            if (fixed) continue;
            std::string name = quote_ident(key.schema) + "." + key.name;
            if (function.security_definer)
                add("security-definer-search-path", "SECURITY DEFINER function " + name + " has no fixed search_path", name, {name});
            add("function-search-path-mutable", "function " + name + " has no fixed search_path", name, {name});
        }
    }

    void views() {
        for (const auto& [name, view] : model_.views) {
            if (!teams(name.schema) || !exposed(name.schema) || api_roles_with(view.acl, 'r').empty()) continue;
            std::string qualified_name = qualified(name);
            bool invoker = std::any_of(view.options.begin(), view.options.end(), [](const std::string& option) {
                std::string lower = option;
                std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
                return lower == "security_invoker=true" || lower == "security_invoker=on" || lower == "security_invoker=1" ||
                       lower == "security_invoker=yes";
            });
            if (!view.materialized && !invoker)
                add("security-definer-view", "view " + qualified_name + " reads its tables as its owner (no security_invoker)",
                    qualified_name, {qualified_name});
            bool reads_users = view.query.find("auth.users") != std::string::npos;
            auto users = model_.tables.find({"auth", "users"});
            bool users_rls = users != model_.tables.end() && users->second.rls_enabled;
            if (reads_users && (view.materialized || !invoker || !users_rls))
                add("auth-users-exposed",
                    std::string(view.materialized ? "materialized view " : "view ") + qualified_name +
                        " exposes auth.users to anon or authenticated",
                    qualified_name, {qualified_name});
        }
    }

    const SchemaModel& model_;
    const LintContext& context_;
    std::vector<SchemaFinding> findings_;
};

}  // namespace

std::vector<SchemaFinding> lint_schema(const SchemaModel& model, const LintContext& context) { return SchemaLinter(model, context).run(); }

}  // namespace pgshift::lint
