// The one canonicalizer for expressions and queries. Both sides go through it: what migrations
// wrote (parsed by libpg_query) and what the catalog prints (pg_get_expr, pg_get_viewdef, policy
// texts: parsed the same way). It rewrites the tree into one form, then deparses it.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <optional>
#include <string>
#include <vector>

namespace pgshift {

// Resolves unqualified names under the search_path in force, for the migrations side. The catalog
// side prints every name qualified (search_path is empty there) and needs no resolver.
class NameResolver {
public:
    virtual ~NameResolver() = default;
    // The schema of a function called `name` with `argument_count` arguments, when it is not a
    // built-in; nullopt leaves the name as written.
    virtual std::optional<std::string> function_schema(const std::string& name, std::size_t argument_count) const = 0;
    virtual std::optional<std::string> relation_schema(const std::string& name) const = 0;
    virtual std::optional<std::string> type_schema(const std::string& name) const = 0;
};

// Canonical text of an expression. The tree is rewritten in place (it lives in a ParsedSql arena).
std::string canonical_expression(PgQuery__Node* expression, const NameResolver* resolver);
// Canonical text of a query (a view's SELECT).
std::string canonical_query(PgQuery__Node* query, const NameResolver* resolver);
// Canonical text of an expression given as SQL text (catalog output). Throws on a parse error.
std::string canonical_expression_text(const std::string& expression, const NameResolver* resolver = nullptr);
std::string canonical_query_text(const std::string& query, const NameResolver* resolver = nullptr);

}  // namespace pgshift
