#!/usr/bin/env bash
# The replay rejects what PostgreSQL rejects, with PostgreSQL's words: every file of
# fixtures/replay/rejected fails in psql and in `pgshift dump` with the same message, and every
# file of fixtures/replay/accepted applies in both.
set -uo pipefail
bin=${1:?usage: replay_rejects.sh PGSHIFT FIXTURES}
fixtures=${2:?usage: replay_rejects.sh PGSHIFT FIXTURES}
source "$(dirname "$0")/server.sh"

failed=0; total=0
for file in "$fixtures"/replay/rejected/*.sql; do
  total=$((total + 1)); name=$(basename "$file" .sql)
  url=$(fresh_database replay_rejects)
  server=$(psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$file" 2>&1 >/dev/null | sed -n 's/^psql:[^ ]* ERROR:  //p' | head -1)
  ours=$("$bin" dump "$file" --format stats 2>&1 >/dev/null); status=$?
  message=$(sed -n 's/^[^ ]*:[0-9]*:[0-9]*: error: //p' <<<"$ours" | head -1)
  if [ -n "$server" ] && [ "$server" = "$message" ] && [ "$status" = 4 ]; then
    echo "ok   rejected $name: $message"
  else
    echo "FAIL rejected $name: the server says [$server], pgshift (exit $status) says:"; sed 's/^/     /' <<<"$ours"
    failed=$((failed + 1))
  fi
done
for file in "$fixtures"/replay/accepted/*.sql; do
  total=$((total + 1)); name=$(basename "$file" .sql)
  url=$(fresh_database replay_rejects)
  if ! server=$(psql "$url" -X -q -v ON_ERROR_STOP=1 -f "$file" 2>&1 >/dev/null); then
    echo "FAIL accepted $name: the server rejects it: $server"; failed=$((failed + 1)); continue
  fi
  if ours=$("$bin" dump "$file" --format stats 2>&1 >/dev/null); then
    echo "ok   accepted $name"
  else
    echo "FAIL accepted $name: pgshift rejects it:"; sed 's/^/     /' <<<"$ours"; failed=$((failed + 1))
  fi
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
