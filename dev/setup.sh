#!/usr/bin/env bash
# README command 1: install what is missing, build, install `migrate` on the PATH, and run the
# main job: `migrate upgrade head` on the repository's example migrations/ against SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
dev/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGRATE_TESTS=OFF -DMIGRATE_BENCH=OFF >/dev/null
# Everything `cmake --install` installs: the binary, its dialect programs, the man page and the
# completion files (tests and benchmarks are off).
cmake --build build
if [[ $(id -u) -eq 0 ]]; then cmake --install build >/dev/null; else sudo cmake --install build >/dev/null; fi
# Tab completion for bash, where bash-completion looks for a user's own (new shells pick it up).
completions=${BASH_COMPLETION_USER_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion}/completions
mkdir -p "$completions" && migrate completion bash >"$completions/migrate"
migrate -c alembic.ini.example upgrade head
migrate -c alembic.ini.example current
