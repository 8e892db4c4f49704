#!/usr/bin/env bash
# Installs the Debian packages policykg needs (only those missing), then configures and builds.
# By default only what the main job needs: the build packages and the `policykg` executable.
# --all adds the test tools (GoogleTest, networkx, Chromium, clang for the fuzzers) and builds
# every target, tests included (tools/test.sh uses it).
# usage: tools/setup.sh [--all] [BUILD_DIR] [extra cmake args…]   (CI=true: warnings are errors)
#        tools/setup.sh --all --packages-only   (install what is missing, build nothing)
# environment: POLICYKG_BUILD_JOBS  parallel compile jobs (default: one per core)
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
if [ "${1:-}" = "--all" ]; then
  all=1
  shift
fi
build_dir=${1:-build}
shift || true

packages=(
  g++ cmake make pkg-config            # toolchain
  libboost-graph-dev                   # in-memory graph and its algorithms
  rapidjson-dev                        # all JSON reading and writing
  libgraphviz-dev graphviz             # DOT/SVG/PNG layout (cgraph + gvc) and the dot tool for tests
  libspdlog-dev libfmt-dev             # logging and formatting
  libcli11-dev                         # command-line flags
  libjemalloc-dev                      # malloc of the policykg executable (faster with threads)
  fonts-wqy-zenhei                     # a CJK font so Chinese labels render in SVG/PNG
)
if ((all)); then
  packages+=(
    libgtest-dev                       # unit tests
    python3 python3-networkx python3-rdflib libxml2-utils nodejs  # exports loaded by real consumers (npm ones: tests/export)
    chromium                           # headless browser test of the HTML view
    clang-14 libclang-rt-14-dev        # libFuzzer targets (tools/fuzz.sh)
  )
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "$build_dir" = "--packages-only" ] && exit 0

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
tests=OFF
((all)) && tests=ON
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOLICYKG_WERROR=$werror \
  -DPOLICYKG_BUILD_TESTS=$tests "$@" >/dev/null
jobs=${POLICYKG_BUILD_JOBS:-$(nproc)}
if ((all)); then
  cmake --build "$build_dir" -j"$jobs"
else
  cmake --build "$build_dir" -j"$jobs" --target policykg
fi
echo "setup: built $build_dir/policykg" >&2
