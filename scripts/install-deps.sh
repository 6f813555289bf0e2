#!/usr/bin/env bash
# Installs what pgshift builds and tests with, from Debian 12 packages. Idempotent.
# When ../shared/corpus is present, also installs its stub extensions into PostgreSQL 15.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
packages=(build-essential cmake pkg-config libpg-query-dev libprotobuf-c-dev libpqxx-dev libcli11-dev libfmt-dev
          catch2 nlohmann-json3-dev libtomlplusplus-dev libssl-dev jq postgresql-15 postgresql-client-15 postgresql-server-dev-15)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
source "$root/scripts/corpus-dir.sh"
if [ -x "$corpus/_baseline/install-stubs.sh" ]; then
  $sudo "$corpus/_baseline/install-stubs.sh" "$(pg_config --sharedir)" >/dev/null
fi
