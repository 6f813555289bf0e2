-- pgshift platform description: Supabase, fresh hosted project — ENVIRONMENT part.
-- Description version: supabase-2026.08 (see facts.md for the upstream commits it was read from).
--
-- What a Supabase cluster/database has before any schema object: roles (cluster-wide),
-- role memberships, per-role settings, database ownership/grants and the search_path that
-- migrations run with. Written by us from facts in Supabase's public repositories; it is
-- not Supabase's code.
--
-- Run with psql as a superuser, connected to the target database, BEFORE
-- supabase_platform.sql. Safe to run again, and on several databases of one cluster:
-- roles are only created when missing and existing roles are never altered.
-- Role settings are scoped with IN DATABASE, so other databases of the cluster are untouched.
SET client_min_messages = warning;

--------------------------------------------------------------------------------
-- 1. Roles (cluster-wide; created only when missing)
--------------------------------------------------------------------------------
-- Attributes are the platform's, except that every role is created NOLOGIN: on a test
-- cluster these roles would have no password, and nothing here needs to log in as them
-- (use SET ROLE). The platform's LOGIN roles are marked "login" in the comment column.
DO $roles$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      -- name                        attributes on the platform (minus LOGIN)            platform
      ('supabase_admin',             'SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS'), -- login; bootstrap superuser
      ('postgres',                   'CREATEDB CREATEROLE REPLICATION BYPASSRLS'),       -- login; NOSUPERUSER on the platform
      ('anon',                       'INHERIT'),
      ('authenticated',              'INHERIT'),
      ('service_role',               'INHERIT BYPASSRLS'),
      ('authenticator',              'NOINHERIT'),                                       -- login (PostgREST)
      ('dashboard_user',             'CREATEDB CREATEROLE REPLICATION'),
      ('pgbouncer',                  'INHERIT'),                                         -- login
      ('supabase_auth_admin',        'NOINHERIT'),                                       -- login (Auth); NOCREATEROLE since 2026-08
      ('supabase_storage_admin',     'NOINHERIT CREATEROLE'),                            -- login (Storage)
      ('supabase_realtime_admin',    'NOINHERIT CREATEROLE REPLICATION'),                -- login (Realtime)
      ('supabase_functions_admin',   'NOINHERIT CREATEROLE'),                            -- login; exists once webhooks/pg_net are enabled
      ('supabase_replication_admin', 'REPLICATION'),                                     -- login
      ('supabase_etl_admin',         'REPLICATION'),                                     -- login
      ('supabase_read_only_user',    'BYPASSRLS'),                                       -- login
      ('supabase_superuser',         'INHERIT')                                          -- NOLOGIN group role
    ) AS t(name, attrs)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN %s', r.name, r.attrs);
    END IF;
  END LOOP;
END
$roles$;

--------------------------------------------------------------------------------
-- 2. Memberships (GRANT of an existing membership is a no-op notice)
--------------------------------------------------------------------------------
-- PostgREST logs in as authenticator and switches to the role named in the JWT.
GRANT anon, authenticated, service_role TO authenticator;
-- The project owner can act as the API roles; Realtime evaluates RLS as them.
GRANT anon, authenticated, service_role TO postgres;
GRANT anon, authenticated, service_role TO supabase_realtime_admin;
-- Storage switches to the request's role through authenticator.
GRANT authenticator TO supabase_storage_admin;
GRANT pg_read_all_data TO supabase_read_only_user;
GRANT pg_monitor, pg_read_all_data, pg_signal_backend TO postgres;
GRANT supabase_superuser TO postgres, supabase_etl_admin;
-- Set by the webhooks setup together with the supabase_functions schema.
GRANT supabase_functions_admin TO postgres;
-- Realtime's list_changes() sets log_min_messages.
GRANT SET ON PARAMETER log_min_messages TO supabase_realtime_admin;
-- Not granted any more on the platform (revoked 2025): supabase_auth_admin,
-- supabase_storage_admin, supabase_realtime_admin TO postgres.

--------------------------------------------------------------------------------
-- 3. Database: owner, grants, per-role settings, search_path
--------------------------------------------------------------------------------
DO $db$
DECLARE
  db text := current_database();
BEGIN
  -- the project database is owned by postgres (so postgres owns public via pg_database_owner)
  EXECUTE format('ALTER DATABASE %I OWNER TO postgres', db);
  EXECUTE format('GRANT ALL ON DATABASE %I TO postgres, dashboard_user', db);
  EXECUTE format('GRANT CREATE ON DATABASE %I TO supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin', db);

  -- The platform sets these per role (cluster-wide); here they are scoped to this database.
  EXECUTE format('ALTER ROLE anon IN DATABASE %I SET statement_timeout = %L', db, '3s');
  EXECUTE format('ALTER ROLE authenticated IN DATABASE %I SET statement_timeout = %L', db, '8s');
  EXECUTE format('ALTER ROLE authenticator IN DATABASE %I SET statement_timeout = %L', db, '8s');
  EXECUTE format('ALTER ROLE authenticator IN DATABASE %I SET lock_timeout = %L', db, '8s');
  EXECUTE format('ALTER ROLE supabase_auth_admin IN DATABASE %I SET idle_in_transaction_session_timeout = %L', db, '60000');

  -- search_path: on the platform only roles have one (postgres: "\$user", public, extensions
  -- -- sic, a quoting quirk of Supabase's script; it behaves like "$user"). The database itself
  -- keeps PostgreSQL's default; we also set it on the database so that whichever superuser
  -- replays migrations resolves names as the postgres role does on the platform.
  EXECUTE format('ALTER DATABASE %I SET search_path = "$user", public, extensions', db);
  EXECUTE format('ALTER ROLE postgres IN DATABASE %I SET search_path = "$user", public, extensions', db);
  EXECUTE format('ALTER ROLE supabase_admin IN DATABASE %I SET search_path = "$user", public, auth, extensions', db);
  EXECUTE format('ALTER ROLE supabase_auth_admin IN DATABASE %I SET search_path = auth', db);
  EXECUTE format('ALTER ROLE supabase_storage_admin IN DATABASE %I SET search_path = storage', db);
  EXECUTE format('ALTER ROLE supabase_realtime_admin IN DATABASE %I SET search_path = public, extensions, realtime', db);
  EXECUTE format('ALTER ROLE supabase_functions_admin IN DATABASE %I SET search_path = supabase_functions', db);
END
$db$;
-- Not reproduced: session_preload_libraries/local_preload_libraries (supautils, safeupdate)
-- on authenticator and postgres, and safeupdate.enabled -- those libraries are not on a
-- plain PostgreSQL server and a role setting naming a missing library breaks its logins.

SET search_path = "$user", public, extensions;
RESET client_min_messages;
