#!/usr/bin/env bash
# Bad input and the exit-status table (docs/exit-status.md), command by command: every case gets a
# clear message naming the file, the documented status, and no crash; nothing is half-written and
# no password is printed.
#   usage: bad_input.sh PGSHIFT FIXTURES
set -uo pipefail
bin=${1:?usage: bad_input.sh PGSHIFT FIXTURES}
fixtures=${2:?usage: bad_input.sh PGSHIFT FIXTURES}
source "$(dirname "$0")/server.sh"
work=$(mktemp -d /tmp/pgshift-bad-input.XXXXXX)
trap 'cd /; rm -rf "$work"; stop_own_server' EXIT
cd "$work" || exit 1

failed=0; total=0
# run STATUS NAME COMMAND...: the command exits STATUS; its stdout and stderr are in out.txt, err.txt.
run() {
  local expected=$1 name=$2; shift 2
  total=$((total + 1)); case_name=$name
  "$@" >out.txt 2>err.txt; status=$?
  if [ "$status" != "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"; sed 's/^/     /' err.txt | head -10; failed=$((failed + 1)); return 1
  fi
  return 0
}
# says TEXT: stderr holds this exact line.
says() {
  if ! grep -qxF -- "$1" err.txt; then
    echo "FAIL $case_name: stderr lacks: $1"; sed 's/^/     /' err.txt | head -10; failed=$((failed + 1)); return 1
  fi
}
pass() { echo "ok   $case_name"; }

# Folders: good, with a migration error, with bad bytes.
mkdir -p good bad binary latin1 nul
printf 'create table notes (id bigint primary key, body text);\n' >good/001_notes.sql
cp good/001_notes.sql bad/; printf 'create view titles as select title from notes;\n' >bad/002_titles.sql
cp good/001_notes.sql binary/; head -c 4096 "$bin" >binary/002_blob.sql
cp good/001_notes.sql latin1/; printf "comment on table notes is 'caf\xe9 notes';\n" >latin1/002_comment.sql
cp good/001_notes.sql nul/; printf 'create table tags (name text\x00);\ncreate table later (id int);\n' >nul/002_tags.sql
url=$(fresh_database bad_input)
apply_migrations "$url" "$bin" good >/dev/null || { echo "FAIL: the good folder does not apply"; exit 1; }

# One migration error, one exit status (4), the same message, in every command.
migration_error='bad/002_titles.sql:1:30: error: column "title" does not exist'
run 4 "dump: a migration error" "$bin" dump bad && says "$migration_error" && pass
run 4 "check: a migration error" "$bin" check bad "$url" && says "$migration_error" && pass
run 4 "check: a migration error as TO" "$bin" check good bad && says "$migration_error" && pass
run 4 "diff: a migration error" "$bin" diff bad "$url" && says "$migration_error" && pass
run 4 "db check: a migration error" "$bin" db check --migrations bad --db-url "$url" && says "$migration_error" && pass
run 4 "db diff: a migration error" "$bin" db diff --migrations bad --db-url "$url" && says "$migration_error" && pass

# Bytes that are not SQL text.
if run 4 "a binary file" "$bin" dump binary; then
  says "binary/002_blob.sql: error: not a text file" && [ "$(wc -c <err.txt)" -lt 100 ] && [ ! -s out.txt ] && pass
fi
run 4 "a file that is not UTF-8" "$bin" dump latin1 &&
  says 'latin1/002_comment.sql:1:31: error: invalid byte sequence for encoding "UTF8": 0xe9 0x20 0x6e' && pass
run 4 "a NUL byte" "$bin" check nul "$url" && says 'nul/002_tags.sql:1:29: error: invalid byte sequence for encoding "UTF8": 0x00' && pass
# PostgreSQL says the same of those bytes.
total=$((total + 1)); case_name="the server rejects the bytes in the same words"
server=$(psql "$url" -X -q -f latin1/002_comment.sql 2>&1 | sed -n 's/.*ERROR:  //p')
if [ "$server" = 'invalid byte sequence for encoding "UTF8": 0xe9 0x20 0x6e' ]; then pass; else echo "FAIL $case_name: $server"; failed=$((failed + 1)); fi

# Standard output that cannot be written.
run 2 "dump > /dev/full" sh -c '"$0" dump good >/dev/full' "$bin" && grep -q "^pgshift: cannot write to standard output" err.txt && pass
run 2 "migration list > /dev/full" sh -c '"$0" migration list good >/dev/full' "$bin" &&
  says "pgshift: cannot write to standard output: No space left on device" && pass

# Commands that do not exist say which do.
run 2 "an unknown command" "$bin" frobnicate &&
  says "pgshift: unknown command 'frobnicate'; the commands are: dump, migration, check, diff, db, lint (pgshift --help)" && pass
run 2 "an unknown db command" "$bin" db frobnicate --db-url "$url" &&
  says "pgshift db: unknown command 'frobnicate'; the commands are: diff, check, push, start, stop, status, reset, pull (pgshift db --help)" && pass
run 2 "a missing argument" "$bin" check && pass

# The rest of the table: 0 same, 1 different, 3 a gate.
run 0 "check: the same schema" "$bin" check good "$url" && pass
printf 'create table notes (id bigint primary key, body text, title text);\n' >more.sql
run 1 "check: a difference" "$bin" check good more.sql && pass
printf 'create collation german (locale = %s);\n' "'de_DE'" >unmodelled.sql
run 3 "dump --strict: a statement not modelled" "$bin" dump good unmodelled.sql --strict &&
  says "unmodelled.sql:1: error: not modelled: create collation german" && pass
psql "$url" -X -q -c 'alter table notes drop column body' >/dev/null
run 3 "diff: hazards not allowed" "$bin" diff good "$url" -o plan.sql && [ ! -e plan.sql ] && pass
psql "$url" -X -q -c 'alter table notes add column body text' -c "create collation german (locale = 'C')" >/dev/null
run 3 "db check: an object not modelled" "$bin" db check --migrations good --db-url "$url" && says "TO collation public.german: not modelled" && pass
run 0 "dump of a database: notes name the object" "$bin" dump "$url" --format stats && says "collation public.german: note: not modelled" &&
  ! grep -q "database:0" err.txt && pass

# lint: 0 with no finding at error level, 1 with one, 2 for a config that is wrong, 4 for a migration that does not replay.
mkdir -p lint_clean lint_error lint_config
printf 'create table notes (id bigint primary key, body text);\n' >lint_clean/001_notes.sql
cp lint_clean/001_notes.sql lint_error/; printf 'alter table notes add column title text not null;\n' >lint_error/002_title.sql
printf '[lint.rules]\nno-such-rule = "error"\n' >lint_config/pgshift.toml
run 0 "lint: no finding at error level" "$bin" lint lint_clean && pass
run 1 "lint: a finding at error level" "$bin" lint lint_error && grep -q '^lint_error/002_title.sql:1:30: error: ' out.txt && pass
run 2 "lint: a pgshift.toml that names no rule" "$bin" lint lint_clean --config lint_config/pgshift.toml &&
  says "lint_config/pgshift.toml:2:1: error: lint.rules: not a rule: no-such-rule" && pass
run 2 "lint: --rule that names no rule" "$bin" lint lint_clean --rule no-such-rule &&
  says "pgshift lint: --rule: not a rule: no-such-rule (pgshift lint --list-rules)" && pass
run 4 "lint: a migration that does not replay" "$bin" lint bad && says "bad/002_titles.sql:1:30: error: column \"title\" does not exist" && pass

# Nothing half-written, no password printed.
run 2 "diff -o into a folder that does not exist" "$bin" diff good more.sql -o nowhere/plan.sql && [ ! -e nowhere ] && pass
run 2 "a database that cannot be reached" "$bin" check good "postgresql://someone:hunter2@127.0.0.1:1/app" &&
  ! grep -q hunter2 out.txt err.txt && pass
run 2 "a key=value connection string" "$bin" dump "host=127.0.0.1 port=1 user=someone password=hunter2 dbname=app" &&
  ! grep -q hunter2 out.txt err.txt && pass

echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
