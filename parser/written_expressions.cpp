#include "parser/written_expressions.hpp"

#include "parser/canonical/canonical_expression.hpp"

namespace pgshift {
namespace {

// The model's canonical text at a site, or nullptr when nothing is there any more.
const std::string* canonical_at(const SchemaModel& model, const ExpressionSite& site) {
    if (site.property == "body") {
        auto function = model.functions.find(site.relation);
        return function == model.functions.end() ? nullptr : &function->second.body;
    }
    if (site.property == "row filter") {
        auto publication = model.publications.find(site.member);
        if (publication == model.publications.end()) return nullptr;
        auto member = publication->second.tables.find(site.relation);
        return member == publication->second.tables.end() ? nullptr : &member->second.row_filter;
    }
    if (site.property == "predicate") {
        auto index = model.indexes.find(site.relation);
        return index == model.indexes.end() ? nullptr : &index->second.predicate;
    }
    if (auto table = model.tables.find(site.relation); table != model.tables.end()) {
        if (site.property == "default" || site.property == "generated") {
            const Column* column = table->second.find_column(site.member);
            if (!column) return nullptr;
            return site.property == "default" ? &column->default_expr : &column->generated_expr;
        }
        if (site.property == "expression") {
            auto constraint = table->second.constraints.find(site.member);
            return constraint == table->second.constraints.end() ? nullptr : &constraint->second.expression;
        }
        auto policy = table->second.policies.find(site.member);
        if (policy == table->second.policies.end()) return nullptr;
        return site.property == "using" ? &policy->second.using_expr : &policy->second.with_check_expr;
    }
    if (auto view = model.views.find(site.relation); view != model.views.end()) return &view->second.query;
    return nullptr;
}

// Written text has its names resolved already; what the canonical form of a query or a policy
// also needs is the columns of the relations it reads, to tell which each reference reads.
class ModelColumns : public NameResolver {
public:
    explicit ModelColumns(const SchemaModel& model) : model_(model) {}
    std::optional<std::string> function_schema(const std::string&, std::size_t) const override { return std::nullopt; }
    std::optional<std::string> relation_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::string> type_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::string> opclass_schema(const std::string&) const override { return std::nullopt; }
    std::optional<std::vector<std::string>> relation_columns(const std::string& schema, const std::string& name) const override {
        return model_.relation_columns({schema, name});
    }

private:
    const SchemaModel& model_;
};

// Written text in the canonical form the model keeps at `site` (which exists).
std::string canonical_written(const SchemaModel& model, const ExpressionSite& site, const std::string& written) {
    if (site.property == "body") {
        const Function& function = model.functions.at(site.relation);
        return canonical_sql_body_text(written, function.name.name, function.parameter_names());
    }
    ModelColumns columns(model);
    if (site.property == "query") return canonical_query_text(written, &columns);
    if (site.property == "using" || site.property == "with check" || site.property == "row filter")
        return canonical_policy_expression_text(written, site.relation.name, &columns, site.relation.schema);
    return canonical_expression_text(written);
}

}  // namespace

void drop_stale_written_expressions(SchemaModel& model) {
    for (auto entry = model.written_expressions.begin(); entry != model.written_expressions.end();) {
        const ExpressionSite& site = entry->first;
        const std::string* canonical = canonical_at(model, site);
        bool current = false;
        if (canonical && !canonical->empty()) {
            try {
                current = canonical_written(model, site, entry->second) == *canonical;
            } catch (const std::exception&) {
            }
        }
        entry = current ? std::next(entry) : model.written_expressions.erase(entry);
    }
}

}  // namespace pgshift
