#!/usr/bin/env bash
# Negative parity tests: change one thing in a database built from a fixture app (most cases:
# fixtures/apps/supabase-app) and `pgshift check` must report exactly that one difference (kind,
# object, property), exit 1, and its whole report (the values on both sides) must be the golden
# file fixtures/check-negative/<case>.json (the database named DATABASE; PGSHIFT_UPDATE_GOLDEN=1
# rewrites it, tests/golden.sh).
set -uo pipefail
bin=${1:?usage: check_negative.sh PGSHIFT FIXTURES}
fixtures=${2:?usage: check_negative.sh PGSHIFT FIXTURES}
source "$(dirname "$0")/server.sh"
source "$(dirname "$0")/golden.sh"

# use_app NAME: the fixture app the cases after it change, built once into negative_base.
use_app() {
  app="$fixtures/apps/$1"
  local base; base=$(fresh_database negative_base)
  if [ -f "$fixtures/apps/$1.setup.sql" ]; then psql "$base" -X -q -v ON_ERROR_STOP=1 -f "$fixtures/apps/$1.setup.sql" >/dev/null; fi
  apply_migrations "$base" "$bin" "$app" || { echo "FAIL: $1 does not apply"; exit 1; }
}

failed=0; total=0
# expect NAME SQL KIND OBJECT PROPERTY [CHECK OPTIONS...]
expect() {
  local name=$1 sql=$2 kind=$3 object=$4 property=$5
  shift 5
  total=$((total + 1))
  psql "$PGSHIFT_TEST_URL" -X -q -c "drop database if exists negative_case with (force)" -c "create database negative_case template negative_base" >/dev/null 2>&1
  local url; url=$(database_url negative_case)
  psql "$url" -X -q -v ON_ERROR_STOP=1 -c "$sql" >/dev/null || { echo "FAIL $name: the change does not apply"; failed=$((failed + 1)); return; }
  local report status
  report=$("$bin" check "$app" "$url" --format json "$@" 2>/dev/null); status=$?
  local count; count=$(grep -c '"kind":' <<<"$report")
  if [ "$status" = 1 ] && [ "$count" = 1 ] && grep -q "\"kind\": \"$kind\"" <<<"$report" &&
     grep -qF "\"object\": \"$object\"" <<<"$report" && grep -q "\"property\": \"$property\"" <<<"$report"; then
    # The report as users read it, independent of where the checkout and the server are.
    local slug; slug=$(tr 'A-Z' 'a-z' <<<"$name" | sed 's/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//')
    report=${report//"$url"/DATABASE}
    if golden "$fixtures/check-negative/$slug.json" <<<"${report//"$fixtures/"/fixtures/}"; then
      echo "ok   $name"
    else
      echo "FAIL $name: the report is not its golden file"; failed=$((failed + 1))
    fi
  else
    echo "FAIL $name (exit $status, $count differences; expected $kind $object $property)"; echo "$report" | head -30 | sed 's/^/     /'
    failed=$((failed + 1))
  fi
}
use_app supabase-app
expect "a column default" "alter table posts alter column view_count set default 1" column public.posts.view_count default
expect "a policy's USING" "alter policy \"published posts are public\" on posts using (status = 'published')" policy 'public.posts.\"published posts are public\"' using
# The classic policy mistake: a bare name inside the subquery is the subquery's own column.
expect "a policy subquery's reference" "alter policy \"post authors edit their replies\" on post_comments using (exists (select 1 from posts p where p.id = post_id and p.author_id = author_id))" \
  policy 'public.post_comments.\"post authors edit their replies\"' using
expect "a column's nullability" "alter table profiles alter column full_name set not null" column public.profiles.full_name "not null"
expect "an index predicate" "drop index posts_published_idx; create index posts_published_idx on posts (published_at desc) where status = 'draft'" index public.posts_published_idx where
expect "a grant" "grant insert on post_comments to anon" table public.post_comments privileges
expect "a comment" "comment on table profiles is 'Changed by hand'" table public.profiles comment
expect "a dropped trigger" "drop trigger profiles_touch on profiles" trigger public.profiles.profiles_touch exists
expect "RLS disabled" "alter table posts disable row level security" table public.posts "row level security"
# A table added to realtime in the dashboard.
expect "a table added to a publication" "alter publication supabase_realtime add table posts" "publication table" supabase_realtime.public.posts exists
expect "a publication's row filter" "alter publication supabase_realtime set table post_comments where (post_id > 0)" \
  "publication table" supabase_realtime.public.post_comments "row filter"
# Supabase's schemas left out: what users add there is still compared, the platform's own changes are not.
expect "a grant on a platform function" "alter table auth.users add column nickname text; grant execute on function auth.uid() to anon" \
  function 'auth.uid()' privileges --exclude-managed
use_app edge-cases
expect "a foreign table's options" "alter foreign table remote_orders options (set fetch_size '1000')" table public.remote_orders "foreign options"
expect "a foreign column's options" "alter foreign table remote_orders alter column total options (add column_name 'amount')" \
  column public.remote_orders.total "foreign options"
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
