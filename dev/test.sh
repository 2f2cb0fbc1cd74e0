#!/usr/bin/env bash
# README command 2 (and CI's): install what is missing, build with -Werror, run the whole test
# suite on every dialect, install the Debian package into a fresh Debian 12 root and run it there,
# then run the suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
dev/deps.sh --test
# The tree stays as .clang-format says (Debian's clang-format 14): a file it would change fails.
unformatted=$(git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run 2>&1 | grep -c warning || true)
if ((unformatted)); then
  git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run 2>&1 | grep warning | cut -d: -f1 | sort -u >&2
  echo "FAILED: clang-format would change the files above; run: clang-format -i \$(git ls-files '*.h' '*.cpp')" >&2
  exit 1
fi
jobs=$(nproc)
run_suite() {  # build dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}
echo "== tests (RelWithDebInfo)" >&2
run_suite build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== the Debian package, installed into a fresh Debian 12 root" >&2
if [[ $(id -u) -eq 0 ]]; then
  tests/package_test.sh build-test
else
  # Built as this user, so that root leaves no files of its own in build-test/.
  cmake --build build-test --target package >/dev/null
  sudo env MIGRATE_PACKAGE_BUILT=1 tests/package_test.sh build-test
fi
echo "== tests under ASan + UBSan" >&2
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DMIGRATE_SANITIZE=ON -DMIGRATE_BENCH=OFF
