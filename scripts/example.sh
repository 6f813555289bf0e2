#!/usr/bin/env bash
# The main job on the built-in example: parse fixtures/apps/supabase-app with pgshift, apply the
# same migrations to a throwaway PostgreSQL 15, and compare the model with the catalog.
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
echo "== the same migrations applied to PostgreSQL: counts compared kind by kind"
if differences=$(compare_counts "$url" "$bin" "$app"); then
  echo "the parsed model and the database agree"
else
  echo "$differences"; exit 1
fi
