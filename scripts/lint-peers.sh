#!/usr/bin/env bash
# Installs the peer tools pgshift lint's tests compare with (tests/lint-peers/package-lock.json:
# squawk's Linux binary, ajv for the SARIF schema) into DIR with `npm ci`, unless DIR already holds
# exactly that lock's install; and Supabase's splinter.sql at a pinned commit, when GitHub can be
# reached (DIR/splinter-<commit>.sql). Prints DIR's node_modules. Installs Node.js from Debian when npm is
# missing.   usage: lint-peers.sh [DIR]   (default build/lint-peers)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build/lint-peers}
if ! command -v npm >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
mkdir -p "$dir"
if ! cmp -s "$root/tests/lint-peers/package-lock.json" "$dir/package-lock.json" || [ ! -x "$dir/node_modules/@squawk-cli/linux-x64/bin/squawk" ]; then
  cp "$root/tests/lint-peers/package.json" "$root/tests/lint-peers/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
# Supabase's database linter is not packaged: its splinter.sql at a pinned commit, from GitHub.
splinter_commit=55db5b1f28e58d816f7d9136eed87eabcd95868d
if [ ! -s "$dir/splinter-$splinter_commit.sql" ]; then
  rm -rf "$dir/splinter-git"
  if git init -q "$dir/splinter-git" && git -C "$dir/splinter-git" fetch -q --depth 1 https://github.com/supabase/splinter "$splinter_commit" 2>/dev/null; then
    git -C "$dir/splinter-git" show "$splinter_commit:splinter.sql" >"$dir/splinter-$splinter_commit.sql"
  fi
  rm -rf "$dir/splinter-git"
fi
echo "$dir/node_modules"
