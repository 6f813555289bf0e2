#!/usr/bin/env bash
# `pgshift lint --db-url`: a Supabase project's migrations against the history the Supabase CLI
# keeps in the database (supabase_migrations.schema_migrations, its statements as the CLI splits
# them: trimmed, comments kept, no `;`). The applied files as they were: no finding; one edited
# since: applied-migration-edited at its first statement, exit 1; a database without that table,
# or not reachable: none, exit 0 / exit 2.
#   usage: lint_database.sh PGSHIFT FIXTURES
set -uo pipefail
bin=$(cd "$(dirname "${1:?usage: lint_database.sh PGSHIFT FIXTURES}")" && pwd)/$(basename "$1")
fixtures=$(cd "${2:?}" && pwd)
source "$(dirname "$0")/server.sh"
work=$(mktemp -d); trap 'rm -rf "$work"; stop_own_server' EXIT
failed=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got"; echo "$2" | sed 's/^/     /'; echo "     expected"; echo "$3" | sed 's/^/     /'; failed=1; fi; }
cp -r "$fixtures/projects/supabase-guide" "$work/project"
db=$(fresh_database lint_applied)
# What `supabase db push` records: one row per file, its statements split on `;` at the ends of lines (enough for these files).
{
  echo "create schema supabase_migrations;"
  echo "create table supabase_migrations.schema_migrations (version text not null primary key, statements text[], name text);"
  for file in "$work"/project/supabase/migrations/*.sql; do
    base=$(basename "$file" .sql)
    node -e '
      const fs = require("fs");
      const text = fs.readFileSync(process.argv[1], "utf8");
      const statements = text.split(/;\s*\n/).map((s) => s.trim().replace(/;$/, "")).filter((s) => s !== "");
      const literal = (s) => "'\''" + s.replace(/'\''/g, "'\'''\''") + "'\''";
      console.log(`insert into supabase_migrations.schema_migrations values (${literal(process.argv[2])}, array[${statements.map(literal).join(", ")}]::text[], ${literal(process.argv[3])});`);
    ' "$file" "${base%%_*}" "${base#*_}"
  done
} >"$work/history.sql"
psql "$db" -X -q -v ON_ERROR_STOP=1 -f "$work/history.sql" >/dev/null || { echo "FAIL: the history does not load"; exit 1; }
lint() { (cd "$work/project" && "$bin" lint --rule applied-migration-edited "$@" 2>&1; echo "exit $?"); }
check "unchanged files" "$(lint --db-url "$db" --format json | grep -c '"rule"'; lint --db-url "$db" | tail -1)" "0
exit 0"
edited=$(ls "$work"/project/supabase/migrations/*.sql | sed -n 2p)
sed -i 's/not null default now()/default now()/' "$edited"
git diff --no-index --quiet "$fixtures/projects/supabase-guide/supabase/migrations/$(basename "$edited")" "$edited" && { echo "FAIL: the edit changed nothing"; exit 1; }
check "an applied file edited since" "$(lint --db-url "$db" | grep -v '^ ')" "supabase/migrations/$(basename "$edited"):2:1: error: migration $(basename "$edited") was applied to the database as version $(basename "$edited" | cut -d_ -f1) and has been edited since [applied-migration-edited]
1 finding (1 errors, 0 warnings, 0 info) in $(ls "$work"/project/supabase/migrations/*.sql | wc -l) files
exit 1"
check "offline, the same files" "$(lint | tail -1)" "exit 0"
plain=$(fresh_database lint_no_history)
check "a database without the CLI's history" "$(lint --db-url "$plain" | tail -1)" "exit 0"
check "a database that cannot be reached" "$(lint --db-url "postgresql://nobody:secret@127.0.0.1:1/x" | sed 's/: connection.*//' | head -1; lint --db-url "postgresql://nobody:secret@127.0.0.1:1/x" | tail -1)" "pgshift: cannot connect to postgresql://nobody:***@127.0.0.1:1/x
exit 2"
exit $failed
