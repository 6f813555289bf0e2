#!/usr/bin/env bash
# The main job on the built-in example (fixtures/apps/supabase-app):
#  1. parse the migrations with pgshift (no database);
#  2. apply the same migrations to a throwaway PostgreSQL 15;
#  3. `pgshift check FOLDER DATABASE`: the parsed model and the database must agree exactly;
#  4. change the database by hand, as a dashboard would, and show `check` reporting that drift;
#  5. `pgshift diff FOLDER DATABASE`: the migration that captures the change.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null
bin="$root/build/pgshift"
app="$root/fixtures/apps/supabase-app"
source "$root/tests/server.sh"
url=$(fresh_database example)
psql "$url" -X -q -f "$root/fixtures/apps/supabase-app.setup.sql" >/dev/null
echo "== migrations, in the order they apply"
"$bin" migration list "$app"
echo "== pgshift dump --format stats (parsed from the files, no database)"
"$bin" dump "$app" --format stats
apply_migrations "$url" "$bin" "$app"
echo "== pgshift check FOLDER DATABASE, after applying the same migrations"
"$bin" check "$app" "$url"
echo "== a change made by hand in the database"
psql "$url" -X -q -c "alter table public.posts alter column view_count set default 1" \
                  -c "alter policy \"published posts are public\" on public.posts using (status = 'published')"
set +e
"$bin" check "$app" "$url"
status=$?
set -e
echo "(exit status $status: 1 means the database drifted from the migrations)"
[ "$status" = 1 ]
echo "== pgshift diff FOLDER DATABASE: the migration that captures the change"
"$bin" diff "$app" "$url" --allow-hazards AUTHZ_WEAKENED
