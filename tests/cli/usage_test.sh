#!/usr/bin/env bash
# The git-style command line (issue 14): did-you-mean for subcommands and flags, one-line `error:`
# messages with exit 2, `help [COMMAND…]` and COMMAND --help, type names in any case, --entity-type
# in every entity-taking query, `build` refusing a terminal, --keep-going, the -j default, and
# documents named by title, issuer and year in evidence, in numeric id order.
# usage: usage_test.sh POLICYKG_BINARY SOURCE_DIR
set -u
kg=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

pass() { passed=$((passed + 1)); }
fail() {
  echo "FAIL $1" >&2
  for f in "$tmp/out" "$tmp/err"; do [ -s "$f" ] && sed "s|^|    $(basename "$f"): |" "$f" | head -8 >&2; done
  failures=$((failures + 1))
}
# run CMD…: stdout to out, stderr to err, exit status in code
run() {
  "$@" >"$tmp/out" 2>"$tmp/err"
  code=$?
}
# error NAME PATTERN CMD…: exit 2 and stderr is one line `error: …` matching PATTERN
# (The slow-read hint, "info: reading G took N s; … writes a snapshot …", depends on the machine's
# load — under the sanitizers on a busy VM reading the test graph can take a second — and is no part
# of the error: it is left out of the count.)
error() {
  local name=$1 pattern=$2
  shift 2
  run "$@"
  grep -vE -- '^info: reading .* took [0-9.]+ s' "$tmp/err" >"$tmp/err.lines" || true
  if [ "$code" -eq 2 ] && [ "$(wc -l <"$tmp/err.lines")" -eq 1 ] && grep -qE -- "^error: .*$pattern" "$tmp/err.lines" &&
    [ ! -s "$tmp/out" ]; then
    pass
  else
    fail "$name (exit $code)"
  fi
}
# has NAME PATTERN FILE: a line of FILE matches PATTERN
has() { if grep -qE -- "$2" "$3"; then pass; else fail "$1: no line matching $2"; fi; }

g=$tmp/g.json
"$kg" -q build "$src/corpus/chengdu_chongqing" -o "$g" || { echo "cannot build the bundled corpus" >&2; exit 1; }

# ---- did you mean ----
error "subcommand typo" "'neighbor' is not a \`policykg query\` subcommand; did you mean 'neighbors'\?" \
  "$kg" query "$g" neighbor 万州
error "command typo" "'qurey' is not a policykg command; did you mean 'query'\?" "$kg" qurey "$g" stats
error "flag typo" "unknown flag --depht for \`policykg query neighbors\`; did you mean '--depth'\?" \
  "$kg" query "$g" neighbors 万州 --depht 2
error "flag typo with =" "unknown flag --depht .*did you mean '--depth'" "$kg" query "$g" neighbors 万州 --depht=2
error "build flag typo" "unknown flag --outptu for \`policykg build\`; did you mean '--output'\?" \
  "$kg" build "$src/corpus/chengdu_chongqing" --outptu x.json
error "graph forgotten" "'neighbors' was taken as GRAPH" "$kg" query neighbors 万州
error "no subcommand" "\`policykg query\` needs a subcommand: find, neighbors" "$kg" query "$g"
error "bad value" "--direction" "$kg" query "$g" neighbors 万州 --direction sideways
error "missing argument" "entity is required" "$kg" query "$g" neighbors

# ---- help ----
run "$kg" help
[ "$code" -eq 0 ] && grep -q "^Usage: policykg" "$tmp/out" && grep -qE "^  query +Query a graph" "$tmp/out" &&
  grep -qE "^  help " "$tmp/out" && [ ! -s "$tmp/err" ] && pass || fail "policykg help"
run "$kg" help query
[ "$code" -eq 0 ] && grep -q "^Usage: policykg query \[OPTIONS\] graph \[SUBCOMMAND\]" "$tmp/out" &&
  grep -qE -- "^ +--batch FILE " "$tmp/out" && pass || fail "help query"
run "$kg" help query neighbors
cp "$tmp/out" "$tmp/help_neighbors"
[ "$code" -eq 0 ] && grep -q "^Usage: policykg query GRAPH neighbors \[OPTIONS\] entity" "$tmp/out" &&
  grep -q -- "--depth" "$tmp/out" && pass || fail "help query neighbors"
for form in "query neighbors --help" "query $g neighbors --help" "query $g neighbors 万州 -h" "-v query neighbors --help"; do
  # shellcheck disable=SC2086
  run "$kg" $form
  [ "$code" -eq 0 ] && cmp -s "$tmp/out" "$tmp/help_neighbors" && pass || fail "$form: not the help of neighbors"
done
error "help typo" "help: 'quer' is not a policykg command; did you mean 'query'\?" "$kg" help quer
error "help subcommand typo" "did you mean 'neighbors'\?" "$kg" help query neighbor

# ---- names in any case; one flag name per concept ----
run "$kg" query "$g" find 科学城 --type platform
[ "$code" -eq 0 ] && grep -q "Platform" "$tmp/out" && pass || fail "--type platform (exit $code)"
run "$kg" query "$g" rank --type REGION,platform --top 3
[ "$code" -eq 0 ] && pass || fail "rank --type REGION,platform (exit $code)"
run "$kg" query "$g" neighbors 万州 --relation COOPERATES_WITH --type region
[ "$code" -eq 0 ] && pass || fail "neighbors --relation COOPERATES_WITH (exit $code)"
run "$kg" query "$g" evidence 万州 --entity-type region
cp "$tmp/out" "$tmp/evidence"
[ "$code" -eq 0 ] && [ -s "$tmp/out" ] && pass || fail "evidence --entity-type region (exit $code)"
run "$kg" query "$g" evidence 万州 --type Region  # the old name, kept hidden
[ "$code" -eq 0 ] && cmp -s "$tmp/out" "$tmp/evidence" && pass || fail "evidence --type (the old name)"
run "$kg" help query evidence
grep -q -- "--entity-type" "$tmp/out" && ! grep -qE -- "^ +--type" "$tmp/out" && pass || fail "evidence help shows --entity-type only"
error "unknown type" "unknown type Platfrom; did you mean: Platform" "$kg" query "$g" find 科学城 --type Platfrom

# ---- build: terminal, --keep-going, -j ----
# `script` gives the command a terminal as stdout.
script -qec "'$kg' build '$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt'" /dev/null >"$tmp/tty" 2>&1
code=$?
[ "$code" -eq 2 ] && grep -q "error.*: build: not writing a graph to the terminal; give -o FILE (or -o - for stdout anyway)" "$tmp/tty" &&
  ! grep -q '"documents"' "$tmp/tty" && pass || { cat "$tmp/tty" >"$tmp/err"; fail "build to a terminal (exit $code)"; }
script -qec "'$kg' -q build '$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt' -o -" /dev/null >"$tmp/tty" 2>&1
code=$?
[ "$code" -eq 0 ] && grep -q '"documents"' "$tmp/tty" && pass || fail "build -o - to a terminal (exit $code)"
"$kg" -q build "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" | grep -q '"documents"' &&
  pass || fail "build to a pipe without -o"

mkdir -p "$tmp/folder/sub"
cp "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" "$tmp/folder/a.txt"
cp "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" "$tmp/folder/sub/c.txt"
printf '\xff\xfe\x2d\x4e\xfd\x56' >"$tmp/folder/b.txt"  # UTF-16 (LE, with BOM)
printf 'ok\x00\x00\x00bad\x80\x81' >"$tmp/folder/sub/d.txt"
error "bad file stops the build" "b.txt" "$kg" build "$tmp/folder" -o "$tmp/k.json"
[ ! -e "$tmp/k.json" ] && pass || fail "a failed build left an output"
run "$kg" build "$tmp/folder" "$tmp/missing.txt" -o "$tmp/k.json" --keep-going
[ "$code" -eq 1 ] && [ "$(grep -c '^error: .*(skipped)$' "$tmp/err")" -eq 3 ] &&
  grep -q "b.txt" "$tmp/err" && grep -q "d.txt" "$tmp/err" && grep -q "missing.txt" "$tmp/err" &&
  grep -q "^warning: 3 input(s) skipped" "$tmp/err" && pass || fail "--keep-going (exit $code)"
python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['documents']; sys.exit(0 if [x['path'].split('/')[-1] for x in d]==['a.txt','c.txt'] else 1)" "$tmp/k.json" &&
  pass || fail "--keep-going built the readable files"
run "$kg" build "$tmp/folder/b.txt" -o "$tmp/k2.json" --keep-going
[ "$code" -eq 2 ] && grep -q "^error: build: no input file could be read" "$tmp/err" && pass || fail "--keep-going, nothing readable (exit $code)"

run "$kg" help build
grep -A1 -E -- "-j,--threads" "$tmp/out" | grep -q "default 0: one per core" && grep -qE -- "-j N. uses N threads" "$src/README.md" &&
  grep -A1 -E -- "-j N. uses N threads" "$src/README.md" | grep -q "default: one per core" && pass || fail "-j default in --help and README"

# ---- documents named by title, issuer and year, ids in numeric order ----
run "$kg" query "$g" evidence 重庆 --entity-type Region
has "evidence names the report" "^d2 +2026年重庆市政府工作报告 \(重庆, 2026\) " "$tmp/out"
has "excerpt's year from its title" "^d1 +\(重庆市\)重庆市人民政府工作报告\(2022年1月17日\) \(重庆, 2022\) " "$tmp/out"
run "$kg" query "$g" evidence 重庆 --entity-type Region --json
python3 -c "
import json, sys
m = json.load(open(sys.argv[1]))['mentions']
d2 = [x for x in m if x['doc'] == 'd2'][0]
sys.exit(0 if (d2['title'], d2['issuer'], d2['year']) == ('2026年重庆市政府工作报告', '重庆', 2026) else 1)" "$tmp/out" &&
  pass || fail "evidence --json has title, issuer, year"
mkdir -p "$tmp/many"
for i in $(seq 1 11); do printf '%02d 报告\n重庆建设金凤实验室。\n' "$i" >"$tmp/many/r$(printf %02d "$i").txt"; done
"$kg" -q build "$tmp/many" -o "$tmp/many.json"
run "$kg" query "$tmp/many.json" evidence 金凤实验室
[ "$(awk '{print $1}' "$tmp/out" | grep '^d' | tr '\n' ' ')" = "d1 d2 d3 d4 d5 d6 d7 d8 d9 d10 d11 " ] && pass ||
  fail "evidence in numeric document order"

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
