#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test suite (ctest's pg_cluster fixture).
#
#   tests/pg_cluster.sh start DIR   initialise and start a cluster; write DIR/url and DIR/password
#   tests/pg_cluster.sh stop DIR    stop it and remove DIR (also after a half-done start)
#
# The server listens on 127.0.0.1 only, on a free port; the superuser `postgres` has a random
# password (TCP logins use scram-sha-256, so a wrong password really fails). Durability is off:
# the data is thrown away. As root the server must run as the `postgres` system user (it refuses
# to run as root), so the data lives where that user can reach it.
#
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin) names the server programs;
# PG_CLUSTER_PORT_FROM (default 54320) starts the 200 ports tried; PG_MAX_CONNECTIONS (default
# 200) is the server's max_connections (a test of fleet's -j check starts a small one).
set -euo pipefail

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
ports_from=${PG_CLUSTER_PORT_FROM:-54320}
max_connections=${PG_MAX_CONNECTIONS:-200}
ports_count=200

die() {
  echo "pg_cluster.sh: $*" >&2
  exit 1
}

usage() { die "usage: $0 start|stop DIR"; }

(($# == 2)) || usage
action=$1
dir=$2
[[ -n "$dir" ]] || usage
# An absolute path: the server's working directory is not ours.
[[ "$dir" == /* ]] || dir="$PWD/$dir"

as_server=()  # how to run initdb and pg_ctl
if [[ $(id -u) -eq 0 ]]; then
  getent passwd postgres >/dev/null ||
    die "running as root, but there is no 'postgres' system user to run the server as; install postgresql-15 (dev/deps.sh --test)"
  as_server=(runuser -u postgres --)
fi

# Where the data and the socket live: DIR/run, unless the server's user cannot reach DIR (a clone
# under /root) or the socket path would exceed the 107-byte limit; then a private temp directory,
# named in DIR/rundir so that `stop` finds it.
run_dir_of() { cat "$dir/rundir" 2>/dev/null || true; }

stop_cluster() {
  local run
  run=$(run_dir_of)
  if [[ -n "$run" && -f "$run/data/postmaster.pid" ]]; then
    "${as_server[@]}" "$pg_bin/pg_ctl" stop -D "$run/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
    # pg_ctl could not stop it (e.g. a damaged data directory): end the postmaster we started.
    local pid
    pid=$(head -n 1 "$run/data/postmaster.pid" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  if [[ -n "$run" && "$run" != "$dir/run" && -d "$run" ]]; then rm -rf "$run"; fi
  rm -rf "$dir"
}

# Removes DIR only if it is ours: empty, or holding what `start` writes.
check_ours() {
  [[ -d "$dir" ]] || return 0
  [[ -z "$(ls -A "$dir")" || -e "$dir/rundir" || -e "$dir/run" || -e "$dir/url" ]] ||
    die "$dir exists and is not a cluster directory made by this script; not touching it"
}

port_in_use() {
  if command -v ss >/dev/null; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
  fi
  # Without ss (or as a second check), try to connect: a listener answers.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_cluster() {
  [[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" ]] ||
    die "PostgreSQL 15 server programs not found in $pg_bin; install postgresql-15 (dev/deps.sh --test)"

  # A cluster left by an interrupted run goes first.
  check_ours
  stop_cluster
  mkdir -p "$dir"

  local run="$dir/run"
  local reachable=1
  if ((${#as_server[@]})); then
    chown postgres: "$dir"
    "${as_server[@]}" test -w "$dir" || reachable=0
  fi
  if ((!reachable || ${#run} > 80)); then
    run=$(mktemp -d "${TMPDIR:-/tmp}/migrate-pg.XXXXXX")
  else
    mkdir -p "$run"
  fi
  echo "$run" >"$dir/rundir"
  if ((${#as_server[@]})); then chown postgres: "$run"; fi

  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  # Hex digits only: never URL-special, and never the word the tests look for in leaked output.
  umask 077
  echo "$password" >"$dir/password"
  echo "$password" >"$run/pwfile"
  if ((${#as_server[@]})); then chown postgres: "$run/pwfile"; fi

  if ! "${as_server[@]}" "$pg_bin/initdb" -D "$run/data" -U postgres --pwfile="$run/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync --no-instructions \
    -E UTF8 --locale=C >"$run/initdb.log" 2>&1; then
    cat "$run/initdb.log" >&2
    die "initdb failed (output above)"
  fi
  rm -f "$run/pwfile"

  local log="$run/server.log"
  local port tries=0 attempts=0
  port=$((ports_from + RANDOM % ports_count))
  while ((tries < 20)); do
    tries=$((tries + 1))
    port=$((ports_from + (port - ports_from + 1) % ports_count))
    port_in_use "$port" && continue
    attempts=$((attempts + 1))
    : >"$log"
    if ((${#as_server[@]})); then chown postgres: "$log"; fi
    if "${as_server[@]}" "$pg_bin/pg_ctl" start -D "$run/data" -l "$log" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=$max_connections" \
      >"$run/pg_ctl.log" 2>&1; then
      echo "postgresql://postgres:$password@127.0.0.1:$port/postgres" >"$dir/url"
      echo "pg_cluster.sh: PostgreSQL 15 listening on 127.0.0.1:$port, data in $run/data" >&2
      return 0
    fi
    # Another process took the port between our check and the server's bind: try the next one.
    grep -q "Address already in use" "$log" && continue
    break
  done
  ((attempts)) || die "no free TCP port among $tries tried from $ports_from to $((ports_from + ports_count - 1)) on 127.0.0.1"
  echo "---- pg_ctl ----" >&2
  cat "$run/pg_ctl.log" >&2
  echo "---- server log ($log) ----" >&2
  cat "$log" >&2
  die "the PostgreSQL server did not start (output above); run '$0 stop $dir' to clean up"
}

case "$action" in
  start) start_cluster ;;
  stop)
    check_ours
    stop_cluster
    ;;
  *) usage ;;
esac
