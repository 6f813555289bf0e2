// A view's canonical query after a column it reads, or one of its own, is renamed: what the
// catalog shows then, since a view refers to columns by number.
#pragma once

#include <cstddef>
#include <string>

#include "model/model.hpp"

namespace pgshift {

// References to `relation`'s column `from` take the name `to`: qualified by the relation's name in
// the query, or bare where the relation is the only one its query level reads (beside others,
// the canonical form has already qualified every reference it could). An output column that was
// such a bare reference keeps its name (AS from).
std::string rename_column_in_view_query(const std::string& query, const QualifiedName& relation, const std::string& from,
                                        const std::string& to);

// The query after a relation it reads was renamed or moved to another schema: the catalog prints
// the relation's new name, and references that used its old name as their qualifier (no alias)
// use the new one. Left as it is when the new name would collide with another reference name
// (the catalog would invent an alias).
std::string rename_relation_in_view_query(const std::string& query, const QualifiedName& from, const QualifiedName& to);

// The same for the expressions of a policy on `table` (which may be the relation renamed or
// moved: its name qualifies references to it from subqueries).
std::string rename_relation_in_policy_expression(const std::string& expression, const QualifiedName& table, const QualifiedName& from,
                                                 const QualifiedName& to);

// A policy's expression on `table` after `relation`'s column `from` became `to`: at the
// expression's own level when `relation` is the table, and in subqueries that read `relation`.
std::string rename_column_in_policy_expression(const std::string& expression, const QualifiedName& table, const QualifiedName& relation,
                                               const std::string& from, const std::string& to);

// The query with its output column at `position` (from 0) named `to`.
std::string rename_view_output_column(const std::string& query, std::size_t position, const std::string& to);

}  // namespace pgshift
