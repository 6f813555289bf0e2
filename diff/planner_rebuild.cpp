// A table whose column order changes: only a new table has another order. It is renamed aside,
// created again in TO's order (with everything create_table gives a new table), its rows are
// copied over, and the old one is dropped.
#include <algorithm>

#include "diff/definitions.hpp"
#include "diff/planner.hpp"
#include "model/names.hpp"

namespace pgshift {

bool column_order_kept(const Table& from, const Table& to, const std::set<std::string>& readded) {
    auto kept = [&](const std::string& column) { return from.find_column(column) && to.find_column(column) && !readded.count(column); };
    std::vector<std::string> kept_from, kept_to;
    for (const Column& column : from.columns)
        if (kept(column.name)) kept_from.push_back(column.name);
    bool added_seen = false;
    for (const Column& column : to.columns) {
        if (!kept(column.name)) {
            added_seen = true;
            continue;
        }
        if (added_seen) return false;  // a kept column after an added one
        kept_to.push_back(column.name);
    }
    return kept_from == kept_to;
}

bool Planner::rebuildable(const Table& from, const Table& to) const {
    auto plain = [](const Table& table) {
        return table.kind == TableKind::ordinary && table.inherits.empty() && !table.partition_of && table.partition_key.empty();
    };
    if (!plain(from) || !plain(to)) return false;
    // Children keep their parent's columns in its order: they are not rebuilt with it.
    for (const SchemaModel* model : {from_, &to_})
        for (const auto& [name, table] : model->tables)
            if (std::find(table.inherits.begin(), table.inherits.end(), from.name) != table.inherits.end() ||
                (table.partition_of && *table.partition_of == from.name))
                return false;
    return true;
}

void Planner::rebuild_table(const Table& a, const Table& b) {
    std::string name = qualified(a.name);
    QualifiedName old_name{a.name.schema, truncate_identifier(a.name.name + "__pgshift_old")};
    std::string old = qualified(old_name);
    changes_.account("table", name);
    changes_.account_members(a.name);
    recreated_tables_.insert(a.name);
    std::set<Hazard> rebuild = {Hazard::table_rebuild, Hazard::access_exclusive_lock};

    // Aside: the new table takes the names of its sequences, constraints' indexes and indexes.
    StepGraph::Node aside = node("table", name, Phase::drop, rank::table);
    std::vector<const Sequence*> owned;
    for (const auto& [sequence_name, sequence] : from_->sequences)
        if (sequence.owned_by && sequence.owned_by->table == a.name) {
            owned.push_back(&sequence);
            graph_.add(aside, statement("ALTER SEQUENCE " + qualified(sequence_name) + " OWNED BY NONE"));
        }
    // Its foreign keys go first: the keys they reference may be set aside too.
    for (const auto& [constraint_name, constraint] : a.constraints)
        if (constraint.type == ConstraintType::foreign_key)
            graph_.add(node("constraint", name + "." + quote_ident(constraint_name), Phase::drop, rank::foreign_key),
                       locking("ALTER TABLE " + name + " DROP CONSTRAINT " + quote_ident(constraint_name)));
    graph_.add(aside, locking("ALTER TABLE " + name + " RENAME TO " + quote_ident(old_name.name), rebuild));
    for (const auto& [constraint_name, constraint] : a.constraints)
        if (constraint.type == ConstraintType::primary_key || constraint.type == ConstraintType::unique ||
            constraint.type == ConstraintType::exclusion)
            graph_.add(aside, locking("ALTER TABLE " + old + " DROP CONSTRAINT " + quote_ident(constraint_name)));
    for (const auto& [index_name, index] : from_->indexes)
        if (index_name.schema == a.name.schema && index.table == a.name.name && index.constraint.empty())
            graph_.add(aside, locking("DROP INDEX " + qualified(index_name)));
    for (const Column& column : a.columns)
        if (column.identity) graph_.add(aside, locking("ALTER TABLE " + old + " ALTER COLUMN " + quote_ident(column.name) + " DROP IDENTITY"));

    create_table(b);
    StepGraph::Node created = node("table", name, Phase::create, rank::table);
    graph_.before(aside, created);
    // The rows, before its constraints, triggers and policies exist (they are nodes after it).
    std::string columns;
    bool identity_always = false;
    for (const Column& column : b.columns)
        if (const Column* before = a.find_column(column.name); before && column.generated_expr.empty()) {
            columns += (columns.empty() ? "" : ", ") + quote_ident(column.name);
            identity_always = identity_always || column.identity == 'a';
        }
    std::set<Hazard> copy = rebuild;
    if (a.columns.size() > 0 && std::any_of(a.columns.begin(), a.columns.end(), [&](const Column& c) { return !b.find_column(c.name); }))
        copy.insert(Hazard::deletes_data);
    if (!columns.empty())
        graph_.add(created, statement("INSERT INTO " + name + " (" + columns + ")" + (identity_always ? " OVERRIDING SYSTEM VALUE" : "") +
                                          " SELECT " + columns + " FROM " + old,
                                      copy));
    // An identity continues after the highest value copied.
    for (const Column& column : b.columns)
        if (column.identity && a.find_column(column.name))
            graph_.add(created, statement("SELECT setval(pg_get_serial_sequence(" + quote_literal(name) + ", " + quote_literal(column.name) +
                                          "), max(" + quote_ident(column.name) + ")) FROM " + old));

    StepGraph::Node cleanup = graph_.node("table " + name, Phase::create, rank::cleanup);
    graph_.before(created, cleanup);
    graph_.add(cleanup, locking("DROP TABLE " + old));
    for (const Sequence* sequence : owned) {
        auto kept = to_.sequences.find(sequence->name);
        if (kept == to_.sequences.end() || !kept->second.owned_by || kept->second.owned_by->table != a.name ||
            kept->second.owned_by->column != sequence->owned_by->column || !b.find_column(sequence->owned_by->column))
            continue;
        graph_.add(cleanup, statement("ALTER SEQUENCE " + qualified(sequence->name) + " OWNED BY " + name + "." +
                                      quote_ident(sequence->owned_by->column)));
    }
}

}  // namespace pgshift
