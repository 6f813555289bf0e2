// Comparing two schema models object by object: every difference, with the property that differs.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

struct Difference {
    std::string kind;      // schema, table, column, constraint, index, policy, trigger, function, ...
    std::string object;    // qualified name: public.posts, public.posts.title, public.posts."read own"
    std::string property;  // "exists" when the object is on one side only, else the property that differs
    std::string from;      // the FROM value ("" when absent)
    std::string to;        // the TO value
    QualifiedName relation;  // the table or view the object is or belongs to (for tables' members)
    std::string member;      // the column, constraint, policy or trigger name within `relation`
};

struct CompareOptions {
    // Schemas the platform manages (Supabase's auth, storage, ...): only what users add to the
    // objects there that are on both sides is compared: policies, triggers, privileges, row
    // level security and comments.
    std::set<std::string> managed_schemas;
};

// How a difference names its object (Difference::object): tables, views, indexes and types are
// `qualified(name)`, schemas and extensions `quote_ident(name)`, and these:
std::string difference_member(const QualifiedName& relation, const std::string& member);  // column, constraint, policy, trigger
std::string difference_function(const QualifiedName& key);                                // key: schema and signature
std::string difference_default_privileges(const DefaultPrivilegeKey& key);

// Differences in a deterministic order: by kind rank, then object, then property.
std::vector<Difference> compare_models(const SchemaModel& from, const SchemaModel& to, const CompareOptions& options = {});

}  // namespace pgshift
