-- pgshift's description of the Supabase platform, part 1 of 2: the cluster and the database.
-- Roles are cluster-wide and the database's default search_path is a setting, neither is a
-- schema object: this part is run with psql (by `pgshift db start`, and by the tests) before
-- platform.sql, and is not replayed. Run it as a superuser; it is idempotent.
SET client_min_messages = warning;

DO $roles$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      ('supabase_admin',             'NOLOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS'),
      ('anon',                       'NOLOGIN NOINHERIT'),
      ('authenticated',              'NOLOGIN NOINHERIT'),
      ('service_role',               'NOLOGIN NOINHERIT BYPASSRLS'),
      ('authenticator',              'LOGIN NOINHERIT'),
      ('supabase_auth_admin',        'LOGIN NOINHERIT CREATEROLE NOREPLICATION'),
      ('supabase_storage_admin',     'LOGIN NOINHERIT CREATEROLE NOREPLICATION'),
      ('supabase_functions_admin',   'LOGIN NOINHERIT CREATEROLE NOREPLICATION'),
      ('supabase_realtime_admin',    'NOLOGIN NOINHERIT'),
      ('supabase_replication_admin', 'LOGIN REPLICATION'),
      ('supabase_read_only_user',    'LOGIN BYPASSRLS'),
      ('dashboard_user',             'NOLOGIN CREATEDB CREATEROLE REPLICATION'),
      ('pgbouncer',                  'LOGIN')
    ) AS roles(name, options)
  LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.name) THEN
      EXECUTE format('CREATE ROLE %I %s', r.name, r.options);
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'postgres') THEN
    CREATE ROLE postgres LOGIN SUPERUSER;
  END IF;
  GRANT anon, authenticated, service_role TO authenticator;
  GRANT anon, authenticated, service_role TO postgres;
  GRANT pg_read_all_data TO supabase_read_only_user;
END
$roles$;

-- The API roles find extension functions without a schema.
DO $database$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET search_path TO "$user", public, extensions', current_database());
END
$database$;
