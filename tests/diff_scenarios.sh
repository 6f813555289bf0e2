#!/usr/bin/env bash
# Scenario folders fixtures/diff/<case>/: a.sql, b.sql, `hazards` ("forward: KIND,KIND" and
# "reverse: ..." lines, "none" for no hazard) and optionally expected.sql (lines the forward plan
# must contain). For each case, in both directions: load the start into a fresh database with a
# few rows, plan to the end, check the hazards, apply the plan, then `check` must be empty,
# re-planning must be empty, and every row must still be there unless the plan said DELETES_DATA.
# Usage: diff_scenarios.sh PGSHIFT CASES_DIR [CASE_NAME...]
set -uo pipefail
bin=$1 cases=$2
shift 2
source "$(dirname "$0")/server.sh"

for role in app_user anon authenticated "Mixed Role"; do
  psql "$PGSHIFT_TEST_URL" -X -q -c "do \$\$ begin create role \"$role\"; exception when duplicate_object then null; end \$\$" >/dev/null 2>&1
done

# run_direction CASE_DIR START END DIRECTION: prints "ok" lines or the first failure; returns 1 on failure.
run_direction() {
  local dir=$1 start=$2 end=$3 direction=$4
  local name work url expected actual
  name=$(basename "$dir")
  work=$(mktemp -d /tmp/pgshift-scenario.XXXXXX)
  fail() { echo "FAIL $name $direction: $*"; sed 's/^/    /' "$work/detail" 2>/dev/null | head -40; rm -rf "$work"; return 1; }
  url=$(fresh_database "scenario_${name//[^a-zA-Z0-9_]/_}_$direction")
  psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$dir/$start" >/dev/null 2>"$work/detail" || { fail "loading $start"; return 1; }
  psql "$url" -X -q -f "$root/tests/seed_rows.sql" >/dev/null 2>&1
  psql "$url" -X -A -t -f "$root/tests/row_counts.sql" >"$work/rows.before"
  "$bin" diff "$url" "$dir/$end" --allow-hazards all -o "$work/plan.sql" 2>"$work/detail" || { fail "planning"; return 1; }
  actual=$(sed -n 's/^-- hazards: //p' "$work/plan.sql" | tr -d ' ' | tr ',' '\n' | sort -u | paste -sd, -)
  expected=$(sed -n "s/^$direction: *//p" "$dir/hazards" | tr -d ' ' | tr ',' '\n' | grep -v '^none$' | sort -u | paste -sd, -)
  if [ "$actual" != "$expected" ]; then
    cp "$work/plan.sql" "$work/detail"
    fail "hazards: expected '${expected}', planned '${actual}'"; return 1
  fi
  if [ "$direction" = forward ] && [ -f "$dir/expected.sql" ]; then
    while IFS= read -r line; do
      [ -z "$line" ] && continue
      grep -qxF -- "$line" "$work/plan.sql" || { cp "$work/plan.sql" "$work/detail"; fail "plan lacks: $line"; return 1; }
    done <"$dir/expected.sql"
  fi
  { cat "$work/plan.sql"; echo "-- psql:"; } >"$work/detail"
  psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$work/plan.sql" >/dev/null 2>>"$work/detail" || { fail "applying the plan"; return 1; }
  "$bin" check "$dir/$end" "$url" >"$work/detail" 2>&1 || { fail "check after applying"; return 1; }
  "$bin" diff "$url" "$dir/$end" --allow-hazards all -o "$work/replan.sql" 2>"$work/detail" || { fail "re-planning"; return 1; }
  if [ -s "$work/replan.sql" ]; then cp "$work/replan.sql" "$work/detail"; fail "re-planning is not empty"; return 1; fi
  if ! grep -q '^-- hazards: .*DELETES_DATA' "$work/plan.sql"; then
    psql "$url" -X -A -t -f "$root/tests/row_counts.sql" >"$work/rows.after"
    # Every table there before and after keeps its rows.
    LC_ALL=C join -t"|" <(LC_ALL=C sort "$work/rows.before") <(LC_ALL=C sort "$work/rows.after") | awk -F'|' '$2 != $3' >"$work/detail"
    [ -s "$work/detail" ] && { fail "rows changed (table|before|after)"; return 1; }
  fi
  psql "$PGSHIFT_TEST_URL" -X -q -c "drop database if exists \"scenario_${name//[^a-zA-Z0-9_]/_}_$direction\" with (force)" >/dev/null 2>&1
  rm -rf "$work"
  echo "ok $name $direction"
}

if [ "${SCENARIO_WORKER:-}" = 1 ]; then
  dir=$cases/$1
  run_direction "$dir" a.sql b.sql forward && run_direction "$dir" b.sql a.sql reverse
  exit
fi

names=("$@")
[ ${#names[@]} -eq 0 ] && mapfile -t names < <(ls "$cases")
results=$(printf '%s\n' "${names[@]}" | SCENARIO_WORKER=1 xargs -P 2 -I{} bash "$0" "$bin" "$cases" {})
echo "$results" | grep -v '^ok ' || true
passed=$(echo "$results" | grep -c '^ok .* reverse$')
echo "$passed/${#names[@]} scenarios converged in both directions"
[ "$passed" = "${#names[@]}" ]
