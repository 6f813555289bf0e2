// Replays parsed migration statements, in order, into a SchemaModel, the way PostgreSQL would
// execute them. One handler per statement kind; each mutates the model or reports an error.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/external_objects.hpp"
#include "model/model.hpp"
#include "parser/migration_error.hpp"
#include "parser/missing_references.hpp"
#include "parser/canonical/canonical_expression.hpp"
#include "parser/name_changes.hpp"

namespace pgshift {

struct ReplayOptions {
    // The database's default search_path, in force at the start of every file.
    std::vector<std::string> search_path = {"$user", "public"};
    // The role migrations run as: owner of what they create.
    std::string role = "postgres";
    ExternalObjects external;
    // Schemas of a platform that made the starting model (Supabase's auth, storage, ...). Their
    // objects, and the extensions, are the platform's: a migration that creates one of them
    // again takes it over (a stand-in for the platform in front of the migrations) where
    // PostgreSQL would say it exists.
    std::set<std::string> platform_schemas;
};

class Replayer {
public:
    Replayer(SchemaModel& model, ReplayOptions options);

    // Parses and replays one file; throws MigrationError on a syntax or semantic error.
    void replay_file(const std::string& file_name, const std::string& sql);
    // Replays a file parsed beforehand (`parsed` holds the tree of `sql`).
    void replay_parsed(const std::string& file_name, const std::string& sql, const class ParsedSql& parsed);

    // Relation and type lookups shared by the handlers.
    enum class RelationKind { none, table, view, materialized_view, sequence, index, composite_type };

private:
    friend struct DoBlockWalker;

    // replay.cpp: dispatch, name resolution, errors.
    void replay_statement(const PgQuery__Node* statement, int location);
    void replay_sql_text(const std::string& sql, int location);  // nested SQL (DO blocks)
    // `detail`: PostgreSQL's DETAIL line, where its message needs one.
    [[noreturn]] void fail(const std::string& message, int location = -1, const std::string& detail = {}) const;
    [[noreturn]] void fail_duplicate(const std::string& message) const;
    void not_modelled(const std::string& what);
    std::string current_user_schema() const;
    std::vector<std::string> effective_search_path() const;
    std::string creation_schema(const char* explicit_schema);
    bool schema_known_or_external(const std::string& schema) const;
    bool schema_is_external(const std::string& schema) const;
    // The schema the search_path finds `name` in, among the model's objects and `external`.
    template <typename Found>
    std::optional<std::string> home_schema(const std::map<std::string, std::set<std::string>>& external, const std::string& name,
                                           Found found_in_model) const;
    std::optional<std::string> external_function_schema(const std::vector<std::string>& names) const;
    RelationKind relation_kind(const QualifiedName& name) const;
    std::optional<QualifiedName> find_relation(const char* schema, const std::string& name) const;
    std::optional<QualifiedName> find_relation(const PgQuery__RangeVar* range) const;
    std::optional<QualifiedName> find_type(const std::vector<std::string>& names) const;
    // find_type(), failing as PostgreSQL does when there is none.
    QualifiedName require_type(const std::vector<std::string>& names) const;
    QualifiedName qualify_for_creation(const std::vector<std::string>& names);
    bool constraint_name_taken(const std::string& schema, const std::string& name) const;
    // Every constraint name a schema has held: a name never held is free without a scan.
    void remember_constraint(const std::string& schema, const std::string& name);
    void remember_constraints(const Table& table);
    bool relation_name_taken(const std::string& schema, const std::string& name) const;
    // For CREATE [IF NOT EXISTS] of a relation: true when it exists and the statement is skipped;
    // fails as PostgreSQL does when it exists without IF NOT EXISTS.
    bool relation_exists_already(const QualifiedName& name, bool if_not_exists);
    // Whether an object the platform made (ReplayOptions::platform_schemas) gives way to a
    // migration creating it again: then it is dropped, once. `kind`: 's' schema, 'e' extension,
    // 'r' relation or type, 'f' function (name: its signature), 't' trigger (name: table.trigger),
    // 'p' publication (schema empty; supabase_realtime).
    bool platform_gives_way(char kind, const std::string& schema, const std::string& name);
    // The canonical type; function signatures drop typmods as PostgreSQL does.
    std::string type_text(const PgQuery__TypeName* type, bool keep_typmods = true);
    std::string expression_text(const PgQuery__Node* expression);
    int statement_line();  // the current statement's line in its file
    // Records where the current statement created `object` (its qualified name as `check` prints it).
    void remember_origin(const std::string& object);
    // Keeps an expression, a view's query or a function's body as written (names resolved), for
    // the planner and the database elaborator. Call it before canonicalizing the same tree.
    enum class Written { expression, query, body };
    void remember_written(const QualifiedName& relation, const std::string& member, const std::string& property,
                          const PgQuery__Node* expression, Written kind = Written::expression);
    // A column or domain default. DEFAULT NULL is stored as no default, unless coercing it to the
    // type takes a function (a typmod such as varchar(40)) or a domain: then the catalog keeps it.
    std::string default_text(const PgQuery__Node* expression, const std::string& type);
    std::string source_text(int location, int length) const;
    void replay_set(const PgQuery__VariableSetStmt* statement);
    // A boolean setting's value as PostgreSQL's parse_bool reads it; true when it cannot be read.
    static bool setting_is_on(const PgQuery__Node* value);
    void set_search_path(const std::vector<std::string>& path, bool database_default);
    void replay_select(const PgQuery__SelectStmt* statement);

    // Indexes of each table and foreign keys pointing at each table, built when first needed and
    // dropped by any statement that could add or move one (see keeps_dependents).
    struct Dependents {
        bool valid = false;
        std::map<QualifiedName, std::vector<QualifiedName>> indexes;
        std::map<QualifiedName, std::vector<std::pair<QualifiedName, std::string>>> foreign_keys;
    };
    const Dependents& dependents();

    // replay_tables.cpp
    void create_table(const PgQuery__CreateStmt* statement, const PgQuery__CreateForeignTableStmt* foreign = nullptr);
    void add_column(Table& table, const PgQuery__ColumnDef* definition, std::vector<const PgQuery__Constraint*>& deferred);
    std::vector<std::string> generic_options(std::vector<std::string> options, std::size_t count, PgQuery__Node* const* changes) const;
    void add_table_constraint(Table& table, const PgQuery__Constraint* constraint,
                              const std::vector<std::string>& column_for_column_constraint);
    void add_index_constraint(Table& table, const PgQuery__Constraint* constraint,
                              const std::vector<std::string>& column_for_column_constraint);
    void add_check_constraint(Table& table, const PgQuery__Constraint* constraint,
                              const std::vector<std::string>& column_for_column_constraint);
    void add_foreign_key(Table& table, const PgQuery__Constraint* constraint,
                         const std::vector<std::string>& column_for_column_constraint);
    void create_index(const PgQuery__IndexStmt* statement);
    // Parse analysis drops a cast of a column to its own type: the key is the column.
    void drop_no_op_key_cast(PgQuery__Node** key, const Table& table);
    void create_serial_sequence(Table& table, Column& column, const std::string& base_type);
    void copy_like(Table& table, const PgQuery__TableLikeClause* like);
    void inherit_columns(Table& table, const QualifiedName& parent);

    // replay_alter_table.cpp
    void alter_table(const PgQuery__AlterTableStmt* statement);
    void alter_table_command(Table& table, const PgQuery__AlterTableCmd* command);
    void alter_composite_type(const QualifiedName& name, const PgQuery__AlterTableStmt* statement);
    void alter_view_command(View& view, const PgQuery__AlterTableCmd* command);
    void drop_column(Table& table, const std::string& column, bool missing_ok, bool cascade = false);

    // replay_collations.cpp
    // The collation a value of `type` has when none is written: "default" for text, "C" for name,
    // a domain's own; "" for a type without one; nullopt for a type this does not know.
    std::optional<std::string> type_collation(const std::string& type) const;
    // A written COLLATE of a column, attribute or domain of `type`: empty where it is the type's own.
    std::string written_collation(const PgQuery__CollateClause* clause, const std::string& type) const;
    std::optional<std::string> column_collation(const Column& column) const;
    // Index keys keep a collation only where it is not their column's or their expression's.
    void drop_implied_key_collations(Index& index, const QualifiedName& table) const;

    // replay_types.cpp
    void create_schema(const PgQuery__CreateSchemaStmt* statement);
    void create_extension(const PgQuery__CreateExtensionStmt* statement);
    void alter_extension(const PgQuery__AlterExtensionStmt* statement);
    void create_enum(const PgQuery__CreateEnumStmt* statement);
    void alter_enum(const PgQuery__AlterEnumStmt* statement);
    void create_composite_type(const PgQuery__CompositeTypeStmt* statement);
    void create_domain(const PgQuery__CreateDomainStmt* statement);
    void alter_domain(const PgQuery__AlterDomainStmt* statement);
    void create_sequence(const PgQuery__CreateSeqStmt* statement);
    void alter_sequence(const PgQuery__AlterSeqStmt* statement);
    void apply_sequence_options(Sequence& sequence, std::size_t count, PgQuery__Node* const* options, bool creating);

    // replay_functions.cpp
    void create_function(const PgQuery__CreateFunctionStmt* statement);
    void alter_function(const PgQuery__AlterFunctionStmt* statement);
    void apply_function_option(Function& function, const PgQuery__DefElem* option);
    Function* find_function(const PgQuery__ObjectWithArgs* object, bool missing_ok, const char* kind);
    Function* find_function_by_name(const std::vector<std::string>& names, const std::vector<std::string>* argument_types);
    std::vector<std::string> argument_types(const PgQuery__ObjectWithArgs* object);
    void create_trigger(const PgQuery__CreateTrigStmt* statement);
    void create_view(const PgQuery__ViewStmt* statement);
    void create_materialized_view(const PgQuery__CreateTableAsStmt* statement);

    // replay_security.cpp
    std::string policy_text(const PgQuery__Node* expression, const QualifiedName& table);
    void create_policy(const PgQuery__CreatePolicyStmt* statement);
    void alter_policy(const PgQuery__AlterPolicyStmt* statement);
    void grant(const PgQuery__GrantStmt* statement);
    // A function of an extension that GRANT / REVOKE names: its schema and signature.
    std::optional<QualifiedName> extension_function_key(const PgQuery__ObjectWithArgs* object);
    void grant_on_database(const PgQuery__GrantStmt* statement, const std::vector<std::string>& grantees);
    // Whether a relation that is not in the model is an identity column's implicit sequence.
    bool names_identity_sequence(const PgQuery__RangeVar* range) const;
    void alter_default_privileges(const PgQuery__AlterDefaultPrivilegesStmt* statement);
    std::string role_name(const PgQuery__RoleSpec* role) const;
    std::vector<std::string> policy_roles(PgQuery__Node** roles, std::size_t count) const;
    std::optional<Acl> new_object_acl(char object_class, const std::string& schema) const;

    // replay_generic.cpp: statements that name an object of any kind.
    void drop(const PgQuery__DropStmt* statement);
    void drop_relation(const QualifiedName& name, RelationKind kind);
    void rename(const PgQuery__RenameStmt* statement);
    void rename_relation(const QualifiedName& name, const std::string& new_name);
    // Views and policies reading `relation` after its column `from` became `to`.
    void rename_column_in_readers(const QualifiedName& relation, const std::string& from, const std::string& to);
    // Views and policies reading a relation that was renamed or moved to another schema; and,
    // when the relation is a view itself, what it reads is now read under its new name.
    void rename_relation_in_readers(const QualifiedName& from, const QualifiedName& to);
    void note_view_reads(const QualifiedName& view, const PgQuery__Node* query);
    // replay_name_changes.cpp: what the model names by text after a rename or move.
    void change_names(const NameChange& change);
    // A function under a new name or schema, and what calls it.
    void move_function(Function& function, const QualifiedName& to);
    // An enum, domain or composite type under a new name or schema, and what names it.
    void move_type(const QualifiedName& from, const QualifiedName& to);
    void comment(const PgQuery__CommentStmt* statement);
    void alter_object_schema(const PgQuery__AlterObjectSchemaStmt* statement);
    void alter_owner(const PgQuery__AlterOwnerStmt* statement);
    void set_owner(const QualifiedName& name, RelationKind kind, const std::string& owner);

    // replay_publications.cpp
    // One table of a FOR TABLE list as OpenTableList gathers them: inheritance children share
    // their parent's WHERE and column list.
    struct PublicationTarget {
        QualifiedName table;
        const PgQuery__PublicationTable* spec = nullptr;
    };
    Publication& require_publication(const std::string& name);
    void create_publication(const PgQuery__CreatePublicationStmt* statement);
    void alter_publication(const PgQuery__AlterPublicationStmt* statement);
    void publication_options(Publication& publication, std::size_t count, PgQuery__Node* const* options);
    std::vector<std::string> publication_schemas(std::size_t count, PgQuery__Node* const* objects);
    std::vector<PublicationTarget> publication_tables(std::size_t count, PgQuery__Node* const* objects);
    std::string publication_row_filter(const Publication& publication, const PublicationTarget& target,
                                       std::map<const PgQuery__Node*, std::pair<QualifiedName, std::string>>& canonical);
    std::vector<std::string> publication_columns(const PublicationTarget& target);
    // `replacing` (SET): members already there are kept, not an error.
    void add_publication_tables(Publication& publication, std::vector<PublicationTarget> targets, bool has_schemas, bool replacing);
    void add_publication_schemas(Publication& publication, const std::vector<std::string>& schemas, bool replacing);
    void drop_publications(const PgQuery__DropStmt* statement);
    void rename_publication(const std::string& from, const std::string& to);
    // Publications name tables, columns and schemas by oid: they follow renames and lose what is dropped.
    void drop_table_from_publications(const QualifiedName& table);
    void move_table_in_publications(const QualifiedName& from, const QualifiedName& to);
    void rename_schema_in_publications(const std::string& from, const std::string& to);
    void drop_schema_from_publications(const std::string& schema);
    std::vector<std::string> publications_using_column(const QualifiedName& table, const std::string& column) const;
    void drop_column_from_publications(const Table& table, const std::string& column, bool cascade);
    void check_column_retype_in_publications(const Table& table, const std::string& column);
    void rename_column_in_publications(const QualifiedName& table, const std::string& from, const std::string& to);
    bool published_explicitly(const QualifiedName& table) const;

    // replay_foreign.cpp
    ForeignDataWrapper& require_foreign_data_wrapper(const std::string& name);
    ForeignServer& require_foreign_server(const std::string& name);
    std::string foreign_data_wrapper_function(const PgQuery__DefElem* option);
    void foreign_data_wrapper_functions(ForeignDataWrapper& wrapper, std::size_t count, PgQuery__Node* const* options);
    void create_foreign_data_wrapper(const PgQuery__CreateFdwStmt* statement);
    void alter_foreign_data_wrapper(const PgQuery__AlterFdwStmt* statement);
    void create_foreign_server(const PgQuery__CreateForeignServerStmt* statement);
    void alter_foreign_server(const PgQuery__AlterForeignServerStmt* statement);
    std::string mapping_user(const PgQuery__RoleSpec* user) const;
    void create_user_mapping(const PgQuery__CreateUserMappingStmt* statement);
    void alter_user_mapping(const PgQuery__AlterUserMappingStmt* statement);
    void drop_user_mapping(const PgQuery__DropUserMappingStmt* statement);
    void drop_foreign_server(const std::string& name, bool cascade);
    void drop_foreign(const PgQuery__DropStmt* statement);  // DROP FOREIGN DATA WRAPPER / SERVER
    void rename_foreign(PgQuery__ObjectType type, const std::string& from, const std::string& to);

    // replay_do_block.cpp
    void replay_do(const PgQuery__DoStmt* statement, int location);

    // replay_references.cpp: what PostgreSQL's parse analysis rejects when a view, a policy or a
    // SQL function is created, where the model knows enough to tell.
    // Whether every object of `schema` is one the model knows (public, or created by the migrations).
    bool schema_of_migrations(const std::string& schema) const;
    // Whether the model knows every relation of `schema`: no extension or unmodelled statement may
    // have created one there.
    bool relations_all_known(const std::string& schema) const;
    RelationFacts relation_facts(const char* schema, const std::string& name) const;
    // Fails at the first reference of `node` (a query, or an expression with `expression`) that
    // the model knows is missing. `source_offset` maps the tree's locations to the file's (-1:
    // the statement's start).
    void reject_missing_references(const PgQuery__Node* node, bool expression, const QueryContext& context,
                                   const std::function<int(int)>& source_offset = {});
    void reject_missing_in_policy(const PgQuery__Node* expression, const QualifiedName& table);
    // A LANGUAGE sql function's body, as check_function_bodies has PostgreSQL read it at CREATE.
    void check_sql_function_body(const PgQuery__CreateFunctionStmt* statement, const Function& function);

    class ReferenceFacts : public RelationFactsSource {
    public:
        explicit ReferenceFacts(const Replayer& replayer) : replayer_(replayer) {}
        RelationFacts relation(const char* schema, const std::string& name) const override {
            return replayer_.relation_facts(schema, name);
        }
        bool may_be_function(const std::string& name) const override;

    private:
        const Replayer& replayer_;
    };

    // Resolves names in expressions under the search_path in force.
    class ExpressionNames : public NameResolver {
    public:
        explicit ExpressionNames(const Replayer& replayer) : replayer_(replayer) {}
        std::optional<std::string> function_schema(const std::string& name, std::size_t argument_count) const override;
        std::optional<std::string> relation_schema(const std::string& name) const override;
        std::optional<std::string> type_schema(const std::string& name) const override;
        std::optional<std::string> opclass_schema(const std::string& name) const override;
        std::optional<std::vector<std::string>> relation_columns(const std::string& schema, const std::string& name) const override;

    private:
        template <typename Found>
        std::optional<std::string> search(const std::map<std::string, std::set<std::string>>& external,
                                          const std::string& name, Found found_in_model) const;
        const Replayer& replayer_;
    };

    SchemaModel& model_;
    ReplayOptions options_;
    ExpressionNames expression_names_{*this};
    RewriteArena rewrite_arena_;  // nodes canonical rewrites add to the current file's trees
    std::vector<std::string> search_path_;
    std::string role_;
    std::string file_;
    const std::string* sql_ = nullptr;
    int statement_location_ = 0;
    struct LineCursor {
        std::size_t offset = 0;
        int line = 1;
    } line_cursor_;  // the line of the statement last asked for
    int location_shift_ = 0;     // offset of nested SQL (DO blocks) within the file
    bool guarded_ = false;       // inside a DO-block guard: duplicates are skipped, not errors
    std::string nested_text_;    // the statement being replayed from nested SQL, for messages
    std::set<std::string> constraint_names_seen_;  // "schema\x1fname"
    Dependents dependents_;
    // The views that may read each relation, by the relation's name (without its schema: a
    // superset is enough), so that a rename rewrites only the views that can mention it. Dropped
    // views are skipped where it is used.
    std::map<std::string, std::set<QualifiedName>> views_reading_;
    // The names of the relations policies read in subqueries (a superset): renaming a column of
    // any other relation cannot change another table's policy.
    std::set<std::string> read_by_policies_;
    // The platform's objects that have not been taken over: "kind\x1fschema\x1fname".
    std::set<std::string> platform_objects_;
    // Schemas CREATE SCHEMA made: the model knows all they hold (see schema_of_migrations).
    std::set<std::string> schemas_created_;
    // A statement not modelled may have created relations or columns the model does not have.
    bool relations_outside_model_ = false;
    const PgQuery__Node* current_statement_ = nullptr;  // for not_modelled()
    bool check_function_bodies_ = true;  // the session's setting: SQL function bodies are analysed
};

}  // namespace pgshift
