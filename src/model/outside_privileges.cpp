#include "model/outside_privileges.hpp"

#include "model/acl.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

// The ACL in effect, limited to `roles` (every role when empty).
Acl effective(const std::optional<Acl>& acl, char object_class, const std::string& owner, const std::set<std::string>& roles) {
    Acl in_effect = acl ? *acl : default_acl(object_class, owner);
    if (roles.empty()) return in_effect;
    Acl kept;
    for (const std::string& role : roles)
        if (auto entry = in_effect.find(role); entry != in_effect.end()) kept.insert(*entry);
    return kept;
}

}  // namespace

std::optional<ComparedDatabasePrivileges> compared_database_privileges(const SchemaModel& from, const SchemaModel& to) {
    if (!from.database || !to.database) return std::nullopt;
    const DatabasePrivileges& a = *from.database;
    const DatabasePrivileges& b = *to.database;
    std::set<std::string> roles = a.roles;
    roles.insert(b.roles.begin(), b.roles.end());
    ComparedDatabasePrivileges compared;
    compared.from = effective(a.acl, acl_object::database, a.owner, roles);
    compared.to = effective(b.acl, acl_object::database, b.owner, roles);
    compared.name = a.name.empty() ? b.name : a.name;
    return compared;
}

std::map<QualifiedName, ComparedPrivileges> compared_extension_function_privileges(
    const SchemaModel& from, const SchemaModel& to, const std::set<std::string>& managed) {
    std::map<QualifiedName, ComparedPrivileges> compared;
    auto visit = [&](const QualifiedName& key, const ExtensionFunctionPrivileges* a, const ExtensionFunctionPrivileges* b) {
        std::set<std::string> roles;
        if (a) roles.insert(a->roles.begin(), a->roles.end());
        if (b) roles.insert(b->roles.begin(), b->roles.end());
        // Listed on one side only and named by no migration: an extension's own grants, or one
        // the other side does not have at all.
        if (roles.empty() && (!a || !b || managed.count(key.schema))) return;
        const std::string& owner = a ? a->owner : b->owner;
        // A side that does not list the function has it with the built-in default.
        compared[key] = {effective(a ? a->acl : std::nullopt, acl_object::function, a ? a->owner : owner, roles),
                         effective(b ? b->acl : std::nullopt, acl_object::function, b ? b->owner : owner, roles)};
    };
    auto a = from.extension_function_privileges.begin(), b = to.extension_function_privileges.begin();
    while (a != from.extension_function_privileges.end() || b != to.extension_function_privileges.end()) {
        if (b == to.extension_function_privileges.end() || (a != from.extension_function_privileges.end() && a->first < b->first)) {
            visit(a->first, &a->second, nullptr);
            ++a;
        } else if (a == from.extension_function_privileges.end() || b->first < a->first) {
            visit(b->first, nullptr, &b->second);
            ++b;
        } else {
            visit(a->first, &a->second, &b->second);
            ++a, ++b;
        }
    }
    return compared;
}

std::string extension_function_reference(const QualifiedName& key) {
    std::size_t open = key.name.find('(');
    return quote_ident(key.schema) + "." + quote_ident(key.name.substr(0, open)) + key.name.substr(open);
}

}  // namespace pgshift
