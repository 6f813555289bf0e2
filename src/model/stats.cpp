#include "model/stats.hpp"

#include "model/acl.hpp"

namespace pgshift {
namespace {

std::size_t count_comment(const std::string& comment) { return comment.empty() ? 0 : 1; }

}  // namespace

std::vector<std::pair<std::string, std::size_t>> count_objects(const SchemaModel& model) {
    std::size_t columns = 0, constraints = 0, rls_tables = 0, policies = 0, triggers = 0;
    std::size_t tables = 0, foreign_tables = 0, views = 0, materialized_views = 0, grants = 0;
    std::size_t sequences = model.sequences.size(), comments = 0;

    for (const auto& [key, schema] : model.schemas) {
        grants += count_grants(schema.acl, schema.owner);
        comments += count_comment(schema.comment);
    }
    // Extension comments come from control files, so they are not counted.
    for (const auto& [key, type] : model.enums) comments += count_comment(type.comment);
    for (const auto& [key, type] : model.composite_types) comments += count_comment(type.comment);
    for (const auto& [key, domain] : model.domains) comments += count_comment(domain.comment);
    for (const auto& [key, sequence] : model.sequences) {
        grants += count_grants(sequence.acl, sequence.owner);
        comments += count_comment(sequence.comment);
    }
    for (const auto& [key, table] : model.tables) {
        (table.kind == TableKind::foreign ? foreign_tables : tables) += 1;
        columns += table.columns.size();
        constraints += table.constraints.size();
        policies += table.policies.size();
        triggers += table.triggers.size();
        if (table.rls_enabled) ++rls_tables;
        grants += count_grants(table.acl, table.owner);
        comments += count_comment(table.comment);
        for (const Column& column : table.columns) {
            // Identity columns own an implicit sequence, which the catalog lists as a relation.
            if (column.identity) ++sequences;
            grants += count_grants(column.acl, table.owner);
            comments += count_comment(column.comment);
        }
        for (const auto& [name, constraint] : table.constraints) comments += count_comment(constraint.comment);
        for (const auto& [name, policy] : table.policies) comments += count_comment(policy.comment);
        for (const auto& [name, trigger] : table.triggers) comments += count_comment(trigger.comment);
    }
    for (const auto& [key, view] : model.views) {
        (view.materialized ? materialized_views : views) += 1;
        triggers += view.triggers.size();
        for (const auto& [name, trigger] : view.triggers) comments += count_comment(trigger.comment);
        grants += count_grants(view.acl, view.owner);
        comments += count_comment(view.comment);
        for (const ViewColumn& column : view.columns) comments += count_comment(column.comment);
    }
    for (const auto& [key, index] : model.indexes) comments += count_comment(index.comment);
    std::size_t publication_tables = 0, publication_schemas = 0;
    for (const auto& [name, publication] : model.publications) {
        publication_tables += publication.tables.size();
        publication_schemas += publication.schemas.size();
        comments += count_comment(publication.comment);
    }
    for (const auto& [key, function] : model.functions) {
        grants += count_grants(function.acl, function.owner);
        comments += count_comment(function.comment);
    }

    return {
        {"schemas", model.schemas.size()},
        {"extensions", model.extensions.size()},
        {"enums", model.enums.size()},
        {"domains", model.domains.size()},
        {"composite_types", model.composite_types.size()},
        {"sequences", sequences},
        {"tables", tables},
        {"foreign_tables", foreign_tables},
        {"columns", columns},
        {"constraints", constraints},
        {"indexes", model.indexes.size()},
        {"rls_tables", rls_tables},
        {"policies", policies},
        {"functions", model.functions.size()},
        {"triggers", triggers},
        {"views", views},
        {"materialized_views", materialized_views},
        {"publications", model.publications.size()},
        {"publication_tables", publication_tables},
        {"publication_schemas", publication_schemas},
        {"grants", grants},
        {"comments", comments},
        {"unmodelled", model.unmodelled.size()},
    };
}

}  // namespace pgshift
