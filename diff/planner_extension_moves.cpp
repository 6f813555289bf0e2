// ALTER EXTENSION ... SET SCHEMA moves the extension's types with it: what names them in FROM
// (columns, domains, composite attributes) names them in the new schema once the plan moved it.
#include <set>

#include "diff/planner.hpp"
#include "model/names.hpp"

namespace pgshift {

void Planner::follow_extension_moves() {
    // Old schema -> new, where every extension of the old schema that TO keeps moves to one schema.
    std::map<std::string, std::set<std::string>> destinations;
    for (const auto& [name, extension] : from_->extensions)
        if (auto kept = to_.extensions.find(name); kept != to_.extensions.end()) destinations[extension.schema].insert(kept->second.schema);
    std::map<std::string, std::string> moves;
    for (const auto& [schema, targets] : destinations)
        if (targets.size() == 1 && *targets.begin() != schema) moves[schema] = *targets.begin();
    if (moves.empty()) return;
    if (from_ != &renamed_from_) {
        renamed_from_ = *from_;
        from_ = &renamed_from_;
    }
    SchemaModel& model = renamed_from_;
    // A type of the old schema that the model does not define is a member of an extension there.
    auto follow = [&](std::string& type) {
        for (const auto& [old_schema, new_schema] : moves) {
            std::string prefix = quote_ident(old_schema) + ".";
            if (type.compare(0, prefix.size(), prefix) != 0) continue;
            std::string rest = type.substr(prefix.size());
            QualifiedName name{old_schema, rest.substr(0, rest.find_first_of("[("))};
            if (model.enums.count(name) || model.domains.count(name) || model.composite_types.count(name) || model.tables.count(name) ||
                model.views.count(name))
                continue;
            type = quote_ident(new_schema) + "." + rest;
            return;
        }
    };
    for (auto& [name, table] : model.tables)
        for (Column& column : table.columns) follow(column.type);
    for (auto& [name, domain] : model.domains) follow(domain.base_type);
    for (auto& [name, composite] : model.composite_types)
        for (CompositeAttribute& attribute : composite.attributes) follow(attribute.type);
}

}  // namespace pgshift
