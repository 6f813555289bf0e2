// What expressions and view queries reference, read from their parse trees: the planner's
// ExpressionFacts, answered by libpg_query.
#pragma once

#include "model/expression_facts.hpp"

namespace pgshift {

class ParsedExpressionFacts : public ExpressionFacts {
public:
    std::vector<QualifiedName> query_relations(const std::string& query) const override;
    std::vector<QualifiedName> functions_called(const std::string& expression) const override;
    bool uses_column(const std::string& expression, const std::string& column) const override;
    BodyReferences body_references(const Function& function) const override;
};

}  // namespace pgshift
