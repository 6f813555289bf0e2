#!/usr/bin/env bash
# Lays out each entry of the shared corpus as its team has it, in OUTDIR/<entry>: a Supabase entry
# as a Supabase project (only its own migrations in supabase/migrations, a config.toml; the
# platform is what they start from), any other entry as one flat folder with its baseline first.
# Prints the folders, one a line; prints nothing when the corpus is absent.
#   usage: corpus-projects.sh OUTDIR
set -uo pipefail
out=${1:?usage: corpus-projects.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/corpus-dir.sh"
[ -x "$corpus/flatten.sh" ] || exit 0
mkdir -p "$out"
for entry_dir in "$corpus"/*/; do
  entry=$(basename "$entry_dir")
  case "$entry" in _*) continue ;; esac
  rm -rf "${out:?}/$entry"
  if [ "$(sed -n 's/^baseline: //p' "$entry_dir/MANIFEST.txt" | head -1)" = supabase ]; then
    mkdir -p "$out/$entry/supabase"
    "$corpus/flatten.sh" --no-baseline "$entry" "$out/$entry/supabase/migrations" >/dev/null 2>&1
    rm -f "$out/$entry/supabase/migrations.setup.sql"
    printf '[db]\nmajor_version = 15\n' >"$out/$entry/supabase/config.toml"
  else
    "$corpus/flatten.sh" "$entry" "$out/$entry" >/dev/null 2>&1
    rm -f "$out/$entry.setup.sql"
  fi
  echo "$out/$entry"
done
