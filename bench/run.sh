#!/usr/bin/env bash
# Whole-process benchmarks of `migrate`, every figure with its baseline measured in the same run.
#   bench/run.sh [BUILD_DIR]     (default: build-bench, configured Release here)
# Writes bench/out/results.md (medians, ratios, peak memory) and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build-bench}
dev/deps.sh --test
for p in jq time; do dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || {
  [[ $(id -u) -eq 0 ]] && apt-get install -y -qq $p >/dev/null || sudo apt-get install -y -qq $p >/dev/null; }; done
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGRATE_TESTS=OFF >/dev/null
cmake --build "$build" --target migrate make_chain graph_bench autogen_bench >/dev/null || { cmake --build "$build" --target migrate make_chain graph_bench autogen_bench; exit 1; }
migrate=$root/$build/bin/migrate
out=$root/bench/out
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { jq -r '.results[0].median' "$1"; }  # seconds
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
peak_mb() {  # command... -> peak RSS in MB
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}
hf() {  # name, hyperfine args...
  local name=$1; shift
  hyperfine --style none --export-json "$out/$name.json" "$@" >/dev/null 2>&1
}

results=$out/results.md
{
  echo "# migrate benchmark results"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r); medians of hyperfine runs."
  echo
} >"$results"

# --- upgrade head, N=1000, SQLite, against the raw floor -----------------------------------
n=1000
"$root/$build/bin/make_chain" "$work/c$n" $n
cd "$work/c$n"
url="sqlite:///$work/c$n/bench.db"
"$migrate" --url "$url" upgrade head --sql >all.sql
hf floor_upgrade --warmup 3 --runs 30 --prepare "rm -f $work/c$n/floor.db" "sqlite3 $work/c$n/floor.db < all.sql"
hf upgrade --warmup 3 --runs 30 --prepare "rm -f $work/c$n/bench.db" "$migrate --url $url upgrade head"
rm -f bench.db && "$migrate" -q --url "$url" upgrade head && cp bench.db upgraded.db
hf downgrade --warmup 2 --runs 20 --prepare "cp $work/c$n/upgraded.db $work/c$n/bench.db" "$migrate -q --url $url downgrade base"
floor=$(median "$out/floor_upgrade.json"); up=$(median "$out/upgrade.json"); down=$(median "$out/downgrade.json")
rm -f bench.db
up_mem=$(peak_mb "$migrate" -q --url "$url" upgrade head)
{
  echo "## upgrade / downgrade, N=$n revisions, SQLite file"
  echo
  echo "| command | median | ratio to floor | peak RSS |"
  echo "|---|---|---|---|"
  echo "| floor: \`sqlite3 db < all.sql\` (the same SQL, one transaction) | $(ms "$floor") ms | 1.00 | |"
  echo "| \`migrate upgrade head\` | $(ms "$up") ms | $(ratio "$up" "$floor") | $up_mem MB |"
  echo "| \`migrate downgrade base\` | $(ms "$down") ms | $(ratio "$down" "$floor") | |"
  echo
} >>"$results"

# --- lint over the same chain: every script read in full, as `upgrade head --sql` reads them --
# Two rounds in opposite order, so that neither always runs on the other's warm cache.
lint_cmd="$migrate -q lint --dialect postgresql"
sql_cmd="$migrate -q --url $url upgrade head --sql"
hf lint_1 --warmup 3 --runs 20 "$lint_cmd"
hf sql_1 --warmup 3 --runs 20 "$sql_cmd"
hf sql_2 --warmup 3 --runs 20 "$sql_cmd"
hf lint_2 --warmup 3 --runs 20 "$lint_cmd"
lint_s=$(awk -v a="$(median "$out/lint_1.json")" -v b="$(median "$out/lint_2.json")" 'BEGIN { print (a + b) / 2 }')
sql_s=$(awk -v a="$(median "$out/sql_1.json")" -v b="$(median "$out/sql_2.json")" 'BEGIN { print (a + b) / 2 }')
{
  echo "## lint, N=$n revisions (target: under 100 ms)"
  echo
  echo "| command | median | ratio to baseline |"
  echo "|---|---|---|"
  echo "| baseline: \`migrate upgrade head --sql\` (reads and renders every script) | $(ms "$sql_s") ms | 1.00 |"
  echo "| \`migrate lint --dialect postgresql\` (reads, replays and lints every script) | $(ms "$lint_s") ms | $(ratio "$lint_s" "$sql_s") |"
  echo
} >>"$results"
cd "$root"

# --- migrate test, N=1000, SQLite in memory, against upgrade head + downgrade base ------------
# The stairway runs each revision up, down and up again and compares the tables it names after
# the downgrade, so its natural baseline is one full upgrade and one full downgrade of the same
# chain (on a file, as users run them). The two alternate, in both orders.
cd "$work/c$n"
updown="$migrate -q --url $url upgrade head && $migrate -q --url $url downgrade base"
for round in 1 2; do
  if ((round == 1)); then
    hf updown_$round --warmup 1 --runs 5 --prepare "rm -f $work/c$n/bench.db" "$updown"
    hf test_$round --warmup 1 --runs 5 "$migrate -q test"
  else
    hf test_$round --warmup 1 --runs 5 "$migrate -q test"
    hf updown_$round --warmup 1 --runs 5 --prepare "rm -f $work/c$n/bench.db" "$updown"
  fi
done
tu=$(jq -s '[.[].results[0].median] | add / length' "$out"/updown_{1,2}.json)
tt=$(jq -s '[.[].results[0].median] | add / length' "$out"/test_{1,2}.json)
test_mem=$(peak_mb "$migrate" -q test)
{
  echo "## \`migrate test\`, N=$n revisions, SQLite in memory (target: under 10 s)"
  echo
  echo "| command | median | ratio to baseline | peak RSS |"
  echo "|---|---|---|---|"
  echo "| baseline: \`upgrade head\` then \`downgrade base\` (SQLite file) | $(ms "$tu") ms | 1.00 | |"
  echo "| \`migrate test\` (3 steps and 2 reflections per revision) | $(ms "$tt") ms | $(ratio "$tt" "$tu") | $test_mem MB |"
  echo
} >>"$results"
rm -f bench.db
cd "$root"

# --- the same upgrade on PostgreSQL, against `psql -1 -f all.sql` -------------------------------
pgdir=$work/pg
if tests/pg_cluster.sh start "$pgdir" >/dev/null; then
  trap 'tests/pg_cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  admin=$(cat "$pgdir/url")
  db_url=${admin%/postgres}/bench
  reset="psql -X -q $admin -c 'DROP DATABASE IF EXISTS bench' -c 'CREATE DATABASE bench'"
  cd "$work/c1000"
  "$migrate" --url "$db_url" upgrade head --sql >pg_all.sql
  hf pg_floor --warmup 2 --runs 10 --prepare "$reset" "psql -X -q -v ON_ERROR_STOP=1 -1 -f pg_all.sql $db_url"
  hf pg_upgrade --warmup 2 --runs 10 --prepare "$reset" "$migrate -q --url $db_url upgrade head"
  pf=$(median "$out/pg_floor.json"); pu=$(median "$out/pg_upgrade.json")
  {
    echo "## upgrade, N=1000 revisions, PostgreSQL 15 (local throwaway cluster, fsync off)"
    echo
    echo "| command | median | ratio to floor |"
    echo "|---|---|---|"
    echo "| floor: \`psql -1 -f all.sql\` (the same SQL) | $(ms "$pf") ms | 1.00 |"
    echo "| \`migrate upgrade head\` | $(ms "$pu") ms | $(ratio "$pu" "$pf") |"
    echo
  } >>"$results"
  cd "$root"
else
  echo "## PostgreSQL: the throwaway cluster did not start; no PostgreSQL figures" >>"$results"
fi

# --- the same upgrade on MariaDB, against `mariadb db < all.sql` ---------------------------------
mydir=$work/my
if tests/mariadb_server.sh start "$mydir" >/dev/null; then
  trap 'tests/mariadb_server.sh stop "$mydir" >/dev/null 2>&1 || true
        tests/pg_cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  my_root=$(cat "$mydir/url")
  my_url=${my_root}bench
  port=${my_root##*:}; port=${port%/}
  my_client="mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P $port -uroot"
  export MYSQL_PWD=$(cat "$mydir/password")
  my_reset="$my_client -e 'DROP DATABASE IF EXISTS bench; CREATE DATABASE bench'"
  cd "$work/c1000"
  "$migrate" --url "$my_url" upgrade head --sql >my_all.sql
  # Alternate the two, so that neither always runs on the other's leftovers.
  for round in 1 2; do
    hf my_floor_$round --warmup 1 --runs 5 --prepare "$my_reset" "$my_client bench < my_all.sql"
    hf my_upgrade_$round --warmup 1 --runs 5 --prepare "$my_reset" "$migrate -q --url $my_url upgrade head"
  done
  mf=$(jq -s '[.[].results[0].median] | add / length' "$out"/my_floor_{1,2}.json)
  mu=$(jq -s '[.[].results[0].median] | add / length' "$out"/my_upgrade_{1,2}.json)
  {
    echo "## upgrade, N=1000 revisions, MariaDB $(mariadbd --version | awk '{print $3}') (local throwaway server, durability off)"
    echo
    echo "| command | median | ratio to floor |"
    echo "|---|---|---|"
    echo "| floor: \`mariadb db < all.sql\` (the same SQL) | $(ms "$mf") ms | 1.00 |"
    echo "| \`migrate upgrade head\` | $(ms "$mu") ms | $(ratio "$mu" "$mf") |"
    echo
  } >>"$results"
  cd "$root"
else
  echo "## MariaDB: the throwaway server did not start; no MariaDB figures" >>"$results"
fi

# --- history and heads for N = 1,000 / 10,000 / 100,000 ---------------------------------------
# -N: no shell between hyperfine and the program, whose start-up is a few milliseconds.
pg_program=$root/$build/lib/migrate/migrate-postgresql
hf startup -N --warmup 20 --runs 300 "$migrate --version"
hf pg_program_startup -N --warmup 20 --runs 300 "$pg_program --version"
hf true_baseline -N --warmup 20 --runs 300 "/bin/true"
start=$(median "$out/startup.json"); truth=$(median "$out/true_baseline.json")
pg_start=$(median "$out/pg_program_startup.json")
# What a postgresql:// command pays for the hand-over from bin/migrate to its program: the same
# offline upgrade of one revision (no server needed) started either way.
"$root/$build/bin/make_chain" "$work/c1" 1
cd "$work/c1"
offline="--url postgresql://bench@127.0.0.1:1/bench upgrade --sql head"
hf handover -N --warmup 10 --runs 100 "$migrate $offline"
hf direct -N --warmup 10 --runs 100 "$pg_program $offline"
handover=$(median "$out/handover.json"); direct=$(median "$out/direct.json")
cd "$root"
{
  echo "## history and heads (graph commands; no database)"
  echo
  echo "| N | \`history\` | \`heads\` | history per revision | history peak RSS |"
  echo "|---|---|---|---|---|"
} >>"$results"
for n in 1000 10000 100000; do
  [[ -d "$work/c$n" ]] || "$root/$build/bin/make_chain" "$work/c$n" $n
  cd "$work/c$n"
  runs=$((n >= 100000 ? 5 : 15))
  hf "history_$n" --warmup 1 --runs $runs "$migrate --url sqlite:// history"
  hf "heads_$n" --warmup 1 --runs $runs "$migrate --url sqlite:// heads"
  h=$(median "$out/history_$n.json"); hd=$(median "$out/heads_$n.json")
  mem=$(peak_mb "$migrate" --url sqlite:// history)
  echo "| $n | $(ms "$h") ms | $(ms "$hd") ms | $(awk -v s="$h" -v n=$n 'BEGIN { printf "%.2f µs", s * 1e6 / n }') | $mem MB |" >>"$results"
  if ((n == 10000)); then
    # JSON against text, alternating so that neither always runs on the other's leftovers.
    hf history_text_a --warmup 2 --runs 15 "$migrate --url sqlite:// history"
    hf history_json_a --warmup 2 --runs 15 "$migrate --url sqlite:// --format json history"
    hf history_json_b --warmup 2 --runs 15 "$migrate --url sqlite:// --format json history"
    hf history_text_b --warmup 2 --runs 15 "$migrate --url sqlite:// history"
    json_text=$(jq -s '[.[].results[0].median] | add / length' "$out"/history_text_{a,b}.json)
    json_json=$(jq -s '[.[].results[0].median] | add / length' "$out"/history_json_{a,b}.json)
  fi
  cd "$root"
done
echo >>"$results"
echo "\`history --format json\` at N=10000: $(ms "$json_json") ms against $(ms "$json_text") ms for text, ratio $(ratio "$json_json" "$json_text") (target ≤ 1.2)" >>"$results"
{
  echo
  echo "## start-up"
  echo
  echo "| command | median | ratio to \`/bin/true\` |"
  echo "|---|---|---|"
  echo "| \`/bin/true\` | $(ms "$truth") ms | 1.00 |"
  echo "| \`migrate --version\` | $(ms "$start") ms | $(ratio "$start" "$truth") |"
  echo "| \`lib/migrate/migrate-postgresql --version\` (libpq and the shared C++ runtime) | $(ms "$pg_start") ms | $(ratio "$pg_start" "$truth") |"
  echo
  echo "| postgresql:// command, \`upgrade --sql head\`, 1 revision | median | ratio to direct |"
  echo "|---|---|---|"
  echo "| run by \`lib/migrate/migrate-postgresql\` directly | $(ms "$direct") ms | 1.00 |"
  echo "| run by \`migrate\`, handed over | $(ms "$handover") ms | $(ratio "$handover" "$direct") |"
} >>"$results"
# --- import-alembic of a 1,000-revision Alembic history (issue 10, target: under 1 s) ----------
# bench/make_alembic_history.py writes revision files as `alembic revision --autogenerate` does
# (create_table, add_column, create_index, an execute every tenth, a batch every 25th). Two
# floors: `cp -r versions` creates the same number of files from the same sources (on a busy
# ext4 creating a file costs up to a millisecond, so this is most of the import), and `lint` over
# the 1,000 YAML scripts the import wrote reads, parses and replays them all with no database.
# The import and its floors alternate, two rounds in opposite order.
/usr/bin/python3 "$root/bench/make_alembic_history.py" "$work/alembic" 1000
import_cmd="$migrate -q import-alembic $work/alembic/alembic.ini --into $work/imported"
copy_cmd="cp -r $work/alembic/versions $work/copied"
rm -rf "$work/imported" && $import_cmd
imported_sql="$migrate -q -c $work/imported/alembic.ini lint --dialect postgresql"
import_round() {  # round
  hf import_$1 --warmup 2 --runs 10 --prepare "rm -rf $work/imported" "$import_cmd"
}
floor_round() {  # round
  hf copy_py_$1 --warmup 2 --runs 10 --prepare "rm -rf $work/copied" "$copy_cmd"
  hf imported_sql_$1 --warmup 2 --runs 10 "$imported_sql"
}
import_round 1; floor_round 1
floor_round 2; import_round 2
rm -rf "$work/imported" "$work/copied" && $import_cmd
mean2() { awk -v a="$(median "$out/$1_1.json")" -v b="$(median "$out/$1_2.json")" 'BEGIN { print (a + b) / 2 }'; }
import_s=$(mean2 import); imported_sql_s=$(mean2 imported_sql); copy_s=$(mean2 copy_py)
rm -rf "$work/imported"
import_mem=$(peak_mb $import_cmd)
{
  echo "## import-alembic, 1,000 Alembic revisions (target: under 1 s)"
  echo
  echo "| command | median | ratio to \`cp -r\` | peak RSS |"
  echo "|---|---|---|---|"
  echo "| floor: \`cp -r versions\` (creates 1,000 files) | $(ms "$copy_s") ms | 1.00 | |"
  echo "| floor: \`lint --dialect postgresql\` over the imported YAML | $(ms "$imported_sql_s") ms | $(ratio "$imported_sql_s" "$copy_s") | |"
  echo "| \`migrate import-alembic\` | $(ms "$import_s") ms | $(ratio "$import_s" "$copy_s") | $import_mem MB |"
  echo
} >>"$results"
{
  echo
  echo "## in-process (Google Benchmark): header scan vs full parse, graph at N revisions"
  echo
  echo '```'
  "$root/$build/bin/graph_bench" --benchmark_min_time=0.2 2>/dev/null | sed -n '/^Benchmark/,$p'
  echo '```'
  echo
  echo "## autogenerate: reflect + diff of 500 tables (10 columns, 2 indexes each)"
  echo
  echo '```'
  pg_env=()
  [[ -f "$pgdir/url" ]] && pg_env=(env "MIGRATE_TEST_PG_URL=$(cat "$pgdir/url")")
  [[ -f "$mydir/url" ]] && pg_env+=("MIGRATE_TEST_MYSQL_URL=$(cat "$mydir/url")bench_autogen")
  [[ ${#pg_env[@]} -gt 0 && ${pg_env[0]} != env ]] && pg_env=(env "${pg_env[@]}")
  "${pg_env[@]}" "$root/$build/bin/autogen_bench" 2>/dev/null | sed -n '/^Benchmark/,$p'
  echo '```'
} >>"$results"
cat "$results"
