// Plans: the ordered statements that turn one schema model into another, with their hazards.
#pragma once

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "diff/compare.hpp"
#include "model/expression_facts.hpp"
#include "model/model.hpp"

namespace pgshift {

// What a statement may do to a running application, for a person to accept before it runs.
enum class Hazard {
    deletes_data,           // drop table or column, narrowing type change, enum value removal
    table_rewrite,          // the whole table is rewritten under its lock
    access_exclusive_lock,  // readers and writers wait for longer than a catalog update
    index_build,            // an index is built over existing rows
    authz_weakened,         // RLS off or unforced, a policy dropped, loosened or added, a grant widened, ...
    replication_reduced,    // a publication sends subscribers less: a table or schema removed, fewer operations, ...
    table_rebuild,          // a table created again in a new column order, its rows copied over under its lock
};

std::string_view hazard_name(Hazard hazard);  // DELETES_DATA, ...
std::optional<Hazard> parse_hazard(std::string_view name);  // case-insensitive
const std::vector<Hazard>& all_hazards();

struct Statement {
    std::string sql;  // one statement, without the trailing semicolon
    bool transactional = true;  // false: must run outside a transaction block (CONCURRENTLY, ...)
    // It may run in a transaction, but what it makes cannot be used before that commits (ALTER
    // TYPE ... ADD VALUE): a runner that wraps a file in one transaction needs it in an earlier file.
    bool commit_before_use = false;
    std::string lock_timeout;       // e.g. "5s"; empty: the session's
    std::string statement_timeout;  // empty: the session's
    std::set<Hazard> hazards;
    std::string object;  // what it changes, e.g. "table public.posts", for messages
};

struct Plan {
    std::vector<Statement> statements;
    // What the plan leaves to a person (e.g. a column order that only a table rebuild changes).
    std::vector<std::string> notes;
    std::set<Hazard> hazards() const;
    bool empty() const { return statements.empty(); }
};

// A rename the user asserts, so that it is not planned as a drop and an add.
struct Rename {
    enum class Kind { table, column } kind = Kind::table;
    QualifiedName table;   // the table as FROM names it
    std::string from;      // column: its FROM name; table: unused
    std::string to;        // the new name (of the table, or of the column)
    std::string to_schema = {};  // table: the schema it moves to (ALTER TABLE ... SET SCHEMA); empty: its own
};
// "public.old=new", "public.t=private.t", "public.old=private.new" (a table, renamed, moved or
// both) or "public.t.old=new" (a column); nullopt when it does not parse.
std::optional<Rename> parse_rename(std::string_view text, Rename::Kind kind);

struct PlanOptions {
    bool online = true;          // CONCURRENTLY, NOT VALID + VALIDATE on tables that already exist
    std::string lock_timeout = "5s";  // on statements that lock existing tables
    std::string role = "postgres";    // who runs the plan: the owner of what it creates
    std::vector<Rename> renames;
    std::set<std::string> managed_schemas;  // compared only for what users add (policies, triggers)
    const ExpressionFacts* facts = nullptr;  // required when views, policies or functions change
};

// A dependency cycle, or a change the planner cannot express. Names every object involved.
class PlanError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The statements that turn `from` into `to`, made from `changes`: the comparison `check` reports
// for them (compare_models, less what a database settled as equal). Every change is planned or
// left as a note; one the planner cannot plan, or a comparison that is not the models', throws
// PlanError.
Plan plan_migration(const SchemaModel& from, const SchemaModel& to, const std::vector<Difference>& changes, const PlanOptions& options);
// The same from the models' own comparison.
Plan plan_migration(const SchemaModel& from, const SchemaModel& to, const PlanOptions& options);

// The plan as a SQL script: timeouts set where they change, statements that cannot run in a
// transaction marked, hazards as comments.
std::string plan_sql(const Plan& plan);

}  // namespace pgshift
