// Publications: created after the tables and schemas they name, dropped, or changed in place.
// A kept publication loses members in the drop phase (before its tables' columns change: a
// column in a column list or row filter cannot be dropped or retyped while published) and gains
// them once their tables and columns exist. A table the plan drops leaves its publications with
// the DROP TABLE itself.
#include <algorithm>

#include "diff/definitions.hpp"
#include "diff/planner.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

bool same_member(const PublicationTable& a, const PublicationTable& b) { return a.columns == b.columns && a.row_filter == b.row_filter; }

// "TABLE a, b, TABLES IN SCHEMA s": the objects of ALTER PUBLICATION ... ADD / DROP.
std::string publication_objects(const std::vector<std::string>& tables, const std::vector<std::string>& schemas) {
    std::vector<std::string> parts;
    if (!tables.empty()) parts.push_back("TABLE " + join(tables));
    if (!schemas.empty()) parts.push_back("TABLES IN SCHEMA " + join(schemas));
    return join(parts);
}

}  // namespace

void Planner::plan_publications() {
    auto drop_node = [&](const Publication& publication) {
        return node("publication", quote_ident(publication.name), Phase::drop, rank::publication);
    };
    auto drop = [&](const Publication& publication) {
        // Subscribers of a dropped publication stop receiving anything.
        graph_.add(drop_node(publication), statement("DROP PUBLICATION " + quote_ident(publication.name), {Hazard::replication_reduced}));
    };
    each_pair(&from_->publications, to_.publications,
        [&](const Publication& publication) {
            account("publication", quote_ident(publication.name));
            drop(publication);
        },
        [&](const Publication& publication) {
            account("publication", quote_ident(publication.name));
            create_publication(publication);
        },
        [&](const Publication& a, const Publication& b) {
            account("publication", quote_ident(a.name));
            for (const Publication* side : {&a, &b})
                for (const auto& [table, member] : side->tables) account("publication table", quote_ident(a.name) + "." + qualified(table));
            // FOR ALL TABLES is set when a publication is created, and only then.
            if (a.all_tables != b.all_tables) {
                drop(a);
                graph_.before(drop_node(a), node("publication", quote_ident(b.name), Phase::create, rank::publication));
                create_publication(b);
                return;
            }
            alter_publication(a, b);
        });
}

void Planner::create_publication(const Publication& publication) {
    std::string name = quote_ident(publication.name);
    StepGraph::Node step = node("publication", name, Phase::create, rank::publication);
    for (const std::string& schema : publication.schemas) graph_.before(node("schema", quote_ident(schema), Phase::create, rank::schema), step);
    for (const auto& [table, member] : publication.tables) after_table(table, step);
    graph_.add(step, statement(create_publication_sql(to_, publication)));
    if (!publication.owner.empty() && publication.owner != options_.role)
        graph_.add(step, statement("ALTER PUBLICATION " + name + " OWNER TO " + quote_ident(publication.owner)));
    comment(step, "PUBLICATION", name, "", publication.comment);
}

void Planner::alter_publication(const Publication& a, const Publication& b) {
    std::string name = quote_ident(a.name);
    std::string alter = "ALTER PUBLICATION " + name;
    StepGraph::Node removals = node("publication", name, Phase::drop, rank::publication);
    StepGraph::Node additions = node("publication", name, Phase::create, rank::publication);
    auto table_kept = [&](const QualifiedName& table) { return to_.tables.count(table) && !recreated_tables_.count(table); };
    // A member reading a column that is dropped or changes type goes first and comes back after.
    auto reads_changed_column = [&](const QualifiedName& table, const PublicationTable& member) {
        auto changed = retyped_columns_.find(table);
        if (changed == retyped_columns_.end()) return false;
        for (const std::string& column : changed->second) {
            if (std::find(member.columns.begin(), member.columns.end(), column) != member.columns.end()) return true;
            if (!member.row_filter.empty() && (!options_.facts || options_.facts->uses_column(member.row_filter, column))) return true;
        }
        return false;
    };

    std::vector<std::string> removed, added;
    for (const auto& [table, member] : a.tables) {
        if (!table_kept(table)) continue;  // DROP TABLE takes it out
        auto kept = b.tables.find(table);
        if (kept != b.tables.end() && same_member(member, kept->second) && !reads_changed_column(table, member)) continue;
        removed.push_back(qualified(table));
        graph_.before(removals, node("table", qualified(table), Phase::create, rank::table_alter));
    }
    std::vector<std::string> removed_schemas;
    for (const std::string& schema : a.schemas)
        if (!b.schemas.count(schema) && to_.schemas.count(schema)) removed_schemas.push_back(quote_ident(schema));
    if (!removed.empty() || !removed_schemas.empty())
        graph_.add(removals, statement(alter + " DROP " + publication_objects(removed, removed_schemas), {Hazard::replication_reduced}));

    // Options first: a partitioned table's row filter is accepted only once changes go out as the root's.
    std::vector<std::string> options;
    bool fewer_operations = (a.publish_insert && !b.publish_insert) || (a.publish_update && !b.publish_update) ||
                            (a.publish_delete && !b.publish_delete) || (a.publish_truncate && !b.publish_truncate);
    if (a.publish() != b.publish()) options.push_back("publish = " + quote_literal(b.publish()));
    // Changes of partitions go out under another table's name: subscribers of the other one stop receiving them.
    if (a.via_partition_root != b.via_partition_root)
        options.push_back(std::string("publish_via_partition_root = ") + (b.via_partition_root ? "true" : "false"));
    if (!options.empty())
        graph_.add(additions, statement(alter + " SET (" + join(options) + ")",
                                        fewer_operations || a.via_partition_root != b.via_partition_root
                                            ? std::set<Hazard>{Hazard::replication_reduced}
                                            : std::set<Hazard>{}));

    for (const auto& [table, member] : b.tables) {
        auto had = a.tables.find(table);
        bool stays = had != a.tables.end() && table_kept(table) && same_member(had->second, member) && !reads_changed_column(table, member);
        if (stays) continue;
        added.push_back(publication_table_sql(to_, b.name, table, member));
        after_table(table, additions);
    }
    std::vector<std::string> added_schemas;
    for (const std::string& schema : b.schemas)
        if (!a.schemas.count(schema)) {
            added_schemas.push_back(quote_ident(schema));
            graph_.before(node("schema", quote_ident(schema), Phase::create, rank::schema), additions);
        }
    if (!added.empty() || !added_schemas.empty()) graph_.add(additions, statement(alter + " ADD " + publication_objects(added, added_schemas)));

    if (!b.owner.empty() && a.owner != b.owner) graph_.add(additions, statement(alter + " OWNER TO " + quote_ident(b.owner)));
    comment(additions, "PUBLICATION", name, a.comment, b.comment);
}

}  // namespace pgshift
