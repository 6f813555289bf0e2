-- pgshift platform description: Supabase, fresh hosted project — SCHEMA OBJECTS part.
-- Description version: supabase-2026.08
--   supabase/postgres  image migrations up to 20261010094800 (init-scripts as of 2026)
--   supabase/auth      migrations up to 20260625000000_add_custom_claims_allowlist (v2.196.0+)
--   supabase/storage   migrations/tenant up to 0063-fix-search-name-relative-to-prefix (v1.70.6)
--   supabase/realtime  tenant migrations up to 20260709120000 (v2.129.8+)
-- See facts.md for what each statement stands for and what is uncertain.
--
-- The objects a new Supabase project database contains before the first user migration,
-- for a plain PostgreSQL 15 server. Written by us from facts in Supabase's public
-- repositories; it is not Supabase's code. Function bodies marked "simplified" or "stub"
-- keep the platform's signature, language and volatility but not its implementation.
--
-- Plain SQL (no psql meta-commands), readable as migration 0. Apply to a fresh database
-- as a superuser, after supabase_platform.setup.sql. Extensions that the server does not
-- have are skipped.
SET client_min_messages = warning;
SET search_path = public, extensions;

--------------------------------------------------------------------------------
-- 1. Schemas, their owners and grants
--------------------------------------------------------------------------------
CREATE SCHEMA extensions AUTHORIZATION postgres;
CREATE SCHEMA auth AUTHORIZATION supabase_admin;
CREATE SCHEMA storage AUTHORIZATION supabase_admin;
CREATE SCHEMA realtime AUTHORIZATION supabase_admin;
CREATE SCHEMA graphql_public AUTHORIZATION supabase_admin;
-- remains from pg_graphql, which the image creates and (since 2026-04) drops again
CREATE SCHEMA graphql AUTHORIZATION supabase_admin;
CREATE SCHEMA pgbouncer AUTHORIZATION pgbouncer;

GRANT USAGE ON SCHEMA public TO postgres, anon, authenticated, service_role;
GRANT USAGE, CREATE ON SCHEMA public TO supabase_realtime_admin;

GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role, supabase_realtime_admin;
GRANT ALL ON SCHEMA extensions TO dashboard_user;

GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role, postgres, supabase_realtime_admin;
GRANT ALL ON SCHEMA auth TO supabase_auth_admin, dashboard_user;

GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA storage TO postgres WITH GRANT OPTION;
GRANT ALL ON SCHEMA storage TO supabase_storage_admin WITH GRANT OPTION;
GRANT ALL ON SCHEMA storage TO dashboard_user;

GRANT USAGE ON SCHEMA realtime TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA realtime TO postgres WITH GRANT OPTION;
GRANT ALL ON SCHEMA realtime TO supabase_realtime_admin WITH GRANT OPTION;

GRANT USAGE ON SCHEMA graphql_public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA graphql_public TO postgres WITH GRANT OPTION;
GRANT USAGE ON SCHEMA graphql TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA graphql TO postgres WITH GRANT OPTION;

--------------------------------------------------------------------------------
-- 2. Default privileges: what roles get on objects created later
--------------------------------------------------------------------------------
-- Tables/functions the project owner (or supabase_admin) creates in public are reachable
-- by the API roles; Row Level Security is what restricts them.
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON TABLES    TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON TABLES    TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;

ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON TABLES    TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql GRANT ALL ON TABLES    TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA graphql GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;

-- extensions that supabase_admin installs stay usable (and re-grantable) by postgres
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON TABLES    TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON SEQUENCES TO postgres WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA extensions GRANT ALL ON FUNCTIONS TO postgres WITH GRANT OPTION;

ALTER DEFAULT PRIVILEGES FOR ROLE supabase_storage_admin IN SCHEMA storage GRANT ALL ON TABLES    TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_storage_admin IN SCHEMA storage GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_storage_admin IN SCHEMA storage GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;

ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON TABLES    TO postgres, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON SEQUENCES TO postgres, dashboard_user;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA realtime GRANT ALL ON FUNCTIONS TO postgres, dashboard_user;

--------------------------------------------------------------------------------
-- 3. Extensions (only those the server has)
--------------------------------------------------------------------------------
DO $ext$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'uuid-ossp') THEN
    CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto') THEN
    CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') THEN
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA extensions;
  END IF;
END
$ext$;
-- The image grants postgres everything on what is in extensions, re-grantable, and
-- dashboard_user everything too.
GRANT ALL ON ALL TABLES    IN SCHEMA extensions TO postgres WITH GRANT OPTION;
GRANT ALL ON ALL SEQUENCES IN SCHEMA extensions TO postgres WITH GRANT OPTION;
GRANT ALL ON ALL ROUTINES  IN SCHEMA extensions TO postgres WITH GRANT OPTION;
GRANT ALL ON ALL TABLES    IN SCHEMA extensions TO dashboard_user;
GRANT ALL ON ALL SEQUENCES IN SCHEMA extensions TO dashboard_user;
GRANT ALL ON ALL ROUTINES  IN SCHEMA extensions TO dashboard_user;

--------------------------------------------------------------------------------
-- 4. vault (supabase_vault extension; schema vault)
--------------------------------------------------------------------------------
-- With the extension: install it and grant as the image does. Without it (no Debian
-- package exists): a plain emulation with the same names, so that migrations calling
-- vault.create_secret() replay. The emulation does NOT encrypt.
DO $vault$
DECLARE
  r record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'supabase_vault') THEN
    CREATE EXTENSION IF NOT EXISTS supabase_vault;   -- its control file puts it in schema vault
    -- on the platform supabase_admin installed it, so it owns the schema and the objects
    ALTER SCHEMA vault OWNER TO supabase_admin;
    ALTER TABLE vault.secrets OWNER TO supabase_admin;
    ALTER VIEW vault.decrypted_secrets OWNER TO supabase_admin;
    FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p WHERE p.pronamespace = 'vault'::regnamespace LOOP
      EXECUTE format('ALTER FUNCTION %s OWNER TO supabase_admin', r.fn);
    END LOOP;
  ELSE
    CREATE SCHEMA vault AUTHORIZATION supabase_admin;
    CREATE TABLE vault.secrets (
      id          uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      name        text,
      description text NOT NULL DEFAULT ''::text,
      secret      text NOT NULL,
      key_id      uuid,
      nonce       bytea,
      created_at  timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
      updated_at  timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP
    );
    CREATE UNIQUE INDEX secrets_name_idx ON vault.secrets USING btree (name) WHERE (name IS NOT NULL);
    COMMENT ON TABLE vault.secrets IS 'Table with encrypted `secret` column for storing sensitive information on disk.';
    CREATE VIEW vault.decrypted_secrets AS
      SELECT s.id, s.name, s.description, s.secret, s.secret AS decrypted_secret,
             s.key_id, s.nonce, s.created_at, s.updated_at
      FROM vault.secrets s;
    CREATE FUNCTION vault.create_secret(new_secret text, new_name text DEFAULT NULL::text,
                                        new_description text DEFAULT ''::text, new_key_id uuid DEFAULT NULL::uuid)
      RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $f$
    DECLARE
      new_id uuid;
    BEGIN
      INSERT INTO vault.secrets (secret, name, description) VALUES (new_secret, new_name, new_description)
      RETURNING id INTO new_id;
      RETURN new_id;
    END
    $f$;
    CREATE FUNCTION vault.update_secret(secret_id uuid, new_secret text DEFAULT NULL::text, new_name text DEFAULT NULL::text,
                                        new_description text DEFAULT NULL::text, new_key_id uuid DEFAULT NULL::uuid)
      RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $f$
    BEGIN
      UPDATE vault.secrets s
      SET secret = coalesce(new_secret, s.secret), name = coalesce(new_name, s.name),
          description = coalesce(new_description, s.description), updated_at = now()
      WHERE s.id = secret_id;
    END
    $f$;
    REVOKE ALL ON FUNCTION vault.create_secret(text, text, text, uuid), vault.update_secret(uuid, text, text, text, uuid) FROM PUBLIC;
    ALTER TABLE vault.secrets OWNER TO supabase_admin;
    ALTER VIEW vault.decrypted_secrets OWNER TO supabase_admin;
    ALTER FUNCTION vault.create_secret(text, text, text, uuid) OWNER TO supabase_admin;
    ALTER FUNCTION vault.update_secret(uuid, text, text, text, uuid) OWNER TO supabase_admin;
  END IF;

  GRANT USAGE ON SCHEMA vault TO postgres WITH GRANT OPTION;
  GRANT USAGE ON SCHEMA vault TO service_role;
  GRANT SELECT, DELETE, TRUNCATE, REFERENCES ON vault.secrets, vault.decrypted_secrets TO postgres WITH GRANT OPTION;
  GRANT SELECT, DELETE ON vault.secrets, vault.decrypted_secrets TO service_role;
  GRANT EXECUTE ON FUNCTION vault.create_secret(text, text, text, uuid), vault.update_secret(uuid, text, text, text, uuid)
    TO postgres WITH GRANT OPTION;
  GRANT EXECUTE ON FUNCTION vault.create_secret(text, text, text, uuid), vault.update_secret(uuid, text, text, text, uuid)
    TO service_role;
  IF to_regprocedure('vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea)') IS NOT NULL THEN
    GRANT EXECUTE ON FUNCTION vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea) TO postgres WITH GRANT OPTION;
    GRANT EXECUTE ON FUNCTION vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea) TO service_role;
  END IF;
END
$vault$;

--------------------------------------------------------------------------------
-- 5. auth: types
--------------------------------------------------------------------------------
CREATE TYPE auth.aal_level AS ENUM ('aal1', 'aal2', 'aal3');
CREATE TYPE auth.code_challenge_method AS ENUM ('s256', 'plain');
CREATE TYPE auth.factor_status AS ENUM ('unverified', 'verified');
CREATE TYPE auth.factor_type AS ENUM ('totp', 'webauthn', 'phone');
CREATE TYPE auth.oauth_authorization_status AS ENUM ('pending', 'approved', 'denied', 'expired');
CREATE TYPE auth.oauth_client_type AS ENUM ('public', 'confidential');
CREATE TYPE auth.oauth_registration_type AS ENUM ('dynamic', 'manual');
CREATE TYPE auth.oauth_response_type AS ENUM ('code');
CREATE TYPE auth.one_time_token_type AS ENUM ('confirmation_token', 'reauthentication_token', 'recovery_token',
  'email_change_token_new', 'email_change_token_current', 'phone_change_token');

--------------------------------------------------------------------------------
-- 6. auth: tables
--------------------------------------------------------------------------------
CREATE TABLE auth.instances (
  id              uuid NOT NULL,
  uuid            uuid,
  raw_base_config text,
  created_at      timestamp with time zone,
  updated_at      timestamp with time zone,
  CONSTRAINT instances_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE auth.instances IS 'Auth: Manages users across multiple sites.';

CREATE TABLE auth.schema_migrations (
  version character varying(255) NOT NULL,
  CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
);
COMMENT ON TABLE auth.schema_migrations IS 'Auth: Manages updates to the auth system.';

CREATE TABLE auth.users (
  instance_id                 uuid,
  id                          uuid NOT NULL,
  aud                         character varying(255),
  role                        character varying(255),
  email                       character varying(255),
  encrypted_password          character varying(255),
  email_confirmed_at          timestamp with time zone,
  invited_at                  timestamp with time zone,
  confirmation_token          character varying(255),
  confirmation_sent_at        timestamp with time zone,
  recovery_token              character varying(255),
  recovery_sent_at            timestamp with time zone,
  email_change_token_new      character varying(255),
  email_change                character varying(255),
  email_change_sent_at        timestamp with time zone,
  last_sign_in_at             timestamp with time zone,
  raw_app_meta_data           jsonb,
  raw_user_meta_data          jsonb,
  is_super_admin              boolean,
  created_at                  timestamp with time zone,
  updated_at                  timestamp with time zone,
  -- phone was varchar(15) once; the casts in these defaults are left from that
  phone                       text DEFAULT NULL::character varying,
  phone_confirmed_at          timestamp with time zone,
  phone_change                text DEFAULT ''::character varying,
  phone_change_token          character varying(255) DEFAULT ''::character varying,
  phone_change_sent_at        timestamp with time zone,
  confirmed_at                timestamp with time zone GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  email_change_token_current  character varying(255) DEFAULT ''::character varying,
  email_change_confirm_status smallint DEFAULT 0,
  banned_until                timestamp with time zone,
  reauthentication_token      character varying(255) DEFAULT ''::character varying,
  reauthentication_sent_at    timestamp with time zone,
  is_sso_user                 boolean NOT NULL DEFAULT false,
  deleted_at                  timestamp with time zone,
  is_anonymous                boolean NOT NULL DEFAULT false,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_phone_key UNIQUE (phone),
  CONSTRAINT users_email_change_confirm_status_check CHECK (((email_change_confirm_status >= 0) AND (email_change_confirm_status <= 2)))
);
CREATE INDEX users_instance_id_idx ON auth.users USING btree (instance_id);
CREATE INDEX users_instance_id_email_idx ON auth.users USING btree (instance_id, lower((email)::text));
CREATE INDEX users_is_anonymous_idx ON auth.users USING btree (is_anonymous);
CREATE UNIQUE INDEX users_email_partial_key ON auth.users USING btree (email) WHERE (is_sso_user = false);
CREATE UNIQUE INDEX confirmation_token_idx ON auth.users USING btree (confirmation_token) WHERE ((confirmation_token)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX recovery_token_idx ON auth.users USING btree (recovery_token) WHERE ((recovery_token)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX email_change_token_current_idx ON auth.users USING btree (email_change_token_current) WHERE ((email_change_token_current)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX email_change_token_new_idx ON auth.users USING btree (email_change_token_new) WHERE ((email_change_token_new)::text !~ '^[0-9 ]*$'::text);
CREATE UNIQUE INDEX reauthentication_token_idx ON auth.users USING btree (reauthentication_token) WHERE ((reauthentication_token)::text !~ '^[0-9 ]*$'::text);
COMMENT ON TABLE auth.users IS 'Auth: Stores user login data within a secure schema.';
COMMENT ON COLUMN auth.users.is_sso_user IS 'Auth: Set this column to true when the account comes from SSO. These accounts can have duplicate emails.';
COMMENT ON INDEX auth.users_email_partial_key IS 'Auth: A partial unique index that applies only when is_sso_user is false';

CREATE TABLE auth.audit_log_entries (
  instance_id uuid,
  id          uuid NOT NULL,
  payload     json,
  created_at  timestamp with time zone,
  ip_address  character varying(64) NOT NULL DEFAULT ''::character varying,
  CONSTRAINT audit_log_entries_pkey PRIMARY KEY (id)
);
CREATE INDEX audit_logs_instance_id_idx ON auth.audit_log_entries USING btree (instance_id);
COMMENT ON TABLE auth.audit_log_entries IS 'Auth: Audit trail for user actions.';

CREATE TABLE auth.identities (
  provider_id     text NOT NULL,
  user_id         uuid NOT NULL,
  identity_data   jsonb NOT NULL,
  provider        text NOT NULL,
  last_sign_in_at timestamp with time zone,
  created_at      timestamp with time zone,
  updated_at      timestamp with time zone,
  email           text GENERATED ALWAYS AS (lower((identity_data ->> 'email'::text))) STORED,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  CONSTRAINT identities_pkey PRIMARY KEY (id),
  CONSTRAINT identities_provider_id_provider_unique UNIQUE (provider_id, provider),
  CONSTRAINT identities_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
CREATE INDEX identities_user_id_idx ON auth.identities USING btree (user_id);
CREATE INDEX identities_email_idx ON auth.identities USING btree (email text_pattern_ops);
COMMENT ON TABLE auth.identities IS 'Auth: Stores identities associated to a user.';
COMMENT ON COLUMN auth.identities.email IS 'Auth: Email is a generated column that references the optional email property in the identity_data';
COMMENT ON INDEX auth.identities_email_idx IS 'Auth: Ensures indexed queries on the email column';

CREATE TABLE auth.oauth_clients (
  id                         uuid NOT NULL,
  client_secret_hash         text,
  registration_type          auth.oauth_registration_type NOT NULL,
  redirect_uris              text NOT NULL,
  grant_types                text NOT NULL,
  client_name                text,
  client_uri                 text,
  logo_uri                   text,
  created_at                 timestamp with time zone NOT NULL DEFAULT now(),
  updated_at                 timestamp with time zone NOT NULL DEFAULT now(),
  deleted_at                 timestamp with time zone,
  client_type                auth.oauth_client_type NOT NULL DEFAULT 'confidential'::auth.oauth_client_type,
  token_endpoint_auth_method text NOT NULL,
  CONSTRAINT oauth_clients_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_clients_client_name_length CHECK ((char_length(client_name) <= 1024)),
  CONSTRAINT oauth_clients_client_uri_length CHECK ((char_length(client_uri) <= 2048)),
  CONSTRAINT oauth_clients_logo_uri_length CHECK ((char_length(logo_uri) <= 2048)),
  CONSTRAINT oauth_clients_token_endpoint_auth_method_check CHECK ((token_endpoint_auth_method = ANY (ARRAY['client_secret_basic'::text, 'client_secret_post'::text, 'none'::text])))
);
CREATE INDEX oauth_clients_deleted_at_idx ON auth.oauth_clients USING btree (deleted_at);

CREATE TABLE auth.sessions (
  id                     uuid NOT NULL,
  user_id                uuid NOT NULL,
  created_at             timestamp with time zone,
  updated_at             timestamp with time zone,
  factor_id              uuid,
  aal                    auth.aal_level,
  not_after              timestamp with time zone,
  refreshed_at           timestamp without time zone,
  user_agent             text,
  ip                     inet,
  tag                    text,
  oauth_client_id        uuid,
  refresh_token_hmac_key text,
  refresh_token_counter  bigint,
  scopes                 text,
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  CONSTRAINT sessions_oauth_client_id_fkey FOREIGN KEY (oauth_client_id) REFERENCES auth.oauth_clients(id) ON DELETE CASCADE,
  CONSTRAINT sessions_scopes_length CHECK ((char_length(scopes) <= 4096))
);
CREATE INDEX sessions_user_id_idx ON auth.sessions USING btree (user_id);
CREATE INDEX sessions_not_after_idx ON auth.sessions USING btree (not_after DESC);
CREATE INDEX sessions_oauth_client_id_idx ON auth.sessions USING btree (oauth_client_id);
CREATE INDEX user_id_created_at_idx ON auth.sessions USING btree (user_id, created_at);
COMMENT ON TABLE auth.sessions IS 'Auth: Stores session data associated to a user.';
COMMENT ON COLUMN auth.sessions.not_after IS 'Auth: Not after is a nullable column that contains a timestamp after which the session should be regarded as expired.';
COMMENT ON COLUMN auth.sessions.refresh_token_hmac_key IS 'Holds a HMAC-SHA256 key used to sign refresh tokens for this session.';
COMMENT ON COLUMN auth.sessions.refresh_token_counter IS 'Holds the ID (counter) of the last issued refresh token.';

CREATE TABLE auth.refresh_tokens (
  instance_id uuid,
  id          bigserial NOT NULL,
  token       character varying(255),
  user_id     character varying(255),
  revoked     boolean,
  created_at  timestamp with time zone,
  updated_at  timestamp with time zone,
  parent      character varying(255),
  session_id  uuid,
  CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT refresh_tokens_token_unique UNIQUE (token),
  CONSTRAINT refresh_tokens_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions(id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_instance_id_idx ON auth.refresh_tokens USING btree (instance_id);
CREATE INDEX refresh_tokens_instance_id_user_id_idx ON auth.refresh_tokens USING btree (instance_id, user_id);
CREATE INDEX refresh_tokens_parent_idx ON auth.refresh_tokens USING btree (parent);
CREATE INDEX refresh_tokens_session_id_revoked_idx ON auth.refresh_tokens USING btree (session_id, revoked);
CREATE INDEX refresh_tokens_updated_at_idx ON auth.refresh_tokens USING btree (updated_at DESC);
COMMENT ON TABLE auth.refresh_tokens IS 'Auth: Store of tokens used to refresh JWT tokens once they expire.';

CREATE TABLE auth.mfa_factors (
  id                           uuid NOT NULL,
  user_id                      uuid NOT NULL,
  friendly_name                text,
  factor_type                  auth.factor_type NOT NULL,
  status                       auth.factor_status NOT NULL,
  created_at                   timestamp with time zone NOT NULL,
  updated_at                   timestamp with time zone NOT NULL,
  secret                       text,
  phone                        text,
  last_challenged_at           timestamp with time zone,
  web_authn_credential         jsonb,
  web_authn_aaguid             uuid,
  last_webauthn_challenge_data jsonb,
  CONSTRAINT mfa_factors_pkey PRIMARY KEY (id),
  CONSTRAINT mfa_factors_last_challenged_at_key UNIQUE (last_challenged_at),
  CONSTRAINT mfa_factors_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
CREATE INDEX factor_id_created_at_idx ON auth.mfa_factors USING btree (user_id, created_at);
CREATE INDEX mfa_factors_user_id_idx ON auth.mfa_factors USING btree (user_id);
CREATE UNIQUE INDEX mfa_factors_user_friendly_name_unique ON auth.mfa_factors USING btree (friendly_name, user_id) WHERE (TRIM(BOTH FROM friendly_name) <> ''::text);
CREATE UNIQUE INDEX unique_phone_factor_per_user ON auth.mfa_factors USING btree (user_id, phone);
COMMENT ON TABLE auth.mfa_factors IS 'auth: stores metadata about factors';
COMMENT ON COLUMN auth.mfa_factors.last_webauthn_challenge_data IS 'Stores the latest WebAuthn challenge data including attestation/assertion for customer verification';

CREATE TABLE auth.mfa_challenges (
  id                     uuid NOT NULL,
  factor_id              uuid NOT NULL,
  created_at             timestamp with time zone NOT NULL,
  verified_at            timestamp with time zone,
  ip_address             inet NOT NULL,
  otp_code               text,
  web_authn_session_data jsonb,
  CONSTRAINT mfa_challenges_pkey PRIMARY KEY (id),
  CONSTRAINT mfa_challenges_auth_factor_id_fkey FOREIGN KEY (factor_id) REFERENCES auth.mfa_factors(id) ON DELETE CASCADE
);
CREATE INDEX mfa_challenge_created_at_idx ON auth.mfa_challenges USING btree (created_at DESC);
COMMENT ON TABLE auth.mfa_challenges IS 'auth: stores metadata about challenge requests made';

CREATE TABLE auth.mfa_amr_claims (
  session_id            uuid NOT NULL,
  created_at            timestamp with time zone NOT NULL,
  updated_at            timestamp with time zone NOT NULL,
  authentication_method text NOT NULL,
  id                    uuid NOT NULL,
  CONSTRAINT amr_id_pk PRIMARY KEY (id),
  CONSTRAINT mfa_amr_claims_session_id_authentication_method_pkey UNIQUE (session_id, authentication_method),
  CONSTRAINT mfa_amr_claims_session_id_fkey FOREIGN KEY (session_id) REFERENCES auth.sessions(id) ON DELETE CASCADE
);
COMMENT ON TABLE auth.mfa_amr_claims IS 'auth: stores authenticator method reference claims for multi factor authentication';

CREATE TABLE auth.sso_providers (
  id          uuid NOT NULL,
  resource_id text,
  created_at  timestamp with time zone,
  updated_at  timestamp with time zone,
  disabled    boolean,
  CONSTRAINT sso_providers_pkey PRIMARY KEY (id),
  CONSTRAINT "resource_id not empty" CHECK (((resource_id = NULL::text) OR (char_length(resource_id) > 0)))
);
CREATE UNIQUE INDEX sso_providers_resource_id_idx ON auth.sso_providers USING btree (lower(resource_id));
CREATE INDEX sso_providers_resource_id_pattern_idx ON auth.sso_providers USING btree (resource_id text_pattern_ops);
COMMENT ON TABLE auth.sso_providers IS 'Auth: Manages SSO identity provider information; see saml_providers for SAML.';
COMMENT ON COLUMN auth.sso_providers.resource_id IS 'Auth: Uniquely identifies a SSO provider according to a user-chosen resource ID (case insensitive), useful in infrastructure as code.';

CREATE TABLE auth.sso_domains (
  id              uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  domain          text NOT NULL,
  created_at      timestamp with time zone,
  updated_at      timestamp with time zone,
  CONSTRAINT sso_domains_pkey PRIMARY KEY (id),
  CONSTRAINT sso_domains_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers(id) ON DELETE CASCADE,
  CONSTRAINT "domain not empty" CHECK ((char_length(domain) > 0))
);
CREATE UNIQUE INDEX sso_domains_domain_idx ON auth.sso_domains USING btree (lower(domain));
CREATE INDEX sso_domains_sso_provider_id_idx ON auth.sso_domains USING btree (sso_provider_id);
COMMENT ON TABLE auth.sso_domains IS 'Auth: Manages SSO email address domain mapping to an SSO Identity Provider.';

CREATE TABLE auth.saml_providers (
  id                uuid NOT NULL,
  sso_provider_id   uuid NOT NULL,
  entity_id         text NOT NULL,
  metadata_xml      text NOT NULL,
  metadata_url      text,
  attribute_mapping jsonb,
  created_at        timestamp with time zone,
  updated_at        timestamp with time zone,
  name_id_format    text,
  CONSTRAINT saml_providers_pkey PRIMARY KEY (id),
  CONSTRAINT saml_providers_entity_id_key UNIQUE (entity_id),
  CONSTRAINT saml_providers_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers(id) ON DELETE CASCADE,
  CONSTRAINT "entity_id not empty" CHECK ((char_length(entity_id) > 0)),
  CONSTRAINT "metadata_url not empty" CHECK (((metadata_url = NULL::text) OR (char_length(metadata_url) > 0))),
  CONSTRAINT "metadata_xml not empty" CHECK ((char_length(metadata_xml) > 0))
);
CREATE INDEX saml_providers_sso_provider_id_idx ON auth.saml_providers USING btree (sso_provider_id);
COMMENT ON TABLE auth.saml_providers IS 'Auth: Manages SAML Identity Provider connections.';

CREATE TABLE auth.flow_state (
  id                     uuid NOT NULL,
  user_id                uuid,
  auth_code              text,
  code_challenge_method  auth.code_challenge_method,
  code_challenge         text,
  provider_type          text NOT NULL,
  provider_access_token  text,
  provider_refresh_token text,
  created_at             timestamp with time zone,
  updated_at             timestamp with time zone,
  authentication_method  text NOT NULL,
  auth_code_issued_at    timestamp with time zone,
  invite_token           text,
  referrer               text,
  oauth_client_state_id  uuid,
  linking_target_id      uuid,
  email_optional         boolean NOT NULL DEFAULT false,
  CONSTRAINT flow_state_pkey PRIMARY KEY (id)
);
CREATE INDEX flow_state_created_at_idx ON auth.flow_state USING btree (created_at DESC);
CREATE INDEX idx_auth_code ON auth.flow_state USING btree (auth_code);
CREATE INDEX idx_user_id_auth_method ON auth.flow_state USING btree (user_id, authentication_method);
COMMENT ON TABLE auth.flow_state IS 'Stores metadata for all OAuth/SSO login flows';

CREATE TABLE auth.saml_relay_states (
  id              uuid NOT NULL,
  sso_provider_id uuid NOT NULL,
  request_id      text NOT NULL,
  for_email       text,
  redirect_to     text,
  created_at      timestamp with time zone,
  updated_at      timestamp with time zone,
  flow_state_id   uuid,
  CONSTRAINT saml_relay_states_pkey PRIMARY KEY (id),
  CONSTRAINT saml_relay_states_flow_state_id_fkey FOREIGN KEY (flow_state_id) REFERENCES auth.flow_state(id) ON DELETE CASCADE,
  CONSTRAINT saml_relay_states_sso_provider_id_fkey FOREIGN KEY (sso_provider_id) REFERENCES auth.sso_providers(id) ON DELETE CASCADE,
  CONSTRAINT "request_id not empty" CHECK ((char_length(request_id) > 0))
);
CREATE INDEX saml_relay_states_created_at_idx ON auth.saml_relay_states USING btree (created_at DESC);
CREATE INDEX saml_relay_states_for_email_idx ON auth.saml_relay_states USING btree (for_email);
CREATE INDEX saml_relay_states_sso_provider_id_idx ON auth.saml_relay_states USING btree (sso_provider_id);
COMMENT ON TABLE auth.saml_relay_states IS 'Auth: Contains SAML Relay State information for each Service Provider initiated login.';

CREATE TABLE auth.one_time_tokens (
  id         uuid NOT NULL,
  user_id    uuid NOT NULL,
  token_type auth.one_time_token_type NOT NULL,
  token_hash text NOT NULL,
  relates_to text NOT NULL,
  created_at timestamp without time zone NOT NULL DEFAULT now(),
  updated_at timestamp without time zone NOT NULL DEFAULT now(),
  CONSTRAINT one_time_tokens_pkey PRIMARY KEY (id),
  CONSTRAINT one_time_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  CONSTRAINT one_time_tokens_token_hash_check CHECK ((char_length(token_hash) > 0))
);
CREATE INDEX one_time_tokens_relates_to_hash_idx ON auth.one_time_tokens USING hash (relates_to);
CREATE INDEX one_time_tokens_token_hash_hash_idx ON auth.one_time_tokens USING hash (token_hash);
CREATE UNIQUE INDEX one_time_tokens_user_id_token_type_key ON auth.one_time_tokens USING btree (user_id, token_type);

CREATE TABLE auth.oauth_authorizations (
  id                    uuid NOT NULL,
  authorization_id      text NOT NULL,
  client_id             uuid NOT NULL,
  user_id               uuid,
  redirect_uri          text NOT NULL,
  scope                 text NOT NULL,
  state                 text,
  resource              text,
  code_challenge        text,
  code_challenge_method auth.code_challenge_method,
  response_type         auth.oauth_response_type NOT NULL DEFAULT 'code'::auth.oauth_response_type,
  status                auth.oauth_authorization_status NOT NULL DEFAULT 'pending'::auth.oauth_authorization_status,
  authorization_code    text,
  created_at            timestamp with time zone NOT NULL DEFAULT now(),
  expires_at            timestamp with time zone NOT NULL DEFAULT (now() + '00:03:00'::interval),
  approved_at           timestamp with time zone,
  nonce                 text,
  CONSTRAINT oauth_authorizations_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_authorizations_authorization_code_key UNIQUE (authorization_code),
  CONSTRAINT oauth_authorizations_authorization_id_key UNIQUE (authorization_id),
  CONSTRAINT oauth_authorizations_client_id_fkey FOREIGN KEY (client_id) REFERENCES auth.oauth_clients(id) ON DELETE CASCADE,
  CONSTRAINT oauth_authorizations_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  CONSTRAINT oauth_authorizations_authorization_code_length CHECK ((char_length(authorization_code) <= 255)),
  CONSTRAINT oauth_authorizations_code_challenge_length CHECK ((char_length(code_challenge) <= 128)),
  CONSTRAINT oauth_authorizations_expires_at_future CHECK ((expires_at > created_at)),
  CONSTRAINT oauth_authorizations_nonce_length CHECK ((char_length(nonce) <= 255)),
  CONSTRAINT oauth_authorizations_redirect_uri_length CHECK ((char_length(redirect_uri) <= 2048)),
  CONSTRAINT oauth_authorizations_resource_length CHECK ((char_length(resource) <= 2048)),
  CONSTRAINT oauth_authorizations_scope_length CHECK ((char_length(scope) <= 4096)),
  CONSTRAINT oauth_authorizations_state_length CHECK ((char_length(state) <= 4096))
);
CREATE INDEX oauth_auth_pending_exp_idx ON auth.oauth_authorizations USING btree (expires_at) WHERE (status = 'pending'::auth.oauth_authorization_status);

CREATE TABLE auth.oauth_consents (
  id         uuid NOT NULL,
  user_id    uuid NOT NULL,
  client_id  uuid NOT NULL,
  scopes     text NOT NULL,
  granted_at timestamp with time zone NOT NULL DEFAULT now(),
  revoked_at timestamp with time zone,
  CONSTRAINT oauth_consents_pkey PRIMARY KEY (id),
  CONSTRAINT oauth_consents_user_client_unique UNIQUE (user_id, client_id),
  CONSTRAINT oauth_consents_client_id_fkey FOREIGN KEY (client_id) REFERENCES auth.oauth_clients(id) ON DELETE CASCADE,
  CONSTRAINT oauth_consents_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  CONSTRAINT oauth_consents_revoked_after_granted CHECK (((revoked_at IS NULL) OR (revoked_at >= granted_at))),
  CONSTRAINT oauth_consents_scopes_length CHECK ((char_length(scopes) <= 2048)),
  CONSTRAINT oauth_consents_scopes_not_empty CHECK ((char_length(TRIM(BOTH FROM scopes)) > 0))
);
CREATE INDEX oauth_consents_active_client_idx ON auth.oauth_consents USING btree (client_id) WHERE (revoked_at IS NULL);
CREATE INDEX oauth_consents_active_user_client_idx ON auth.oauth_consents USING btree (user_id, client_id) WHERE (revoked_at IS NULL);
CREATE INDEX oauth_consents_user_order_idx ON auth.oauth_consents USING btree (user_id, granted_at DESC);

CREATE TABLE auth.oauth_client_states (
  id            uuid NOT NULL,
  provider_type text NOT NULL,
  code_verifier text,
  created_at    timestamp with time zone NOT NULL,
  CONSTRAINT oauth_client_states_pkey PRIMARY KEY (id)
);
CREATE INDEX idx_oauth_client_states_created_at ON auth.oauth_client_states USING btree (created_at);
COMMENT ON TABLE auth.oauth_client_states IS 'Stores OAuth states for third-party provider authentication flows where Supabase acts as the OAuth client.';

CREATE TABLE auth.custom_oauth_providers (
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  provider_type           text NOT NULL,
  identifier              text NOT NULL,
  name                    text NOT NULL,
  client_id               text NOT NULL,
  client_secret           text NOT NULL,
  acceptable_client_ids   text[] NOT NULL DEFAULT '{}'::text[],
  scopes                  text[] NOT NULL DEFAULT '{}'::text[],
  pkce_enabled            boolean NOT NULL DEFAULT true,
  attribute_mapping       jsonb NOT NULL DEFAULT '{}'::jsonb,
  authorization_params    jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled                 boolean NOT NULL DEFAULT true,
  email_optional          boolean NOT NULL DEFAULT false,
  issuer                  text,
  discovery_url           text,
  skip_nonce_check        boolean NOT NULL DEFAULT false,
  cached_discovery        jsonb,
  discovery_cached_at     timestamp with time zone,
  authorization_url       text,
  token_url               text,
  userinfo_url            text,
  jwks_uri                text,
  created_at              timestamp with time zone NOT NULL DEFAULT now(),
  updated_at              timestamp with time zone NOT NULL DEFAULT now(),
  custom_claims_allowlist text[] NOT NULL DEFAULT '{}'::text[],
  CONSTRAINT custom_oauth_providers_pkey PRIMARY KEY (id),
  CONSTRAINT custom_oauth_providers_identifier_key UNIQUE (identifier),
  CONSTRAINT custom_oauth_providers_authorization_url_https CHECK (((authorization_url IS NULL) OR (authorization_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_authorization_url_length CHECK (((authorization_url IS NULL) OR (char_length(authorization_url) <= 2048))),
  CONSTRAINT custom_oauth_providers_client_id_length CHECK (((char_length(client_id) >= 1) AND (char_length(client_id) <= 512))),
  CONSTRAINT custom_oauth_providers_discovery_url_length CHECK (((discovery_url IS NULL) OR (char_length(discovery_url) <= 2048))),
  CONSTRAINT custom_oauth_providers_identifier_format CHECK ((identifier ~ '^[a-z0-9][a-z0-9:-]{0,48}[a-z0-9]$'::text)),
  CONSTRAINT custom_oauth_providers_issuer_length CHECK (((issuer IS NULL) OR ((char_length(issuer) >= 1) AND (char_length(issuer) <= 2048)))),
  CONSTRAINT custom_oauth_providers_jwks_uri_https CHECK (((jwks_uri IS NULL) OR (jwks_uri ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_jwks_uri_length CHECK (((jwks_uri IS NULL) OR (char_length(jwks_uri) <= 2048))),
  CONSTRAINT custom_oauth_providers_name_length CHECK (((char_length(name) >= 1) AND (char_length(name) <= 100))),
  CONSTRAINT custom_oauth_providers_oauth2_requires_endpoints CHECK (((provider_type <> 'oauth2'::text) OR ((authorization_url IS NOT NULL) AND (token_url IS NOT NULL) AND (userinfo_url IS NOT NULL)))),
  CONSTRAINT custom_oauth_providers_oidc_discovery_url_https CHECK (((provider_type <> 'oidc'::text) OR (discovery_url IS NULL) OR (discovery_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_oidc_issuer_https CHECK (((provider_type <> 'oidc'::text) OR (issuer IS NULL) OR (issuer ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_oidc_requires_issuer CHECK (((provider_type <> 'oidc'::text) OR (issuer IS NOT NULL))),
  CONSTRAINT custom_oauth_providers_provider_type_check CHECK ((provider_type = ANY (ARRAY['oauth2'::text, 'oidc'::text]))),
  CONSTRAINT custom_oauth_providers_token_url_https CHECK (((token_url IS NULL) OR (token_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_token_url_length CHECK (((token_url IS NULL) OR (char_length(token_url) <= 2048))),
  CONSTRAINT custom_oauth_providers_userinfo_url_https CHECK (((userinfo_url IS NULL) OR (userinfo_url ~~ 'https://%'::text))),
  CONSTRAINT custom_oauth_providers_userinfo_url_length CHECK (((userinfo_url IS NULL) OR (char_length(userinfo_url) <= 2048)))
);
CREATE INDEX custom_oauth_providers_created_at_idx ON auth.custom_oauth_providers USING btree (created_at);
CREATE INDEX custom_oauth_providers_enabled_idx ON auth.custom_oauth_providers USING btree (enabled);
CREATE INDEX custom_oauth_providers_identifier_idx ON auth.custom_oauth_providers USING btree (identifier);
CREATE INDEX custom_oauth_providers_provider_type_idx ON auth.custom_oauth_providers USING btree (provider_type);

CREATE TABLE auth.webauthn_credentials (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL,
  credential_id  bytea NOT NULL,
  public_key     bytea NOT NULL,
  attestation_type text NOT NULL DEFAULT ''::text,
  aaguid         uuid,
  sign_count     bigint NOT NULL DEFAULT 0,
  transports     jsonb NOT NULL DEFAULT '[]'::jsonb,
  backup_eligible boolean NOT NULL DEFAULT false,
  backed_up      boolean NOT NULL DEFAULT false,
  friendly_name  text NOT NULL DEFAULT ''::text,
  created_at     timestamp with time zone NOT NULL DEFAULT now(),
  updated_at     timestamp with time zone NOT NULL DEFAULT now(),
  last_used_at   timestamp with time zone,
  CONSTRAINT webauthn_credentials_pkey PRIMARY KEY (id),
  CONSTRAINT webauthn_credentials_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX webauthn_credentials_credential_id_key ON auth.webauthn_credentials USING btree (credential_id);
CREATE INDEX webauthn_credentials_user_id_idx ON auth.webauthn_credentials USING btree (user_id);

CREATE TABLE auth.webauthn_challenges (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id        uuid,
  challenge_type text NOT NULL,
  session_data   jsonb NOT NULL,
  created_at     timestamp with time zone NOT NULL DEFAULT now(),
  expires_at     timestamp with time zone NOT NULL,
  CONSTRAINT webauthn_challenges_pkey PRIMARY KEY (id),
  CONSTRAINT webauthn_challenges_user_id_fkey FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE,
  CONSTRAINT webauthn_challenges_challenge_type_check CHECK ((challenge_type = ANY (ARRAY['signup'::text, 'registration'::text, 'authentication'::text])))
);
CREATE INDEX webauthn_challenges_expires_at_idx ON auth.webauthn_challenges USING btree (expires_at);
CREATE INDEX webauthn_challenges_user_id_idx ON auth.webauthn_challenges USING btree (user_id);

-- RLS is on (with no policies) for the tables that existed in 2024; newer ones have it off.
ALTER TABLE auth.schema_migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.audit_log_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.saml_relay_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sso_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.sso_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.mfa_amr_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.saml_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.flow_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth.one_time_tokens ENABLE ROW LEVEL SECURITY;

--------------------------------------------------------------------------------
-- 7. auth: functions used by RLS policies
--------------------------------------------------------------------------------
-- PostgREST puts the verified JWT into settings: request.jwt.claims (JSON text, newer
-- PostgREST) and, for older PostgREST, one setting per claim request.jwt.claim.<name>.
CREATE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE AS $fn$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$fn$;

CREATE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE AS $fn$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$fn$;

CREATE FUNCTION auth.email() RETURNS text
LANGUAGE sql STABLE AS $fn$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$fn$;

CREATE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE AS $fn$
  select
    coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$fn$;

COMMENT ON FUNCTION auth.uid() IS 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
COMMENT ON FUNCTION auth.role() IS 'Deprecated. Use auth.jwt() -> ''role'' instead.';
COMMENT ON FUNCTION auth.email() IS 'Deprecated. Use auth.jwt() -> ''email'' instead.';

--------------------------------------------------------------------------------
-- 8. auth: owners and grants
--------------------------------------------------------------------------------
-- serial sequences follow their table's owner
ALTER TABLE auth.instances OWNER TO supabase_auth_admin;
ALTER TABLE auth.schema_migrations OWNER TO supabase_auth_admin;
ALTER TABLE auth.users OWNER TO supabase_auth_admin;
ALTER TABLE auth.audit_log_entries OWNER TO supabase_auth_admin;
ALTER TABLE auth.identities OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_clients OWNER TO supabase_auth_admin;
ALTER TABLE auth.sessions OWNER TO supabase_auth_admin;
ALTER TABLE auth.refresh_tokens OWNER TO supabase_auth_admin;
ALTER TABLE auth.mfa_factors OWNER TO supabase_auth_admin;
ALTER TABLE auth.mfa_challenges OWNER TO supabase_auth_admin;
ALTER TABLE auth.mfa_amr_claims OWNER TO supabase_auth_admin;
ALTER TABLE auth.sso_providers OWNER TO supabase_auth_admin;
ALTER TABLE auth.sso_domains OWNER TO supabase_auth_admin;
ALTER TABLE auth.saml_providers OWNER TO supabase_auth_admin;
ALTER TABLE auth.flow_state OWNER TO supabase_auth_admin;
ALTER TABLE auth.saml_relay_states OWNER TO supabase_auth_admin;
ALTER TABLE auth.one_time_tokens OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_authorizations OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_consents OWNER TO supabase_auth_admin;
ALTER TABLE auth.oauth_client_states OWNER TO supabase_auth_admin;
ALTER TABLE auth.custom_oauth_providers OWNER TO supabase_auth_admin;
ALTER TABLE auth.webauthn_credentials OWNER TO supabase_auth_admin;
ALTER TABLE auth.webauthn_challenges OWNER TO supabase_auth_admin;
ALTER TYPE auth.aal_level OWNER TO supabase_auth_admin;
ALTER TYPE auth.code_challenge_method OWNER TO supabase_auth_admin;
ALTER TYPE auth.factor_status OWNER TO supabase_auth_admin;
ALTER TYPE auth.factor_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_authorization_status OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_client_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_registration_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.oauth_response_type OWNER TO supabase_auth_admin;
ALTER TYPE auth.one_time_token_type OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.uid() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.role() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.email() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.jwt() OWNER TO supabase_auth_admin;

-- The four tables the image created itself keep the image's broad grants...
GRANT ALL ON auth.users, auth.refresh_tokens, auth.instances, auth.audit_log_entries TO postgres, dashboard_user;
GRANT ALL ON SEQUENCE auth.refresh_tokens_id_seq TO postgres, dashboard_user;
-- ...and the project owner may read (and re-grant reading of) the 2024 tables. Tables added
-- since have no grants at all: only supabase_auth_admin can use them.
GRANT SELECT ON auth.schema_migrations, auth.instances, auth.users, auth.audit_log_entries,
  auth.saml_relay_states, auth.refresh_tokens, auth.mfa_factors, auth.sessions, auth.sso_providers,
  auth.sso_domains, auth.mfa_challenges, auth.mfa_amr_claims, auth.saml_providers, auth.flow_state,
  auth.identities, auth.one_time_tokens
  TO postgres WITH GRANT OPTION;
-- PUBLIC keeps EXECUTE on the helper functions (the default), so anon/authenticated can call them.
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email() TO dashboard_user, supabase_realtime_admin;

--------------------------------------------------------------------------------
-- 9. storage: types and tables
--------------------------------------------------------------------------------
CREATE TYPE storage.buckettype AS ENUM ('STANDARD', 'ANALYTICS', 'VECTOR');

CREATE TABLE storage.migrations (
  id          integer NOT NULL,
  name        character varying(100) NOT NULL,
  hash        character varying(40) NOT NULL,
  executed_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT migrations_pkey PRIMARY KEY (id),
  CONSTRAINT migrations_name_key UNIQUE (name)
);

CREATE TABLE storage.buckets (
  id                 text NOT NULL,
  name               text NOT NULL,
  owner              uuid,
  created_at         timestamp with time zone DEFAULT now(),
  updated_at         timestamp with time zone DEFAULT now(),
  public             boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit    bigint,
  allowed_mime_types text[],
  owner_id           text,
  type               storage.buckettype NOT NULL DEFAULT 'STANDARD'::storage.buckettype,
  versioning_status  text NOT NULL DEFAULT 'DISABLED'::text,
  CONSTRAINT buckets_pkey PRIMARY KEY (id),
  CONSTRAINT buckets_versioning_dark_check CHECK ((versioning_status = 'DISABLED'::text)),
  CONSTRAINT buckets_versioning_standard_only_check CHECK (((type = 'STANDARD'::storage.buckettype) OR (versioning_status = 'DISABLED'::text))),
  CONSTRAINT buckets_versioning_status_check CHECK ((versioning_status = ANY (ARRAY['DISABLED'::text, 'ENABLED'::text, 'SUSPENDED'::text])))
);
CREATE UNIQUE INDEX bname ON storage.buckets USING btree (name);
COMMENT ON COLUMN storage.buckets.owner IS 'Field is deprecated, use owner_id instead';

CREATE TABLE storage.objects (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  bucket_id        text,
  name             text,
  owner            uuid,
  created_at       timestamp with time zone DEFAULT now(),
  updated_at       timestamp with time zone DEFAULT now(),
  last_accessed_at timestamp with time zone DEFAULT now(),
  metadata         jsonb,
  path_tokens      text[] GENERATED ALWAYS AS (string_to_array(name, '/'::text)) STORED,
  version          text,
  owner_id         text,
  user_metadata    jsonb,
  archived_at      timestamp with time zone,
  is_delete_marker boolean NOT NULL DEFAULT false,
  is_versioned     boolean NOT NULL DEFAULT false,
  CONSTRAINT objects_pkey PRIMARY KEY (id),
  CONSTRAINT "objects_bucketId_fkey" FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id)
);
CREATE UNIQUE INDEX bucketid_objname ON storage.objects USING btree (bucket_id, name);
CREATE INDEX name_prefix_search ON storage.objects USING btree (name text_pattern_ops);
CREATE INDEX idx_objects_bucket_id_name ON storage.objects USING btree (bucket_id, name COLLATE "C");
CREATE INDEX idx_objects_bucket_id_name_lower ON storage.objects USING btree (bucket_id, lower(name) COLLATE "C");
COMMENT ON COLUMN storage.objects.owner IS 'Field is deprecated, use owner_id instead';

CREATE TABLE storage.s3_multipart_uploads (
  id               text NOT NULL,
  in_progress_size bigint NOT NULL DEFAULT 0,
  upload_signature text NOT NULL,
  bucket_id        text NOT NULL,
  key              text COLLATE "C" NOT NULL,
  version          text NOT NULL,
  owner_id         text,
  created_at       timestamp with time zone NOT NULL DEFAULT now(),
  user_metadata    jsonb,
  metadata         jsonb,
  CONSTRAINT s3_multipart_uploads_pkey PRIMARY KEY (id),
  CONSTRAINT s3_multipart_uploads_bucket_id_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id)
);
CREATE INDEX idx_multipart_uploads_list ON storage.s3_multipart_uploads USING btree (bucket_id, key, created_at);

CREATE TABLE storage.s3_multipart_uploads_parts (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  upload_id   text NOT NULL,
  size        bigint NOT NULL DEFAULT 0,
  part_number integer NOT NULL,
  bucket_id   text NOT NULL,
  key         text COLLATE "C" NOT NULL,
  etag        text NOT NULL,
  owner_id    text,
  version     text NOT NULL,
  created_at  timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT s3_multipart_uploads_parts_pkey PRIMARY KEY (id),
  CONSTRAINT s3_multipart_uploads_parts_bucket_id_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets(id),
  CONSTRAINT s3_multipart_uploads_parts_upload_id_fkey FOREIGN KEY (upload_id) REFERENCES storage.s3_multipart_uploads(id) ON DELETE CASCADE
);

CREATE TABLE storage.buckets_analytics (
  name       text NOT NULL,
  type       storage.buckettype NOT NULL DEFAULT 'ANALYTICS'::storage.buckettype,
  format     text NOT NULL DEFAULT 'ICEBERG'::text,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  deleted_at timestamp with time zone,
  CONSTRAINT buckets_analytics_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX buckets_analytics_unique_name_idx ON storage.buckets_analytics USING btree (name) WHERE (deleted_at IS NULL);

CREATE TABLE storage.buckets_vectors (
  id         text NOT NULL,
  type       storage.buckettype NOT NULL DEFAULT 'VECTOR'::storage.buckettype,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  updated_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT buckets_vectors_pkey PRIMARY KEY (id)
);

CREATE TABLE storage.vector_indexes (
  id                     text NOT NULL DEFAULT gen_random_uuid(),
  name                   text COLLATE "C" NOT NULL,
  bucket_id              text NOT NULL,
  data_type              text NOT NULL,
  dimension              integer NOT NULL,
  distance_metric        text NOT NULL,
  metadata_configuration jsonb,
  created_at             timestamp with time zone NOT NULL DEFAULT now(),
  updated_at             timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT vector_indexes_pkey PRIMARY KEY (id),
  CONSTRAINT vector_indexes_bucket_id_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets_vectors(id)
);
CREATE UNIQUE INDEX vector_indexes_name_bucket_id_idx ON storage.vector_indexes USING btree (name, bucket_id);

ALTER TABLE storage.migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.s3_multipart_uploads_parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.buckets_vectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.vector_indexes ENABLE ROW LEVEL SECURITY;

--------------------------------------------------------------------------------
-- 10. storage: functions and triggers
--------------------------------------------------------------------------------
-- 'a/b/c.png' -> {a,b}
CREATE FUNCTION storage.foldername(name text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  segments text[] := string_to_array(name, '/');
BEGIN
  RETURN segments[1 : array_length(segments, 1) - 1];
END
$fn$;

-- 'a/b/c.png' -> 'c.png'
CREATE FUNCTION storage.filename(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  segments text[] := string_to_array(name, '/');
BEGIN
  RETURN segments[array_length(segments, 1)];
END
$fn$;

-- 'a/b/c.tar.gz' -> 'gz'; a name without a dot gives the whole last segment
CREATE FUNCTION storage.extension(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  segments text[] := string_to_array(name, '/');
  last_segment text := segments[array_length(segments, 1)];
BEGIN
  RETURN reverse(split_part(reverse(last_segment), '.', 1));
END
$fn$;

CREATE FUNCTION storage.get_size_by_bucket() RETURNS TABLE(size bigint, bucket_id text)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN QUERY
    SELECT sum((o.metadata ->> 'size')::bigint)::bigint, o.bucket_id
    FROM storage.objects o
    GROUP BY o.bucket_id;
END
$fn$;

-- The Storage server sets storage.operation per request; policies may test it.
CREATE FUNCTION storage.operation() RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN current_setting('storage.operation', true);
END
$fn$;

CREATE FUNCTION storage.allow_only_operation(expected_operation text) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(expected_operation, '') <> ''
     AND coalesce(regexp_replace(storage.operation(), '^storage\.', '')
                  = regexp_replace(expected_operation, '^storage\.', ''), false)
$fn$;

CREATE FUNCTION storage.allow_any_operation(expected_operations text[]) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT EXISTS (
    SELECT 1 FROM unnest(expected_operations) AS e(op)
    WHERE coalesce(e.op, '') <> ''
      AND regexp_replace(storage.operation(), '^storage\.', '') = regexp_replace(e.op, '^storage\.', '')
  )
$fn$;

-- Used by the server to test an upload against the policies: insert, then roll back.
CREATE FUNCTION storage.can_insert_object(bucketid text, name text, owner uuid, metadata jsonb) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO storage.objects (bucket_id, name, owner, metadata) VALUES (bucketid, name, owner, metadata);
  RAISE SQLSTATE 'PT200' USING MESSAGE = 'ROLLBACK', DETAIL = 'rollback successful insert';
END
$fn$;

-- The part of p_key after p_prefix up to and including the next delimiter, or NULL.
CREATE FUNCTION storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT CASE
    WHEN position(p_delimiter IN substring(p_key FROM length(p_prefix) + 1)) > 0
    THEN left(p_key, length(p_prefix) + position(p_delimiter IN substring(p_key FROM length(p_prefix) + 1)))
  END
$fn$;

-- Simplified: S3-style listing (folders collapsed at the delimiter), name order.
CREATE FUNCTION storage.list_objects_with_delimiter(_bucket_id text, prefix_param text, delimiter_param text,
    max_keys integer DEFAULT 100, start_after text DEFAULT ''::text, next_token text DEFAULT ''::text,
    sort_order text DEFAULT 'asc'::text)
  RETURNS TABLE(name text, id uuid, metadata jsonb, updated_at timestamp with time zone,
                created_at timestamp with time zone, last_accessed_at timestamp with time zone)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_after text := CASE WHEN coalesce(next_token, '') <> '' THEN next_token ELSE coalesce(start_after, '') END;
  v_asc boolean := lower(coalesce(sort_order, 'asc')) = 'asc';
BEGIN
  RETURN QUERY
    WITH entries AS (
      SELECT DISTINCT ON (k.entry)
             k.entry, k.is_folder, o.id, o.metadata, o.updated_at, o.created_at, o.last_accessed_at
      FROM storage.objects o
      CROSS JOIN LATERAL (
        SELECT coalesce(rtrim(storage.get_common_prefix(o.name, coalesce(prefix_param, ''), delimiter_param), delimiter_param), o.name) AS entry,
               storage.get_common_prefix(o.name, coalesce(prefix_param, ''), delimiter_param) IS NOT NULL AS is_folder
      ) k
      WHERE o.bucket_id = _bucket_id
        AND o.name COLLATE "C" LIKE coalesce(prefix_param, '') || '%'
      ORDER BY k.entry, o.name
    )
    SELECT e.entry,
           CASE WHEN e.is_folder THEN NULL ELSE e.id END,
           CASE WHEN e.is_folder THEN NULL ELSE e.metadata END,
           CASE WHEN e.is_folder THEN NULL ELSE e.updated_at END,
           CASE WHEN e.is_folder THEN NULL ELSE e.created_at END,
           CASE WHEN e.is_folder THEN NULL ELSE e.last_accessed_at END
    FROM entries e
    WHERE v_after = '' OR (v_asc AND e.entry COLLATE "C" > v_after) OR (NOT v_asc AND e.entry COLLATE "C" < v_after)
    ORDER BY CASE WHEN v_asc THEN e.entry END COLLATE "C" ASC,
             CASE WHEN NOT v_asc THEN e.entry END COLLATE "C" DESC
    LIMIT max_keys;
END
$fn$;

-- Simplified: the platform's list_objects_with_delimiter-style listing for multipart uploads.
CREATE FUNCTION storage.list_multipart_uploads_with_delimiter(bucket_id text, prefix_param text, delimiter_param text,
    max_keys integer DEFAULT 100, next_key_token text DEFAULT ''::text, next_upload_token text DEFAULT ''::text)
  RETURNS TABLE(key text, id text, created_at timestamp with time zone)
LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY
    SELECT DISTINCT ON (k.key COLLATE "C") k.key, u.id, u.created_at
    FROM storage.s3_multipart_uploads u
    CROSS JOIN LATERAL (
      SELECT coalesce(storage.get_common_prefix(u.key, prefix_param, delimiter_param), u.key) AS key
    ) k
    WHERE u.bucket_id = list_multipart_uploads_with_delimiter.bucket_id
      AND u.key ILIKE prefix_param || '%'
      AND (coalesce(next_key_token, '') = '' OR k.key COLLATE "C" > next_key_token)
      AND (coalesce(next_upload_token, '') = '' OR u.id COLLATE "C" > next_upload_token)
    ORDER BY k.key COLLATE "C", u.created_at
    LIMIT max_keys;
END
$fn$;

-- Simplified: one level of a "folder" (levels = depth), folders first, then files.
CREATE FUNCTION storage.search(prefix text, bucketname text, limits integer DEFAULT 100, levels integer DEFAULT 1,
    offsets integer DEFAULT 0, search text DEFAULT ''::text, sortcolumn text DEFAULT 'name'::text,
    sortorder text DEFAULT 'asc'::text)
  RETURNS TABLE(name text, id uuid, updated_at timestamp with time zone, created_at timestamp with time zone,
                last_accessed_at timestamp with time zone, metadata jsonb)
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  v_sort text := CASE lower(coalesce(sortcolumn, 'name'))
                   WHEN 'updated_at' THEN 'updated_at' WHEN 'created_at' THEN 'created_at'
                   WHEN 'last_accessed_at' THEN 'last_accessed_at' ELSE 'name' END;
  v_dir text := CASE WHEN lower(coalesce(sortorder, 'asc')) = 'desc' THEN 'DESC' ELSE 'ASC' END;
BEGIN
  RETURN QUERY EXECUTE format($q$
    WITH hits AS (
      SELECT o.*, array_length(o.path_tokens, 1) AS depth
      FROM storage.objects o
      WHERE o.bucket_id = $1 AND o.name ILIKE $2 || $3 || '%%'
    )
    SELECT * FROM (
      SELECT DISTINCT h.path_tokens[$4] AS name, NULL::uuid AS id, NULL::timestamptz AS updated_at,
             NULL::timestamptz AS created_at, NULL::timestamptz AS last_accessed_at, NULL::jsonb AS metadata
      FROM hits h WHERE h.depth > $4
      UNION ALL
      SELECT h.path_tokens[$4], h.id, h.updated_at, h.created_at, h.last_accessed_at, h.metadata
      FROM hits h WHERE h.depth = $4
    ) entries
    ORDER BY (entries.id IS NOT NULL), %I %s
    LIMIT $5 OFFSET $6 $q$, v_sort, v_dir)
  USING bucketname, coalesce(prefix, ''), coalesce(search, ''), levels, limits, offsets;
END
$fn$;

-- Simplified: like search() with cursor-style paging; key is the full path of the entry.
CREATE FUNCTION storage.search_v2(prefix text, bucket_name text, limits integer DEFAULT 100, levels integer DEFAULT 1,
    start_after text DEFAULT ''::text, sort_order text DEFAULT 'asc'::text, sort_column text DEFAULT 'name'::text,
    sort_column_after text DEFAULT ''::text)
  RETURNS TABLE(key text, name text, id uuid, updated_at timestamp with time zone, created_at timestamp with time zone,
                last_accessed_at timestamp with time zone, metadata jsonb)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN QUERY
    SELECT * FROM storage.search_by_timestamp(prefix, bucket_name, limits, levels, start_after,
                                              sort_order, sort_column, sort_column_after);
END
$fn$;

-- Simplified: entries one level below prefix, ordered by the requested column.
CREATE FUNCTION storage.search_by_timestamp(p_prefix text, p_bucket_id text, p_limit integer, p_level integer,
    p_start_after text, p_sort_order text, p_sort_column text, p_sort_column_after text)
  RETURNS TABLE(key text, name text, id uuid, updated_at timestamp with time zone, created_at timestamp with time zone,
                last_accessed_at timestamp with time zone, metadata jsonb)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN QUERY
    SELECT array_to_string(o.path_tokens[1:p_level], '/'), o.path_tokens[p_level], o.id, o.updated_at,
           o.created_at, o.last_accessed_at, o.metadata
    FROM storage.objects o
    WHERE o.bucket_id = p_bucket_id
      AND o.name COLLATE "C" LIKE coalesce(p_prefix, '') || '%'
      AND array_length(o.path_tokens, 1) = p_level
      AND (coalesce(p_start_after, '') = '' OR o.name COLLATE "C" > p_start_after)
    ORDER BY CASE WHEN lower(coalesce(p_sort_order, 'asc')) = 'asc' THEN o.name END COLLATE "C" ASC,
             CASE WHEN lower(coalesce(p_sort_order, 'asc')) <> 'asc' THEN o.name END COLLATE "C" DESC
    LIMIT p_limit;
END
$fn$;

CREATE FUNCTION storage.update_updated_at_column() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END
$fn$;

CREATE FUNCTION storage.enforce_bucket_name_length() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF length(NEW.name) > 100 THEN
    RAISE EXCEPTION 'bucket name "%" is too long (% characters). Max is 100.', NEW.name, length(NEW.name);
  END IF;
  RETURN NEW;
END
$fn$;

-- Direct DELETEs on buckets/objects are refused unless the Storage server allows them.
CREATE FUNCTION storage.protect_delete() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' THEN
    RAISE EXCEPTION 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      USING HINT = 'This prevents accidental data loss from orphaned objects.', ERRCODE = '42501';
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER update_objects_updated_at BEFORE UPDATE ON storage.objects
  FOR EACH ROW EXECUTE FUNCTION storage.update_updated_at_column();
CREATE TRIGGER enforce_bucket_name_length_trigger BEFORE INSERT OR UPDATE OF name ON storage.buckets
  FOR EACH ROW EXECUTE FUNCTION storage.enforce_bucket_name_length();
CREATE TRIGGER protect_buckets_delete BEFORE DELETE ON storage.buckets
  FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();
CREATE TRIGGER protect_objects_delete BEFORE DELETE ON storage.objects
  FOR EACH STATEMENT EXECUTE FUNCTION storage.protect_delete();

--------------------------------------------------------------------------------
-- 11. storage: owners and grants
--------------------------------------------------------------------------------
ALTER TABLE storage.migrations OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets OWNER TO supabase_storage_admin;
ALTER TABLE storage.objects OWNER TO supabase_storage_admin;
ALTER TABLE storage.s3_multipart_uploads OWNER TO supabase_storage_admin;
ALTER TABLE storage.s3_multipart_uploads_parts OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets_analytics OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets_vectors OWNER TO supabase_storage_admin;
ALTER TABLE storage.vector_indexes OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.foldername(text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.filename(text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.extension(text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.get_size_by_bucket() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.operation() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.allow_only_operation(text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.allow_any_operation(text[]) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.can_insert_object(text, text, uuid, jsonb) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.get_common_prefix(text, text, text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.list_objects_with_delimiter(text, text, text, integer, text, text, text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.list_multipart_uploads_with_delimiter(text, text, text, integer, text, text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.search(text, text, integer, integer, integer, text, text, text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.search_v2(text, text, integer, integer, text, text, text, text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.search_by_timestamp(text, text, integer, integer, text, text, text, text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.update_updated_at_column() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.enforce_bucket_name_length() OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.protect_delete() OWNER TO supabase_storage_admin;
ALTER TYPE storage.buckettype OWNER TO supabase_storage_admin;

-- What the default privileges of supabase_storage_admin give every storage object...
GRANT ALL ON ALL TABLES IN SCHEMA storage TO postgres, anon, authenticated, service_role;
GRANT ALL ON ALL FUNCTIONS IN SCHEMA storage TO postgres, anon, authenticated, service_role;
-- ...except the multipart tables, which the API roles may only read,
REVOKE ALL ON storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts FROM anon, authenticated;
GRANT SELECT ON storage.s3_multipart_uploads, storage.s3_multipart_uploads_parts TO anon, authenticated;
-- and the project owner may re-grant buckets/objects (needed for custom roles).
GRANT ALL ON storage.buckets, storage.objects TO postgres WITH GRANT OPTION;

--------------------------------------------------------------------------------
-- 12. realtime: types, tables, functions
--------------------------------------------------------------------------------
CREATE TYPE realtime.action AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');
CREATE TYPE realtime.equality_op AS ENUM ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'like', 'ilike', 'is',
  'match', 'imatch', 'isdistinct');
CREATE TYPE realtime.user_defined_filter AS (column_name text, op realtime.equality_op, value text, negate boolean);
CREATE TYPE realtime.wal_column AS (name text, type_name text, type_oid oid, value jsonb, is_pkey boolean, is_selectable boolean);
CREATE TYPE realtime.wal_rls AS (wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[]);

CREATE TABLE realtime.schema_migrations (
  version     bigint NOT NULL,
  inserted_at timestamp(0) without time zone DEFAULT now(),
  CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
);

-- Broadcast/presence messages; the Realtime server adds daily partitions messages_YYYY_MM_DD.
CREATE TABLE realtime.messages (
  topic          text NOT NULL,
  extension      text NOT NULL,
  payload        jsonb,
  event          text,
  private        boolean DEFAULT false,
  updated_at     timestamp without time zone NOT NULL DEFAULT now(),
  inserted_at    timestamp without time zone NOT NULL DEFAULT now(),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  binary_payload bytea,
  CONSTRAINT messages_pkey PRIMARY KEY (id, inserted_at)
) PARTITION BY RANGE (inserted_at);
ALTER TABLE realtime.messages ADD CONSTRAINT messages_payload_exclusive
  CHECK (((payload IS NULL) OR (binary_payload IS NULL))) NOT VALID;
CREATE INDEX messages_inserted_at_topic_index ON ONLY realtime.messages USING btree (inserted_at DESC, topic)
  WHERE ((extension = 'broadcast'::text) AND (private IS TRUE));
ALTER TABLE realtime.messages ENABLE ROW LEVEL SECURITY;

CREATE FUNCTION realtime.to_regrole(role_name text) RETURNS regrole
LANGUAGE sql IMMUTABLE AS $fn$ SELECT role_name::regrole $fn$;

-- Postgres Changes subscriptions (one row per subscribed client and table)
CREATE TABLE realtime.subscription (
  id               bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  subscription_id  uuid NOT NULL,
  entity           regclass NOT NULL,
  filters          realtime.user_defined_filter[] NOT NULL DEFAULT '{}'::realtime.user_defined_filter[],
  claims           jsonb NOT NULL,
  claims_role      regrole NOT NULL GENERATED ALWAYS AS (realtime.to_regrole((claims ->> 'role'::text))) STORED,
  created_at       timestamp without time zone NOT NULL DEFAULT timezone('utc'::text, now()),
  action_filter    text DEFAULT '*'::text,
  selected_columns text[],
  CONSTRAINT pk_subscription PRIMARY KEY (id),
  CONSTRAINT subscription_action_filter_check CHECK ((action_filter = ANY (ARRAY['*'::text, 'INSERT'::text, 'UPDATE'::text, 'DELETE'::text])))
);
CREATE INDEX ix_realtime_subscription_entity ON realtime.subscription USING btree (entity);
CREATE UNIQUE INDEX subscription_subscription_id_entity_filters_action_filter_selec ON realtime.subscription
  USING btree (subscription_id, entity, filters, action_filter, COALESCE(selected_columns, '{}'::text[]));

-- The channel topic, set by realtime.send() and by the server while it checks policies.
CREATE FUNCTION realtime.topic() RETURNS text
LANGUAGE sql STABLE AS $fn$ SELECT nullif(current_setting('realtime.topic', true), '')::text $fn$;

CREATE FUNCTION realtime.send(payload jsonb, event text, topic text, private boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  new_id uuid := gen_random_uuid();
BEGIN
  BEGIN
    PERFORM set_config('realtime.topic', topic, true);
    INSERT INTO realtime.messages (id, payload, event, topic, private, extension)
    VALUES (new_id, CASE WHEN payload ? 'id' THEN payload ELSE jsonb_set(payload, '{id}', to_jsonb(new_id)) END,
            event, topic, private, 'broadcast');
  EXCEPTION WHEN OTHERS THEN
    -- e.g. no partition for today yet: the platform only warns
    RAISE WARNING 'WarnSendingBroadcastMessage: %', SQLERRM;
  END;
END
$fn$;

CREATE FUNCTION realtime.send_binary(payload bytea, event text, topic text, private boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  BEGIN
    PERFORM set_config('realtime.topic', topic, true);
    INSERT INTO realtime.messages (id, binary_payload, event, topic, private, extension)
    VALUES (gen_random_uuid(), payload, event, topic, private, 'broadcast');
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'WarnSendingBroadcastMessage: %', SQLERRM;
  END;
END
$fn$;

-- Called from user triggers: broadcast a row change to topic_name.
CREATE FUNCTION realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text,
    table_schema text, new record, old record, level text DEFAULT 'ROW'::text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  IF level = 'STATEMENT' THEN
    RAISE EXCEPTION 'function can only be triggered for each row, not for each statement';
  END IF;
  IF operation NOT IN ('INSERT', 'UPDATE', 'DELETE') THEN
    RAISE EXCEPTION 'Unexpected operation type: %', operation;
  END IF;
  PERFORM realtime.send(jsonb_build_object('old_record', old, 'record', new, 'operation', operation,
                                           'table', table_name, 'schema', table_schema),
                        event_name, topic_name);
END
$fn$;

-- wal2json escapes \ , . and whitespace in identifiers with a backslash
CREATE FUNCTION realtime.wal2json_escape_identifier(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $fn$ SELECT regexp_replace(name, '([\\,.[:space:]])', '\\\1', 'g') $fn$;

CREATE FUNCTION realtime.quote_wal2json(entity regclass) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT realtime.wal2json_escape_identifier(n.nspname::text) || '.' || realtime.wal2json_escape_identifier(c.relname::text)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = entity
$fn$;

CREATE FUNCTION realtime."cast"(val text, type_ regtype) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  res jsonb;
BEGIN
  IF type_::text = 'bytea' THEN
    RETURN to_jsonb(val);
  END IF;
  EXECUTE format('SELECT to_jsonb(%L::%s)', val, type_::text) INTO res;
  RETURN res;
END
$fn$;

CREATE FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  RETURN realtime.check_equality_op(op, type_, val_1, val_2, false);
END
$fn$;

-- Simplified: the comparison a Postgres Changes filter asks for.
CREATE FUNCTION realtime.check_equality_op(op realtime.equality_op, type_ regtype, val_1 text, val_2 text,
    negate boolean) RETURNS boolean
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  res boolean;
  sym text := CASE op WHEN 'eq' THEN '=' WHEN 'neq' THEN '!=' WHEN 'lt' THEN '<' WHEN 'lte' THEN '<='
                      WHEN 'gt' THEN '>' WHEN 'gte' THEN '>=' WHEN 'like' THEN 'LIKE' WHEN 'ilike' THEN 'ILIKE'
                      WHEN 'match' THEN '~' WHEN 'imatch' THEN '~*' WHEN 'isdistinct' THEN 'IS DISTINCT FROM'
                      ELSE NULL END;
BEGIN
  IF op = 'in' THEN
    EXECUTE format('SELECT %L::%s = ANY(%L::%s[])', val_1, type_::text, val_2, type_::text) INTO res;
  ELSIF op = 'is' THEN
    EXECUTE format('SELECT %L::%s IS %s', val_1, type_::text,
                   CASE lower(val_2) WHEN 'null' THEN 'NULL' WHEN 'true' THEN 'TRUE' WHEN 'false' THEN 'FALSE' ELSE 'UNKNOWN' END) INTO res;
  ELSIF op IN ('like', 'ilike', 'match', 'imatch') THEN
    EXECUTE format('SELECT %L::text %s %L::text', val_1, sym, val_2) INTO res;
  ELSE
    EXECUTE format('SELECT %L::%s %s %L::%s', val_1, type_::text, sym, val_2, type_::text) INTO res;
  END IF;
  RETURN CASE WHEN negate THEN NOT coalesce(res, false) ELSE res END;
END
$fn$;

-- Stubs below: internal to the Realtime server's Postgres Changes pipeline.
CREATE FUNCTION realtime.build_prepared_statement_sql(prepared_statement_name text, entity regclass,
    columns realtime.wal_column[]) RETURNS text
LANGUAGE sql AS $fn$
  SELECT format('PREPARE %I(text) AS SELECT to_jsonb(x.*) FROM %s x', prepared_statement_name, entity::text)
$fn$;

CREATE FUNCTION realtime.is_visible_through_filters(columns realtime.wal_column[], filters realtime.user_defined_filter[])
  RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(bool_and(realtime.check_equality_op(f.op, c.type_name::regtype,
                                                      c.value #>> '{}', f.value, coalesce(f.negate, false))), true)
  FROM unnest(filters) f JOIN unnest(columns) c ON c.name = f.column_name
$fn$;

CREATE FUNCTION realtime.apply_rls(wal jsonb, max_record_bytes integer DEFAULT (1024 * 1024))
  RETURNS SETOF realtime.wal_rls
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'realtime.apply_rls is internal to the Realtime server (not reproduced)';
END
$fn$;

CREATE FUNCTION realtime.list_changes(publication name, slot_name name, max_changes integer, max_record_bytes integer)
  RETURNS TABLE(wal jsonb, is_rls_enabled boolean, subscription_ids uuid[], errors text[], slot_changes_count bigint)
LANGUAGE sql SET log_min_messages TO 'fatal' AS $fn$
  SELECT NULL::jsonb, NULL::boolean, NULL::uuid[], NULL::text[], NULL::bigint WHERE false
$fn$;

CREATE FUNCTION realtime.subscription_check_filters() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  -- the platform validates NEW.filters against the columns of NEW.entity here
  RETURN NEW;
END
$fn$;

CREATE TRIGGER tr_check_filters BEFORE INSERT OR UPDATE ON realtime.subscription
  FOR EACH ROW EXECUTE FUNCTION realtime.subscription_check_filters();

--------------------------------------------------------------------------------
-- 13. realtime: owners and grants
--------------------------------------------------------------------------------
ALTER FUNCTION realtime.to_regrole(text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.topic() OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.send(jsonb, text, text, boolean) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.send_binary(bytea, text, text, boolean) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.broadcast_changes(text, text, text, text, text, record, record, text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.wal2json_escape_identifier(text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.quote_wal2json(regclass) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime."cast"(text, regtype) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.check_equality_op(realtime.equality_op, regtype, text, text) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.check_equality_op(realtime.equality_op, regtype, text, text, boolean) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.build_prepared_statement_sql(text, regclass, realtime.wal_column[]) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.is_visible_through_filters(realtime.wal_column[], realtime.user_defined_filter[]) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.apply_rls(jsonb, integer) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.list_changes(name, name, integer, integer) OWNER TO supabase_realtime_admin;
ALTER FUNCTION realtime.subscription_check_filters() OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.action OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.equality_op OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.user_defined_filter OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.wal_column OWNER TO supabase_realtime_admin;
ALTER TYPE realtime.wal_rls OWNER TO supabase_realtime_admin;
ALTER TABLE realtime.messages OWNER TO supabase_realtime_admin;
ALTER TABLE realtime.subscription OWNER TO supabase_realtime_admin;
ALTER TABLE realtime.schema_migrations OWNER TO supabase_admin;

GRANT ALL ON realtime.messages, realtime.subscription, realtime.schema_migrations TO postgres, dashboard_user;
GRANT SELECT, INSERT, UPDATE ON realtime.messages TO anon, authenticated, service_role;
GRANT SELECT ON realtime.subscription TO anon, authenticated, service_role;
GRANT ALL ON SEQUENCE realtime.subscription_id_seq TO postgres, dashboard_user;
GRANT USAGE ON SEQUENCE realtime.subscription_id_seq TO anon, authenticated, service_role;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA realtime TO postgres, dashboard_user;
GRANT EXECUTE ON FUNCTION
  realtime.apply_rls(jsonb, integer),
  realtime.build_prepared_statement_sql(text, regclass, realtime.wal_column[]),
  realtime."cast"(text, regtype),
  realtime.check_equality_op(realtime.equality_op, regtype, text, text),
  realtime.check_equality_op(realtime.equality_op, regtype, text, text, boolean),
  realtime.is_visible_through_filters(realtime.wal_column[], realtime.user_defined_filter[]),
  realtime.quote_wal2json(regclass),
  realtime.subscription_check_filters(),
  realtime.to_regrole(text)
  TO anon, authenticated, service_role;

--------------------------------------------------------------------------------
-- 14. graphql_public: the /graphql/v1 entry point (pg_graphql is off by default)
--------------------------------------------------------------------------------
CREATE FUNCTION graphql_public.graphql("operationName" text DEFAULT NULL::text, query text DEFAULT NULL::text,
    variables jsonb DEFAULT NULL::jsonb, extensions jsonb DEFAULT NULL::jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN jsonb_build_object('errors', jsonb_build_array(
           jsonb_build_object('message', 'pg_graphql extension is not enabled.')));
END
$fn$;
-- created before the schema's default privileges: only the default PUBLIC EXECUTE applies
ALTER FUNCTION graphql_public.graphql(text, text, jsonb, jsonb) OWNER TO supabase_admin;

--------------------------------------------------------------------------------
-- 15. pgbouncer: the pooler's password lookup
--------------------------------------------------------------------------------
CREATE FUNCTION pgbouncer.get_auth(p_usename text) RETURNS TABLE(username text, password text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
  RETURN QUERY
    SELECT a.rolname::text, CASE WHEN a.rolvaliduntil < now() THEN NULL ELSE a.rolpassword::text END
    FROM pg_catalog.pg_authid a
    WHERE a.rolname = p_usename AND a.rolcanlogin;
END
$fn$;
ALTER FUNCTION pgbouncer.get_auth(text) OWNER TO postgres;
REVOKE ALL ON FUNCTION pgbouncer.get_auth(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgbouncer.get_auth(text) TO pgbouncer;

--------------------------------------------------------------------------------
-- 16. Database webhooks: pg_net and supabase_functions
--------------------------------------------------------------------------------
-- Created when "Database Webhooks" are enabled (dashboard; the CLI and self-hosted
-- stacks have it from the start). Migrations produced with webhooks reference
-- supabase_functions.http_request(), so it is part of this description.
DO $net$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_net') THEN
    CREATE EXTENSION IF NOT EXISTS pg_net WITH SCHEMA extensions;  -- pg_net's objects live in schema net
    GRANT USAGE ON SCHEMA net TO supabase_functions_admin, postgres, anon, authenticated, service_role;
    -- The platform makes pg_net's request functions SECURITY DEFINER where pg_net does not
    -- do it itself (versions before 0.12), so that API roles can fire webhooks.
    IF EXISTS (SELECT 1 FROM pg_proc WHERE oid = to_regprocedure('net.http_post(text, jsonb, jsonb, jsonb, integer)')
               AND NOT prosecdef) THEN
      ALTER FUNCTION net.http_get(text, jsonb, jsonb, integer) SECURITY DEFINER;
      ALTER FUNCTION net.http_post(text, jsonb, jsonb, jsonb, integer) SECURITY DEFINER;
      ALTER FUNCTION net.http_get(text, jsonb, jsonb, integer) SET search_path = net;
      ALTER FUNCTION net.http_post(text, jsonb, jsonb, jsonb, integer) SET search_path = net;
      REVOKE ALL ON FUNCTION net.http_get(text, jsonb, jsonb, integer), net.http_post(text, jsonb, jsonb, jsonb, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION net.http_get(text, jsonb, jsonb, integer), net.http_post(text, jsonb, jsonb, jsonb, integer)
        TO supabase_functions_admin, postgres, anon, authenticated, service_role;
    END IF;
  END IF;
END
$net$;

CREATE SCHEMA supabase_functions AUTHORIZATION supabase_admin;
GRANT USAGE ON SCHEMA supabase_functions TO postgres, anon, authenticated, service_role;
GRANT ALL ON SCHEMA supabase_functions TO supabase_functions_admin;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON TABLES    TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON SEQUENCES TO postgres, anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA supabase_functions GRANT ALL ON FUNCTIONS TO postgres, anon, authenticated, service_role;

CREATE TABLE supabase_functions.migrations (
  version     text NOT NULL,
  inserted_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT migrations_pkey PRIMARY KEY (version)
);

CREATE TABLE supabase_functions.hooks (
  id            bigserial NOT NULL,
  hook_table_id integer NOT NULL,
  hook_name     text NOT NULL,
  created_at    timestamp with time zone NOT NULL DEFAULT now(),
  request_id    bigint,
  CONSTRAINT hooks_pkey PRIMARY KEY (id)
);
CREATE INDEX supabase_functions_hooks_request_id_idx ON supabase_functions.hooks USING btree (request_id);
CREATE INDEX supabase_functions_hooks_h_table_id_h_name_idx ON supabase_functions.hooks USING btree (hook_table_id, hook_name);
COMMENT ON TABLE supabase_functions.hooks IS 'Supabase Functions Hooks: Audit trail for triggered hooks.';

-- Trigger function behind a webhook: TG_ARGV = url, method (GET|POST), headers (json text),
-- params (json text), timeout in ms. POST sends {type, table, schema, record, old_record}.
-- Without pg_net (schema net) the call is only recorded.
CREATE FUNCTION supabase_functions.http_request() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = supabase_functions AS $fn$
DECLARE
  request_id bigint;
  url text := TG_ARGV[0]::text;
  method text := TG_ARGV[1]::text;
  headers jsonb := CASE WHEN TG_ARGV[2] IS NULL OR TG_ARGV[2] = 'null' THEN '{"Content-Type": "application/json"}'::jsonb
                        ELSE TG_ARGV[2]::jsonb END;
  params jsonb := CASE WHEN TG_ARGV[3] IS NULL OR TG_ARGV[3] = 'null' THEN '{}'::jsonb ELSE TG_ARGV[3]::jsonb END;
  timeout_ms integer := CASE WHEN TG_ARGV[4] IS NULL OR TG_ARGV[4] = 'null' THEN 1000 ELSE TG_ARGV[4]::integer END;
BEGIN
  IF url IS NULL OR url = 'null' THEN
    RAISE EXCEPTION 'url argument is missing';
  END IF;
  IF method IS NULL OR method = 'null' THEN
    RAISE EXCEPTION 'method argument is missing';
  END IF;
  IF method NOT IN ('GET', 'POST') THEN
    RAISE EXCEPTION 'method argument % is invalid', method;
  END IF;
  IF to_regnamespace('net') IS NOT NULL THEN
    IF method = 'GET' THEN
      EXECUTE 'SELECT net.http_get($1, $2, $3, $4)' INTO request_id USING url, params, headers, timeout_ms;
    ELSE
      EXECUTE 'SELECT net.http_post($1, $2, $3, $4, $5)' INTO request_id
        USING url, jsonb_build_object('old_record', OLD, 'record', NEW, 'type', TG_OP,
                                      'table', TG_TABLE_NAME, 'schema', TG_TABLE_SCHEMA),
              params, headers, timeout_ms;
    END IF;
  END IF;
  INSERT INTO supabase_functions.hooks (hook_table_id, hook_name, request_id) VALUES (TG_RELID, TG_NAME, request_id);
  RETURN NEW;
END
$fn$;

ALTER TABLE supabase_functions.migrations OWNER TO supabase_functions_admin;
ALTER TABLE supabase_functions.hooks OWNER TO supabase_functions_admin;
ALTER FUNCTION supabase_functions.http_request() OWNER TO supabase_functions_admin;
GRANT ALL ON supabase_functions.migrations, supabase_functions.hooks TO postgres, anon, authenticated, service_role;
GRANT ALL ON SEQUENCE supabase_functions.hooks_id_seq TO postgres, anon, authenticated, service_role;
REVOKE ALL ON FUNCTION supabase_functions.http_request() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION supabase_functions.http_request() TO postgres, anon, authenticated, service_role;

--------------------------------------------------------------------------------
-- 17. The Realtime publication (empty; tables are added by the project)
--------------------------------------------------------------------------------
SET client_min_messages = error;   -- a test server may run with wal_level < logical
CREATE PUBLICATION supabase_realtime;
SET client_min_messages = warning;
ALTER PUBLICATION supabase_realtime OWNER TO postgres;

RESET client_min_messages;
