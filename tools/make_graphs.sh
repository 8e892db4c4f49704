#!/usr/bin/env bash
# Regenerates graphs/ from the bundled Chengdu–Chongqing corpus: the graph file, its DOT, the
# collaboration-network SVG (the picture this tool exists for) and the self-contained HTML view.
# usage: tools/make_graphs.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
kg=${1:-build}/policykg
"$kg" build corpus/chengdu_chongqing -o graphs/chengdu_chongqing.kg.json
"$kg" render graphs/chengdu_chongqing.kg.json --view collaboration -o graphs/chengdu_chongqing.dot
"$kg" render graphs/chengdu_chongqing.kg.json --view collaboration -o graphs/chengdu_chongqing.svg
"$kg" render graphs/chengdu_chongqing.kg.json --view collaboration -o graphs/chengdu_chongqing.html
"$kg" render graphs/chengdu_chongqing.kg.json --focus "西部(重庆)科学城" --depth 1 -o graphs/western_science_city.svg
