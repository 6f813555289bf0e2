#!/usr/bin/env bash
# pgshift lint's schema rules against Supabase's database linter (splinter.sql, pinned, fetched by
# scripts/lint-peers.sh or named by $PGSHIFT_SPLINTER_SQL): each Supabase project below is put on
# a database as its team has it (the platform as pgshift describes it, then only the team's own
# migrations, with psql), splinter runs there with the project's API schemas as
# pgrst.db_schemas, and its findings for the rules pgshift shares with it (`--list-rules`,
# `[splinter:NAME]`) must be pgshift's offline findings, by rule and object, but what the
# project's splinter-differences file lists. Exits 77 (skipped) when splinter.sql is not there.
#   usage: lint_splinter.sh PGSHIFT FIXTURES
set -uo pipefail
bin=$(cd "$(dirname "${1:?usage: lint_splinter.sh PGSHIFT FIXTURES}")" && pwd)/$(basename "$1")
fixtures=$(cd "${2:?usage: lint_splinter.sh PGSHIFT FIXTURES}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
peers=$("$root/scripts/lint-peers.sh" "$(dirname "$bin")/lint-peers") || { echo "cannot install the peers"; exit 1; }
splinter=${PGSHIFT_SPLINTER_SQL:-$(ls "$(dirname "$peers")"/splinter-*.sql 2>/dev/null | head -1)}
[ -s "$splinter" ] || { echo "splinter.sql not found (GitHub unreachable, PGSHIFT_SPLINTER_SQL unset): skipped"; exit 77; }
# A server of its own: the platform's roles are cluster-wide (as in tests/platform_project.sh).
unset PGSHIFT_TEST_URL
source "$root/tests/server.sh"
work=$(mktemp -d /tmp/pgshift-lint-splinter.XXXXXX)
trap 'rm -rf "$work"; stop_own_server' EXIT
: >"$work/empty.toml"
"$bin" lint --list-rules >"$work/rules.txt"
failed=0
for project in "$fixtures"/projects/supabase-guide "$fixtures"/lint/splinter/*/; do
  project=${project%/}; name=$(basename "$project")
  db=$(fresh_database "lint_splinter_$(echo "$name" | tr -c 'a-zA-Z0-9_\n' _)")
  for file in "$root/src/platform/supabase/setup.sql" "$root/src/platform/supabase/platform.sql" "$project"/supabase/migrations/*.sql; do
    psql "$db" -X -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null 2>"$work/apply.log" || { echo "FAIL $name: $(basename "$file"): $(grep -m1 ERROR "$work/apply.log")"; failed=1; continue 2; }
  done
  schemas=$(sed -n 's/^schemas = \[\(.*\)\]/\1/p' "$project/supabase/config.toml" | tr -d '"')
  { echo "begin;"; echo "select set_config('pgrst.db_schemas', '${schemas:-public, graphql_public}', true);"
    echo "set local search_path = '';"
    echo "select coalesce(pg_catalog.json_agg(pg_catalog.row_to_json(s)), '[]') from ("
    sed '1{/^set local search_path/d}' "$splinter" | sed '$s/;[[:space:]]*$//'
    echo ") s;"; echo "rollback;"; } >"$work/splinter-run.sql"
  psql "$db" -X -q -At -v ON_ERROR_STOP=1 -f "$work/splinter-run.sql" 2>"$work/splinter.log" | grep '^\[' >"$work/splinter.json" ||
    { echo "FAIL $name: splinter does not run: $(head -3 "$work/splinter.log")"; failed=1; continue; }
  "$bin" lint "$project" --config "$work/empty.toml" --format json >"$work/pgshift.json"
  node - "$work/rules.txt" "$work/pgshift.json" "$work/splinter.json" "$project/splinter-differences" "$name" <<'JS' || failed=1
const fs = require('fs');
const [rulesFile, pgshiftFile, splinterFile, differencesFile, name] = process.argv.slice(2);
const shared = new Map();  // pgshift rule -> splinter lint name
for (const line of fs.readFileSync(rulesFile, 'utf8').split('\n')) {
  const match = /^(\S+) \(\w+\): .*\[splinter:\d+_([^\]]+)\]$/.exec(line);
  if (match) shared.set(match[1], match[2]);
}
const lints = new Set(shared.values());
// Findings by lint and object: schema.name of the table, view, function (without its arguments) or extension.
const ours = new Set();
for (const finding of JSON.parse(fs.readFileSync(pgshiftFile, 'utf8')).findings) {
  if (!shared.has(finding.rule)) continue;
  let object = finding.object.replace(/\(.*$/, '');
  if (finding.rule === 'extension-in-public') object = `public.${object}`;
  ours.add(`${shared.get(finding.rule)} ${object}`);
}
const theirs = new Set();
for (const finding of JSON.parse(fs.readFileSync(splinterFile, 'utf8')))
  if (lints.has(finding.name)) theirs.add(`${finding.name} ${finding.metadata.schema}.${finding.metadata.name}`);
const listed = new Map();
if (fs.existsSync(differencesFile))
  for (const line of fs.readFileSync(differencesFile, 'utf8').split('\n')) {
    const match = /^(\S+ \S+) (only-splinter|only-pgshift) /.exec(line);
    if (match) listed.set(match[1], match[2]);
  }
let bad = 0;
const seen = new Set();
for (const key of theirs) if (!ours.has(key)) { seen.add(key); if (listed.get(key) !== 'only-splinter') { console.log(`splinter only, not listed: ${key}`); bad++; } }
for (const key of ours) if (!theirs.has(key)) { seen.add(key); if (listed.get(key) !== 'only-pgshift') { console.log(`pgshift only, not listed: ${key}`); bad++; } }
for (const key of listed.keys()) if (!seen.has(key)) { console.log(`listed, but both agree: ${key}`); bad++; }
const agreed = [...ours].filter((key) => theirs.has(key)).length;
console.log(`${name}: ${agreed} findings the same as splinter's, ${seen.size} different as listed${bad ? `, ${bad} not as listed` : ''}`);
process.exit(bad ? 1 : 0);
JS
done
exit $failed
