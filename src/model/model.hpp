// The schema model: plain value types for every object kind pgshift compares.
// Names are stored unquoted and exact. Expressions are canonical text produced from a parse tree.
// Maps are keyed by stable identity, which also gives a deterministic order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace pgshift {

struct QualifiedName {
    std::string schema;
    std::string name;

    // The models' maps compare names all the time: one pass over each part (tuple's < makes two).
    friend bool operator<(const QualifiedName& a, const QualifiedName& b) {
        int schema_order = a.schema.compare(b.schema);
        return schema_order != 0 ? schema_order < 0 : a.name.compare(b.name) < 0;
    }
    friend bool operator==(const QualifiedName& a, const QualifiedName& b) {
        return a.schema == b.schema && a.name == b.name;
    }
    friend bool operator!=(const QualifiedName& a, const QualifiedName& b) { return !(a == b); }
};

// An access control list as PostgreSQL stores it: grantee -> privilege letters in aclitem order
// ("arwdDxt", each optionally followed by '*' for WITH GRANT OPTION). "PUBLIC" is the public
// pseudo-role. An absent list (std::nullopt on the owning object) means the built-in default.
using Acl = std::map<std::string, std::string>;

struct Schema {
    std::string name;
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

struct Extension {
    std::string name;
    std::string schema;
    std::string version;  // empty: the default version
    std::string comment;
};

struct EnumType {
    QualifiedName name;
    std::vector<std::string> labels;
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

struct CompositeAttribute {
    std::string name;
    std::string type;
    std::string collation;
};

struct CompositeType {
    QualifiedName name;
    std::vector<CompositeAttribute> attributes;
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

struct DomainConstraint {
    std::string name;
    std::string expression;  // CHECK expression, canonical
    bool validated = true;
};

struct Domain {
    QualifiedName name;
    std::string base_type;
    std::string collation;
    std::string default_expr;
    bool not_null = false;
    std::map<std::string, DomainConstraint> constraints;
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

struct SequenceOwner {
    QualifiedName table;
    std::string column;
};

struct Sequence {
    QualifiedName name;
    std::string data_type = "bigint";
    int64_t start = 1;
    int64_t increment = 1;
    int64_t min_value = 1;
    int64_t max_value = INT64_MAX;
    int64_t cache = 1;
    bool cycle = false;
    std::optional<SequenceOwner> owned_by;
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

struct Column {
    std::string name;
    std::string type;  // canonical, as format_type prints it with an empty search_path
    std::string collation;  // empty: the type's default
    bool not_null = false;
    std::string default_expr;  // canonical expression; empty: none
    char identity = 0;         // 'a' ALWAYS, 'd' BY DEFAULT, 0 none
    std::string generated_expr;  // GENERATED ALWAYS AS (...) STORED; empty: none
    std::string comment;
    std::optional<Acl> acl;  // column privileges; absent: none granted
    std::vector<std::string> foreign_options;  // a foreign table's column: OPTIONS (...), "name=value" in order
};

enum class ConstraintType : char {
    primary_key = 'p',
    unique = 'u',
    foreign_key = 'f',
    check = 'c',
    exclusion = 'x',
};

struct Constraint {
    std::string name;
    ConstraintType type = ConstraintType::check;
    std::vector<std::string> columns;  // key columns (p, u, f)
    // Foreign keys.
    QualifiedName referenced_table;
    std::vector<std::string> referenced_columns;
    char on_update = 'a';  // a no action, r restrict, c cascade, n set null, d set default
    char on_delete = 'a';
    char match_type = 's';  // s simple, f full
    // Every kind.
    bool deferrable = false;
    bool initially_deferred = false;
    bool validated = true;   // false after NOT VALID
    bool no_inherit = false;  // CHECK ... NO INHERIT
    std::string expression;   // CHECK expression, or the EXCLUDE element list
    bool nulls_not_distinct = false;
    std::string comment;
};

struct IndexKey {
    std::string column;      // a plain column, or
    std::string expression;  // an expression, canonical
    std::string collation;
    std::string opclass;
    bool descending = false;
    bool nulls_first = false;
};

struct Index {
    QualifiedName name;  // indexes live in their table's schema
    std::string table;   // the table or materialized view, same schema
    std::string method = "btree";
    bool unique = false;
    bool nulls_not_distinct = false;
    std::vector<IndexKey> keys;
    std::vector<std::string> include;
    std::string predicate;   // partial index WHERE, canonical
    std::string constraint;  // the constraint this index implements (p, u, x); empty: none
    std::vector<std::string> options;  // WITH (...) storage parameters, "name=value"
    std::string comment;
};

struct Policy {
    std::string name;
    bool permissive = true;
    std::string command = "ALL";  // ALL, SELECT, INSERT, UPDATE, DELETE
    std::vector<std::string> roles;  // sorted; "public" when none named
    std::string using_expr;
    std::string with_check_expr;
    std::string comment;
};

struct Trigger {
    std::string name;
    std::string timing;  // BEFORE, AFTER, INSTEAD OF
    std::vector<std::string> events;  // INSERT, UPDATE, DELETE, TRUNCATE in that order
    std::vector<std::string> update_columns;
    bool for_each_row = false;
    std::string when_expr;
    std::string function;  // the qualified name of the trigger function
    std::vector<std::string> arguments;
    bool constraint_trigger = false;
    bool deferrable = false;
    bool initially_deferred = false;
    std::string old_table;  // REFERENCING OLD TABLE AS
    std::string new_table;  // REFERENCING NEW TABLE AS
    char enabled = 'O';     // O origin, D disabled, R replica, A always
    std::string comment;
};

enum class TableKind : char { ordinary = 'r', partitioned = 'p', foreign = 'f' };

struct Table {
    QualifiedName name;
    TableKind kind = TableKind::ordinary;
    bool unlogged = false;
    std::vector<Column> columns;  // in attribute order
    std::map<std::string, Constraint> constraints;
    std::map<std::string, Policy> policies;
    std::map<std::string, Trigger> triggers;
    bool rls_enabled = false;
    bool rls_forced = false;
    std::string partition_key;      // PARTITION BY ..., canonical; empty: not partitioned
    std::optional<QualifiedName> partition_of;
    std::string partition_bound;    // FOR VALUES ..., canonical
    std::vector<QualifiedName> inherits;
    std::vector<std::string> options;  // WITH (...) storage parameters
    std::string foreign_server;        // foreign tables
    std::vector<std::string> foreign_options;  // foreign tables: OPTIONS (...), "name=value" in order
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;

    Column* find_column(const std::string& column_name);
    const Column* find_column(const std::string& column_name) const;
};

struct ViewColumn {
    std::string name;
    std::string comment;
    // What type generation needs (docs/codegen.md): the column's type as Column::type spells it
    // (empty: not known), and whether information_schema calls it updatable.
    std::string type;
    bool updatable = false;
};

struct View {
    QualifiedName name;
    bool materialized = false;
    std::string query;  // canonical SELECT
    std::vector<ViewColumn> columns;  // output column names, when known
    std::vector<std::string> options;  // security_invoker=true, security_barrier=true, ...
    std::string check_option;          // LOCAL, CASCADED or empty
    bool with_data = true;             // materialized views
    std::map<std::string, Trigger> triggers;  // INSTEAD OF triggers
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

struct FunctionArgument {
    char mode = 'i';  // i in, o out, b inout, v variadic, t table column
    std::string name;
    std::string type;
    std::string default_expr;
};

enum class FunctionKind : char { function = 'f', procedure = 'p', aggregate = 'a', window = 'w' };

struct Function {
    QualifiedName name;  // name.name is the bare name; the map key holds the signature
    FunctionKind kind = FunctionKind::function;
    std::vector<FunctionArgument> arguments;
    std::string return_type;  // canonical type; empty for procedures
    bool returns_set = false;
    std::string language = "sql";
    char volatility = 'v';  // i immutable, s stable, v volatile
    bool strict = false;
    bool security_definer = false;
    bool leakproof = false;
    char parallel = 'u';  // s safe, r restricted, u unsafe
    double cost = 0;      // 0: the language default
    double rows = 0;      // 0: the default
    std::vector<std::string> config;  // SET options, "name=value"
    std::string body;
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;

    // "name(type, type)": the identity PostgreSQL uses, input argument types only.
    std::string signature() const;
    std::set<std::string> parameter_names() const {
        std::set<std::string> names;
        for (const FunctionArgument& argument : arguments)
            if (!argument.name.empty()) names.insert(argument.name);
        return names;
    }
    // BEGIN ATOMIC ... END or RETURN ...: parsed at creation, unlike a string body.
    bool has_sql_standard_body() const {
        return language == "sql" && (body.rfind("BEGIN ATOMIC", 0) == 0 || body.rfind("RETURN ", 0) == 0);
    }
};

// A table's membership of a publication (pg_publication_rel).
struct PublicationTable {
    std::vector<std::string> columns;  // the column list, in the table's column order; empty: every column
    std::string row_filter;            // WHERE (...), canonical; empty: every row
};

// A publication (pg_publication): which changes of which tables logical replication sends.
struct Publication {
    std::string name;
    bool all_tables = false;                         // FOR ALL TABLES
    std::set<std::string> schemas;                   // FOR TABLES IN SCHEMA (pg_publication_namespace)
    std::map<QualifiedName, PublicationTable> tables;  // FOR TABLE
    // WITH (publish = '...'): the operations published.
    bool publish_insert = true;
    bool publish_update = true;
    bool publish_delete = true;
    bool publish_truncate = true;
    bool via_partition_root = false;  // WITH (publish_via_partition_root)
    std::string owner;
    std::string comment;

    // "insert, update, delete, truncate": the publish option as PostgreSQL documents it.
    std::string publish() const;
};

// A foreign-data wrapper (pg_foreign_data_wrapper) that no extension owns.
struct ForeignDataWrapper {
    std::string name;
    std::string handler;    // the handler function, schema-qualified; empty: NO HANDLER
    std::string validator;  // the validator function, schema-qualified; empty: NO VALIDATOR
    std::vector<std::string> options;  // OPTIONS (...), "name=value" in order
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

// A foreign server (pg_foreign_server).
struct ForeignServer {
    std::string name;
    std::string wrapper;
    std::string type;     // TYPE '...'; empty: none
    std::string version;  // VERSION '...'; empty: none
    std::vector<std::string> options;  // OPTIONS (...), "name=value" in order
    std::string owner;
    std::string comment;
    std::optional<Acl> acl;
};

// A user mapping (pg_user_mapping): how a role (PUBLIC for FOR PUBLIC) reaches a server.
struct UserMapping {
    std::string server;
    std::string user;
    std::vector<std::string> options;  // OPTIONS (...): a password is never printed (mask_option)
};

// ALTER DEFAULT PRIVILEGES entries, keyed like pg_default_acl.
struct DefaultPrivilegeKey {
    std::string role;
    std::string schema;  // empty: every schema
    char object_type = 'r';  // r tables, S sequences, f functions, T types, n schemas

    friend bool operator<(const DefaultPrivilegeKey& a, const DefaultPrivilegeKey& b) {
        return std::tie(a.role, a.schema, a.object_type) < std::tie(b.role, b.schema, b.object_type);
    }
};

// The privileges of the database the migrations run on (pg_database.datacl). Its name differs
// between a project's databases (postgres on the platform, another in a test or a branch), so
// it is not compared. Migrations know only the roles their GRANT / REVOKE ... ON DATABASE named:
// the rest of the list is whatever made the database (createdb, a platform's setup).
struct DatabasePrivileges {
    std::string name;   // as the first GRANT / REVOKE named it, or current_database()
    std::string owner;
    std::optional<Acl> acl;  // absent: the built-in default
    // The roles migrations named; empty on a database's side, where every role is known.
    std::set<std::string> roles;
};

// The privileges of a function an extension made (pg_trgm's in public), which GRANT / REVOKE
// changed: the function is the extension's, not the model's, so only its privileges are kept.
struct ExtensionFunctionPrivileges {
    std::string owner;
    std::optional<Acl> acl;  // absent: the built-in default
    // The roles migrations named; empty on a database's side, where every role is known.
    std::set<std::string> roles;
};

// A statement or catalog object that the model cannot represent. Never dropped silently.
struct Unmodelled {
    std::string file;
    int line = 0;
    std::string what;
};

// Where an expression sits: a relation, a member of it (column, policy, constraint) and the
// property ("default", "using", ...). Keys the expressions as migrations wrote them.
struct ExpressionSite {
    QualifiedName relation;
    std::string member;
    std::string property;

    friend bool operator<(const ExpressionSite& a, const ExpressionSite& b) {
        return std::tie(a.relation, a.member, a.property) < std::tie(b.relation, b.member, b.property);
    }
};

struct SchemaModel {
    std::map<std::string, Schema> schemas;
    std::map<std::string, Extension> extensions;
    std::map<QualifiedName, EnumType> enums;
    std::map<QualifiedName, CompositeType> composite_types;
    std::map<QualifiedName, Domain> domains;
    std::map<QualifiedName, Sequence> sequences;
    std::map<QualifiedName, Table> tables;
    std::map<QualifiedName, View> views;
    std::map<QualifiedName, Index> indexes;
    std::map<QualifiedName, Function> functions;  // keyed by schema and signature
    std::map<DefaultPrivilegeKey, Acl> default_privileges;
    std::map<std::string, Publication> publications;
    std::map<std::string, ForeignDataWrapper> foreign_data_wrappers;
    std::map<std::string, ForeignServer> foreign_servers;
    std::map<std::pair<std::string, std::string>, UserMapping> user_mappings;  // by server, then user
    std::optional<DatabasePrivileges> database;  // absent: nothing said about the database
    // By schema and signature, as `functions`: only those whose privileges were changed.
    std::map<QualifiedName, ExtensionFunctionPrivileges> extension_function_privileges;
    std::vector<Unmodelled> unmodelled;
    // Expressions as migrations wrote them (names resolved, casts kept), or as the catalog prints
    // them, for asking a database how it stores them when their canonical forms differ and for
    // the planner to emit. Only where they are not the canonical form already, which stands in
    // otherwise. Not part of the schema: not compared.
    std::map<ExpressionSite, std::string> written_expressions;
    // Where migrations last created each object, by its qualified name as `check` prints it
    // (public.posts, public.f(integer)): for pointing CI annotations at a file and line.
    struct Origin {
        std::string file;
        int line = 0;
    };
    std::map<std::string, Origin> origins;

    // A fresh database as initdb makes it: the public schema and the plpgsql extension.
    static SchemaModel fresh_database();
    // The column names of a table or view, in order; nullopt when neither is known (or a view's
    // columns are not).
    std::optional<std::vector<std::string>> relation_columns(const QualifiedName& name) const;
};

// Calls `visit` on each overload of a function name in `functions` (a SchemaModel's, const or
// not). Keys are "name(argument types)", so the overloads sit together: no scan of the map.
template <typename Functions, typename Visit>
void each_overload(Functions& functions, const QualifiedName& name, Visit visit) {
    for (auto it = functions.lower_bound({name.schema, name.name + "("});
         it != functions.end() && it->first.schema == name.schema && it->second.name.name == name.name; ++it)
        visit(it->second);
}

}  // namespace pgshift
