#!/usr/bin/env bash
# Installs the Debian 12 packages migrate needs to build, test and benchmark, if any is missing.
# Usage: dev/deps.sh [--test]   (--test adds the PostgreSQL and MariaDB servers, the sqlite3 and
# mariadb clients, and the tools the tests use)
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config libcli11-dev libpqxx-dev libsqlitecpp-dev libsqlite3-dev
          libfmt-dev libyaml-cpp-dev libgtest-dev libbenchmark-dev libmariadb-dev nettle-dev rapidjson-dev
          dpkg-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(sqlite3 postgresql-15 postgresql-client-15 mariadb-server mariadb-client hyperfine
             graphviz groff-base nlohmann-json3-dev debootstrap clang-format git
             python3-alembic python3-psycopg2 python3-pymysql)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  # The tests start throwaway servers of their own; the packages' system services must not start
  # (policy-rc.d answers "not allowed" to their start scripts while apt runs).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo_cmd[@]}" chmod +x /usr/sbin/policy-rc.d
    trap '"${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
