// Collations as the catalog keeps them: a column, attribute or domain stores the collation it was
// given, and the catalog (like pg_dump) names it only where it is not the type's own; an index key
// names one only where it is not its column's or its expression's.
#include <set>

#include "model/names.hpp"
#include "parser/canonical/node_helpers.hpp"
#include "parser/canonical/pg_query_tree.hpp"
#include "parser/canonical/tree_walk.hpp"
#include "parser/replay.hpp"

namespace pgshift {

std::optional<std::string> Replayer::type_collation(const std::string& type) const {
    std::string base = type;
    while (base.size() > 2 && base.compare(base.size() - 2, 2, "[]") == 0) base.resize(base.size() - 2);  // an array's is its element's
    base = base.substr(0, base.find('('));
    if (base == "text" || base == "character varying" || base == "character") return "default";
    if (base == "name") return "C";
    for (const auto& [name, domain] : model_.domains)
        if (qualified(name) == base) return domain.collation.empty() ? type_collation(domain.base_type) : domain.collation;
    for (const auto& [name, enum_type] : model_.enums)
        if (qualified(name) == base) return "";
    for (const auto& [name, composite] : model_.composite_types)
        if (qualified(name) == base) return "";
    // citext, the one collatable type extensions commonly add, takes the database's collation.
    std::size_t dot = base.rfind('.');
    if (dot != std::string::npos) return base.substr(dot + 1) == "citext" ? std::optional<std::string>("default") : std::nullopt;
    return "";  // every other built-in type has no collation
}

std::string Replayer::written_collation(const PgQuery__CollateClause* clause, const std::string& type) const {
    if (!clause) return {};
    std::string name = collation_name(clause->n_collname, clause->collname);
    return type_collation(type) == name ? std::string() : name;
}

std::optional<std::string> Replayer::column_collation(const Column& column) const {
    if (!column.collation.empty()) return column.collation;
    return type_collation(column.type);
}

void Replayer::drop_implied_key_collations(Index& index, const QualifiedName& table_name) const {
    auto table = model_.tables.find(table_name);
    if (table == model_.tables.end()) return;  // a materialized view: its columns' types are not known here
    for (IndexKey& key : index.keys) {
        if (key.collation.empty()) continue;
        std::optional<std::string> implied;
        if (!key.column.empty()) {
            if (const Column* column = table->second.find_column(key.column)) implied = column_collation(*column);
        } else {
            // assign_collations(): an expression without COLLATE inside takes the one collation of
            // the columns it reads, or the database's when none it reads has one.
            try {
                ParsedSql parsed("SELECT " + key.expression);
                std::set<std::string> collations;
                bool known = true;
                walk_nodes(parsed.statement(0).stmt, [&](const PgQuery__Node* node) {
                    if (node->node_case == PG_QUERY__NODE__NODE_COLLATE_CLAUSE) known = false;
                    if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
                        const PgQuery__ColumnRef* ref = node->column_ref;
                        const Column* column = ref->n_fields ? table->second.find_column(node_string(ref->fields[ref->n_fields - 1])) : nullptr;
                        std::optional<std::string> collation = column ? column_collation(*column) : std::nullopt;
                        if (!collation) known = false;
                        else if (!collation->empty()) collations.insert(*collation);
                    }
                    return known;
                });
                if (known && collations.size() <= 1) implied = collations.empty() ? "default" : *collations.begin();
            } catch (const std::exception&) {
            }
        }
        if (implied && *implied == key.collation) key.collation.clear();
    }
}

}  // namespace pgshift
