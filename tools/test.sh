#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds (warnings as errors under CI), runs every
# unit, extraction, quality and end-to-end test with ctest; then builds the suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer and runs it once more; then a libFuzzer run of
# every fuzz target. `--quick` stops after the first ctest run. Each stage prints the wall and CPU
# seconds spent so far.
#
# What makes it cheaper (issue 14: under 10 minutes on 2 cores with one busy), the suite unchanged:
# - Both builds are unity builds (POLICYKG_UNITY_BUILD): sources compiled in batches, so shared
#   template and inline code (CLI11 above all) is compiled once per batch, not once per source.
# - The unit tests run as a few ctest tests (POLICYKG_TEST_SHARDS, GoogleTest's sharding) instead of
#   one process per test: ~350 process starts cost more than the tests, above all under the
#   sanitizers (0.45 s of CPU each at -O0).
# - The sanitizer build stays -O0 (Debug, line tables only). Measured (GCC 12, unity build): -O1
#   compiles 2.3 times dearer (the largest batch 100 s of CPU instead of 44 s; the whole build
#   618 s) and its ctest took 208 s of CPU, less than half what -O0 saves in compiling.
# - The sanitizer stage runs every test that runs policykg code: all unit tests, the extraction
#   cases and quality gate, the CLI, hostile-input, query, render, export and eval tests. The few
#   tests labelled release_only in tests/CMakeLists.txt run no policykg code that the others do not
#   already run (npm/networkx/rdflib consumers of the exports, the HTML view in Chromium, the audit
#   tool, the gold files, a grep of the sources), so they run on the release build only.
# - The fuzzers run a bounded amount of work, not a time: every seed plus mutations up to
#   POLICYKG_FUZZ_RUNS (default 5000) executions of extract and as many more of the cheaper targets
#   as take about the same CPU, from a fixed seed (tools/fuzz.sh --runs), so the same inputs run on
#   any machine and the pass never depends on its speed (20 s each was ~80 s in all).
# - The sanitizer build runs while the release build and tests do, the libFuzzer build while the
#   sanitizer tests do (their output goes to a log, shown when they fail), and the sanitizer binaries are not
#   position-independent (half of an ASan start-up was relocation; CMakeLists.txt).
# - End-to-end tests that assert nothing of the release build alone (label once_sanitized in
#   tests/CMakeLists.txt: snapshot, usage, explain, query, render, networkx export, eval) run once,
#   under the sanitizers; --quick runs them on the release build.
# - The libFuzzer library is compiled in unity batches too (tools/fuzz.sh), and both builds compile
#   the library and the unit tests in one batch each (POLICYKG_UNITY_BATCH_SIZE=0,
#   POLICYKG_UNITY_TEST_BATCH_SIZE=0): their shared inline and template code once, not once per
#   batch. Measured on 2 idle cores: sanitizer build 243 -> 176 s of CPU, release 207 -> 172 s,
#   the wall time about the same.
# No test here passes or fails by a wall-clock limit; ctest's and libFuzzer's timeouts (libFuzzer:
# one input over 10 s) only stop a hang.
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
shards=${POLICYKG_TEST_SHARDS:-8}

ticks=$(getconf CLK_TCK)
stage() {  # stage NAME: wall and CPU seconds so far (this script's finished children), then NAME
  # Fields 16 and 17 of /proc/PID/stat: user and system time of the children waited for (`times`
  # would run in a subshell here and see none of them).
  local cpu
  cpu=$(awk -v t="$ticks" '{ printf "%d", ($16 + $17) / t }' "/proc/$$/stat")
  echo "test: ${SECONDS} s wall, ${cpu} s CPU so far; $1" >&2
}

# in_background LOG CMD...: runs CMD with its output in LOG while the script goes on; `joined LOG
# WHAT` waits for it and, when it failed, prints LOG and stops. A test stage leaves a core idle
# for much of its time (one test waits on another, npm or Chromium start), and on a machine that is
# busy with something else more runnable jobs also mean a larger share of its cores.
background_pid=""
trap '[ -n "$background_pid" ] && kill -- "-$background_pid" 2>/dev/null; true' EXIT
in_background() {
  local log=$1
  shift
  mkdir -p "$(dirname "$log")"
  setsid "$@" >"$log" 2>&1 &  # a process group of its own, so that an early exit stops all of it
  background_pid=$!
}
joined() {
  local status=0
  wait "$background_pid" || status=$?
  background_pid=""
  if [ "$status" -ne 0 ]; then
    echo "test: $2 failed (exit $status); its output ($1):" >&2
    tail -n 60 "$1" >&2
    exit 1
  fi
}

stage "release build"
asan_args=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DPOLICYKG_SANITIZE=ON
           -DPOLICYKG_UNITY_BUILD=ON -DPOLICYKG_UNITY_BATCH_SIZE=0 -DPOLICYKG_UNITY_TEST_BATCH_SIZE=0
           -DPOLICYKG_TEST_SHARDS="$shards")
if [ "$quick" -eq 0 ]; then
  # The sanitizer build (line tables only, -g1: reports keep file:line) starts with the release
  # build, one job at a time: both compile their library as one batch, which leaves cores idle.
  bash tools/setup.sh --all --packages-only  # once, before two builds could both call apt
  in_background "$build_dir-asan/setup.log" env POLICYKG_BUILD_JOBS=1 bash tools/setup.sh --all \
    "$build_dir-asan" "${asan_args[@]}"
fi
bash tools/setup.sh --all "$build_dir" -DPOLICYKG_UNITY_BUILD=ON -DPOLICYKG_UNITY_BATCH_SIZE=0 \
  -DPOLICYKG_UNITY_TEST_BATCH_SIZE=0 -DPOLICYKG_TEST_SHARDS="$shards"
if [ "$quick" -eq 0 ]; then
  stage "release ctest (all but the once_sanitized tests), with the AddressSanitizer + UndefinedBehaviorSanitizer build in the background"
  ctest --test-dir "$build_dir" --output-on-failure -j"$jobs" --timeout 600 -LE once_sanitized
else
  stage "release ctest"
  ctest --test-dir "$build_dir" --output-on-failure -j"$jobs" --timeout 600
fi
[ "$quick" -eq 1 ] && { stage "done"; exit 0; }

stage "waiting for the sanitizer build"
joined "$build_dir-asan/setup.log" "the sanitizer build"
in_background build-fuzz/setup.log bash tools/fuzz.sh 0
stage "sanitizer ctest (all but the release_only tests), with the libFuzzer build in the background"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build_dir-asan" --output-on-failure -j"$jobs" --timeout 900 -LE release_only

stage "waiting for the libFuzzer build"
joined build-fuzz/setup.log "the libFuzzer build"
stage "libFuzzer: every fuzz target, its seeds and mutations up to ${POLICYKG_FUZZ_RUNS:-5000} runs"
bash tools/fuzz.sh --runs "${POLICYKG_FUZZ_RUNS:-5000}"
stage "done"
