#!/usr/bin/env bash
# Benchmarks policykg in one run and prints one report (also saved as WORKDIR/report.txt):
#   machine header (nproc, CPU model, memory, load average);
#   build throughput (MB/s of input) with -j 1 and -j 2 and their ratio, and peak memory
#     (/usr/bin/time -v max RSS) on 10 MB and 100 MB scaled corpora (1 GB with --full), and what
#     two cores give this work on the machine at the time: two independent -j1 builds at once;
#   graph load time and query latency (neighbors --depth 2, shortest path, PageRank) on the
#     100 MB graph, per process (CLI) and in-process (tools/bench/kg_bench), render time of the
#     collaboration view;
#   a synthetic ~1M-edge graph (load < 2 s, 2-hop neighbors < 1 ms);
#   the jieba.posseg + networkx pipeline a user would otherwise write, and the speed ratio;
#   a profile of `policykg build -j1`: perf (time, self) on the 10 MB corpus when perf works, and
#     callgrind on 2 MB (top functions by inclusive/self cost, costliest extractor/trie lines);
#   start-up (`build` of a two-line report; this binary reading its compiled schema cache, kept in
#     WORKDIR/schema-cache, also once cold and with --no-schema-cache) and the extraction stage on
#     the 10 MB corpus, with
#     --baseline OLD/policykg [--baseline-schema OLD/schema] the same for an older build, the two
#     binaries run alternately in the same run (before/after); --compare-only runs just that;
#   the goals, PASS/MISS (figures, not asserts: the script exits 0 either way).
# Corpora, graphs and profiles go to WORKDIR (default /tmp/policykg-bench, never the repo).
#
# usage: tools/bench.sh [--full] [--workdir DIR] [--build-dir DIR] [--no-profile] [--seed N]
#                       [--jieba-mb 2] [--synthetic-edges 1000000] [--sizes 10MB,100MB]
#                       [--build-repeat 2] [--cli-runs 3] [--baseline BIN] [--baseline-schema DIR]
#                       [--compare-runs 5] [--compare-only]
# Takes about 2 minutes on 2 shared cores plus the build (--full: several more minutes and
# ~8 GB of RAM for the 1 GB corpus; skipped when the estimate exceeds 80% of free memory).
# Builds DIR/policykg (default build-bench, Release -O3 -g, -j2, incremental) and the in-process
# benchmark tools/bench/kg_bench (tools/bench/CMakeLists.txt against DIR/libpolicykg_core.a).
# Equivalent manual build of kg_bench:
#   g++ -std=c++20 -O3 -DNDEBUG -DRAPIDJSON_HAS_STDSTRING=1 -DSPDLOG_COMPILED_LIB -DSPDLOG_FMT_EXTERNAL \
#       -DSPDLOG_SHARED_LIB -DFMT_SHARED -Isrc -I/usr/include/graphviz tools/bench/kg_bench.cc \
#       build-bench/libpolicykg_core.a -lspdlog -lfmt -lgvc -lcgraph -lcdt -pthread -o kg_bench
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build_dir=build-bench
workdir=/tmp/policykg-bench
pass=()
while (($#)); do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --full|--no-profile|--compare-only) pass+=("$1"); shift ;;
    --seed|--jieba-mb|--synthetic-edges|--sizes|--cli-runs|--build-repeat|--compare-runs) pass+=("$1" "$2"); shift 2 ;;
    --baseline|--baseline-schema) pass+=("$1" "$(realpath "$2")"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
case $(realpath -m "$workdir") in
  "$root"|"$root"/*) echo "bench: --workdir must be outside the repository (generated corpora are never committed)" >&2; exit 2 ;;
esac

# Debian packages the bench needs (only those missing): GNU time for max RSS, jieba + networkx
# for the comparison pipeline, valgrind for the profile.
missing=()
for p in time python3-jieba python3-networkx valgrind; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Build policykg (Release; -g only adds symbols for the profile) and kg_bench, -j2 at most. The
# build is incremental; if the tree does not compile right now (someone mid-edit) an existing
# binary is used, with a warning.
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -DNDEBUG -g" \
        -DPOLICYKG_BUILD_TESTS=OFF >/dev/null
fi
echo "bench: building $build_dir/policykg and kg_bench (incremental, -j2)" >&2
build_ok() {
  cmake --build "$build_dir" --target policykg -j2 >"$build_dir/bench-build.log" 2>&1 || return 1
  # Someone saved a source while it compiled: build again so the binary matches the tree.
  for _ in 1 2 3; do
    [ -z "$(find src -newer "$build_dir/policykg" -print -quit)" ] && break
    cmake --build "$build_dir" --target policykg -j2 >>"$build_dir/bench-build.log" 2>&1 || return 1
  done
}
if build_ok; then
  # The sources the binary was built from, so the profile quotes the right lines while others
  # keep editing src/.
  rm -rf "$build_dir/bench-src" && cp -rp src "$build_dir/bench-src"
  [ -z "$(find src -newer "$build_dir/policykg" -print -quit)" ] ||
    echo "bench: WARNING: src/ changed during the build; profile line numbers may be off" >&2
elif [ -x "$build_dir/policykg" ] && [ -f "$build_dir/libpolicykg_core.a" ]; then
  echo "bench: WARNING: build failed (see $build_dir/bench-build.log); using the existing binary" >&2
else
  cat "$build_dir/bench-build.log" >&2
  exit 1
fi
bench_build="$build_dir/tools-bench"
cmake -S tools/bench -B "$bench_build" -DCMAKE_BUILD_TYPE=Release -DPOLICYKG_BUILD_DIR="$root/$build_dir" >/dev/null
cmake --build "$bench_build" -j2 >/dev/null

mkdir -p "$workdir"
exec /usr/bin/python3 tools/bench/run_bench.py --kg "$build_dir/policykg" --kg-bench "$bench_build/kg_bench" \
  --workdir "$workdir" --source-snapshot "$build_dir/bench-src" "${pass[@]}"
