#!/usr/bin/env bash
# A throwaway MariaDB server for the test suite (ctest's mysql_server fixture).
#
#   tests/mariadb_server.sh start DIR   initialise and start a server; write DIR/url and DIR/password
#   tests/mariadb_server.sh stop DIR    stop it and remove its data (also after a half-done start);
#                                       DIR/server.log and DIR/install.log stay for debugging
#
# The server reads no option file (--no-defaults: the machine's /etc/mysql and its system service
# are never involved), has its own data directory (DIR/data), socket (DIR/mysqld.sock), pid file
# and a free TCP port on 127.0.0.1 only. `root` has a random password on both the socket and TCP,
# so a wrong password really fails; no other account or database is made. Durability is off: the
# data is thrown away. As root the server runs as root (--user=root), which mariadbd allows when
# asked explicitly.
#
# Environment: MARIADB_BIN (default /usr/sbin/mariadbd) names the server program;
# MARIADB_SERVER_PORT_FROM (default 33100) starts the 200 ports tried; MARIADB_SERVER_START_TIMEOUT
# (default 60) bounds the wait for the server to accept connections, in seconds.
set -euo pipefail

mariadbd=${MARIADB_BIN:-/usr/sbin/mariadbd}
ports_from=${MARIADB_SERVER_PORT_FROM:-33100}
ports_count=200
start_timeout=${MARIADB_SERVER_START_TIMEOUT:-60} # seconds until the server must accept connections
stop_timeout=30  # seconds for a clean shutdown before SIGKILL

die() {
  echo "mariadb_server.sh: $*" >&2
  exit 1
}

usage() { die "usage: $0 start|stop DIR"; }

(($# == 2)) || usage
action=$1
dir=$2
[[ -n "$dir" ]] || usage
# An absolute path: the server's working directory is not ours.
[[ "$dir" == /* ]] || dir="$PWD/$dir"

user_opt=()
if [[ $(id -u) -eq 0 ]]; then user_opt=(--user=root); fi

# The socket path is limited to 107 bytes: a deep DIR puts it in a private temp directory, named
# in DIR/socket so that `stop` and the clients find it.
socket_of() { cat "$dir/socket" 2>/dev/null || true; }

# Clients: no option files either (no ~/.my.cnf), the password from the environment.
client() {
  local program=$1
  shift
  MYSQL_PWD=$(cat "$dir/password" 2>/dev/null || true) \
    "$program" --no-defaults --protocol=socket --socket="$(socket_of)" -uroot "$@"
}

# The pid of the server we started, if it still runs: from its pid file, else from DIR/launch.pid
# (written before the server could write its own). Only a process that is mariadbd counts, so a
# recycled pid is never killed.
server_pid() {
  local pid
  for pid in "$(cat "$dir/mysqld.pid" 2>/dev/null || true)" \
    "$(cat "$dir/launch.pid" 2>/dev/null || true)"; do
    if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == mariadbd ]]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# Whether PID runs: a zombie (exited, not yet reaped by its parent) does not.
alive() {
  kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

wait_gone() { # PID SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    alive "$1" || return 0
    sleep 0.1
  done
  return 1
}

# Ends the server without asking it (a failed start): SIGTERM, then SIGKILL.
kill_server() {
  local pid
  pid=$(server_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 5 || true
}

stop_server() {
  local pid
  if pid=$(server_pid); then
    # SHUTDOWN over the socket; mariadb-admin shutdown would poll the pid file at 1 s intervals.
    client mariadb --connect-timeout=5 -e SHUTDOWN >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$stop_timeout"; then
      echo "mariadb_server.sh: the server (pid $pid) did not shut down in ${stop_timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || die "could not end the server (pid $pid)"
    fi
  fi
  # Whatever else runs on DIR/data, e.g. mariadb-install-db's bootstrap server when `start` was
  # interrupted: found by its exact --datadir argument.
  local pids=() proc args
  for proc in /proc/[0-9]*; do
    [[ "$(cat "$proc/comm" 2>/dev/null)" == mariadbd ]] || continue
    args=$(tr '\0' '\n' <"$proc/cmdline" 2>/dev/null || true)
    grep -qxF -- "--datadir=$dir/data" <<<"$args" && pids+=("${proc#/proc/}")
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait_gone "$pid" 5 || die "could not end mariadbd (pid $pid)"; done
  local socket
  socket=$(socket_of)
  if [[ -n "$socket" && "$socket" != "$dir/mysqld.sock" ]]; then rm -rf "$(dirname "$socket")"; fi
  rm -rf "$dir/data" "$dir/tmp"
  rm -f "$dir/url" "$dir/password" "$dir/socket" "$dir/mysqld.sock" "$dir/mysqld.sock.lock" \
    "$dir/mysqld.pid" "$dir/launch.pid"
}

# Touches DIR only if it is ours: empty, or holding what `start` writes.
check_ours() {
  [[ -d "$dir" ]] || return 0
  [[ -z "$(ls -A "$dir")" || -e "$dir/server.log" || -e "$dir/install.log" || -e "$dir/data" ||
    -e "$dir/socket" || -e "$dir/url" ]] ||
    die "$dir exists and is not a server directory made by this script; not touching it"
}

port_in_use() {
  if command -v ss >/dev/null; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
  fi
  # Without ss (or as a second check), try to connect: a listener answers.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A failed start leaves no server running; its data and logs stay until `stop`.
show_log_and_die() {
  kill_server
  echo "---- server log ($dir/server.log, last 40 lines) ----" >&2
  tail -n 40 "$dir/server.log" >&2 || true
  die "$1; run '$0 stop $dir' to clean up"
}

start_server() {
  [[ -x "$mariadbd" ]] ||
    die "$mariadbd not found; install mariadb-server and mariadb-client (dev/deps.sh --test)"
  local program
  for program in mariadb-install-db mariadb-admin mariadb; do
    command -v "$program" >/dev/null ||
      die "$program not found; install mariadb-server and mariadb-client (dev/deps.sh --test)"
  done

  # A server left by an interrupted run goes first.
  check_ours
  stop_server
  mkdir -p "$dir"
  rm -f "$dir/server.log" "$dir/install.log"
  local socket="$dir/mysqld.sock"
  if ((${#socket} > 100)); then socket="$(mktemp -d "${TMPDIR:-/tmp}/migrate-mariadb.XXXXXX")/mysqld.sock"; fi
  echo "$socket" >"$dir/socket"
  mkdir -p "$dir/tmp"

  # Small and fast; nothing is ever synced to disk. The character set is Debian's default
  # (its /etc/mysql config, which --no-defaults skips), not the compiled-in latin1.
  local server_opts=(
    --skip-name-resolve
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --innodb-log-buffer-size=4M
    --innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 --innodb-flush-method=nosync
    --innodb-buffer-pool-dump-at-shutdown=0 --innodb-buffer-pool-load-at-startup=0
    --skip-log-bin --sync-binlog=0 --performance-schema=0
  )

  if ! mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
    --auth-root-authentication-method=normal --skip-test-db "${server_opts[@]}" \
    >"$dir/install.log" 2>&1; then
    cat "$dir/install.log" >&2
    die "mariadb-install-db failed (output above); run '$0 stop $dir' to clean up"
  fi

  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  # Hex digits only: never URL- or SQL-special, and never the word the tests look for in leaked
  # output.
  local log="$dir/server.log"
  local port tries=0 attempts=0 pid
  port=$((ports_from + RANDOM % ports_count))
  while ((tries < 20)); do
    tries=$((tries + 1))
    port=$((ports_from + (port - ports_from + 1) % ports_count))
    port_in_use "$port" && continue
    attempts=$((attempts + 1))
    : >"$log"
    # Its own session, all streams to files: ctest does not wait on it, a Ctrl-C does not hit it.
    setsid "$mariadbd" --no-defaults "${user_opt[@]}" --datadir="$dir/data" --tmpdir="$dir/tmp" \
      --socket="$socket" --pid-file="$dir/mysqld.pid" --log-error="$log" \
      --port="$port" --bind-address=127.0.0.1 --max-connections=200 "${server_opts[@]}" \
      </dev/null >>"$log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/launch.pid"

    local deadline=$((SECONDS + start_timeout)) up=0
    while ((SECONDS < deadline)); do
      if client mariadb-admin --connect-timeout=2 ping >/dev/null 2>&1; then
        up=1
        break
      fi
      alive "$pid" || break
      sleep 0.1
    done
    if ((up)); then
      # The server is still password-less; only the socket and 127.0.0.1 logins stay.
      if ! client mariadb -e "
          DELETE FROM mysql.global_priv WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1');
          DELETE FROM mysql.proxies_priv WHERE User = 'root' AND Host NOT IN ('localhost', '127.0.0.1');
          FLUSH PRIVILEGES;
          ALTER USER 'root'@'localhost' IDENTIFIED BY '$password';
          ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$password';" >>"$log" 2>&1; then
        show_log_and_die "could not set the root password"
      fi
      (
        umask 077
        echo "$password" >"$dir/password"
      )
      # The password is checked end to end, over TCP as the tests connect.
      if ! MYSQL_PWD=$password mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$port" \
        -uroot -N -e 'SELECT 1' >>"$log" 2>&1; then
        show_log_and_die "the server does not accept root's new password over TCP"
      fi
      echo "mysql://root:$password@127.0.0.1:$port/" >"$dir/url"
      echo "mariadb_server.sh: MariaDB $("$mariadbd" --version | awk '{print $3}') listening on 127.0.0.1:$port, data in $dir/data" >&2
      return 0
    fi
    if alive "$pid"; then
      show_log_and_die "the MariaDB server did not accept connections within ${start_timeout}s"
    fi
    wait "$pid" 2>/dev/null || true
    # Another process took the port between our check and the server's bind: try the next one.
    grep -q "Address already in use" "$log" && continue
    break
  done
  ((attempts)) || die "no free TCP port among $tries tried from $ports_from to $((ports_from + ports_count - 1)) on 127.0.0.1"
  show_log_and_die "the MariaDB server did not start"
}

case "$action" in
  start) start_server ;;
  stop)
    check_ours
    stop_server
    ;;
  *) usage ;;
esac
