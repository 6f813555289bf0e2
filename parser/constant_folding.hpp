// Evaluating the string expressions of DO blocks without a database: literals, variables with
// known values, ||, COALESCE, format(), quote_ident(), comparisons. Anything else is unknown.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace pgshift {

struct FoldedValue {
    enum class Kind { unknown, null, text } kind = Kind::unknown;
    std::string text;

    static FoldedValue unknown() { return {}; }
    static FoldedValue null() { return {Kind::null, {}}; }
    static FoldedValue of(std::string value) { return {Kind::text, std::move(value)}; }
};

using FoldedVariables = std::map<std::string, FoldedValue>;

// `expression` is PL/pgSQL expression text (what follows SELECT).
FoldedValue fold_expression(const std::string& expression, const FoldedVariables& variables);
// A condition's truth, when it can be known.
std::optional<bool> fold_condition(const std::string& expression, const FoldedVariables& variables);

}  // namespace pgshift
