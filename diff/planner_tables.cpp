// Tables and what belongs to them: columns, constraints, indexes, policies, RLS, triggers.
#include <algorithm>

#include "diff/definitions.hpp"
#include "diff/planner.hpp"
#include "model/acl.hpp"
#include "model/names.hpp"

namespace pgshift {
namespace {

// The length in "character varying(20)", or -1 without one; "" when `type` is not that base.
int type_length(const std::string& type, const std::string& base) {
    if (type == base) return -1;
    if (type.rfind(base + "(", 0) != 0) return -2;
    return std::atoi(type.c_str() + base.size() + 1);
}

struct TypeChange {
    bool rewrite = true;
    bool lossy = true;
};

// What changing a column's type does to its rows. Unknown changes are assumed to rewrite and lose.
TypeChange type_change(const std::string& from, const std::string& to) {
    for (const char* base : {"character varying", "character", "bit varying", "numeric"}) {
        int a = type_length(from, base), b = type_length(to, base);
        if (a == -2 || b == -2) continue;
        bool widened = b == -1 || (a != -1 && b >= a);
        if (std::string(base) == "numeric" && a != -1 && b != -1) {
            // numeric(p,s): a larger precision with the same scale is binary compatible.
            auto scale = [](const std::string& type) { auto comma = type.find(','); return comma == std::string::npos ? 0 : std::atoi(type.c_str() + comma + 1); };
            widened = b >= a && scale(from) == scale(to);
        }
        return {!widened || std::string(base) == "character", !widened};
    }
    if ((from.rfind("character varying", 0) == 0 || from == "text") && (to == "text" || to == "character varying")) return {false, false};
    static const std::vector<std::pair<std::string, std::string>> widenings = {
        {"smallint", "integer"}, {"smallint", "bigint"}, {"integer", "bigint"}, {"real", "double precision"},
        {"smallint", "numeric"}, {"integer", "numeric"}, {"bigint", "numeric"}, {"character varying", "text"},
        {"timestamp without time zone", "timestamp with time zone"}, {"json", "jsonb"}, {"character", "text"}};
    for (const auto& [a, b] : widenings)
        if (from == a && to == b) return {true, false};
    return {};
}

Acl table_acl(const Table& table) { return table.acl ? *table.acl : default_acl(acl_object::table, table.owner); }

// A column's privileges once its table's changed from `table_had` to `table_has`: REVOKE of a
// table privilege revokes it on every column as well, and REVOKE GRANT OPTION FOR the columns'
// grant option (ExecGrant_Relation, per the SQL standard).
Acl column_acl_after_table_change(Acl column, const Acl& table_had, const Acl& table_has) {
    // 0: not granted, 1: granted, 2: granted with grant option.
    auto state = [](const Acl& acl, const std::string& grantee, char letter) {
        auto found = acl.find(grantee);
        if (found == acl.end()) return 0;
        std::size_t at = found->second.find(letter);
        if (at == std::string::npos) return 0;
        return at + 1 < found->second.size() && found->second[at + 1] == '*' ? 2 : 1;
    };
    for (auto entry = column.begin(); entry != column.end();) {
        const std::string& letters = entry->second;
        std::string kept;
        for (std::size_t i = 0; i < letters.size(); ++i) {
            if (letters[i] == '*') continue;
            int before = state(table_had, entry->first, letters[i]), after = state(table_has, entry->first, letters[i]);
            if (before > 0 && after == 0) continue;
            kept += letters[i];
            bool option = i + 1 < letters.size() && letters[i + 1] == '*';
            if (option && !(before == 2 && after == 1)) kept += '*';
        }
        if (kept.empty()) {
            entry = column.erase(entry);
        } else {
            entry->second = kept;
            ++entry;
        }
    }
    return column;
}

bool same_definition(const Trigger& a, const Trigger& b) {
    return a.timing == b.timing && a.events == b.events && a.update_columns == b.update_columns && a.for_each_row == b.for_each_row &&
           a.when_expr == b.when_expr && a.function == b.function && a.arguments == b.arguments &&
           a.constraint_trigger == b.constraint_trigger && a.deferrable == b.deferrable && a.initially_deferred == b.initially_deferred &&
           a.old_table == b.old_table && a.new_table == b.new_table;
}

bool same_definition(const Index& a, const Index& b) {
    auto keys = [](const Index& index) {
        std::vector<std::tuple<std::string, std::string, std::string, std::string, bool, bool>> result;
        for (const IndexKey& key : index.keys)
            result.emplace_back(key.column, key.expression, key.collation, key.opclass, key.descending, key.nulls_first);
        return result;
    };
    return a.table == b.table && a.method == b.method && a.unique == b.unique && a.nulls_not_distinct == b.nulls_not_distinct &&
           keys(a) == keys(b) && a.include == b.include && a.predicate == b.predicate && a.options == b.options;
}

bool same_definition(const SchemaModel& model_a, const Table& table_a, const Constraint& a, const SchemaModel& model_b,
                     const Table& table_b, const Constraint& b) {
    bool same = a.type == b.type && a.columns == b.columns && a.referenced_table == b.referenced_table &&
                a.referenced_columns == b.referenced_columns && a.on_update == b.on_update && a.on_delete == b.on_delete &&
                a.match_type == b.match_type && a.deferrable == b.deferrable && a.initially_deferred == b.initially_deferred &&
                a.no_inherit == b.no_inherit && a.expression == b.expression && a.nulls_not_distinct == b.nulls_not_distinct;
    if (!same || a.type == ConstraintType::check || a.type == ConstraintType::foreign_key) return same;
    const Index* index_a = constraint_index(model_a, table_a.name, a.name);
    const Index* index_b = constraint_index(model_b, table_b.name, b.name);
    if (!index_a || !index_b) return index_a == index_b;
    Index x = *index_a, y = *index_b;
    x.name = y.name, x.constraint = y.constraint, x.comment = y.comment;
    return same_definition(x, y);
}

// A CHECK constraint a child gets from its parent: created with the parent's, not on its own.
bool inherited_check(const SchemaModel& model, const Table& table, const Constraint& constraint) {
    if (constraint.type != ConstraintType::check) return false;
    std::vector<QualifiedName> parents = table.inherits;
    if (table.partition_of) parents.push_back(*table.partition_of);
    for (const QualifiedName& parent : parents) {
        auto found = model.tables.find(parent);
        if (found != model.tables.end() && found->second.constraints.count(constraint.name)) return true;
    }
    return false;
}

const char* trigger_enable(char enabled) {
    switch (enabled) {
        case 'D': return " DISABLE TRIGGER ";
        case 'R': return " ENABLE REPLICA TRIGGER ";
        case 'A': return " ENABLE ALWAYS TRIGGER ";
        default: return " ENABLE TRIGGER ";
    }
}

// A generation expression cannot change in place (PostgreSQL 15): the column is dropped and added.
bool column_rebuilt(const Column& a, const Column& b) { return a.generated_expr != b.generated_expr && !b.generated_expr.empty(); }

}  // namespace

void Planner::find_rebuilt_columns() {
    for (const auto& [name, table] : to_.tables) {
        auto before = from_->tables.find(name);
        if (before == from_->tables.end() || managed(name.schema)) continue;
        for (const Column& column : table.columns)
            if (const Column* old = before->second.find_column(column.name); old && column_rebuilt(*old, column))
                rebuilt_columns_[name].insert(column.name);
    }
}

bool Planner::reads_rebuilt_column(const QualifiedName& table, const std::vector<std::string>& columns,
                                   std::initializer_list<const std::string*> expressions) const {
    auto rebuilt = rebuilt_columns_.find(table);
    if (rebuilt == rebuilt_columns_.end()) return false;
    for (const std::string& column : rebuilt->second) {
        if (std::find(columns.begin(), columns.end(), column) != columns.end()) return true;
        if (options_.facts)
            for (const std::string* expression : expressions)
                if (!expression->empty() && options_.facts->uses_column(*expression, column)) return true;
    }
    return false;
}

void Planner::plan_tables() {
    find_rebuilt_columns();
    auto kind_changes = [](const Table& a, const Table& b) {
        return a.kind != b.kind || a.partition_key != b.partition_key || a.partition_of != b.partition_of;
    };
    for (const auto& [name, table] : to_.tables) {
        auto before = from_->tables.find(name);
        if (before == from_->tables.end() || managed(name.schema) || kind_changes(before->second, table)) continue;
        // A column dropped and added again goes last: elsewhere, only a rebuild keeps its place.
        std::set<std::string> readded;
        for (const Column& column : table.columns)
            if (const Column* old = before->second.find_column(column.name); old && column_rebuilt(*old, column)) readded.insert(column.name);
        if (!column_order_kept(before->second, table, readded) && rebuildable(before->second, table)) reordered_tables_.insert(name);
    }
    // Keys (primary and unique) dropped or rebuilt: foreign keys that reference them are rebuilt too.
    std::set<std::pair<QualifiedName, std::vector<std::string>>> rebuilt_keys;
    for (const auto& [name, table] : from_->tables) {
        auto after = to_.tables.find(name);
        if (reordered_tables_.count(name))
            for (const auto& [constraint_name, constraint] : table.constraints)
                if (constraint.type == ConstraintType::primary_key || constraint.type == ConstraintType::unique)
                    rebuilt_keys.insert({name, constraint.columns});
        for (const auto& [constraint_name, constraint] : table.constraints) {
            if (constraint.type != ConstraintType::primary_key && constraint.type != ConstraintType::unique) continue;
            const Constraint* kept = nullptr;
            if (after != to_.tables.end())
                if (auto found = after->second.constraints.find(constraint_name); found != after->second.constraints.end()) kept = &found->second;
            if (!kept || !same_definition(*from_, table, constraint, to_, after->second, *kept) ||
                reads_rebuilt_column(name, constraint.columns, {}))
                rebuilt_keys.insert({name, constraint.columns});
        }
    }
    rebuilt_keys_ = std::move(rebuilt_keys);

    auto drop_table = [&](const Table& table) {
        account("table", qualified(table.name));
        StepGraph::Node step = node("table", qualified(table.name), Phase::drop, rank::table);
        // A foreign table's rows live on its server: dropping it deletes none.
        bool foreign = table.kind == TableKind::foreign;
        graph_.add(step, locking(std::string(foreign ? "DROP FOREIGN TABLE " : "DROP TABLE ") + qualified(table.name),
                                 foreign ? std::set<Hazard>{} : std::set<Hazard>{Hazard::deletes_data}));
        // Children go first: inheritance parents cannot be dropped while they have them.
        std::vector<QualifiedName> parents = table.inherits;
        if (table.partition_of) parents.push_back(*table.partition_of);
        for (const QualifiedName& parent : parents) graph_.before(step, node("table", qualified(parent), Phase::drop, rank::table));
        // Foreign keys between tables that both go are dropped first: the tables may then go in any order.
        for (const auto& [constraint_name, constraint] : table.constraints)
            if (constraint.type == ConstraintType::foreign_key && constraint.referenced_table != table.name &&
                (!to_.tables.count(constraint.referenced_table) || recreated_tables_.count(constraint.referenced_table)))
                graph_.add(node("constraint", qualified(table.name) + "." + quote_ident(constraint_name), Phase::drop, rank::foreign_key),
                           locking("ALTER TABLE " + qualified(table.name) + " DROP CONSTRAINT " + quote_ident(constraint_name)));
    };
    each_pair(&from_->tables, to_.tables,
        [&](const Table& table) {
            if (!managed(table.name.schema)) drop_table(table);
        },
        [&](const Table& table) {
            if (!managed(table.name.schema)) create_table(table);
        },
        [&](const Table& a, const Table& b) {
            if (managed(a.name.schema)) {
                plan_platform_table(a, b);
                return;
            }
            // A partition's bound is not compared (the catalog prints its values in the key column's
            // type), so it is never a reason to drop a partition and its rows, nor a note check would not make.
            bool rebuilt = kind_changes(a, b);
            if (reordered_tables_.count(a.name)) {
                rebuild_table(a, b);
            } else if (rebuilt) {
                changes_.account_members(a.name);
                recreated_tables_.insert(a.name);
                drop_table(a);
                create_table(b);
                graph_.before(node("table", qualified(a.name), Phase::drop, rank::table), node("table", qualified(b.name), Phase::create, rank::table));
            } else {
                alter_table(a, b);
            }
        });
}

void Planner::create_table(const Table& table) {
    std::string name = qualified(table.name);
    account("table", name);
    StepGraph::Node step = node("table", name, Phase::create, rank::table);
    graph_.before(node("schema", quote_ident(table.name.schema), Phase::create, rank::schema), step);
    std::vector<QualifiedName> parents = table.inherits;
    if (table.partition_of) parents.push_back(*table.partition_of);
    for (const QualifiedName& parent : parents) after_table(parent, step);
    graph_.add(step, statement(create_table_sql(to_, table)));
    const char* keyword = table.kind == TableKind::foreign ? "FOREIGN TABLE" : "TABLE";
    ownership(step, keyword, name, acl_object::table, table.name.schema, false, "", std::nullopt, table.owner, table.acl);
    comment(step, keyword, name, "", table.comment);
    for (const Column& column : table.columns) {
        after_functions_called(column.default_expr, step);
        after_functions_called(column.generated_expr, step);
        std::string target = name + "." + quote_ident(column.name);
        comment(step, "COLUMN", target, "", column.comment);
        if (column.acl)
            for (std::string& sql : acl_change_sql({}, *column.acl, "TABLE " + name, column.name)) graph_.add(step, statement(std::move(sql)));
    }
    plan_constraints(nullptr, table, false);
    plan_policies(nullptr, table);
    plan_row_security(nullptr, table);
    plan_triggers(table.name, nullptr, table.triggers, "table " + name);
}

void Planner::alter_table(const Table& a, const Table& b) {
    std::string name = qualified(a.name);
    std::string alter = "ALTER TABLE " + name;
    StepGraph::Node step = node("table", name, Phase::create, rank::table_alter);
    changes_.account("table", name, {"unlogged", "options", "foreign options", "inherits", "owner", "privileges", "comment",
                                     "row level security", "forced row level security"});
    if (a.unlogged != b.unlogged)
        graph_.add(step, locking(alter + (b.unlogged ? " SET UNLOGGED" : " SET LOGGED"), {Hazard::table_rewrite, Hazard::access_exclusive_lock}));
    if (a.options != b.options) {
        std::vector<std::string> reset;
        for (const std::string& option : a.options) {
            std::string key = option.substr(0, option.find('='));
            if (std::none_of(b.options.begin(), b.options.end(), [&](const std::string& o) { return o.substr(0, o.find('=')) == key; }))
                reset.push_back(key);
        }
        std::string keys;
        for (const std::string& key : reset) keys += (keys.empty() ? "" : ", ") + key;
        if (!reset.empty()) graph_.add(step, locking(alter + " RESET (" + keys + ")"));
        if (!b.options.empty()) {
            Table options_only;
            options_only.options = b.options;
            std::string with = create_table_sql(to_, options_only);
            graph_.add(step, locking(alter + " SET" + with.substr(with.find(" WITH ") + 5)));
        }
    }
    std::string foreign_options = generic_options_sql(a.foreign_options, b.foreign_options);
    if (!foreign_options.empty()) graph_.add(step, locking("ALTER FOREIGN TABLE " + name + " " + foreign_options));
    for (const QualifiedName& parent : a.inherits)
        if (std::find(b.inherits.begin(), b.inherits.end(), parent) == b.inherits.end())
            graph_.add(step, locking(alter + " NO INHERIT " + qualified(parent)));
    for (const QualifiedName& parent : b.inherits)
        if (std::find(a.inherits.begin(), a.inherits.end(), parent) == a.inherits.end()) {
            after_table(parent, step);
            graph_.add(step, locking(alter + " INHERIT " + qualified(parent)));
        }

    // The table's privileges before its columns': REVOKE of a table privilege takes it from every
    // column too, so column grants go after it (alter_column plans them from what it leaves).
    const char* keyword = a.kind == TableKind::foreign ? "FOREIGN TABLE" : "TABLE";
    ownership(step, keyword, name, acl_object::table, a.name.schema, true, a.owner, a.acl, b.owner, b.acl);

    // Columns: added ones come last, as ADD COLUMN puts them; a different order is left as a note.
    std::vector<std::string> kept_a, kept_b;
    for (const Column& column : a.columns)
        if (b.find_column(column.name)) kept_a.push_back(column.name);
    for (const Column& column : b.columns)
        if (a.find_column(column.name)) kept_b.push_back(column.name);
    bool added_seen = false, order_kept = kept_a == kept_b;
    for (const Column& column : b.columns) {
        after_functions_called(column.default_expr, step);
        after_functions_called(column.generated_expr, step);
        const Column* before = a.find_column(column.name);
        account_member("column", a.name, column.name);
        if (before) {
            order_kept = order_kept && !added_seen;
            alter_column(b, *before, column, step);
            continue;
        }
        added_seen = true;
        // Filling existing rows from a volatile default or an identity rewrites the table.
        bool fills = !column.generated_expr.empty() || column.identity ||
                     column.default_expr.find("nextval(") != std::string::npos || column.default_expr.find("random") != std::string::npos ||
                     column.default_expr.find("uuid") != std::string::npos || column.default_expr.find("clock_timestamp") != std::string::npos;
        std::set<Hazard> hazards;
        if (fills) hazards = {Hazard::table_rewrite, Hazard::access_exclusive_lock};
        graph_.add(step, locking(alter + " ADD COLUMN " + column_definition(to_, b, column), hazards));
        std::string target = name + "." + quote_ident(column.name);
        comment(step, "COLUMN", target, "", column.comment);
        if (column.acl)
            for (std::string& sql : acl_change_sql({}, *column.acl, "TABLE " + name, column.name))
                graph_.add(step, statement(std::move(sql), {Hazard::authz_weakened}));
    }
    // Kept columns in their order and added ones last give TO's order, or the note says it does not.
    changes_.account("table", name, {"column order"});
    if (!order_kept) {
        notes_.push_back("the column order of " + name + " differs; only rebuilding the table changes it, which this plan does not do for a table with inheritance or partitions");
    }
    for (const Column& column : a.columns) {
        if (b.find_column(column.name)) continue;
        account_member("column", a.name, column.name);
        retyped_columns_[a.name].insert(column.name);
        std::set<Hazard> hazards{Hazard::access_exclusive_lock};
        if (a.kind != TableKind::foreign) hazards.insert(Hazard::deletes_data);
        graph_.add(step, locking(alter + " DROP COLUMN " + quote_ident(column.name), hazards));
    }
    comment(step, keyword, name, a.comment, b.comment);
    plan_constraints(&a, b, true);
    plan_policies(&a, b);
    plan_row_security(&a, b);
    plan_triggers(a.name, &a.triggers, b.triggers, "table " + name);
}

void Planner::plan_platform_table(const Table& a, const Table& b) {
    // The platform's table is never created, dropped or altered: what users add to it is planned.
    std::string name = qualified(a.name);
    StepGraph::Node step = node("table", name, Phase::create, rank::table_alter);
    account("table", name);
    ownership(step, "TABLE", name, acl_object::table, a.name.schema, true, a.owner, a.acl, "", b.acl);
    comment(step, "TABLE", name, a.comment, b.comment);
    for (const Column& column : b.columns) {
        const Column* before = a.find_column(column.name);
        if (!before) continue;
        account_member("column", a.name, column.name);
        std::string target = name + "." + quote_ident(column.name);
        comment(step, "COLUMN", target, before->comment, column.comment);
        Acl had = before->acl.value_or(Acl{}), has = column.acl.value_or(Acl{});
        for (std::string& sql : acl_change_sql(had, has, "TABLE " + name, column.name))
            graph_.add(step, statement(std::move(sql), sql.rfind("GRANT", 0) == 0 ? std::set<Hazard>{Hazard::authz_weakened} : std::set<Hazard>{}));
    }
    plan_policies(&a, b);
    plan_row_security(&a, b);
    plan_triggers(a.name, &a.triggers, b.triggers, "table " + name);
}

void Planner::alter_column(const Table& table, const Column& a, const Column& b, StepGraph::Node step) {
    std::string table_name = qualified(table.name);
    std::string alter = "ALTER TABLE " + table_name;
    std::string prefix = alter + " ALTER COLUMN " + quote_ident(b.name);
    std::string column_default = b.default_expr.empty() ? "" : expression_sql(to_, table.name, b.name, "default", b.default_expr);
    if (a.generated_expr != b.generated_expr) {
        if (!column_rebuilt(a, b)) {
            // Generated -> plain keeps the values.
            graph_.add(step, locking(prefix + " DROP EXPRESSION"));
        } else {
            // A generation expression cannot change in place (PostgreSQL 15): the column is rebuilt.
            retyped_columns_[table.name].insert(b.name);
            graph_.add(step, locking(alter + " DROP COLUMN " + quote_ident(b.name),
                                     {Hazard::access_exclusive_lock, a.generated_expr.empty() ? Hazard::deletes_data : Hazard::table_rewrite}));
            graph_.add(step, locking(alter + " ADD COLUMN " + column_definition(to_, table, b), {Hazard::table_rewrite, Hazard::access_exclusive_lock}));
            comment(step, "COLUMN", table_name + "." + quote_ident(b.name), "", b.comment);
            return;
        }
    }
    bool retype = a.type != b.type || a.collation != b.collation;
    bool default_changes = a.default_expr != b.default_expr;
    if (a.identity && a.identity != b.identity && !b.identity) graph_.add(step, locking(prefix + " DROP IDENTITY"));
    // A default goes before a type change (it may not cast) and before an identity takes its place.
    if ((retype || (b.identity && !a.identity)) && !a.default_expr.empty()) {
        graph_.add(step, locking(prefix + " DROP DEFAULT"));
        default_changes = !b.default_expr.empty();
    }
    if (retype) {
        retyped_columns_[table.name].insert(b.name);
        TypeChange change = a.type == b.type ? TypeChange{false, false} : type_change(a.type, b.type);
        std::set<Hazard> hazards = {Hazard::access_exclusive_lock};
        if (change.rewrite) hazards.insert(Hazard::table_rewrite);
        if (change.lossy) hazards.insert(Hazard::deletes_data);
        graph_.add(step, locking(prefix + " TYPE " + b.type + (b.collation.empty() ? "" : " COLLATE " + collation_sql(b.collation)) +
                                     " USING " + quote_ident(b.name) + "::" + b.type,
                                 hazards));
    }
    if (default_changes)
        graph_.add(step, locking(b.default_expr.empty() ? prefix + " DROP DEFAULT" : prefix + " SET DEFAULT " + column_default));
    if (b.identity && !a.identity)
        graph_.add(step, locking(prefix + " ADD GENERATED " + (b.identity == 'a' ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY"));
    else if (b.identity && a.identity != b.identity)
        graph_.add(step, locking(prefix + " SET GENERATED " + (b.identity == 'a' ? "ALWAYS" : "BY DEFAULT")));
    if (a.not_null && !b.not_null) graph_.add(step, locking(prefix + " DROP NOT NULL"));
    if (!a.not_null && b.not_null) {
        if (options_.online) {
            // A validated CHECK lets SET NOT NULL skip its scan under the exclusive lock.
            std::string check = quote_ident(truncate_identifier(table.name.name + "_" + b.name + "_not_null"));
            graph_.add(step, locking(alter + " ADD CONSTRAINT " + check + " CHECK (" + quote_ident(b.name) + " IS NOT NULL) NOT VALID"));
            graph_.add(step, locking(alter + " VALIDATE CONSTRAINT " + check));
            graph_.add(step, locking(prefix + " SET NOT NULL"));
            graph_.add(step, locking(alter + " DROP CONSTRAINT " + check));
        } else {
            graph_.add(step, locking(prefix + " SET NOT NULL", {Hazard::access_exclusive_lock}));
        }
    }
    std::string foreign_options = generic_options_sql(a.foreign_options, b.foreign_options);
    if (!foreign_options.empty())
        graph_.add(step, locking("ALTER FOREIGN TABLE " + table_name + " ALTER COLUMN " + quote_ident(b.name) + " " + foreign_options));
    std::string target = table_name + "." + quote_ident(b.name);
    comment(step, "COLUMN", target, a.comment, b.comment);
    Acl had = a.acl.value_or(Acl{}), has = b.acl.value_or(Acl{});
    if (auto before = from_->tables.find(table.name); before != from_->tables.end())
        had = column_acl_after_table_change(had, table_acl(before->second), table_acl(table));
    for (std::string& sql : acl_change_sql(had, has, "TABLE " + table_name, b.name))
        graph_.add(step, statement(std::move(sql), sql.rfind("GRANT", 0) == 0 ? std::set<Hazard>{Hazard::authz_weakened} : std::set<Hazard>{}));
}

void Planner::plan_constraints(const Table* from, const Table& to, bool table_existed) {
    std::string table_name = qualified(to.name);
    std::string alter = "ALTER TABLE " + table_name;
    auto constraint_node = [&](const Constraint& constraint, Phase phase) {
        return node("constraint", table_name + "." + quote_ident(constraint.name), phase,
                    constraint.type == ConstraintType::foreign_key ? rank::foreign_key : rank::key_constraint);
    };
    auto add = [&](const Constraint& constraint) {
        account_member("constraint", to.name, constraint.name);
        if (inherited_check(to_, to, constraint)) return;
        StepGraph::Node step = constraint_node(constraint, Phase::create);
        after_table(to.name, step);
        if (constraint.type == ConstraintType::check) after_functions_called(constraint.expression, step);
        std::string name = quote_ident(constraint.name);
        bool key = constraint.type == ConstraintType::primary_key || constraint.type == ConstraintType::unique;
        bool later_validation = table_existed && options_.online && constraint.validated &&
                                (constraint.type == ConstraintType::foreign_key || constraint.type == ConstraintType::check);
        if (constraint.type == ConstraintType::foreign_key) {
            after_table(constraint.referenced_table, step);
            graph_.before(node("table", qualified(constraint.referenced_table), Phase::create, rank::table), step);
        }
        const Index* index = constraint_index(to_, to.name, constraint.name);
        if (key && table_existed && options_.online && index && to.kind != TableKind::partitioned) {
            // Built without blocking writes, then attached: the constraint takes the index's name.
            Index build = *index;
            build.constraint.clear();
            Statement create = statement(create_index_sql(to_, build, true), {Hazard::index_build});
            create.transactional = false;
            graph_.add(step, create);
            graph_.add(step, locking(alter + " ADD CONSTRAINT " + name + (constraint.type == ConstraintType::primary_key ? " PRIMARY KEY" : " UNIQUE") +
                                     " USING INDEX " + quote_ident(index->name.name) +
                                     (constraint.deferrable ? (constraint.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE") : "")));
        } else {
            std::set<Hazard> hazards;
            if (table_existed && (key || constraint.type == ConstraintType::exclusion)) hazards = {Hazard::index_build, Hazard::access_exclusive_lock};
            if (table_existed && !later_validation && constraint.validated &&
                (constraint.type == ConstraintType::foreign_key || constraint.type == ConstraintType::check))
                hazards = {Hazard::access_exclusive_lock};
            bool not_valid = !constraint.validated || later_validation;
            std::string sql = alter + " ADD CONSTRAINT " + name + " " + constraint_definition(to_, to, constraint) + (not_valid ? " NOT VALID" : "");
            graph_.add(step, table_existed ? locking(sql, hazards) : statement(sql, hazards));
            if (later_validation) graph_.add(step, statement(alter + " VALIDATE CONSTRAINT " + name));
        }
        comment(step, "CONSTRAINT", name + " ON " + table_name, "", constraint.comment);
    };
    auto drop = [&](const Constraint& constraint) {
        account_member("constraint", from->name, constraint.name);
        if (inherited_check(*from_, *from, constraint)) return;
        graph_.add(constraint_node(constraint, Phase::drop), locking(alter + " DROP CONSTRAINT " + quote_ident(constraint.name)));
    };
    each_pair(from ? &from->constraints : nullptr, to.constraints, drop, add, [&](const Constraint& a, const Constraint& b) {
        bool references_rebuilt_key = b.type == ConstraintType::foreign_key && rebuilt_keys_.count({b.referenced_table, b.referenced_columns});
        if (!same_definition(*from_, *from, a, to_, to, b) || references_rebuilt_key || (a.validated && !b.validated) ||
            reads_rebuilt_column(to.name, a.columns, {&a.expression})) {
            drop(a);
            graph_.before(constraint_node(a, Phase::drop), constraint_node(b, Phase::create));
            add(b);
            return;
        }
        account_member("constraint", to.name, b.name);
        StepGraph::Node step = constraint_node(b, Phase::create);
        if (!a.validated && b.validated) graph_.add(step, locking(alter + " VALIDATE CONSTRAINT " + quote_ident(b.name)));
        comment(step, "CONSTRAINT", quote_ident(b.name) + " ON " + table_name, a.comment, b.comment);
    });
}

void Planner::plan_indexes() {
    auto relation_existed = [&](const QualifiedName& relation) {
        return (from_->tables.count(relation) && !recreated_tables_.count(relation)) ||
               (from_->views.count(relation) && !recreated_views_.count(relation));
    };
    auto relation_kept = [&](const QualifiedName& relation) {
        return (to_.tables.count(relation) && !recreated_tables_.count(relation)) ||
               (to_.views.count(relation) && !recreated_views_.count(relation));
    };
    auto partitioned = [&](const SchemaModel& model, const QualifiedName& relation) {
        auto table = model.tables.find(relation);
        return table != model.tables.end() && table->second.kind == TableKind::partitioned;
    };
    auto drop = [&](const Index& index) {
        QualifiedName relation{index.name.schema, index.table};
        if (!relation_kept(relation)) return;  // it goes with its table
        bool concurrently = options_.online && !partitioned(*from_, relation);
        Statement sql = locking(std::string("DROP INDEX ") + (concurrently ? "CONCURRENTLY " : "") + qualified(index.name));
        sql.transactional = !concurrently;
        graph_.add(node("index", qualified(index.name), Phase::drop, rank::index), sql);
    };
    auto create = [&](const Index& index) {
        QualifiedName relation{index.name.schema, index.table};
        StepGraph::Node step = node("index", qualified(index.name), Phase::create, rank::index);
        if (to_.views.count(relation))
            graph_.before(node("view", qualified(relation), Phase::create, rank::view), step);
        else
            after_table(relation, step);
        after_functions_called(index.predicate, step);
        for (const IndexKey& key : index.keys) after_functions_called(key.expression, step);
        bool existed = relation_existed(relation);
        bool concurrently = existed && options_.online && !partitioned(to_, relation);
        Statement sql = statement(create_index_sql(to_, index, concurrently), existed ? std::set<Hazard>{Hazard::index_build} : std::set<Hazard>{});
        sql.transactional = !concurrently;
        graph_.add(step, sql);
        comment(step, "INDEX", qualified(index.name), "", index.comment);
    };
    auto plain = [&](const Index& index) { return index.constraint.empty() && !managed(index.name.schema); };
    // A constraint's index is planned with its constraint, but for its comment.
    each_pair(&from_->indexes, to_.indexes,
        [&](const Index& index) {
            account("index", qualified(index.name));
            if (plain(index)) drop(index);
        },
        [&](const Index& index) {
            account("index", qualified(index.name));
            if (plain(index)) create(index);
        },
        [&](const Index& a, const Index& b) {
            account("index", qualified(a.name));
            if (!plain(a) || !plain(b)) {
                if (plain(a)) drop(a);
                if (plain(b)) create(b);
                if (!plain(a) && !plain(b) && !managed(b.name.schema))
                    comment(node("index", qualified(b.name), Phase::create, rank::index), "INDEX", qualified(b.name), a.comment, b.comment);
                return;
            }
            QualifiedName relation{b.name.schema, b.table};
            std::vector<std::string> columns = a.include;
            std::vector<const std::string*> expressions = {&a.predicate};
            for (const IndexKey& key : a.keys) {
                if (!key.column.empty()) columns.push_back(key.column);
                expressions.push_back(&key.expression);
            }
            bool reads_rebuilt = false;
            for (const std::string* expression : expressions) reads_rebuilt = reads_rebuilt || reads_rebuilt_column(relation, columns, {expression});
            if (!same_definition(a, b) || !relation_existed(relation) || reads_rebuilt) {
                drop(a);
                graph_.before(node("index", qualified(a.name), Phase::drop, rank::index), node("index", qualified(b.name), Phase::create, rank::index));
                create(b);
                return;
            }
            comment(node("index", qualified(b.name), Phase::create, rank::index), "INDEX", qualified(b.name), a.comment, b.comment);
        });
}

void Planner::plan_policies(const Table* from, const Table& to) {
    std::string table_name = qualified(to.name);
    auto policy_node = [&](const Policy& policy, Phase phase) {
        return node("policy", table_name + "." + quote_ident(policy.name), phase, rank::policy);
    };
    auto target = [&](const Policy& policy) { return quote_ident(policy.name) + " ON " + table_name; };
    auto create = [&](const Policy& policy, bool weakens) {
        StepGraph::Node step = policy_node(policy, Phase::create);
        after_table(to.name, step);
        after_functions_called(policy.using_expr, step);
        after_functions_called(policy.with_check_expr, step);
        std::set<Hazard> hazards = weakens ? std::set<Hazard>{Hazard::authz_weakened} : std::set<Hazard>{};
        graph_.add(step, from ? locking(create_policy_sql(to_, to.name, policy), hazards) : statement(create_policy_sql(to_, to.name, policy)));
        comment(step, "POLICY", target(policy), "", policy.comment);
    };
    // Permissive policies are OR-ed: a new one on a table whose rows RLS already guards lets more
    // rows through. (Under RLS that is turned on now, or a restrictive policy, access narrows.)
    bool guarded = from && from->rls_enabled;
    auto drop = [&](const Policy& policy, bool weakens) {
        graph_.add(policy_node(policy, Phase::drop), locking("DROP POLICY " + target(policy),
                                                             weakens ? std::set<Hazard>{Hazard::authz_weakened} : std::set<Hazard>{}));
    };
    // Whether a policy reads a column whose type changes, or calls a function created again.
    auto depends_on_change = [&](const Policy& policy) {
        if (!options_.facts) return false;
        auto retyped = retyped_columns_.find(to.name);
        for (const std::string* expression : {&policy.using_expr, &policy.with_check_expr}) {
            if (retyped != retyped_columns_.end())
                for (const std::string& column : retyped->second)
                    if (options_.facts->uses_column(*expression, column)) return true;
            if (!recreated_functions_.empty())
                for (const QualifiedName& function : options_.facts->functions_called(*expression))
                    if (recreated_functions_.count(function)) return true;
        }
        return false;
    };
    each_pair(from ? &from->policies : nullptr, to.policies,
        [&](const Policy& policy) {
            account_member("policy", to.name, policy.name);
            drop(policy, true);
        },
        [&](const Policy& policy) {
            account_member("policy", to.name, policy.name);
            create(policy, guarded && policy.permissive);
        },
        [&](const Policy& a, const Policy& b) {
            account_member("policy", to.name, a.name);
            bool roles_widened = std::any_of(b.roles.begin(), b.roles.end(), [&](const std::string& role) {
                return std::find(a.roles.begin(), a.roles.end(), role) == a.roles.end();
            });
            bool loosened = roles_widened || (!a.permissive && b.permissive) || a.using_expr != b.using_expr ||
                            a.with_check_expr != b.with_check_expr || (a.command != b.command && b.command == "ALL");
            bool rebuild = a.command != b.command || a.permissive != b.permissive || (!a.using_expr.empty() && b.using_expr.empty()) ||
                           (!a.with_check_expr.empty() && b.with_check_expr.empty());
            if (rebuild || depends_on_change(a)) {
                drop(a, loosened);
                graph_.before(policy_node(a, Phase::drop), policy_node(b, Phase::create));
                create(b, false);  // the drop carries the hazard when the pair loosens
                return;
            }
            StepGraph::Node step = policy_node(b, Phase::create);
            std::string changes;
            if (a.roles != b.roles) changes += " TO " + policy_roles_sql(b.roles);
            if (a.using_expr != b.using_expr) changes += " USING (" + expression_sql(to_, to.name, b.name, "using", b.using_expr) + ")";
            if (a.with_check_expr != b.with_check_expr)
                changes += " WITH CHECK (" + expression_sql(to_, to.name, b.name, "with check", b.with_check_expr) + ")";
            if (!changes.empty()) {
                after_table(to.name, step);
                graph_.add(step, locking("ALTER POLICY " + target(b) + changes, loosened ? std::set<Hazard>{Hazard::authz_weakened} : std::set<Hazard>{}));
            }
            comment(step, "POLICY", target(b), a.comment, b.comment);
        });
}

void Planner::plan_row_security(const Table* from, const Table& to) {
    std::string alter = "ALTER TABLE " + qualified(to.name);
    bool enabled = from && from->rls_enabled, forced = from && from->rls_forced;
    StepGraph::Node on = node("row security", qualified(to.name), Phase::create, rank::row_security);
    StepGraph::Node off = node("row security", qualified(to.name), Phase::drop, rank::row_security);
    // On after the policies exist; off before any is dropped: never a table open without them.
    if (to.rls_enabled && !enabled) {
        after_table(to.name, on);
        graph_.add(on, from ? locking(alter + " ENABLE ROW LEVEL SECURITY") : statement(alter + " ENABLE ROW LEVEL SECURITY"));
    }
    if (to.rls_forced && !forced) {
        after_table(to.name, on);
        graph_.add(on, from ? locking(alter + " FORCE ROW LEVEL SECURITY") : statement(alter + " FORCE ROW LEVEL SECURITY"));
    }
    if (!to.rls_enabled && enabled) graph_.add(off, locking(alter + " DISABLE ROW LEVEL SECURITY", {Hazard::authz_weakened}));
    if (!to.rls_forced && forced) graph_.add(off, locking(alter + " NO FORCE ROW LEVEL SECURITY", {Hazard::authz_weakened}));
}

void Planner::plan_triggers(const QualifiedName& relation, const std::map<std::string, Trigger>* from,
                            const std::map<std::string, Trigger>& to, const std::string& relation_object) {
    std::string relation_name = qualified(relation);
    bool view = relation_object.rfind("view ", 0) == 0;
    auto trigger_node = [&](const Trigger& trigger, Phase phase) {
        return node("trigger", relation_name + "." + quote_ident(trigger.name), phase, rank::trigger);
    };
    auto target = [&](const Trigger& trigger) { return quote_ident(trigger.name) + " ON " + relation_name; };
    auto function_node = [&](const Trigger& trigger, Phase phase) { return graph_.node("function " + trigger.function + "()", phase, rank::function); };
    auto set_enabled = [&](StepGraph::Node step, const Trigger& trigger) {
        graph_.add(step, locking(std::string(view ? "ALTER VIEW " : "ALTER TABLE ") + relation_name + trigger_enable(trigger.enabled) +
                                 quote_ident(trigger.name)));
    };
    auto create = [&](const Trigger& trigger, bool or_replace) {
        StepGraph::Node step = trigger_node(trigger, Phase::create);
        if (view)
            graph_.before(graph_.node(relation_object, Phase::create, rank::view), step);
        else
            after_table(relation, step);
        graph_.before(function_node(trigger, Phase::create), step);
        std::string sql = create_trigger_sql(to_, relation, trigger, or_replace);
        graph_.add(step, from ? locking(sql) : statement(sql));
        if (trigger.enabled != 'O') set_enabled(step, trigger);
        comment(step, "TRIGGER", target(trigger), "", trigger.comment);
    };
    auto drop = [&](const Trigger& trigger) {
        StepGraph::Node step = trigger_node(trigger, Phase::drop);
        graph_.before(step, function_node(trigger, Phase::drop));
        graph_.add(step, locking("DROP TRIGGER " + target(trigger)));
    };
    auto function_recreated = [&](const Trigger& trigger) {
        for (const QualifiedName& function : recreated_functions_)
            if (qualified(function) == trigger.function) return true;
        return false;
    };
    each_pair(from, to,
        [&](const Trigger& trigger) {
            account_member("trigger", relation, trigger.name);
            drop(trigger);
        },
        [&](const Trigger& trigger) {
            account_member("trigger", relation, trigger.name);
            create(trigger, false);
        },
        [&](const Trigger& a, const Trigger& b) {
        account_member("trigger", relation, a.name);
        if (function_recreated(a) || (!same_definition(a, b) && b.constraint_trigger) ||
            reads_rebuilt_column(relation, a.update_columns, {&a.when_expr})) {
            drop(a);
            graph_.before(trigger_node(a, Phase::drop), trigger_node(b, Phase::create));
            create(b, false);
            return;
        }
        if (!same_definition(a, b)) {
            create(b, true);
            return;
        }
        StepGraph::Node step = trigger_node(b, Phase::create);
        if (a.enabled != b.enabled) set_enabled(step, b);
        comment(step, "TRIGGER", target(b), a.comment, b.comment);
    });
}

}  // namespace pgshift
