// Column references as the catalog stores them, for the canonicalizer: `*` expanded into the
// columns of the FROM items, and bare references qualified by the item they belong to where
// the catalog prints them qualified. Worked out level by level from the columns the migrations
// give each relation.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <optional>
#include <string>
#include <vector>

#include "parser/canonical/name_resolver.hpp"
#include "parser/canonical/rewrite_arena.hpp"

namespace pgshift {

// FigureColname(): the name PostgreSQL gives a select-list item written without AS, or
// "?column?". Also names index columns (FigureIndexColname) and view columns.
std::string figure_column_name(const PgQuery__Node* value);

// The FROM item of the level around an expression: a policy's table, which its subqueries may read.
struct EnclosingItem {
    std::string qualifier;
    std::optional<std::vector<std::string>> columns;  // nullopt: not known
};

// Rewrites, in place, every query in `root`: `*` into the items' columns, in order, and bare
// column references into item.column where the catalog qualifies them (beside other items, and
// in a subquery that reads a level around it). Where columns are not known, stays as written.
void qualify_columns_as_catalog(PgQuery__Node* root, const NameResolver& resolver, RewriteArena::Storage& arena,
                                const EnclosingItem* around = nullptr);

}  // namespace pgshift
