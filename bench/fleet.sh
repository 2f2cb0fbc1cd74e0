#!/usr/bin/env bash
# `migrate fleet upgrade head` over many PostgreSQL tenant schemas (issue 15), against the raw
# floor: the same SQL per schema (`migrate upgrade head --sql -x tenant=T`, one transaction), run
# by one `psql` per schema with the same parallelism (`xargs -P N`). Then a no-op rerun.
#   bench/fleet.sh [BUILD_DIR]     (default: build-bench, configured Release here)
# Environment: TENANTS (1000), REVISIONS (10), JOBS ("1 4 8"), RUNS (hyperfine runs per round, 1),
# SKIP_BUILD (set: use BUILD_DIR as it is).
# Writes bench/out/fleet.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build-bench}
tenants=${TENANTS:-1000}
revisions=${REVISIONS:-10}
jobs_list=${JOBS:-1 4 8}
runs=${RUNS:-1}
dev/deps.sh --test
for p in jq hyperfine; do command -v $p >/dev/null || apt-get install -y -qq $p >/dev/null; done
if [[ -z ${SKIP_BUILD:-} ]]; then  # SKIP_BUILD=1: BUILD_DIR is built already
  if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGRATE_TESTS=OFF >/dev/null
  fi
  cmake --build "$build" --target migrate migrate_postgresql_program make_chain >/dev/null
fi
migrate=$root/$build/bin/migrate
out=$root/bench/out
mkdir -p "$out"
work=$(mktemp -d)
pgdir=$work/pg
trap '"$root"/tests/pg_cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
tests/pg_cluster.sh start "$pgdir" >/dev/null
admin=$(cat "$pgdir/url")
base=${admin%/postgres}/fleet

# The project: a chain of REVISIONS revisions, each a table with an index; one schema per tenant,
# reached through the search_path and holding its own version table.
"$root/$build/bin/make_chain" "$work/p" "$revisions"
cd "$work/p"
seq -f 't%04g' 1 "$tenants" >tenants.txt
cat >alembic.ini <<EOF
[alembic]
script_location = migrations
sqlalchemy.url = $base?options=-csearch_path%%3D%(x.tenant)s
version_table_schema = %(x.tenant)s
EOF
sed 's/.*/CREATE SCHEMA &;/' tenants.txt >schemas.sql
reset="psql -X -q $admin -c 'DROP DATABASE IF EXISTS fleet' -c 'CREATE DATABASE fleet' \
  && psql -X -q -v ON_ERROR_STOP=1 -1 -f $work/p/schemas.sql $base"
mkdir -p sql
while read -r t; do "$migrate" -q upgrade head --sql -x tenant="$t" >"sql/$t.sql"; done <tenants.txt
floor_cmd() {  # jobs
  echo "xargs -a $work/p/tenants.txt -P $1 -I{} psql -X -q -v ON_ERROR_STOP=1" \
    "-f $work/p/sql/{}.sql '$base?options=-csearch_path%3D{}'"
}
fleet_cmd() { echo "$migrate -q fleet upgrade head --targets $work/p/tenants.txt -j $1"; }

hf() {  # name, hyperfine args...
  local name=$1; shift
  hyperfine --style none --export-json "$out/$name.json" "$@" >/dev/null 2>&1
}
mean_of_medians() { jq -s '[.[].results[0].median] | add / length' "$@"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rounds() { jq -r '[.[].results[0].median * 1000 | round] | map(tostring) | join(", ")' -s "$@"; }

results=$out/fleet.md
{
  echo "## fleet upgrade head: $tenants PostgreSQL tenant schemas, $revisions revisions each"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores; two rounds of $runs runs in opposite order," \
    "each figure the mean of the rounds' medians (rounds in brackets)."
  echo
  echo "| -j | floor: \`xargs -P N psql -f T.sql\` | \`migrate fleet upgrade head -j N\` | ratio | target ≤ 1.2 |"
  echo "|---|---|---|---|---|"
} >"$results"
for j in $jobs_list; do
  # Alternate the two, so that neither always runs on the other's leftovers.
  hf "fleet_floor_${j}_1" --runs "$runs" --prepare "$reset" "$(floor_cmd "$j")"
  hf "fleet_up_${j}_1" --runs "$runs" --prepare "$reset" "$(fleet_cmd "$j")"
  hf "fleet_up_${j}_2" --runs "$runs" --prepare "$reset" "$(fleet_cmd "$j")"
  hf "fleet_floor_${j}_2" --runs "$runs" --prepare "$reset" "$(floor_cmd "$j")"
  f=$(mean_of_medians "$out/fleet_floor_${j}"_{1,2}.json)
  u=$(mean_of_medians "$out/fleet_up_${j}"_{1,2}.json)
  met=$(awk -v a="$u" -v b="$f" 'BEGIN { print (a / b <= 1.2) ? "met" : "missed" }')
  echo "| $j | $(ms "$f") ms ($(rounds "$out/fleet_floor_${j}"_{1,2}.json)) |" \
    "$(ms "$u") ms ($(rounds "$out/fleet_up_${j}"_{1,2}.json)) | $(ratio "$u" "$f") | $met |" \
    >>"$results"
done

# The no-op rerun: every tenant already at head (pre-flight reads each version table, locks and
# writes nothing).
eval "$reset" >/dev/null
$(fleet_cmd 8)
{
  echo
  echo "| no-op rerun, every tenant at head | median | target |"
  echo "|---|---|---|"
} >>"$results"
for j in $jobs_list; do
  hf "fleet_noop_$j" --warmup 1 --runs 5 "$(fleet_cmd "$j")"
  n=$(jq '.results[0].median' "$out/fleet_noop_$j.json")
  met=$(awk -v a="$n" 'BEGIN { print (a < 2) ? "met" : "missed" }')
  echo "| \`migrate fleet upgrade head -j $j\` | $(ms "$n") ms | under 2 s — $met |" >>"$results"
done
cat "$results"
