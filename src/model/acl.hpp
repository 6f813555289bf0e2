// Privileges as PostgreSQL stores them, and the defaults it applies to new objects.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

// Object classes as pg_default_acl and acldefault() name them.
namespace acl_object {
constexpr char table = 'r';
constexpr char sequence = 'S';
constexpr char function = 'f';
constexpr char type = 'T';
constexpr char schema = 'n';
constexpr char column = 'c';
constexpr char database = 'd';
constexpr char foreign_data_wrapper = 'F';
constexpr char foreign_server = 's';
}  // namespace acl_object

// Every privilege letter valid for an object class ("arwdDxt" for tables), for ALL PRIVILEGES.
std::string_view all_privileges(char object_class);
// The privilege letter of a keyword (SELECT -> 'r'); 0 when unknown.
char privilege_letter(std::string_view privilege_keyword);
// The keyword of a privilege letter ('r' -> SELECT).
std::string_view privilege_keyword(char letter);

// acldefault(): what an object of this class has before any GRANT or REVOKE.
Acl default_acl(char object_class, const std::string& owner);

void acl_grant(Acl& acl, const std::string& grantee, std::string_view letters, bool with_grant_option);
// REVOKE [GRANT OPTION FOR]: drops the letters, or only their grant option.
void acl_revoke(Acl& acl, const std::string& grantee, std::string_view letters, bool grant_option_only);
// The ACL after ALTER ... OWNER TO: the old owner's entry moves to the new owner (aclnewowner).
void acl_change_owner(Acl& acl, const std::string& old_owner, const std::string& new_owner);

// get_user_default_acl(): the ACL a new object gets from ALTER DEFAULT PRIVILEGES, or nullopt
// when that is the built-in default.
std::optional<Acl> initial_acl(const SchemaModel& model, char object_class, const std::string& owner,
                               const std::string& schema);

// An ACL from aclitem texts as the catalog prints them ("grantee=privileges/grantor", "" = PUBLIC).
Acl parse_acl_items(const std::vector<std::string>& items);

// Number of privileges granted to roles other than the owner: what `stats` counts as grants.
std::size_t count_grants(const std::optional<Acl>& acl, const std::string& owner);

}  // namespace pgshift
