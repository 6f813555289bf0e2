// The rules on the schema the whole history builds (Supabase's database linter and more). Each
// finding names the places that made or last changed its object, for the caller to point at.
#pragma once

#include <string>
#include <vector>

#include "lint/lint.hpp"
#include "model/model.hpp"

namespace pgshift::lint {

struct SchemaFinding {
    std::string rule;
    std::string message;
    std::string object;               // as `check` names it: public.posts, public.f(integer)
    std::vector<std::string> places;  // keys of Touches or SchemaModel::origins, the best first
};

std::vector<SchemaFinding> lint_schema(const SchemaModel& model, const LintContext& context);

}  // namespace pgshift::lint
