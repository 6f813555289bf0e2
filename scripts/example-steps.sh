#!/usr/bin/env bash
# The example's steps (scripts/example.sh, after installing and building) with a built pgshift:
# scripts/example-steps.sh PGSHIFT. CTest runs them too (readme_example), so the README's
# example keeps working.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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
"$bin" db diff
echo "== pgshift db reset: the platform's state, then every migration and supabase/seed.sql"
"$bin" db reset
"$bin" db check --allow-unmodelled
