// Small readers over libpg_query protobuf nodes.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pgshift {

// The text of a String node (or an A_Const string); empty for anything else.
std::string node_string(const PgQuery__Node* node);
// Every String item of a node array.
std::vector<std::string> node_strings(std::size_t count, PgQuery__Node* const* items);
// The last of `count` name parts (a function's or type's name without its schema); empty for none.
std::string last_name(std::size_t count, PgQuery__Node* const* names);
// A collation's name as the catalog prints it: "schema.name", or the name alone for pg_catalog's
// ("default", "C").
std::string collation_name(std::size_t count, PgQuery__Node* const* names);
// A List node's String items.
std::vector<std::string> list_strings(const PgQuery__Node* node);
// An integer constant (Integer, A_Const, a numeric String or Float); nullopt for anything else.
std::optional<int64_t> node_integer(const PgQuery__Node* node);
// A DefElem argument as text: strings, numbers, booleans, type names and lists joined by ", ".
std::string def_elem_text(const PgQuery__DefElem* element);
// A DefElem boolean argument: absent or "true"/"on"/1 is true.
bool def_elem_bool(const PgQuery__DefElem* element);
// The DefElem inside a node, or nullptr.
const PgQuery__DefElem* as_def_elem(const PgQuery__Node* node);

}  // namespace pgshift
