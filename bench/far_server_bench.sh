#!/usr/bin/env bash
# Times `pgshift dump DB` and `pgshift check FOLDER DB` on the 1,000-table benchmark database as
# if the server were far away (a managed database across a network): bench/latency_proxy.py
# delays every message each way. The figures show what round trips cost.
#   bench/far_server_bench.sh [ONE_WAY_DELAY_MS...]   (default: 0 10 25)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PGSHIFT_BIN:-$root/build/pgshift}  # PGSHIFT_BIN: another build, to compare
delays=("$@"); [ ${#delays[@]} -gt 0 ] || delays=(0 10 25)
source "$root/tests/server.sh"
work=$(mktemp -d)
proxy_pid=""
cleanup() { [ -z "$proxy_pid" ] || kill "$proxy_pid" 2>/dev/null || true; rm -rf "$work"; stop_own_server; }
trap cleanup EXIT
history="$work/history"
"$root/build/pgshift_bench" 1000 "$history" >/dev/null
url=$(fresh_database bench_far)
psql "$url" -X -q -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'authenticated') then create role authenticated; end if;
  if not exists (select from pg_roles where rolname = 'anon') then create role anon; end if; end \$\$" >/dev/null
apply_migrations "$url" "$bin" "$history"
psql "$url" -X -q -c "vacuum analyze"
socket_dir=$(psql "$url" -XAtc "show unix_socket_directories" | cut -d, -f1)
port=$(psql "$url" -XAtc "show port")
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
seconds() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1; }
for delay in "${delays[@]}"; do
  proxy_port=$((47000 + RANDOM % 2000))
  python3 "$root/bench/latency_proxy.py" "$delay" "$proxy_port" "$socket_dir/.s.PGSQL.$port" & proxy_pid=$!
  sleep 0.5
  far="postgresql://postgres@127.0.0.1:$proxy_port/bench_far?sslmode=disable"
  dump=$(for run in 1 2 3; do seconds "$bin" dump "$far" --format stats; done | median)
  check=$(for run in 1 2 3; do seconds "$bin" check "$history" "$far"; done | median)
  printf 'round trip %3d ms: dump DB %5.2f s, check FOLDER DB %5.2f s (median of 3)\n' "$((2 * delay))" "$dump" "$check"
  kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""
done
