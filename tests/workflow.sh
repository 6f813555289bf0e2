#!/usr/bin/env bash
# The migration workflow against a real server: tests/workflow.sh CASE PGSHIFT FIXTURES
#   supabase     push a Supabase folder: the rows equal the Supabase CLI's (fixtures/projects/
#                supabase-push/expected_rows.txt, byte for byte); again: nothing; a new file alone;
#                edited, missing and out-of-order files reported and refused; repair
#   failures     a file failing half-way, pgshift killed (SIGKILL), the connection dropped: nothing
#                half-applied, the next push resumes
#   concurrency  two pushes at once: every file applied exactly once
#   layouts      the three-tier project, a numbered folder and golang-migrate: order and tables as
#                their runners write them; hazards and the CI gate; files outside a transaction
#   secrets      a password in a connection string (URL, key=value, $DATABASE_URL) is never printed,
#                connected or not; db reset refuses a database on another machine unless told
#   project      db start on this machine, db reset + seed of a fixture project, a server restart
#                during a push, db pull into an empty folder, squash, each `check`-equal; db stop
set -uo pipefail
case_name=$1 bin=$2 fixtures=$3
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/server.sh"
work=$(mktemp -d /tmp/pgshift-workflow.XXXXXX)
cleanup() {
  for project in "$work"/*/; do [ -d "$project/.pgshift" ] && "$bin" db stop --remove --migrations "$project" >/dev/null 2>&1; done
  rm -rf "$work"
  stop_own_server
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# expect_status N DESCRIPTION COMMAND...: runs it (output in $out), checks its exit status.
expect_status() {
  local want=$1 what=$2; shift 2
  out=$("$@" 2>&1); local got=$?
  [ "$got" = "$want" ] || fail "$what: exit $got, expected $want; output:
$out"
}
expect_output() { grep -qF -- "$2" <<<"$out" || fail "$1: output lacks '$2'; output:
$out"; }
sql() { psql "$1" -X -A -t -v ON_ERROR_STOP=1 -c "$2"; }
rows() { sql "$1" "select version || '|' || coalesce(name, '') || '|' || coalesce(array_to_json(statements)::text, 'NULL') from supabase_migrations.schema_migrations order by version"; }

case_supabase() {
  local project=$work/supabase url
  cp -r "$fixtures/projects/supabase-push" "$project"
  url=$(fresh_database workflow_supabase)
  cd "$project"
  expect_status 0 "push" "$bin" db push --db-url "$url"
  diff <(rows "$url") expected_rows.txt >/dev/null || fail "tracking rows differ from the Supabase CLI's:
$(diff <(rows "$url") expected_rows.txt)"
  [ "$(sql "$url" "select count(*) from public.notes")" = 1 ] || fail "the first file's insert did not run once"
  expect_status 0 "push again" "$bin" db push --db-url "$url"
  expect_output "push again" "database is up to date."
  printf 'alter table public.notes add column tag text;\n' > supabase/migrations/20240105000000_tag.sql
  expect_status 0 "push a new file" "$bin" db push --db-url "$url"
  expect_output "push a new file" "Applied 1 migration "
  expect_output "push a new file" "20240105000000_tag.sql"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = 5 ] || fail "five rows expected"
  expect_status 0 "list" "$bin" migration list --db-url "$url"
  [ "$(grep -c '^applied ' <<<"$out")" = 5 ] || fail "list: five applied expected: $out"
  # An edited file, an out-of-order file, a missing file: each reported by name, push refuses.
  printf -- '-- changed\n' >> supabase/migrations/20240104000000_policies.sql
  expect_status 3 "push with an edited file" "$bin" db push --db-url "$url"
  expect_output "push with an edited file" "supabase/migrations/20240104000000_policies.sql (it has 1 statement(s) more than recorded)"
  expect_output "push with an edited file" "nothing was applied"
  expect_status 0 "list edited" "$bin" migration list --db-url "$url" --format json
  [ "$(jq -r '.migrations[] | select(.file == "supabase/migrations/20240104000000_policies.sql") | .state' <<<"$out")" = edited ] || fail "list: edited expected: $out"
  git -C "$project" init -q 2>/dev/null; cp "$fixtures/projects/supabase-push/supabase/migrations/20240104000000_policies.sql" supabase/migrations/
  printf 'create table public.late (id int);\n' > supabase/migrations/20240101120000_late.sql
  expect_status 3 "push with an out-of-order file" "$bin" db push --db-url "$url"
  expect_output "push with an out-of-order file" "Found local migration files to be inserted before the last migration on remote database."
  expect_output "push with an out-of-order file" "supabase/migrations/20240101120000_late.sql"
  expect_status 0 "list out of order" "$bin" migration list --db-url "$url"
  expect_output "list out of order" "out-of-order supabase/migrations/20240101120000_late.sql"
  expect_status 0 "push --include-all" "$bin" db push --db-url "$url" --include-all
  expect_output "push --include-all" "Applied 1 migration "
  mv supabase/migrations/20240105000000_tag.sql "$work/tag.sql"
  expect_status 3 "push with a missing file" "$bin" db push --db-url "$url"
  expect_output "push with a missing file" "Remote migration versions not found in local migrations directory."
  expect_output "push with a missing file" "20240105000000"
  expect_status 0 "list missing" "$bin" migration list --db-url "$url"
  expect_output "list missing" "missing      20240105000000"
  expect_status 0 "repair reverted" "$bin" migration repair --status reverted 20240105000000 --db-url "$url"
  expect_status 0 "push after repair" "$bin" db push --db-url "$url"
  expect_output "push after repair" "database is up to date."
  mv "$work/tag.sql" supabase/migrations/20240105000000_tag.sql
  expect_status 0 "repair applied" "$bin" migration repair --status applied 20240105000000 --db-url "$url"
  [ "$(sql "$url" "select array_to_json(statements)::text from supabase_migrations.schema_migrations where version = '20240105000000'")" = '["alter table public.notes add column tag text"]' ] ||
    fail "repair applied must record the file's statements"
  expect_status 2 "repair a version that is not a number" "$bin" migration repair --status applied 2024x --db-url "$url"
  expect_output "repair a version that is not a number" "failed to parse 2024x: invalid version number"
  # The migrations and the database describe the same schema (the tracking tables are the runner's).
  expect_status 0 "check" "$bin" check --platform none supabase/migrations "$url"
  # A hosted project's table carries columns the platform's API adds (not the CLI): the same rows.
  url=$(fresh_database workflow_supabase_hosted)
  sql "$url" "create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text, created_by text, idempotency_key text unique, rollback text[])" >/dev/null
  rm supabase/migrations/20240101120000_late.sql supabase/migrations/20240105000000_tag.sql
  expect_status 0 "push into a hosted project's table" "$bin" db push --db-url "$url"
  diff <(rows "$url") expected_rows.txt >/dev/null || fail "rows in a hosted project's table differ from the Supabase CLI's:
$(diff <(rows "$url") expected_rows.txt)"
  # A new migration: the next UTC timestamp, after every file, with a header.
  expect_status 0 "migration new" "$bin" migration new "Add Index"
  local created=$out
  [[ "$created" =~ ^\./supabase/migrations/[0-9]{14}_add_index\.sql$|^supabase/migrations/[0-9]{14}_add_index\.sql$ ]] || fail "migration new printed '$created'"
  head -1 "$created" | grep -q '^-- Add Index$' || fail "migration new: no header in $created"
}

case_failures() {
  local project=$work/failures url before after
  mkdir -p "$project/supabase/migrations" && cd "$project"
  url=$(fresh_database workflow_failures)
  printf 'create table public.kept (id int primary key);\n' > supabase/migrations/20240101000000_kept.sql
  expect_status 0 "first push" "$bin" db push --db-url "$url"
  before=$("$bin" dump "$url")
  printf 'create table public.half (id int);\ninsert into public.half values (1);\ninsert into public.kept values (1), (1);\n' > supabase/migrations/20240102000000_half.sql
  expect_status 4 "a file failing half-way" "$bin" db push --db-url "$url"
  expect_output "a file failing half-way" "supabase/migrations/20240102000000_half.sql:3:1: error: duplicate key value violates unique constraint \"kept_pkey\" (SQLSTATE 23505)"
  expect_output "a file failing half-way" "  insert into public.kept values (1), (1);"
  expect_output "a file failing half-way" "detail: Key (id)=(1) already exists."
  after=$("$bin" dump "$url")
  [ "$before" = "$after" ] || fail "a failed file left changes: $(diff <(echo "$before") <(echo "$after") | head)"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = 1 ] || fail "a failed file left a tracking row"
  # The error's own position: the column of the unknown relation.
  printf 'create table public.half (id int);\n  select * from  public.nope;\n' > supabase/migrations/20240102000000_half.sql
  expect_status 4 "an unknown relation" "$bin" db push --db-url "$url" --format json
  [ "$(jq -r '"\(.failure.line):\(.failure.column):\(.failure.sqlstate)"' <<<"$out")" = "2:18:42P01" ] || fail "json failure position: $out"
  # Killed while a long file runs, and a connection dropped: nothing half-applied; then it resumes.
  sql "$url" "alter database workflow_failures set pgshift_test.sleep = '30'" >/dev/null
  printf "create table public.slow (id int);\nselect pg_sleep(current_setting('pgshift_test.sleep')::float);\n" > supabase/migrations/20240102000000_half.sql
  "$bin" db push --db-url "$url" >/dev/null 2>&1 &
  local pid=$!
  wait_for_sleep "$url" || fail "the long file did not start"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  wait_for_no_sleep "$url" || fail "the server kept running the file of a killed pgshift"
  [ -z "$(sql "$url" "select to_regclass('public.slow')")" ] || fail "SIGKILL left the table of a file half-applied"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = 1 ] || fail "SIGKILL left a row"
  "$bin" db push --db-url "$url" >"$work/terminated.out" 2>&1 &
  pid=$!
  wait_for_sleep "$url" || fail "the long file did not start again"
  sql "$url" "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep%' and pid <> pg_backend_pid()" >/dev/null
  wait "$pid"; local status=$?
  out=$(cat "$work/terminated.out")
  [ "$status" = 2 ] || fail "a dropped connection: exit $status"
  expect_output "a dropped connection" "nothing of supabase/migrations/20240102000000_half.sql was applied"
  [ -z "$(sql "$url" "select to_regclass('public.slow')")" ] || fail "a dropped connection left the file half-applied"
  sql "$url" "alter database workflow_failures set pgshift_test.sleep = '0'" >/dev/null
  expect_status 0 "the next push resumes" "$bin" db push --db-url "$url"
  [ -n "$(sql "$url" "select to_regclass('public.slow')")" ] || fail "the resumed push did not apply the file"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = 2 ] || fail "the resumed push: two rows expected"
  # A file that cannot run in a transaction is refused before anything runs, with a hint.
  printf 'create table public.big (id int);\n' > supabase/migrations/20240103000000_big.sql
  printf 'create index concurrently big_id on public.big (id);\n' > supabase/migrations/20240104000000_index.sql
  expect_status 3 "CREATE INDEX CONCURRENTLY" "$bin" db push --db-url "$url"
  expect_output "CREATE INDEX CONCURRENTLY" "supabase/migrations/20240104000000_index.sql:1:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"
  expect_output "CREATE INDEX CONCURRENTLY" "hint: write CREATE INDEX"
  [ -z "$(sql "$url" "select to_regclass('public.big')")" ] || fail "a refused push applied the file before it"
  expect_status 0 "--allow-outside-transaction" "$bin" db push --db-url "$url" --allow-outside-transaction
  [ -n "$(sql "$url" "select to_regclass('public.big_id')")" ] || fail "the index was not built outside a transaction"
  # A file that commits on its own is refused; one wrapped in BEGIN ... COMMIT runs in pgshift's transaction.
  printf 'begin;\ncreate table public.wrapped (id int);\ncommit;\n' > supabase/migrations/20240105000000_wrapped.sql
  expect_status 0 "a file wrapped in BEGIN ... COMMIT" "$bin" db push --db-url "$url"
  printf 'create table public.first (id int);\ncommit;\ncreate table public.second (id int);\n' > supabase/migrations/20240106000000_commits.sql
  expect_status 4 "a file that commits half-way" "$bin" db push --db-url "$url"
  expect_output "a file that commits half-way" "20240106000000_commits.sql:2:1: the file ends a transaction on its own"
  # On a terminal: each file as it starts, then its time; a summary at the end.
  rm supabase/migrations/20240106000000_commits.sql
  printf 'create table public.on_tty (id int);\n' > supabase/migrations/20240107000000_tty.sql
  out=$(script -qec "'$bin' db push --db-url '$url'" /dev/null | tr -d '\r')
  expect_output "push on a terminal" "Applying migration supabase/migrations/20240107000000_tty.sql..."
  grep -qE 'Applied supabase/migrations/20240107000000_tty.sql \([0-9.]+ ms\)' <<<"$out" || fail "push on a terminal: no time for the file: $out"
  grep -qE '^Applied 1 migration in [0-9.]+ ms\.$' <<<"$out" || fail "push on a terminal: no summary: $out"
}

# no_secret WHAT: the last command's output must not hold the password.
no_secret() { ! grep -q 's3cret' <<<"$out" || fail "$1 printed the password:
$out"; }

case_secrets() {
  local project=$work/secrets url with_password key_value
  mkdir -p "$project/supabase/migrations" && cd "$project"
  url=$(fresh_database workflow_secrets)
  # The test server trusts local connections: the password is sent and ignored.
  with_password=${url/postgresql:\/\/postgres@/postgresql://postgres:s3cret@}
  [ "$with_password" != "$url" ] || fail "no password put in $url"
  printf 'create table public.a (id int primary key);\n' > supabase/migrations/20240101000000_a.sql
  expect_status 0 "push with a password" "$bin" db push --db-url "$with_password" --dry-run; no_secret "push --dry-run"
  expect_status 0 "push with a password" "$bin" db push --db-url "$with_password" --format json; no_secret "push --format json"
  [ "$(jq -r .database <<<"$out")" = "${with_password/s3cret/***}" ] || fail "push json: the database as printed: $out"
  expect_status 0 "list with a password" "$bin" migration list --db-url "$with_password"; no_secret "migration list"
  expect_output "list with a password" "postgres:***@"
  expect_status 0 "list json with a password" "$bin" migration list --db-url "$with_password" --format json; no_secret "migration list --format json"
  printf 'insert into public.a values (1), (1);\n' > supabase/migrations/20240102000000_b.sql
  DATABASE_URL=$with_password expect_status 4 "a failing file, the URL from \$DATABASE_URL" "$bin" db push; no_secret "a failing push"
  rm supabase/migrations/20240102000000_b.sql
  expect_status 0 "repair with a password" "$bin" migration repair --status reverted 20240101000000 --db-url "$with_password"; no_secret "repair"
  expect_status 0 "reset of a database on this machine" "$bin" db reset --db-url "$with_password"; no_secret "db reset"
  # Not connected: libpq's message, the connection string with its password hidden.
  key_value="host=127.0.0.1 port=1 user=app password=s3cret dbname=x"
  for command in "db push" "migration list" "db pull" "migration repair --status reverted 20240101000000"; do
    # shellcheck disable=SC2086
    expect_status 2 "$command, no server" "$bin" $command --db-url "$key_value"; no_secret "$command, no server"
    expect_output "$command, no server" "cannot connect to host=127.0.0.1 port=1 user=app password=*** dbname=x: connection to server at"
  done
  DATABASE_URL="postgresql://app:s3cret@127.0.0.1:1/x" expect_status 2 "push, no server, \$DATABASE_URL" "$bin" db push; no_secret "push, no server"
  expect_output "push, no server" "cannot connect to postgresql://app:***@127.0.0.1:1/x"
  # db reset drops what the migrations made: only on this machine, unless told.
  expect_status 2 "reset of a remote database" "$bin" db reset --db-url "postgresql://app:s3cret@db.example.invalid/x"; no_secret "reset of a remote database"
  expect_output "reset of a remote database" "postgresql://app:***@db.example.invalid/x is not on this machine"
  expect_output "reset of a remote database" "pass --allow-remote to reset it"
  expect_status 2 "reset of a remote database in a host list" "$bin" db reset --db-url "host=localhost,db.example.invalid password=s3cret dbname=x"
  no_secret "reset of a host list"; expect_output "reset of a host list" "is not on this machine"
  expect_status 2 "reset --allow-remote, unreachable" "$bin" db reset --allow-remote --db-url "postgresql://app:s3cret@db.example.invalid/x"
  no_secret "reset --allow-remote"; expect_output "reset --allow-remote" "cannot connect to postgresql://app:***@db.example.invalid/x"
}

wait_for_sleep() {
  for _ in $(seq 1 100); do
    [ "$(sql "$1" "select count(*) from pg_stat_activity where query like '%pg_sleep(current_setting%' and pid <> pg_backend_pid()")" != 0 ] && return 0
    sleep 0.1
  done
  return 1
}
wait_for_no_sleep() {
  for _ in $(seq 1 100); do
    [ "$(sql "$1" "select count(*) from pg_stat_activity where query like '%pg_sleep(current_setting%' and pid <> pg_backend_pid()")" = 0 ] && return 0
    sleep 0.1
  done
  return 1
}

case_concurrency() {
  local project=$work/concurrency url
  mkdir -p "$project/supabase/migrations" && cd "$project"
  url=$(fresh_database workflow_concurrency)
  printf 'create table public.applied (file text not null);\n' > supabase/migrations/20240101000000_log.sql
  for i in $(seq -w 1 20); do
    printf "insert into public.applied values ('%s');\nselect pg_sleep(0.02);\n" "$i" > "supabase/migrations/202401020000${i}_step.sql"
  done
  "$bin" db push --db-url "$url" >"$work/first.out" 2>&1 & local first=$!
  "$bin" db push --db-url "$url" >"$work/second.out" 2>&1 & local second=$!
  wait "$first" || fail "the first concurrent push failed: $(cat "$work/first.out")"
  wait "$second" || fail "the second concurrent push failed: $(cat "$work/second.out")"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = 21 ] || fail "21 rows expected"
  [ "$(sql "$url" "select count(*) from public.applied")" = 20 ] || fail "each file must apply exactly once: $(sql "$url" "select file, count(*) from public.applied group by 1 having count(*) > 1")"
  grep -q "waiting for another push" "$work/first.out" "$work/second.out" || fail "neither push waited for the other's lock"
}

tier_rows() {
  sql "$1" "select 'core|' || filename from _migrations order by id" | cat
  sql "$1" "select 'content|' || source_type || '|' || source_name || '|' || filename from _content_migrations order by id"
  sql "$1" "select 'entity|' || entity_name || '|' || source_type || '|' || source_name || '|' || filename from _entity_migrations order by id"
}

case_layouts() {
  local url
  # The three-tier runner (NextSpark's run-migrations.mjs): core, then content and entity
  # migrations each sorted by file name with localeCompare, sample data last.
  url=$(fresh_database workflow_tiered)
  cp -r "$fixtures/apps/tiered" "$work/tiered"
  expect_status 0 "three-tier push" "$bin" db push --db-url "$url" --migrations "$work/tiered"
  diff <(tier_rows "$url") - >/dev/null <<'ROWS' || fail "three-tier tables differ from the runner's:
$(tier_rows "$url")"
core|001_schema.sql
core|002_users.sql
content|plugin|blog|001_blog.sql
content|plugin|shop|001_shop.sql
content|theme|studio|001_themes.sql
content|plugin|shop|002_shop_audit.sql
content|theme|studio|002_shop.sql
content|plugin|shop|090_sample_data.sql
entity|articles|plugin|blog|001_article_tags.sql
entity|reports|theme|studio|001_reports.sql
entity|comments|plugin|blog|002_comments.sql
entity|articles|plugin|blog|099_sample-data.sql
ROWS
  [ "$(sql "$url" "select count(*) from _pgshift_checksums")" = 12 ] || fail "a checksum per applied file expected"
  expect_status 0 "three-tier check" "$bin" check "$work/tiered" "$url"
  expect_status 0 "three-tier push again" "$bin" db push --db-url "$url" --migrations "$work/tiered"
  expect_output "three-tier push again" "database is up to date."
  echo "-- edited" >> "$work/tiered/contents/plugins/blog/migrations/001_blog.sql"
  expect_status 3 "three-tier edited" "$bin" db push --db-url "$url" --migrations "$work/tiered"
  expect_output "three-tier edited" "contents/plugins/blog/migrations/001_blog.sql (its SHA-256 is not the one recorded"
  expect_status 0 "new entity migration" "$bin" migration new tags_index --tier entity:blog/articles --migrations "$work/tiered"
  expect_output "new entity migration" "contents/plugins/blog/entities/articles/migrations/100_tags_index.sql"
  # A numbered folder tracked in _migrations (filename), as the runner's core tier.
  url=$(fresh_database workflow_numbered)
  cp -r "$fixtures/apps/edge-cases" "$work/numbered"
  expect_status 0 "numbered push" "$bin" db push --db-url "$url" --migrations "$work/numbered"
  [ "$(sql "$url" "select string_agg(filename, ',' order by id) from _migrations")" = "001_names.sql,002_search_path.sql,003_idempotent.sql,004_renames.sql,005_foreign_tables.sql" ] ||
    fail "numbered rows: $(sql "$url" "select string_agg(filename, ',' order by id) from _migrations")"
  expect_status 0 "numbered check" "$bin" check "$work/numbered" "$url"
  expect_status 0 "numbered new" "$bin" migration new more --migrations "$work/numbered"
  expect_output "numbered new" "006_more.sql"
  # golang-migrate: one row, the last version, never left dirty; its own runs are adopted.
  url=$(fresh_database workflow_golang)
  cp -r "$fixtures/apps/golang-migrate" "$work/golang"
  for file in 1_init 2_members; do psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$work/golang/$file.up.sql" >/dev/null || fail "psql $file"; done
  sql "$url" "create table schema_migrations (version bigint not null primary key, dirty boolean not null); insert into schema_migrations values (2, false)" >/dev/null
  expect_status 0 "golang-migrate list" "$bin" migration list --db-url "$url" --migrations "$work/golang"
  expect_output "golang-migrate list" "unverified   1_init.up.sql"
  expect_output "golang-migrate list" "pending      10_audit.up.sql"
  expect_status 0 "golang-migrate push" "$bin" db push --db-url "$url" --migrations "$work/golang"
  expect_output "golang-migrate push" "Applied 1 migration "
  [ "$(sql "$url" "select version || ',' || dirty from schema_migrations")" = "10,false" ] || fail "golang-migrate row: $(sql "$url" "select * from schema_migrations")"
  [ "$(sql "$url" "select count(*) from _pgshift_checksums")" = 3 ] || fail "golang-migrate: the adopted files and the new one get checksums"
  sql "$url" "update schema_migrations set dirty = true" >/dev/null
  expect_status 3 "golang-migrate dirty" "$bin" db push --db-url "$url" --migrations "$work/golang"
  expect_output "golang-migrate dirty" "golang-migrate marked version 10 dirty"
  expect_status 0 "golang-migrate new" "$bin" migration new extra --migrations "$work/golang"
  expect_output "golang-migrate new" "11_extra.up.sql"
  expect_output "golang-migrate new" "11_extra.down.sql"
  # Runners whose history pgshift does not keep: their folders are refused by name (exit 2), and
  # a database one of them keeps is refused before anything runs (exit 3).
  mkdir -p "$work/flyway/migrations" "$work/dbmate/migrations" "$work/prisma/migrations/20240101000000_init"
  printf 'create table public.f (id int);\n' > "$work/flyway/migrations/V1__init.sql"
  expect_status 2 "a Flyway folder" "$bin" db push --db-url "$url" --migrations "$work/flyway/migrations"
  expect_output "a Flyway folder" "is Flyway's (V1__init.sql): Flyway records its migrations in flyway_schema_history"
  printf -- '-- migrate:up\ncreate table public.d (id int);\n-- migrate:down\ndrop table public.d;\n' > "$work/dbmate/migrations/20240101000000_d.sql"
  expect_status 2 "a dbmate folder" "$bin" db push --db-url "$url" --migrations "$work/dbmate/migrations"
  expect_output "a dbmate folder" "is dbmate's (20240101000000_d.sql has \`-- migrate:up\`; pgshift would run its down section too)"
  printf 'provider = "postgresql"\n' > "$work/prisma/migrations/migration_lock.toml"
  printf 'create table public.p (id int);\n' > "$work/prisma/migrations/20240101000000_init/migration.sql"
  expect_status 2 "a Prisma folder" "$bin" migration list --db-url "$url" --migrations "$work/prisma/migrations"
  expect_output "a Prisma folder" "is Prisma Migrate's (migration_lock.toml)"
  url=$(fresh_database workflow_foreign)
  sql "$url" "create table public._prisma_migrations (id varchar(36) primary key, checksum varchar(64) not null, migration_name varchar(255) not null)" >/dev/null
  expect_status 3 "a database Prisma keeps" "$bin" db push --db-url "$url" --migrations "$work/numbered"
  expect_output "a database Prisma keeps" "this database's migrations are recorded by Prisma Migrate in public._prisma_migrations"
  expect_output "a database Prisma keeps" "nothing was applied"
  [ -z "$(sql "$url" "select to_regclass('public._migrations')")" ] || fail "a push into Prisma's database created _migrations"
  sql "$url" "drop table public._prisma_migrations; create table public.schema_migrations (version varchar(255) primary key)" >/dev/null
  expect_status 3 "a database dbmate keeps" "$bin" db push --db-url "$url" --migrations "$work/numbered"
  expect_output "a database dbmate keeps" "recorded by dbmate in public.schema_migrations"
  expect_status 0 "list a database dbmate keeps" "$bin" migration list --db-url "$url" --migrations "$work/numbered"
  expect_output "list a database dbmate keeps" "recorded by dbmate in public.schema_migrations"
  # Hazards of each pending file, and the CI gate.
  url=$(fresh_database workflow_hazards)
  mkdir -p "$work/hazards/supabase/migrations"
  printf 'create table public.t (id int, body text);\n' > "$work/hazards/supabase/migrations/20240101000000_t.sql"
  printf 'alter table public.t drop column body;\n' > "$work/hazards/supabase/migrations/20240102000000_drop.sql"
  expect_status 0 "dry run" "$bin" db push --db-url "$url" --migrations "$work/hazards" --dry-run
  expect_output "dry run" "hazard: supabase/migrations/20240102000000_drop.sql: DELETES_DATA"
  expect_output "dry run" "Would push these migrations:"
  [ -z "$(sql "$url" "select to_regclass('supabase_migrations.schema_migrations')")" ] || fail "--dry-run created the tracking table"
  expect_status 3 "the CI gate" "$bin" db push --db-url "$url" --migrations "$work/hazards" --fail-on-hazard DELETES_DATA
  expect_output "the CI gate" "supabase/migrations/20240102000000_drop.sql: DELETES_DATA"
  [ -z "$(sql "$url" "select to_regclass('public.t')")" ] || fail "the gate let a file run"
}

case_project() {
  local project=$work/guide url data
  cp -r "$fixtures/projects/supabase-guide" "$project"
  cd "$project"
  expect_status 0 "db start" "$bin" db start
  expect_output "db start" "Started the local database"
  grep -qx '.pgshift/' .gitignore || fail "db start did not add .pgshift/ to .gitignore"
  url=$("$bin" db status --format json | jq -r .url)
  [ -n "$url" ] && [ "$url" != null ] || fail "db status gives no URL"
  [ "$(sql "$url" "select count(*) from pg_namespace where nspname in ('auth', 'storage', 'extensions')")" = 3 ] || fail "the platform is not installed"
  [ "$(sql "$url" "select current_setting('listen_addresses')")" = "127.0.0.1" ] || fail "the local database listens beyond the loopback"
  expect_status 0 "db reset" "$bin" db reset
  expect_output "db reset" "Finished pgshift db reset"
  [ "$(sql "$url" "select hash from supabase_migrations.seed_files where path = 'supabase/seed.sql'")" = "$(sha256sum supabase/seed.sql | cut -d' ' -f1)" ] ||
    fail "the seed is not recorded as the Supabase CLI records it: $(sql "$url" "select * from supabase_migrations.seed_files")"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = "$(ls supabase/migrations | wc -l)" ] || fail "reset: a row per migration"
  sql "$url" "select set_config('request.jwt.claims', '{\"sub\":\"00000000-0000-0000-0000-0000000000aa\"}', false)" >/dev/null
  [ "$(sql "$url" "select set_config('request.jwt.claims', '{\"sub\":\"00000000-0000-0000-0000-0000000000aa\"}', false), auth.uid()" | cut -d'|' -f2)" = 00000000-0000-0000-0000-0000000000aa ] ||
    fail "auth.uid() does not read the request's claims"
  expect_status 0 "db check after reset" "$bin" db check --allow-unmodelled
  # What users add to platform objects goes with a reset; the platform stays.
  sql "$url" "create policy by_hand on storage.objects for select using (true); create table public.by_hand (id int)" >/dev/null
  expect_status 0 "db reset again" "$bin" db reset --no-seed
  [ "$(sql "$url" "select count(*) from pg_policies where policyname = 'by_hand'")" = 0 ] || fail "reset kept a policy added by hand to storage.objects"
  [ -z "$(sql "$url" "select to_regclass('public.by_hand')")" ] || fail "reset kept a table added by hand"
  [ -z "$(sql "$url" "select to_regclass('supabase_migrations.seed_files')")" ] || fail "--no-seed ran the seed"
  # db push --include-seed runs a seed whose path is new; a changed one only gets its new hash, as the CLI does.
  expect_status 0 "push --include-seed" "$bin" db push --include-seed
  expect_output "push --include-seed" "Seeding data from supabase/seed.sql..."
  [ "$(sql "$url" "select count(*) from public.projects where name = 'Example'")" = 1 ] || fail "push --include-seed did not run the seed once"
  printf -- '-- changed\n' >> supabase/seed.sql
  expect_status 0 "push --include-seed, the seed changed" "$bin" db push --include-seed
  expect_output "push --include-seed, the seed changed" "Updating seed hash to supabase/seed.sql..."
  [ "$(sql "$url" "select count(*) from public.projects where name = 'Example'")" = 1 ] || fail "a changed seed ran again"
  [ "$(sql "$url" "select hash from supabase_migrations.seed_files where path = 'supabase/seed.sql'")" = "$(sha256sum supabase/seed.sql | cut -d' ' -f1)" ] ||
    fail "a changed seed's hash was not updated"
  # A server restart during a push: nothing half-applied, the next push resumes.
  sql "$url" "alter database postgres set pgshift_test.sleep = '30'" >/dev/null
  printf "create table public.restarted (id int);\nselect pg_sleep(current_setting('pgshift_test.sleep')::float);\n" > supabase/migrations/29990101000000_restart.sql
  "$bin" db push >"$work/restart.out" 2>&1 & local pid=$!
  wait_for_sleep "$url" || fail "the long file did not start"
  data=$("$bin" db status --format json | jq -r .data)
  local pg_ctl
  pg_ctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$data" -m immediate -w restart -l "$(dirname "$data")/server.log" >/dev/null 2>&1
  else "$pg_ctl" -D "$data" -m immediate -w restart -l "$(dirname "$data")/server.log" >/dev/null 2>&1; fi || fail "the server did not restart"
  wait "$pid"; local status=$?
  [ "$status" = 2 ] || fail "a push through a restart: exit $status: $(cat "$work/restart.out")"
  [ -z "$(sql "$url" "select to_regclass('public.restarted')")" ] || fail "a restart left the file half-applied"
  sql "$url" "alter database postgres set pgshift_test.sleep = '0'" >/dev/null
  expect_status 0 "push after the restart" "$bin" db push
  [ -n "$(sql "$url" "select to_regclass('public.restarted')")" ] || fail "the push after the restart did not apply the file"
  sql "$url" "alter database postgres reset pgshift_test.sleep" >/dev/null
  # db pull into an empty folder, recorded as applied, check-equal.
  mv supabase/migrations "$work/guide-migrations" && mkdir supabase/migrations
  expect_status 0 "repair reverted --all" "$bin" migration repair --status reverted --all
  expect_status 0 "db pull into an empty folder" "$bin" db pull
  expect_output "db pull into an empty folder" "Schema written to"
  expect_status 0 "check after pull" "$bin" check supabase/migrations "$url"
  [ "$(sql "$url" "select count(*) from supabase_migrations.schema_migrations")" = 1 ] || fail "pull: its file recorded as applied"
  expect_status 0 "push after pull" "$bin" db push
  expect_output "push after pull" "database is up to date."
  # squash: the fixture's own files into one, check-equal to the database they built.
  rm -rf supabase/migrations && mv "$work/guide-migrations" supabase/migrations
  rm -f supabase/migrations/29990101000000_restart.sql
  expect_status 0 "reset before squash" "$bin" db reset --no-seed
  # squash --version: the files up to it become one (the last one's name), the rest stay.
  local files_before
  files_before=$(ls supabase/migrations | wc -l)
  expect_status 0 "squash --version" "$bin" migration squash --version 20240102000000 --update-history
  expect_output "squash --version" "Squashed local migrations to supabase/migrations/20240102000000_projects.sql"
  [ ! -e supabase/migrations/20240101000000_init.sql ] || fail "squash --version kept the file it replaced"
  [ "$(ls supabase/migrations | wc -l)" = $((files_before - 1)) ] || fail "squash --version: $(ls supabase/migrations)"
  expect_status 0 "check after squash --version" "$bin" check supabase/migrations "$url"
  [ "$(sql "$url" "select string_agg(version, ',' order by version) from supabase_migrations.schema_migrations where version <= '20240102000000'")" = 20240102000000 ] ||
    fail "squash --version --update-history: the history up to it is its file's row"
  expect_status 0 "push after squash --version" "$bin" db push
  expect_output "push after squash --version" "database is up to date."
  expect_status 3 "squash with a data statement" "$bin" migration squash --update-history
  expect_output "squash with a data statement" "supabase/migrations/20240103000000_storage.sql:2: INSERT (data, not schema)"
  [ "$(ls supabase/migrations | wc -l)" -gt 1 ] || fail "a refused squash removed files"
  expect_status 0 "squash" "$bin" migration squash --update-history --drop-data
  [ "$(ls supabase/migrations | wc -l)" = 1 ] || fail "squash left $(ls supabase/migrations)"
  expect_status 0 "check after squash" "$bin" check supabase/migrations "$url"
  expect_status 0 "push after squash" "$bin" db push
  expect_output "push after squash" "database is up to date."
  expect_status 0 "db stop" "$bin" db stop
  expect_status 1 "db status after stop" "$bin" db status
}

"case_$case_name"
if [ "$failures" != 0 ]; then echo "$failures failure(s) in $case_name" >&2; exit 1; fi
echo "workflow $case_name: ok"
