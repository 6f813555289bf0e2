// Prints a stored expression (pg_node_tree) as the server's pg_get_expr(expr, relation) prints
// it, byte for byte, for the nodes and constant types that check constraints and index
// predicates commonly hold; and a view's stored query (a SELECT from tables and joins) as
// pg_get_viewdef prints it, compared once parsed. The server prints an expression only after
// loading its table into its cache, the largest part of reading a catalog; printing here avoids
// that. What this does not know is left to the server (the printer says so; it never guesses).
//
// Printing takes two steps, so that every name the expressions need is read in one query:
// `collect` walks a tree and notes the functions, operators, types and enum values it names;
// `print` writes it with those names.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "introspect/column_numbers.hpp"
#include "introspect/node_tree.hpp"

namespace pgshift {

// What the expressions name, by oid: asked of the server in one query.
struct CatalogNameRequests {
    std::set<std::int64_t> functions, operators, enum_values;
    std::set<std::pair<std::int64_t, std::int64_t>> types;  // type oid and type modifier
};

struct CatalogNames {
    struct Name {
        std::string schema, name;
    };
    struct TypeName {
        std::string printed;  // format_type(oid, modifier)
        char kind = 0;        // pg_type.typtype: b, c, d, e, p, r, m
    };
    std::unordered_map<std::int64_t, Name> functions, operators;
    std::map<std::pair<std::int64_t, std::int64_t>, TypeName> types;
    std::unordered_map<std::int64_t, std::string> enum_labels;
    bool little_endian = true;  // constants are read as the server laid them out in memory
    std::unordered_map<std::int64_t, Name> relations;  // those the model knows, given by the caller
};

// Notes what `expression` names into `requests`; false when it holds something this printer
// does not print (the server must then print it).
bool collect_expression_names(TreeValue expression, CatalogNameRequests& requests);

// The expression as pg_get_expr prints it. `columns` names the relation's columns by number
// (index 0 unused). nullopt when a name is missing or a value is of a kind found only now
// (a constant of a type that turned out not to be an enum, say).
std::optional<std::string> print_expression(TreeValue expression, const std::vector<std::string>& columns,
                                            const CatalogNames& names);

// The same for a view's rule actions (pg_rewrite.ev_action): a plain SELECT from tables and
// joins, with a WHERE. Columns of every relation it reads, and its own (the output names), are
// named from `columns`; `view` is the view's oid.
bool collect_query_names(TreeValue actions, CatalogNameRequests& requests);
std::optional<std::string> print_query(TreeValue actions, std::int64_t view, const ColumnNumbers& columns, const CatalogNames& names);

}  // namespace pgshift
