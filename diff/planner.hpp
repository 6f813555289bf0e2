// The planner's inside: one object kind per member function, all adding steps to one graph.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "diff/changes.hpp"
#include "diff/plan.hpp"
#include "diff/step_graph.hpp"

namespace pgshift {

// Baseline ranks: kinds in the order they are created (drops run in reverse).
namespace rank {
constexpr int schema = 0, extension = 1, default_privileges = 2, enum_type = 3, domain = 4, composite = 5, sequence = 6,
              function = 7, table = 8, table_alter = 9, sequence_owner = 10, key_constraint = 11, index = 12,
              foreign_key = 13, view = 14, trigger = 15, policy = 16, row_security = 17, publication = 18, cleanup = 19,
              rename = 100;  // drop phase, highest: renames run first
}  // namespace rank

// Whether `to` grants anything `from` does not: a privilege or a grant option.
bool widens(const Acl& from, const Acl& to);

// Walks two maps in key order: `only_from`, `only_to` and `both` get the values. A null `from`
// is an empty map (an object created with all its members).
template <typename Map, typename OnlyFrom, typename OnlyTo, typename Both>
void each_pair(const Map* from, const Map& to, OnlyFrom only_from, OnlyTo only_to, Both both) {
    static const Map empty;
    if (!from) from = &empty;
    auto a = from->begin(), b = to.begin();
    while (a != from->end() || b != to.end()) {
        if (b == to.end() || (a != from->end() && a->first < b->first)) {
            only_from(a->second);
            ++a;
        } else if (a == from->end() || b->first < a->first) {
            only_to(b->second);
            ++b;
        } else {
            both(a->second, b->second);
            ++a, ++b;
        }
    }
}

// Whether ALTER TABLE gives TO's column order: kept columns in FROM's order, added ones after
// them. `readded`: columns dropped and added again, which ALTER TABLE puts last.
bool column_order_kept(const Table& from, const Table& to, const std::set<std::string>& readded = {});

class Planner {
public:
    // `changes`: the comparison to plan; null: the models' own.
    Planner(const SchemaModel& from, const SchemaModel& to, const PlanOptions& options, const std::vector<Difference>* changes = nullptr);
    Plan run();

private:
    // changes.cpp's side of the planner: the comparison checked against the models, what a
    // database settled adopted into FROM, and every change accounted for at the end.
    void take_changes();
    void account(const std::string& kind, const std::string& object) { changes_.account(kind, object); }
    void account(const std::string& kind, const std::string& object, std::initializer_list<const char*> properties) {
        changes_.account(kind, object, properties);
    }
    void account_member(const std::string& kind, const QualifiedName& relation, const std::string& member) {
        changes_.account(kind, difference_member(relation, member));
    }
    void check_accounted() const;
    SchemaModel& owned_from();  // FROM as the planner changes it (settled, renamed)

    // planner.cpp: shared helpers and the kinds without tables.
    Statement statement(std::string sql, std::set<Hazard> hazards = {}) const;
    Statement locking(std::string sql, std::set<Hazard> hazards = {}) const;  // on an existing table
    bool managed(const std::string& schema) const { return options_.managed_schemas.count(schema) > 0; }
    // Owner, comment and privileges of an object, created (`existed` false) or kept.
    void ownership(StepGraph::Node node, const std::string& keyword, const std::string& target, char acl_class,
                   const std::string& schema, bool existed, const std::string& from_owner, const std::optional<Acl>& from_acl,
                   const std::string& to_owner, const std::optional<Acl>& to_acl);
    void comment(StepGraph::Node node, const std::string& keyword, const std::string& target, const std::string& from,
                 const std::string& to);
    void apply_renames();
    StepGraph::Node schema_moved_into(const std::string& schema);
    void follow_extension_moves();  // planner_extension_moves.cpp
    void plan_schemas();
    void plan_extensions();
    void plan_default_privileges();
    void plan_enums();
    void plan_domains();
    void plan_composites();
    void plan_sequences();
    // A type replaced by a new one of the same name: its columns convert (enums, domains).
    void replace_type(StepGraph::Node create, const QualifiedName& type, const std::string& conversion);

    // planner_tables.cpp
    void plan_tables();
    void create_table(const Table& table);
    void alter_table(const Table& from, const Table& to);
    // planner_rebuild.cpp: a table created again in TO's column order, its rows copied over.
    bool rebuildable(const Table& from, const Table& to) const;
    void rebuild_table(const Table& from, const Table& to);
    // A table of a managed schema on both sides: only what users add to it.
    void plan_platform_table(const Table& from, const Table& to);
    void alter_column(const Table& table, const Column& from, const Column& to, StepGraph::Node node);
    void plan_constraints(const Table* from, const Table& to, bool table_existed);
    void plan_indexes();
    void plan_policies(const Table* from, const Table& to);
    void plan_row_security(const Table* from, const Table& to);
    void plan_triggers(const QualifiedName& relation, const std::map<std::string, Trigger>* from,
                       const std::map<std::string, Trigger>& to, const std::string& relation_object);

    // planner_code.cpp
    void plan_functions();
    // Whether a function takes or returns a type the plan replaces: it is created again.
    bool uses_replaced_type(const Function& function) const;
    void find_recreated_views();
    void plan_views();
    void create_view(const View& view, bool or_replace);
    void prefer_body_references(const Function& function, StepGraph::Node step);
    std::vector<QualifiedName> body_relations(const Function& function, const SchemaModel& model) const;
    std::vector<const Function*> body_functions(const Function& function, const SchemaModel& model) const;
    std::vector<QualifiedName> view_relations(const View& view, const SchemaModel& model) const;

    // planner_publications.cpp
    void plan_publications();
    // planner_database.cpp
    void plan_database_privileges();
    void plan_extension_function_privileges();
    // planner_foreign.cpp
    void plan_foreign();
    void create_publication(const Publication& publication);
    void alter_publication(const Publication& from, const Publication& to);

    // The node of an object: `kind` and its qualified name ("table public.posts").
    StepGraph::Node node(const std::string& kind, const std::string& name, Phase phase, int rank) {
        return graph_.node(kind + " " + name, phase, rank);
    }
    // Both nodes of a table that exists or is created: views and policies come after either.
    void after_table(const QualifiedName& table, StepGraph::Node then);
    // The functions an expression calls are created before it is (PostgreSQL looks them up).
    void after_functions_called(const std::string& expression, StepGraph::Node then);

    SchemaModel renamed_from_;  // FROM after what was settled, the user's renames and the extensions' moves, when there are any
    const SchemaModel* from_;
    const SchemaModel& to_;
    const PlanOptions& options_;
    const std::vector<Difference>* given_changes_;
    Changes changes_;
    StepGraph graph_;
    std::vector<std::string> notes_;

    // Columns whose type changes or that are dropped, per table: views and policies that read
    // them are dropped first and created again.
    std::map<QualifiedName, std::set<std::string>> retyped_columns_;
    // Columns whose indexes, constraints and triggers are dropped first and created again: a
    // column dropped and added again (a new generation expression), or converted to a type that
    // replaces its old one (a predicate or check comparing it with an old label no longer can).
    std::map<QualifiedName, std::set<std::string>> rebuilt_columns_;
    bool reads_rebuilt_column(const QualifiedName& table, const std::vector<std::string>& columns,
                              std::initializer_list<const std::string*> expressions) const;
    void find_rebuilt_columns();
    // Types replaced by new ones (enum labels removed or reordered, domain base types changed).
    std::set<std::string> replaced_types_;
    // Functions dropped and created again (signature or kind change), by schema and bare name.
    std::set<QualifiedName> recreated_functions_;
    // Views dropped and created again.
    std::set<QualifiedName> recreated_views_;
    // Primary and unique keys dropped or rebuilt, by table and columns: foreign keys on them follow.
    std::set<std::pair<QualifiedName, std::vector<std::string>>> rebuilt_keys_;
    // Tables created again in a new column order, their rows copied (rebuild_table).
    std::set<QualifiedName> reordered_tables_;
    // Tables dropped and created again (kind or partitioning change, or a new column order).
    std::set<QualifiedName> recreated_tables_;
};

}  // namespace pgshift
