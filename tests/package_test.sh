#!/usr/bin/env bash
# The Debian package, installed as a user would: builds migrate_<version>_amd64.deb from BUILD_DIR
# (`cmake --build BUILD_DIR --target package`), installs it with apt into a fresh Debian 12 root
# made by debootstrap (minbase: none of the libraries the build machine has), runs the tutorial
# there on SQLite, a PostgreSQL and a MySQL command through the installed dialect programs, and
# the man page and completion files; then purges it and checks that nothing of it remains.
#
#   tests/package_test.sh [BUILD_DIR]     (default build-test; run as root: chroot, mount)
#   MIGRATE_PACKAGE_BUILT=1: the .deb in BUILD_DIR is built already (dev/test.sh builds it as the
#   user before running this with sudo)
#
# The Debian mirror is the one this machine's apt uses. The root is removed afterwards, also when
# a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-test}
[[ $(id -u) -eq 0 ]] || { echo "package_test.sh: run as root (debootstrap, chroot)" >&2; exit 1; }
for p in debootstrap dpkg-dev; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $p >&2
done

work=$(mktemp -d)
root=$work/root
cleanup() {
  mountpoint -q "$root/proc" 2>/dev/null && umount "$root/proc"
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "package_test: $*" >&2; }

if [[ "${MIGRATE_PACKAGE_BUILT:-}" != 1 ]]; then
  step "building the package in $build"
  cmake --build "$build" --target package >/dev/null
fi
deb=$(ls -t "$build"/migrate_*_amd64.deb | head -1)
step "$(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"

mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null ||
         true)
[[ -n "$mirror" ]] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list)
step "debootstrap bookworm (minbase)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }
mount -t proc proc "$root/proc"  # the binary finds its dialect programs through /proc/self/exe
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  LANG=C.UTF-8 /bin/bash -euo pipefail -c "$1"; }

cp "$deb" "$root/tmp/migrate.deb"
in_root "dpkg-query -W -f='\${binary:Package}\n'" | sort >"$work/packages-before"
step "apt install ./migrate.deb"
# apt's own complaints about the chroot (no /dev/pts, no apt-utils) go to a log, shown on failure.
in_root "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  --no-install-recommends /tmp/migrate.deb >/dev/null" 2>"$work/apt.log" ||
  { cat "$work/apt.log" >&2; exit 1; }
in_root "dpkg -L migrate" >"$work/files"

step "the tutorial on SQLite"
in_root '
  mkdir /project && cd /project
  migrate init migrations >/dev/null
  migrate revision -m "create account" --rev-id a1 2>/dev/null
  sed -i "0,/^  \[\]$/s//  - create_table: {name: account, columns: [{name: id, type: integer, primary_key: true}]}/" migrations/versions/a1_create_account.yaml
  migrate revision -m "add email" --rev-id b2 2>/dev/null
  sed -i "0,/^  \[\]$/s//  - add_column: {table: account, column: {name: email, type: string(100)}}/" migrations/versions/b2_add_email.yaml
  migrate upgrade head
  test "$(migrate current)" = "b2 (head)"
  migrate history >/dev/null
  migrate downgrade -1
  test "$(migrate current)" = "a1"
  migrate upgrade head
  migrate --format json current | grep -q "\"revision\":\"b2\""
'
step "PostgreSQL and MySQL commands through the installed dialect programs"
in_root '
  cd /project
  migrate --url postgresql://app@127.0.0.1:1/shop upgrade --sql head | grep -q "CREATE TABLE account"
  migrate --url mysql://app@127.0.0.1:1/shop upgrade --sql head | grep -q "CREATE TABLE \`account\`"
  migrate --version | grep -q "^dialect postgresql: /usr/lib/migrate/migrate-postgresql$"
  migrate --version | grep -q "^dialect mysql: /usr/lib/migrate/migrate-mysql$"
'
step "man page, completions, docs"
in_root '
  test -s /usr/share/man/man1/migrate.1
  test -s /usr/share/bash-completion/completions/migrate
  test -s /usr/share/zsh/vendor-completions/_migrate
  test -s /usr/share/fish/vendor_completions.d/migrate.fish
  test -s /usr/share/doc/migrate/copyright
  test -s /usr/share/doc/migrate/alembic.ini.example
  bash -c "source /usr/share/bash-completion/completions/migrate; COMP_WORDS=(migrate upg); COMP_CWORD=1; _migrate; test \"\${COMPREPLY[*]}\" = upgrade"
'

step "apt purge, and what is left"
in_root "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --autoremove migrate >/dev/null" \
  2>"$work/apt.log" || { cat "$work/apt.log" >&2; exit 1; }
left=0
while read -r path; do
  [[ -z "$path" || "$path" == "/." ]] && continue
  # Directories other packages own too (/usr/bin, /usr/share/man/man1) stay; files must go.
  if [[ -e "$root$path" && ! -d "$root$path" ]] || [[ -d "$root$path" && "$path" == */migrate ]]; then
    echo "left behind: $path" >&2
    left=1
  fi
done <"$work/files"
in_root "dpkg-query -W -f='\${binary:Package}\n'" | sort >"$work/packages-after"
# What the package pulled in (libpq5, libmariadb3, ...) goes with it.
if ! diff "$work/packages-before" "$work/packages-after" >&2; then
  echo "packages left behind or removed by the purge (above)" >&2
  left=1
fi
((left == 0)) || exit 1
step "passed: installed, ran, purged clean"
