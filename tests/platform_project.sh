#!/usr/bin/env bash
# Supabase projects as they are: supabase/config.toml and supabase/migrations holding only the
# team's own migrations, which use auth.users, auth.uid(), storage.objects, the extensions
# schema and the API roles that the platform made before migration 1.
#   project: fixtures/projects/supabase-guide (written for this test);
#   corpus:  every Supabase entry of ../shared/corpus (flatten.sh --no-baseline) with a
#            config.toml; exits 77 (skipped) without a corpus.
# For each, offline `pgshift dump` succeeds; then for each way of installing the platform (our
# description, src/platform/supabase/*.sql, and the corpus baseline when the corpus is there) a
# database gets the platform and the migrations (psql), and from inside the project:
#   `db check` exits 0;
#   changes made by hand to platform objects are each reported: a policy on storage.objects, a
#   trigger on auth.users, a table added to supabase_realtime (always the users'), a revoke on a
#   platform function, RLS switched off and a grant on platform tables (reported where the
#   platform is the one described: another installer's privileges are the database's own,
#   docs/platform.md);
#   `db diff -f` captures them into a file that, applied after the folder to a fresh database
#   with the platform, makes `db check` exit 0.
#   usage: platform_project.sh project|corpus PGSHIFT FIXTURES
set -uo pipefail
mode=${1:?usage: platform_project.sh project|corpus PGSHIFT FIXTURES}
bin=${2:?usage: platform_project.sh project|corpus PGSHIFT FIXTURES}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
fixtures=${3:?usage: platform_project.sh project|corpus PGSHIFT FIXTURES}
fixtures=$(cd "$fixtures" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${PGSHIFT_CORPUS:-$root/../shared/corpus}
if [ "$mode" = corpus ] && [ ! -x "$corpus/flatten.sh" ]; then echo "corpus not found at $corpus: skipped"; exit 77; fi
# A server of its own: the platform's roles and memberships are cluster-wide, and those of one
# installer can stand in the way of another's (or of the corpus entries other tests apply).
unset PGSHIFT_TEST_URL
source "$root/tests/server.sh"
work=$(mktemp -d /tmp/pgshift-platform.XXXXXX)
trap 'cd /; rm -rf "$work"; stop_own_server' EXIT
failed=0; passed=0; skipped=0

installers=(described)
# The schemas the platform manages (src/platform/supabase_platform.cpp), as SQL literals.
managed_schemas="'auth', 'storage', 'realtime', 'extensions', 'graphql', 'graphql_public', 'supabase_functions', 'supabase_migrations', 'vault', 'pgsodium', 'net', 'cron', 'pgbouncer'"
[ -f "$corpus/_baseline/supabase.sql" ] && installers+=(corpus-baseline)

# install_platform URL INSTALLER: the platform, as our description or the corpus baseline has it.
install_platform() {
  local url=$1 files
  case $2 in
    described) files=("$root/src/platform/supabase/setup.sql" "$root/src/platform/supabase/platform.sql") ;;
    corpus-baseline) files=("$corpus/_baseline/supabase.setup.sql" "$corpus/_baseline/supabase.sql") ;;
  esac
  local file
  for file in "${files[@]}"; do psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null 2>"$work/install.log" || return 1; done
}

# apply_folder URL PROJECT: the project's migrations with psql, each file in its own session.
apply_folder() {
  local file
  for file in "$2"/supabase/migrations/*.sql; do
    psql "$1" -X -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null 2>"$work/apply.log" || { echo "$(basename "$file"): $(grep -m1 ERROR "$work/apply.log")"; return 1; }
  done
}

# differences REPORT: "kind object property" lines of a `db check --format json` report.
differences() { python3 -c 'import json,sys; [print(d["kind"], d["object"], d["property"]) for d in json.load(sys.stdin)["differences"]]' <<<"$1" | sort; }

# run_case NAME PROJECT INSTALLER
run_case() {
  local name=$1 project=$2 installer=$3 label="$1 on $3"
  local db; db=$(fresh_database "platform_$(echo "$name" | tr -c 'a-zA-Z0-9_\n' _)")
  fail() { echo "FAIL $label: $*"; failed=$((failed + 1)); cd /; }
  install_platform "$db" "$installer" || { fail "the platform does not install: $(grep -m1 ERROR "$work/install.log")"; return; }
  local applied
  if ! applied=$(apply_folder "$db" "$project"); then
    if [ "$installer" = described ] && [ "$mode" = corpus ]; then
      echo "skip $label: the history does not apply on the described platform ($applied)"; skipped=$((skipped + 1)); return
    fi
    fail "psql cannot apply the migrations: $applied"; return
  fi
  cd "$project" || return
  local report status=0
  report=$("$bin" db check --db-url "$db" 2>&1) || status=$?
  [ "$status" = 0 ] || { fail "db check exits $status"; echo "$report" | head -20 | sed 's/^/     /'; return; }

  psql "$db" -X -q -v ON_ERROR_STOP=1 >/dev/null 2>"$work/hand.log" <<'SQL' || { fail "the hand changes do not apply: $(grep -m1 ERROR "$work/hand.log")"; return; }
create policy "pgshift: files are public" on storage.objects for select using (true);
create trigger pgshift_touch before update on auth.users for each row execute function storage.update_updated_at_column();
revoke execute on function storage.foldername(text) from public;
alter table storage.buckets disable row level security;
grant select on auth.users to anon;
SQL
  # Realtime switched on in the dashboard for one of the project's tables.
  local realtime; realtime=$(psql "$db" -X -At -c "select quote_ident(n.nspname) || '.' || quote_ident(c.relname) from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ($managed_schemas, 'pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
    and c.relkind = 'r' and c.relpersistence = 'p' and not c.relispartition
    and c.oid not in (select pr.prrelid from pg_publication_rel pr join pg_publication p on p.oid = pr.prpubid where p.pubname = 'supabase_realtime')
    order by n.nspname <> 'public', n.nspname, c.relname limit 1")
  [ -n "$realtime" ] || { fail "the project has no table to add to supabase_realtime"; return; }
  psql "$db" -X -q -v ON_ERROR_STOP=1 -c "alter publication supabase_realtime add table $realtime" >/dev/null 2>"$work/hand.log" ||
    { fail "the table does not join supabase_realtime: $(grep -m1 ERROR "$work/hand.log")"; return; }
  local expected="policy storage.objects.\"pgshift: files are public\" exists
trigger auth.users.pgshift_touch exists
publication table supabase_realtime.$realtime exists"
  if [ "$installer" = described ]; then
    expected+='
function storage.foldername(text) privileges
table auth.users privileges
table storage.buckets row level security'
  fi
  status=0; report=$("$bin" db check --db-url "$db" --format json 2>/dev/null) || status=$?
  local found; found=$(differences "$report")
  if [ "$status" != 1 ] || [ "$found" != "$(sort <<<"$expected")" ]; then
    fail "db check after the hand changes: exit $status, reported:"; echo "$found" | sed 's/^/     /'; return
  fi

  status=0; report=$("$bin" db diff -f "hand changes" --db-url "$db" 2>&1) || status=$?
  local captured; captured=$(ls supabase/migrations | grep '_hand_changes\.sql$')
  [ "$status" = 0 ] && [ -n "$captured" ] || { fail "db diff -f: exit $status: $report"; return; }
  local rebuilt; rebuilt=$(fresh_database "platform_rebuilt")
  install_platform "$rebuilt" "$installer" || { fail "the platform does not install again"; return; }
  applied=$(apply_folder "$rebuilt" "$project") || { fail "the folder with the capture does not apply: $applied"; cat "supabase/migrations/$captured" | sed 's/^/     /'; return; }
  status=0; report=$("$bin" db check --db-url "$rebuilt" 2>&1) || status=$?
  [ "$status" = 0 ] || { fail "db check on a database rebuilt with the capture: exit $status"; echo "$report" | head -20 | sed 's/^/     /'; return; }
  status=0; report=$("$bin" db check --db-url "$db" 2>&1) || status=$?
  [ "$status" = 0 ] || { fail "db check on the changed database after the capture: exit $status"; echo "$report" | head -20 | sed 's/^/     /'; return; }
  echo "ok   $label ($(grep -c ';$' "supabase/migrations/$captured") statements captured)"
  passed=$((passed + 1))
  cd /
}

# offline NAME PROJECT [EXPECTED-STATS]: `dump` from inside the project, without a database.
offline() {
  local report status=0
  report=$(cd "$2" && env -u DATABASE_URL "$bin" dump --format stats 2>&1) || status=$?
  if [ "$status" != 0 ]; then echo "FAIL $1 offline: dump exits $status"; echo "$report" | head -5 | sed 's/^/     /'; failed=$((failed + 1)); return 1; fi
  if [ -n "${3:-}" ] && [ "$report" != "$(cat "$3")" ]; then
    echo "FAIL $1 offline: dump --format stats differs from $3"; diff <(echo "$report") "$3" | sed 's/^/     /'; failed=$((failed + 1)); return 1
  fi
  echo "ok   $1 offline"; passed=$((passed + 1))
}

if [ "$mode" = project ]; then
  for installer in "${installers[@]}"; do
    rm -rf "$work/supabase-guide"; cp -r "$fixtures/projects/supabase-guide" "$work/supabase-guide"
    [ "$installer" = described ] && offline supabase-guide "$work/supabase-guide" "$fixtures/projects/supabase-guide/expected-stats.txt"
    run_case supabase-guide "$work/supabase-guide" "$installer"
  done
else
  for entry_dir in "$corpus"/*/; do
    entry=$(basename "$entry_dir")
    [ "$(sed -n 's/^baseline: //p' "$entry_dir/MANIFEST.txt" 2>/dev/null | head -1)" = supabase ] || continue
    for installer in "${installers[@]}"; do
      project="$work/$entry"; rm -rf "$project"; mkdir -p "$project/supabase"
      "$corpus/flatten.sh" --no-baseline "$entry" "$project/supabase/migrations" 2>/dev/null
      rm -f "$project/supabase/migrations.setup.sql"
      printf '[db]\nmajor_version = 15\n' >"$project/supabase/config.toml"
      [ "$installer" = described ] && { offline "$entry" "$project" || continue; }
      run_case "$entry" "$project" "$installer"
    done
  done
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
