#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds (warnings as errors under CI), runs every
# unit, extraction and end-to-end test with ctest, then checks extraction quality on the 2022
# excerpt against the gold annotation.
# usage: tools/test.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
bash tools/setup.sh "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 600
