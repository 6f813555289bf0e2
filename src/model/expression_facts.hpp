// Facts about expressions that take a parser to know: the planner asks through this interface,
// and the canonicalizer's library answers it (parser/canonical/parsed_expression_facts).
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"

namespace pgshift {

class ExpressionFacts {
public:
    virtual ~ExpressionFacts() = default;
    // Relations a view's query reads, qualified.
    virtual std::vector<QualifiedName> query_relations(const std::string& query) const = 0;
    // Functions an expression or query calls, qualified where it qualifies them (no arguments).
    virtual std::vector<QualifiedName> functions_called(const std::string& expression) const = 0;
    // Whether an expression of a table reads one of its columns.
    virtual bool uses_column(const std::string& expression, const std::string& column) const = 0;
    // What a string body (SQL or PL/pgSQL) names, as written: an empty schema when unqualified.
    // A body that does not parse names nothing.
    struct BodyReferences {
        std::vector<QualifiedName> relations;
        std::vector<QualifiedName> functions;
    };
    virtual BodyReferences body_references(const Function& function) const = 0;
};

}  // namespace pgshift
