#!/usr/bin/env bash
# Installs the Debian 12 packages migrate needs to build, test and benchmark, if any is missing.
# Usage: dev/deps.sh [--test]   (--test adds the PostgreSQL server and the sqlite3 client)
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config libcli11-dev libpqxx-dev libsqlitecpp-dev libsqlite3-dev
          libfmt-dev libyaml-cpp-dev libgtest-dev libbenchmark-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(sqlite3 postgresql-15 postgresql-client-15 hyperfine clang-format git)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
