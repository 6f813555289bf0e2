// The one canonicalizer for expressions and queries. Both sides go through it: what migrations
// wrote (parsed by libpg_query) and what the catalog prints (pg_get_expr, pg_get_viewdef, policy
// texts: parsed the same way). It rewrites the tree into one form, then deparses it.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <set>
#include <optional>
#include <string>
#include <vector>

#include "parser/canonical/name_resolver.hpp"
#include "parser/canonical/rewrite_arena.hpp"

namespace pgshift {

// The expression as written with its names resolved: what a database would accept back.
std::string resolved_expression(PgQuery__Node* expression, const NameResolver* resolver, RewriteArena& arena);
// Whether canonicalizing `expression` changes nothing but names: its written form is then its
// canonical form, and need not be deparsed separately. Conservative: false when unsure.
bool canonical_only_resolves_names(const PgQuery__Node* expression);
std::string resolved_query(PgQuery__Node* query, const NameResolver* resolver, RewriteArena& arena);

// Canonical text of an expression. The tree is rewritten in place; new nodes go to `arena`.
std::string canonical_expression(PgQuery__Node* expression, const NameResolver* resolver, RewriteArena& arena);

// References to `schema`.`table`'s own columns written `table.column` or `schema.table.column`
// lose the qualifier at the expression's own level (not in subqueries): the catalog prints a
// relation's columns bare in its checks, generated columns and policies.
void drop_own_qualifiers(PgQuery__Node* expression, const std::string& schema, const std::string& table);

// An index key's expression: a cast of a column at its top makes another index than the column
// (another type, another operator class) and is kept; PostgreSQL itself drops a cast to the
// column's own type, which the replay does before this.
std::string canonical_index_expression(PgQuery__Node* expression, const NameResolver* resolver, RewriteArena& arena);

// A policy's expression on `schema`.`table`. The catalog prints references to the table bare,
// and qualified by its name inside subqueries; the resolver (migrations side) knows the columns
// that tell which references in a subquery read the table.
std::string canonical_policy_expression(PgQuery__Node* expression, const std::string& schema, const std::string& table,
                                        const NameResolver* resolver, RewriteArena& arena);
std::string canonical_policy_expression_text(const std::string& expression, const std::string& table,
                                             const NameResolver* resolver = nullptr, const std::string& schema = {});

// Canonical text of a query (a view's SELECT).
std::string canonical_query(PgQuery__Node* query, const NameResolver* resolver, RewriteArena& arena);
// A function's SQL-standard body: `RETURN expression`, or `BEGIN ATOMIC` and its statements one
// per line, then `END`. Canonical (compared) and resolved (written, what the planner emits).
// `function` and `parameters`: the function's own name and its parameters' names.
std::string canonical_sql_body(PgQuery__Node* body, const std::string& function, const std::set<std::string>& parameters,
                               const NameResolver* resolver, RewriteArena& arena);
std::string resolved_sql_body(PgQuery__Node* body, const NameResolver* resolver, RewriteArena& arena);
// The same from catalog text (pg_get_function_sqlbody). Throws on a parse error.
std::string canonical_sql_body_text(const std::string& body, const std::string& function, const std::set<std::string>& parameters);
// A body as a statement libpg_query parses, for reading the body's own statements.
std::string sql_body_statement(const std::string& body);
// Canonical text of an expression given as SQL text (catalog output). Throws on a parse error.
std::string canonical_expression_text(const std::string& expression, const NameResolver* resolver = nullptr);
std::string canonical_query_text(const std::string& query, const NameResolver* resolver = nullptr);

// Whether a stored canonical expression reads a column called `column`.
bool expression_uses_column(const std::string& expression, const std::string& column);

// A canonical expression of `table` after one of its columns is renamed: references to the
// column (bare, or qualified by the table's name) take the new name, as the catalog prints them.
std::string rename_column_in_expression(const std::string& expression, const std::string& table, const std::string& from,
                                       const std::string& to);

}  // namespace pgshift
