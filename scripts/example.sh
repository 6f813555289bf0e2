#!/usr/bin/env bash
# The main job on the built-in example, a Supabase project as it is (fixtures/projects/
# supabase-guide: its own migrations, a seed file, a config.toml), on a local database that
# pgshift starts itself, without Docker:
#  1. `pgshift db start`: a throwaway PostgreSQL with the Supabase platform (auth, storage, roles);
#  2. `pgshift db push`: the migrations applied and recorded as the Supabase CLI records them;
#  3. `pgshift migration list` and `pgshift db check`: the database and the files agree exactly;
#  4. a change by hand, as a dashboard would make it: `db check` reports the drift, `db diff`
#     plans the migration that captures it;
#  5. `pgshift db reset`: back to the platform's state, every migration and the seed again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null
bin="$root/build/pgshift"
project=$(mktemp -d /tmp/pgshift-example.XXXXXX)
trap '"$bin" db stop --remove --migrations "$project" >/dev/null 2>&1 || true; rm -rf "$project"' EXIT
cp -r "$root/fixtures/projects/supabase-guide/supabase" "$project/"
cd "$project"
echo "== pgshift db start (PostgreSQL from this machine, the Supabase platform from pgshift's description)"
"$bin" db start
echo "== pgshift migration list (before the push)"
"$bin" migration list
echo "== pgshift db push"
"$bin" db push
echo "== pgshift migration list (after)"
"$bin" migration list
echo "== pgshift db check: the files and the database describe the same schema"
"$bin" db check --allow-unmodelled
url=$("$bin" db status --format json | jq -r .url)
echo "== a change made by hand in the database"
psql "$url" -X -q -c "alter table public.profiles alter column username set default 'anonymous'" \
                  -c "alter policy \"Public profiles are viewable by everyone.\" on public.profiles using (username is not null)"
set +e
"$bin" db check --allow-unmodelled
status=$?
set -e
echo "(exit status $status: 1 means the database drifted from the migrations)"
[ "$status" = 1 ]
echo "== pgshift db diff: the migration that captures the change"
"$bin" db diff --allow-hazards AUTHZ_WEAKENED
echo "== pgshift db reset: the platform's state, then every migration and supabase/seed.sql"
"$bin" db reset
"$bin" db check --allow-unmodelled
