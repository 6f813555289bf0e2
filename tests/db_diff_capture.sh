#!/usr/bin/env bash
# `db diff -f` end to end, and `db check` around it: apply a project's migrations, change the
# database by hand with psql, capture the change as a new migration, then a fresh database built
# from the folder plus the new file must `check` equal to the changed one.
#   usage: db_diff_capture.sh PGSHIFT FIXTURES
set -uo pipefail
bin=$1 fixtures=$2
source "$(dirname "$0")/server.sh"
work=$(mktemp -d /tmp/pgshift-capture.XXXXXX)
trap 'cd /; rm -rf "$work"; stop_own_server' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r "$fixtures/apps/supabase-app" "$work/project"
setup="$fixtures/apps/supabase-app.setup.sql"
changed=$(fresh_database capture_changed)
psql "$changed" -X -q -v ON_ERROR_STOP=1 -f "$setup" >/dev/null
apply_migrations "$changed" "$bin" "$work/project" || fail "the fixture does not apply"
cd "$work/project" || exit 1

"$bin" db check --db-url "$changed" >"$work/check.txt" 2>&1 || fail "db check before any change: $(cat "$work/check.txt")"
"$bin" db diff --db-url "$changed" 2>"$work/none.txt" | grep -q . && fail "db diff printed a plan with nothing changed"
grep -q "^no changes" "$work/none.txt" || fail "db diff did not say there were no changes"

# Changes a person makes in a dashboard.
psql "$changed" -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || fail "the hand changes do not apply"
alter table public.profiles add column website text;
comment on column public.profiles.website is 'Personal site';
alter table public.posts alter column tags set default '{news}';
create index posts_published_at_idx on public.posts (published_at desc) where status = 'published';
create table public.bookmarks (
  user_id uuid not null references public.profiles (id) on delete cascade,
  post_id bigint not null references public.posts (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, post_id)
);
alter table public.bookmarks enable row level security;
create policy "Users see their bookmarks" on public.bookmarks for select to authenticated using ((select auth.uid()) = user_id);
grant select, insert, delete on public.bookmarks to authenticated;
create policy "Users read their files" on storage.objects for select to authenticated using (owner = (select auth.uid()));
alter table public.posts add constraint posts_title_length check (char_length(title) <= 300);
alter type public.post_status add value 'hidden';
alter table public.posts alter column status set default 'hidden';
alter publication supabase_realtime add table public.bookmarks, public.posts;
SQL

status=0; "$bin" db check --db-url "$changed" --format github >"$work/drift.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "db check after hand changes: exit $status, expected 1"
grep -q '^::error file=supabase/migrations/20240103000000_posts.sql,line=[0-9]*,title=Schema drift%3A column public.posts.tags::' "$work/drift.txt" ||
  fail "no annotation at the migration that created public.posts: $(cat "$work/drift.txt")"
grep -q 'title=Schema drift%3A policy storage.objects."Users read their files"' "$work/drift.txt" || fail "the policy on a managed table is not reported"
grep -q 'title=Schema drift%3A publication table supabase_realtime.public.posts::' "$work/drift.txt" || fail "a table added to realtime is not reported"

# The captured changes already happened: hazards are reported, not a reason to write nothing.
# Each file of supabase/migrations runs in one transaction (the Supabase CLI): --online asks for
# CREATE INDEX CONCURRENTLY, which cannot run there, so it is refused and nothing is written.
status=0; "$bin" db diff -f "hand changes" --online --db-url "$changed" >"$work/refused.txt" 2>&1 || status=$?
[ "$status" = 2 ] || fail "db diff -f --online in supabase/migrations: exit $status, expected 2: $(cat "$work/refused.txt")"
grep -q "cannot run inside a transaction block" "$work/refused.txt" || fail "the refusal does not say why: $(cat "$work/refused.txt")"
ls -a supabase/migrations | grep -q hand_changes && fail "a refused capture left a file: $(ls -a supabase/migrations)"
status=0; "$bin" db diff -f "hand changes" --db-url "$changed" >"$work/written.txt" 2>"$work/hazards.txt" || status=$?
[ "$status" = 0 ] || fail "db diff -f: exit $status: $(cat "$work/written.txt" "$work/hazards.txt")"
grep -q "^pgshift: the captured changes carry hazards: .*INDEX_BUILD" "$work/hazards.txt" || fail "the hazards are not reported: $(cat "$work/hazards.txt")"
# A new enum label cannot be used in the transaction that adds it: it gets a file of its own, first.
mapfile -t new_files < <(ls supabase/migrations | grep '^[0-9]\{14\}_hand_changes.*\.sql$')
[ "${#new_files[@]}" = 2 ] || fail "expected two files (enum values, then the rest): ${new_files[*]}"
[[ "${new_files[0]}" == *_hand_changes_enum_values.sql && "${new_files[1]}" == *_hand_changes.sql ]] || fail "file names: ${new_files[*]}"
new_file=${new_files[1]}
grep -q "^wrote supabase/migrations/${new_files[0]}" "$work/written.txt" || fail "db diff -f did not say what it wrote"
grep -q "^-- hand changes:" "supabase/migrations/$new_file" || fail "the new migration has no header"
grep -q "^-- hazards: INDEX_BUILD" "supabase/migrations/$new_file" || fail "no hazards comment in the file"
grep -q "ADD VALUE 'hidden'" "supabase/migrations/${new_files[0]}" || fail "the enum label is not in the first file"
grep -qi "concurrently\|not valid\|validate constraint\|outside a transaction" "supabase/migrations/$new_file" && fail "online forms in a file that runs in one transaction"
ls -a supabase/migrations | grep -q pgshift-tmp && fail "a temporary file was left behind"

# The folder, then the captured files each in one transaction, as the Supabase CLI runs them.
rebuilt=$(fresh_database capture_rebuilt)
psql "$rebuilt" -X -q -v ON_ERROR_STOP=1 -f "$setup" >/dev/null
while IFS= read -r file; do
  case "$file" in *hand_changes*) one_transaction=--single-transaction ;; *) one_transaction= ;; esac
  psql "$rebuilt" -X -q -v ON_ERROR_STOP=1 $one_transaction -f "$file" >/dev/null 2>"$work/apply.txt" ||
    fail "$file does not apply${one_transaction:+ in one transaction}: $(cat "$work/apply.txt")"
done < <("$bin" migration list supabase/migrations)
"$bin" check "$changed" "$rebuilt" >"$work/equal.txt" 2>&1 || fail "rebuilt database differs from the changed one: $(cat "$work/equal.txt")"
"$bin" db check --db-url "$rebuilt" >"$work/check.txt" 2>&1 || fail "db check of the rebuilt database: $(cat "$work/check.txt")"
"$bin" db check --db-url "$changed" >"$work/check.txt" 2>&1 || fail "db check after capture: $(cat "$work/check.txt")"
"$bin" db diff --db-url "$changed" 2>&1 | grep -q "^no changes" || fail "db diff after capture is not empty"
echo "ok: captured $(grep -c ';$' "supabase/migrations/$new_file") statements into $new_file; a rebuild checks equal"
cat "supabase/migrations/${new_files[0]}" "supabase/migrations/$new_file" >&2
