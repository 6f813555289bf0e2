#include "lint/rules.hpp"

namespace pgshift::lint {

const std::vector<Rule>& rules() {
    static const std::vector<Rule> all = {
        // Statements, knowing the state before them.
        {"require-concurrent-index-creation", RuleKind::statement, Level::error,
         "an index built without CONCURRENTLY on a table that existed before this migration",
         "Building an index takes a SHARE lock: writes to the table wait until it is built. Use CREATE INDEX CONCURRENTLY "
         "(outside a transaction); an index on a table created in the same migration is fine.",
         "squawk:require-concurrent-index-creation"},
        {"require-concurrent-index-deletion", RuleKind::statement, Level::warning,
         "DROP INDEX without CONCURRENTLY on an index of a table that existed before this migration",
         "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. Use DROP INDEX CONCURRENTLY.",
         "squawk:require-concurrent-index-deletion"},
        {"constraint-missing-not-valid", RuleKind::statement, Level::error,
         "a CHECK or FOREIGN KEY constraint added without NOT VALID to a table that existed before this migration",
         "Validating the constraint scans the table while writes wait. Add it NOT VALID, then VALIDATE CONSTRAINT in a later "
         "migration.",
         "squawk:constraint-missing-not-valid"},
        {"adding-foreign-key-constraint", RuleKind::statement, Level::warning,
         "a foreign key added to a table that existed before this migration without NOT VALID",
         "Adding a foreign key takes SHARE ROW EXCLUSIVE locks on both tables and scans the table. Add it NOT VALID, then "
         "VALIDATE CONSTRAINT in a later migration.",
         "squawk:adding-foreign-key-constraint"},
        {"disallowed-unique-constraint", RuleKind::statement, Level::warning,
         "a UNIQUE constraint added to a table that existed before this migration without USING INDEX",
         "The constraint's index is built under an ACCESS EXCLUSIVE lock. CREATE UNIQUE INDEX CONCURRENTLY first, then ADD "
         "CONSTRAINT ... UNIQUE USING INDEX.",
         "squawk:disallowed-unique-constraint"},
        {"adding-serial-primary-key-field", RuleKind::statement, Level::warning,
         "a PRIMARY KEY added to a table that existed before this migration without USING INDEX",
         "The key's index is built under an ACCESS EXCLUSIVE lock. CREATE UNIQUE INDEX CONCURRENTLY first, then ADD "
         "PRIMARY KEY USING INDEX.",
         "squawk:adding-serial-primary-key-field"},
        {"adding-required-field", RuleKind::statement, Level::error,
         "a NOT NULL column without a default added to a table that existed before this migration",
         "The statement fails on a table with rows. Give the column a default, or add it nullable, backfill it, then set NOT NULL.",
         "squawk:adding-required-field"},
        {"adding-not-nullable-field", RuleKind::statement, Level::warning,
         "SET NOT NULL on a table that existed before this migration, with no validated CHECK (column IS NOT NULL)",
         "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock. Add CHECK (column IS NOT NULL) NOT VALID, validate it "
         "in a later migration, then SET NOT NULL (PostgreSQL 12+ uses the check and skips the scan).",
         "squawk:adding-not-nullable-field"},
        {"changing-column-type", RuleKind::statement, Level::warning,
         "a column type change that rewrites a table that existed before this migration",
         "The table is rewritten under an ACCESS EXCLUSIVE lock and clients reading the column may break. Add a new column, "
         "backfill it and switch over; changes that need no rewrite (varchar(n) to text or a longer varchar) are fine.",
         "squawk:changing-column-type"},
        {"ban-drop-column", RuleKind::statement, Level::warning, "a column of a table that existed before this migration is dropped",
         "Clients still reading the column break. Stop using it first, then drop it in a later release.", "squawk:ban-drop-column"},
        {"ban-drop-table", RuleKind::statement, Level::warning, "a table that existed before this migration is dropped",
         "Clients still using the table break, and its data is gone. Stop using it first, then drop it in a later release.",
         "squawk:ban-drop-table"},
        {"ban-drop-not-null", RuleKind::statement, Level::info,
         "NOT NULL dropped from a column of a table that existed before this migration",
         "Clients that rely on the column always having a value may break.", "squawk:ban-drop-not-null"},
        {"renaming-column", RuleKind::statement, Level::warning, "a column of a table that existed before this migration is renamed",
         "Clients using the old name break. Add the new column (or a view) and move clients over first.", "squawk:renaming-column"},
        {"renaming-table", RuleKind::statement, Level::warning, "a table that existed before this migration is renamed",
         "Clients using the old name break. Keep a view under the old name while clients move over.", "squawk:renaming-table"},
        {"prefer-identity", RuleKind::statement, Level::warning, "a serial column",
         "Serial types make permissions and dependencies awkward (a separate sequence). Use bigint GENERATED ALWAYS AS IDENTITY.",
         "squawk:prefer-identity"},
        {"prefer-bigint-over-int", RuleKind::statement, Level::info, "a 32-bit integer column",
         "A 32-bit key runs out at 2^31 rows. Use bigint (for a key: bigint GENERATED ALWAYS AS IDENTITY).",
         "squawk:prefer-bigint-over-int"},
        {"prefer-text-field", RuleKind::statement, Level::info, "a varchar(n) column",
         "Changing the length later takes an ACCESS EXCLUSIVE lock. Use text with a CHECK (char_length(column) <= n).",
         "squawk:prefer-text-field"},
        {"prefer-timestamp-tz", RuleKind::statement, Level::warning, "a timestamp without time zone column",
         "timestamp drops the UTC offset: two instants hours apart can be stored as the same value. Use timestamptz.",
         "squawk:prefer-timestamp-tz"},
        {"concurrently-in-transaction", RuleKind::statement, Level::error,
         "CREATE INDEX, DROP INDEX or REINDEX CONCURRENTLY inside a transaction: in BEGIN ... COMMIT, or in a file the runner runs "
         "in one transaction",
         "PostgreSQL refuses CONCURRENTLY in a transaction block, so the migration fails. Put the statement in a migration file "
         "of its own (the Supabase CLI runs each file in one transaction), outside BEGIN ... COMMIT.",
         "squawk:ban-concurrent-index-creation-in-transaction"},
        {"require-if-exists", RuleKind::statement, Level::off,
         "CREATE without IF NOT EXISTS or DROP without IF EXISTS, where the team's guide asks for them",
         "The migration cannot be run again after failing part way. Write IF NOT EXISTS / IF EXISTS.", ""},
        {"mixed-schema-and-data", RuleKind::statement, Level::warning, "a migration that changes both the schema and the data",
         "Data changes hold their locks as long as the schema changes of the same transaction and are hard to undo. Put them "
         "in a migration of their own.",
         ""},
        {"require-lock-timeout", RuleKind::statement, Level::warning,
         "a statement that locks a table that existed before this migration, with no lock_timeout set before it",
         "Waiting for the lock queues every later query on the table behind it. SET lock_timeout = '5s' first (and retry).",
         "squawk:require-lock-timeout"},
        // The schema the history builds.
        {"rls-disabled-in-exposed-schema", RuleKind::schema, Level::error,
         "a table in a schema the API exposes, readable by anon or authenticated, without row level security",
         "Anyone with the project's URL can read and change every row. ALTER TABLE ... ENABLE ROW LEVEL SECURITY and add "
         "policies.",
         "splinter:0013_rls_disabled_in_public"},
        {"rls-enabled-no-policy", RuleKind::schema, Level::info, "row level security enabled with no policy",
         "Nothing is readable or writable through the API. Add the policies the table needs.", "splinter:0008_rls_enabled_no_policy"},
        {"policy-exists-rls-disabled", RuleKind::schema, Level::error, "policies on a table without row level security",
         "The policies have no effect. ALTER TABLE ... ENABLE ROW LEVEL SECURITY.", "splinter:0007_policy_exists_rls_disabled"},
        {"rls-not-forced", RuleKind::schema, Level::off,
         "row level security enabled but not forced, where the project asks for FORCE ([lint] force_rls)",
         "The table's owner bypasses the policies. ALTER TABLE ... FORCE ROW LEVEL SECURITY.", ""},
        {"missing-policy-for-operation", RuleKind::schema, Level::info,
         "an operation the table's grants allow to anon or authenticated with no policy for it",
         "The grant says the operation is allowed, the policies deny it: add a policy for it or revoke the privilege.", ""},
        {"auth-rls-initplan", RuleKind::schema, Level::warning, "auth.uid() (or auth.jwt(), current_setting()) called per row in a policy",
         "The function is evaluated for every row. Write (select auth.uid()) so it is evaluated once per query.",
         "splinter:0003_auth_rls_initplan"},
        {"multiple-permissive-policies", RuleKind::schema, Level::warning, "several permissive policies for one role and action",
         "Every permissive policy is evaluated for every query. Merge them into one policy.", "splinter:0006_multiple_permissive_policies"},
        {"rls-references-user-metadata", RuleKind::schema, Level::error, "a policy that trusts user_metadata",
         "user_metadata is editable by the user. Use app_metadata or a table of your own.", "splinter:0015_rls_references_user_metadata"},
        {"unindexed-foreign-keys", RuleKind::schema, Level::info, "a foreign key without an index whose leading columns are its columns",
         "Deleting or updating referenced rows, and joins on the key, scan the table. CREATE INDEX on the key's columns.",
         "splinter:0001_unindexed_foreign_keys"},
        {"duplicate-index", RuleKind::schema, Level::warning, "indexes that are the same but for their names",
         "Each copy slows every write and takes space. Drop all but one.", "splinter:0009_duplicate_index"},
        {"no-primary-key", RuleKind::schema, Level::info, "a table without a primary key",
         "Rows cannot be told apart reliably (replication, the API's updates). Add a primary key.", "splinter:0004_no_primary_key"},
        {"security-definer-search-path", RuleKind::schema, Level::error, "a SECURITY DEFINER function without a fixed search_path",
         "A caller's search_path can put their objects in front of the ones the function means, running as its owner. Add "
         "SET search_path = '' and qualify names.",
         ""},
        {"function-search-path-mutable", RuleKind::schema, Level::info, "a function without a fixed search_path",
         "What the function's names resolve to depends on the caller's search_path. Add SET search_path = ''.",
         "splinter:0011_function_search_path_mutable"},
        {"security-definer-view", RuleKind::schema, Level::error,
         "a view in an exposed schema, readable by anon or authenticated, without security_invoker",
         "The view reads its tables as its owner and bypasses their row level security. CREATE VIEW ... WITH "
         "(security_invoker = true).",
         "splinter:0010_security_definer_view"},
        {"auth-users-exposed", RuleKind::schema, Level::error, "auth.users exposed through a view in an exposed schema",
         "Users' personal data is readable through the API. Select only what is needed into a table of your own, or revoke "
         "access.",
         "splinter:0002_auth_users_exposed"},
        {"extension-in-public", RuleKind::schema, Level::warning, "an extension installed in the public schema",
         "Its functions and tables show in the API and clutter public. CREATE EXTENSION ... SCHEMA extensions.",
         "splinter:0014_extension_in_public"},
        // A database's history (with --db-url).
        {"applied-migration-edited", RuleKind::database, Level::error, "a migration the database applied has been edited since",
         "The database ran the file as it was then: the edit never runs there, and a fresh database now differs from it. "
         "Restore the file and put the change in a new migration.",
         ""},
        // The lint's own input.
        {"invalid-suppression", RuleKind::meta, Level::warning, "a pgshift-lint-ignore comment naming an unknown rule or giving no reason",
         "Write `-- pgshift-lint-ignore RULE[, RULE]: why` in front of the statement.", ""},
    };
    return all;
}

const Rule* find_rule(const std::string& id) {
    for (const Rule& rule : rules())
        if (id == rule.id) return &rule;
    return nullptr;
}

}  // namespace pgshift::lint
