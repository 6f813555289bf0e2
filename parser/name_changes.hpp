// Stored canonical text after a schema, a function or a type is renamed or moved. The catalog
// keeps what an expression calls, reads or casts to by OID, so it prints the new name.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include "model/model.hpp"

namespace pgshift {

struct NameChange {
    enum class Kind { schema, function, type };
    Kind kind;
    QualifiedName from;  // a schema change uses only the schema
    QualifiedName to;
    // A function change: the number of arguments of the calls it renames; nullopt for every call
    // of the name (no other overload shares it).
    std::optional<std::size_t> argument_count;

    // Text every stored form that the change can affect contains.
    const std::string& needle() const { return kind == Kind::schema ? from.schema : from.name; }
};

// An expression (a default, check, index key or predicate, policy or trigger condition).
std::string change_names_in_expression(const std::string& expression, const NameChange& change);
// A view's query.
std::string change_names_in_query(const std::string& query, const NameChange& change);
// A function's SQL-standard body; `function` and `parameters` as canonical_sql_body takes them.
std::string change_names_in_sql_body(const std::string& body, const std::string& function, const std::set<std::string>& parameters,
                                     const NameChange& change);
// A qualified name as the model stores one in text ("schema.name", each part quoted as needed;
// a type's also as an array, "schema.name[]").
std::string change_qualified_name(const std::string& name, const NameChange& change);

}  // namespace pgshift
