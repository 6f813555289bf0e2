// Privileges on objects the model does not hold, which GRANT / REVOKE changed: the database
// itself, and functions extensions made. What two models have of them that is compared and
// planned.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/model.hpp"

namespace pgshift {

// The privileges in effect on each side, limited to the roles migrations named when one side is
// a migrations model (a database's own list holds what made it: createdb, a platform's setup,
// an extension's script).
struct ComparedPrivileges {
    Acl from;
    Acl to;
};

struct ComparedDatabasePrivileges : ComparedPrivileges {
    std::string name;  // the database a plan changes: the `from` side's, else the `to` side's
};

// nullopt when a side says nothing about its database.
std::optional<ComparedDatabasePrivileges> compared_database_privileges(const SchemaModel& from, const SchemaModel& to);

// Each function of an extension whose privileges are compared: those migrations granted or
// revoked on, and those both sides list (two databases). `managed`: schemas left out unless
// migrations named the function.
std::map<QualifiedName, ComparedPrivileges> compared_extension_function_privileges(
    const SchemaModel& from, const SchemaModel& to, const std::set<std::string>& managed);

// "schema.name(argument types)", quoted where needed: how GRANT ... ON FUNCTION names it.
std::string extension_function_reference(const QualifiedName& key);

}  // namespace pgshift
