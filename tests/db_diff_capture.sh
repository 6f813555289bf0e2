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

"$bin" db check --db-url "$changed" --allow-unmodelled >"$work/check.txt" 2>&1 || fail "db check before any change: $(cat "$work/check.txt")"
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
SQL

status=0; "$bin" db check --db-url "$changed" --allow-unmodelled --format github >"$work/drift.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "db check after hand changes: exit $status, expected 1"
grep -q '^::error file=supabase/migrations/20240103000000_posts.sql,line=[0-9]*,title=Schema drift%3A column public.posts.tags::' "$work/drift.txt" ||
  fail "no annotation at the migration that created public.posts: $(cat "$work/drift.txt")"
grep -q 'title=Schema drift%3A policy storage.objects."Users read their files"' "$work/drift.txt" || fail "the policy on a managed table is not reported"

status=0; "$bin" db diff -f "hand changes" --db-url "$changed" >"$work/written.txt" 2>&1 || status=$?
[ "$status" = 3 ] || fail "db diff -f with hazards not allowed: exit $status, expected 3 (nothing written)"
ls supabase/migrations | grep -q hand_changes && fail "a plan with hazards was written without --allow-hazards"
"$bin" db diff -f "hand changes" --db-url "$changed" --allow-hazards INDEX_BUILD,AUTHZ_WEAKENED >"$work/written.txt" 2>&1 ||
  fail "db diff -f: $(cat "$work/written.txt")"
new_file=$(ls supabase/migrations | grep '^[0-9]\{14\}_hand_changes\.sql$') || fail "no <timestamp>_hand_changes.sql written: $(ls supabase/migrations)"
grep -q "^wrote supabase/migrations/$new_file" "$work/written.txt" || fail "db diff -f did not say what it wrote"
grep -q "^-- hand changes:" "supabase/migrations/$new_file" || fail "the new migration has no header"

rebuilt=$(fresh_database capture_rebuilt)
psql "$rebuilt" -X -q -v ON_ERROR_STOP=1 -f "$setup" >/dev/null
apply_migrations "$rebuilt" "$bin" "$work/project" || fail "the folder with the captured migration does not apply"
"$bin" check "$changed" "$rebuilt" >"$work/equal.txt" 2>&1 || fail "rebuilt database differs from the changed one: $(cat "$work/equal.txt")"
"$bin" db check --db-url "$changed" --allow-unmodelled >"$work/check.txt" 2>&1 || fail "db check after capture: $(cat "$work/check.txt")"
"$bin" db diff --db-url "$changed" 2>&1 | grep -q "^no changes" || fail "db diff after capture is not empty"
echo "ok: captured $(grep -c ';$' "supabase/migrations/$new_file") statements into $new_file; a rebuild checks equal"
cat "supabase/migrations/$new_file" >&2
