#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds (warnings as errors under CI), runs every
# unit, extraction, quality and end-to-end test with ctest; then builds the suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer and runs it once more; then a short libFuzzer run
# of every fuzz target.  `--quick` stops after the first ctest run.
# usage: tools/test.sh [--quick] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
fi
build_dir=${1:-build}
jobs=$(nproc)

stage() {  # stage NAME: wall and CPU seconds so far (this script's children), then the next stage
  local cpu
  cpu=$(times | awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
  echo "test: ${SECONDS} s wall, ${cpu} s CPU so far; $1" >&2
}

stage "release build"
bash tools/setup.sh --all "$build_dir"
stage "release ctest"
ctest --test-dir "$build_dir" --output-on-failure -j"$jobs" --timeout 600
[ "$quick" -eq 1 ] && { stage "done"; exit 0; }

# Line tables only (-g1): sanitizer reports keep file:line; full -g makes the build slower.
stage "the suite again under AddressSanitizer + UndefinedBehaviorSanitizer: build"
bash tools/setup.sh --all "$build_dir-asan" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
  -DPOLICYKG_SANITIZE=ON
stage "sanitizer ctest"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build_dir-asan" --output-on-failure -j"$jobs" --timeout 900

stage "a short libFuzzer run of every fuzz target"
bash tools/fuzz.sh "${POLICYKG_FUZZ_SECONDS:-20}"
stage "done"
