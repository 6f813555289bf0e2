// The names PostgreSQL's deparser gives the FROM items of a query (set_rtable_names in
// ruleutils.c). An item whose name a level around it, or an item before it at its own level,
// already uses is printed as name_1, name_2, ...: `id IN (SELECT id FROM t)` in a policy on t
// comes back as `id IN (SELECT t_1.id FROM t t_1)`. Both sides of a comparison are named so.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <optional>
#include <string>
#include <vector>

#include "parser/canonical/rewrite_arena.hpp"

namespace pgshift {

// Renames, in place, the FROM items of every query in `root` as the catalog prints them, and the
// references to them. `around`: names of the level around `root` (a policy's table; "old" and
// "new", which PostgreSQL 15 keeps in a view's range table).
void name_from_items_as_catalog(PgQuery__Node* root, std::vector<std::string> around, RewriteArena::Storage& arena);

// The columns of a FROM item that calls one built-in set-returning function of one column
// (generate_series, unnest of one array, ...), ORDINALITY's after it; nullopt for any other.
// The catalog prints such an item with its alias and column list always, `generate_series(1, 3)
// n(n)`; name_from_items_as_catalog() gives it the alias (the function's name when none was
// written) and drops a column list that says what the alias already says.
std::optional<std::vector<std::string>> function_item_columns(const PgQuery__RangeFunction* item);

}  // namespace pgshift
