#!/usr/bin/env bash
# Bad input gets a clear one-line error and exit code 2, never a crash or a hang; a failed build
# leaves the previous graph intact; same input gives the same bytes with any thread count.
# usage: robustness_test.sh POLICYKG_BINARY SOURCE_DIR
set -u
kg=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

# expect_error NAME PATTERN CMD… : exit 2, stderr is one line matching PATTERN, no crash.
expect_error() {
  local name=$1 pattern=$2
  shift 2
  timeout 120 "$@" >"$tmp/out" 2>"$tmp/err"
  local code=$?
  local lines
  lines=$(grep -c . "$tmp/err")
  if [ "$code" -ne 2 ] || [ "$lines" -ne 1 ] || ! grep -qE -- "$pattern" "$tmp/err"; then
    echo "FAIL $name: exit $code, $lines stderr lines:" >&2
    sed 's/^/    /' "$tmp/err" | head -5 >&2
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
}

# Inputs.
expect_error "missing file" "nosuch.txt: no such file or directory" "$kg" build "$tmp/nosuch.txt" -o "$tmp/g.json"
: >"$tmp/empty.txt"
expect_error "empty file" "empty.txt: empty file" "$kg" build "$tmp/empty.txt" -o "$tmp/g.json"
printf 'PK\003\004\000\000binary' >"$tmp/archive.txt"
expect_error "binary file" "archive.txt: byte 4: binary file" "$kg" build "$tmp/archive.txt" -o "$tmp/g.json"
printf 'abc\377\376\375xyz' >"$tmp/bad.txt"
expect_error "invalid UTF-8" "bad.txt: byte 3: invalid UTF-8" "$kg" build "$tmp/bad.txt" -o "$tmp/g.json"
printf '\326\330\307' >"$tmp/cut.txt"
expect_error "truncated GBK" "cut.txt: byte 0: invalid UTF-8; read as GB18030 it ends in a truncated sequence at byte 2" \
  "$kg" build "$tmp/cut.txt" -o "$tmp/g.json"
mkdir -p "$tmp/loop/sub" && ln -s .. "$tmp/loop/sub/up" && printf '建设金凤实验室。' >"$tmp/loop/a.txt"
timeout 60 "$kg" -q build "$tmp/loop" -o "$tmp/loop.json" && grep -q 金凤实验室 "$tmp/loop.json" \
  && passed=$((passed + 1)) || { echo "FAIL directory loop" >&2; failures=$((failures + 1)); }
mkdir -p "$tmp/notext"
expect_error "folder without .txt" "notext: directory holds no .txt files" "$kg" build "$tmp/notext" -o "$tmp/g.json"
if [ "$(id -u)" -ne 0 ]; then
  printf 'x' >"$tmp/locked.txt" && chmod 000 "$tmp/locked.txt"
  expect_error "unreadable file" "locked.txt: cannot open" "$kg" build "$tmp/locked.txt" -o "$tmp/g.json"
fi
# 3 MB on one line (a million characters, 500 times the sentence length cap: the cap bounds the work;
# quadratic work would not end, and ctest's timeout only stops a hang). 30 MB, as before, only cost
# 18 s of CPU more; tools/hostile_input.sh bounds the memory of such a line, without --quick at 27 MB.
python3 -c "import sys; sys.stdout.write('重庆' * 500_000 + '建设金凤实验室' * 1000)" >"$tmp/one_line.txt"
"$kg" -q build "$tmp/one_line.txt" -o "$tmp/one_line.json" --no-text \
  && passed=$((passed + 1)) || { echo "FAIL long single line" >&2; failures=$((failures + 1)); }

# Graph files.
printf '{"format":"policykg","version":1,\n "documents":[],,\n}' >"$tmp/syntax.json"
expect_error "graph JSON syntax" "syntax.json:2:17: invalid JSON" "$kg" query "$tmp/syntax.json" stats
python3 -c "print('[' * 100000)" >"$tmp/deep.json"
expect_error "deep nesting" "deep.json:1:65: invalid JSON: nesting deeper than 64 levels" "$kg" query "$tmp/deep.json" stats
printf '{"format":"policykg","format":"policykg"}' >"$tmp/dup.json"
expect_error "duplicate keys" 'dup.json:1:[0-9]+: invalid JSON: duplicate key "format"' "$kg" query "$tmp/dup.json" stats
# Control bytes 0x1A-0x1F (a DOS ^Z between two joined reports) inside long strings are escaped in
# every JSON the release build writes: the graph file reads back, and so does its node-link export.
python3 -c "import sys; sys.stdout.write('重庆建设金凤实验室。' * 3 + '\x1a' + '四川建设天府实验室，推动成渝地区双城经济圈建设。\x1f' * 3)" >"$tmp/dos_eof.txt"
if "$kg" -q build "$tmp/dos_eof.txt" -o "$tmp/dos_eof.json" && "$kg" query "$tmp/dos_eof.json" stats >/dev/null \
  && "$kg" export "$tmp/dos_eof.json" --format node-link -o "$tmp/dos_eof.nl.json" \
  && python3 -c "import json, sys; [json.load(open(f, encoding='utf-8')) for f in sys.argv[1:]]" \
       "$tmp/dos_eof.json" "$tmp/dos_eof.nl.json"; then
  passed=$((passed + 1))
else
  echo "FAIL control bytes 0x1A-0x1F written unescaped" >&2
  failures=$((failures + 1))
fi
printf '{"format":"policykg","version":1e99999}' >"$tmp/huge.json"
expect_error "huge number" "huge.json:1:[0-9]+: invalid JSON: Number too big" "$kg" query "$tmp/huge.json" stats
printf '{"format":"policykg","version":1,"documents":[],"nodes":[{"id":"a","name":"A"}],"edges":[]}' >"$tmp/missing.json"
expect_error "missing field" "missing.json: /nodes/0/type: missing field" "$kg" query "$tmp/missing.json" stats
expect_error "not a graph" ": /: expected a JSON object" "$kg" query <(echo '[]') stats

# Schema errors.
cp -r "$src/schema" "$tmp/schema"
sed -i 's/"domain": \["Region", "Platform"\]/"domain": ["Region", "Platfrom"]/' "$tmp/schema/schema.json"
expect_error "schema domain type" 'schema.json: /relation_types/0/domain/1: unknown entity type "Platfrom" \(did you mean "Platform"\?\)' \
  "$kg" --schema "$tmp/schema" build "$src/corpus/chengdu_chongqing" -o "$tmp/g.json"

# Atomic output: a failed build keeps the previous graph byte for byte.
"$kg" -q build "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" -o "$tmp/keep.json"
cp "$tmp/keep.json" "$tmp/keep.before"
expect_error "failed build" "bad.txt: byte 3" "$kg" build "$src/corpus/chengdu_chongqing" "$tmp/bad.txt" -o "$tmp/keep.json"
cmp -s "$tmp/keep.json" "$tmp/keep.before" && passed=$((passed + 1)) || { echo "FAIL previous graph changed" >&2; failures=$((failures + 1)); }
ls "$tmp" | grep -q '\.tmp\.' && { echo "FAIL temp file left behind" >&2; failures=$((failures + 1)); } || passed=$((passed + 1))

# An interrupted build (SIGTERM while it waits on an input pipe) keeps the previous graph and
# removes its temp file.
mkfifo "$tmp/pipe.txt"
"$kg" -q build "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" "$tmp/pipe.txt" -o "$tmp/keep.json" &
pid=$!
for _ in $(seq 200); do ls "$tmp" | grep -q 'keep\.json\.tmp\.' && break; sleep 0.05; done
kill -TERM "$pid"
wait "$pid"
code=$?
if [ "$code" -eq 143 ] && cmp -s "$tmp/keep.json" "$tmp/keep.before" && ! ls "$tmp" | grep -q '\.tmp\.'; then
  passed=$((passed + 1))
else
  echo "FAIL interrupted build: exit $code; $(ls "$tmp" | grep -c '\.tmp\.') temp files left" >&2
  failures=$((failures + 1))
fi
rm -f "$tmp/pipe.txt"

# Determinism: same bytes for 1 and 2 threads, and across runs.
"$kg" -q build "$src/corpus" -j 1 -o "$tmp/t1.json"
"$kg" -q build "$src/corpus" -j 2 -o "$tmp/t2.json"
"$kg" -q build "$src/corpus" -j 2 -o "$tmp/t3.json"
cmp -s "$tmp/t1.json" "$tmp/t2.json" && cmp -s "$tmp/t2.json" "$tmp/t3.json" && passed=$((passed + 1)) \
  || { echo "FAIL output differs between runs or thread counts" >&2; failures=$((failures + 1)); }
# Same bytes from any checkout path: the schema is named by its content, never by its folder.
mkdir -p "$tmp/checkout_a/x" "$tmp/checkout_b"
cp -r "$src/schema" "$tmp/checkout_a/x/schema" && cp -r "$src/schema" "$tmp/checkout_b/schema"
excerpt="$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt"
"$kg" -q --schema "$tmp/checkout_a/x/schema" build "$excerpt" --no-text -o "$tmp/path_a.json"
(cd "$tmp/checkout_b" && "$kg" -q --schema schema build "$excerpt" --no-text -o "$tmp/path_b.json")
if cmp -s "$tmp/path_a.json" "$tmp/path_b.json" && grep -q '"gazetteer:schema@' "$tmp/path_a.json" \
  && ! grep -q "$tmp" "$tmp/path_a.json"; then
  passed=$((passed + 1))
else
  echo "FAIL the graph depends on the schema folder's path" >&2
  failures=$((failures + 1))
fi
# Two whole checkouts (schema and corpus) at different depths, each built from inside with the
# schema found as ./schema, one with -j1 and one with -j2: the same bytes, no machine path.
for c in "$tmp/co_one" "$tmp/co_two/deeper/still"; do
  mkdir -p "$c/corpus" && cp -r "$src/schema" "$c/schema" && cp -r "$src/corpus/chengdu_chongqing" "$c/corpus/"
done
(cd "$tmp/co_one" && "$kg" -q build corpus/chengdu_chongqing -j 1 -o "$tmp/co_one.json" 2>/dev/null)
(cd "$tmp/co_two/deeper/still" && "$kg" -q build corpus/chengdu_chongqing -j 2 -o "$tmp/co_two.json" 2>/dev/null)
if cmp -s "$tmp/co_one.json" "$tmp/co_two.json" && ! grep -q "$tmp" "$tmp/co_one.json" \
  && grep -q '"gazetteer:schema@' "$tmp/co_one.json"; then
  passed=$((passed + 1))
else
  echo "FAIL two checkouts give different graph bytes" >&2
  failures=$((failures + 1))
fi

# stdout carries data only.
"$kg" build "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" -o - 2>/dev/null | python3 -c "import json,sys; json.load(sys.stdin)" \
  && passed=$((passed + 1)) || { echo "FAIL build -o - is not clean JSON" >&2; failures=$((failures + 1)); }

# ---- Hostile input, round two (issue 16) ----
# check NAME CONDITION… : counts a pass when the command succeeds.
check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL $name" >&2; failures=$((failures + 1)); fi
}
excerpt="$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt"
kg=$(cd "$(dirname "$kg")" && pwd)/$(basename "$kg")  # the ./schema case runs in another folder
"$kg" -q build "$excerpt" -o "$tmp/g.json"
cp "$tmp/g.json" "$tmp/g.before"

# 5. An output that is an input is refused, and the input is left as it was.
cp "$excerpt" "$tmp/in.txt" && cp "$tmp/in.txt" "$tmp/in.before"
expect_error "build -o its input" "in.txt: the output is also an input" "$kg" build "$tmp/in.txt" -o "$tmp/in.txt"
ln -f "$tmp/in.txt" "$tmp/in_link.txt"
expect_error "build -o a hard link of its input" "in_link.txt: the output is also an input" "$kg" build "$tmp/in.txt" -o "$tmp/in_link.txt"
expect_error "export -o its input" "g.json: the output is also an input" "$kg" export "$tmp/g.json" --format graphml -o "$tmp/g.json"
expect_error "render -o its input" "g.json: the output is also an input" "$kg" render "$tmp/g.json" --format svg -o "$tmp/g.json"
expect_error "query --subgraph its input" "g.json: the output is also an input" "$kg" query "$tmp/g.json" find 重庆 --subgraph "$tmp/g.json"
check "inputs unchanged" cmp -s "$tmp/in.txt" "$tmp/in.before"
check "graph unchanged" cmp -s "$tmp/g.json" "$tmp/g.before"

# 3. Devices are refused (they would be read until memory runs out), a schema file linked to one too.
expect_error "build /dev/zero" "/dev/zero: is a character device, not a regular file" "$kg" build /dev/zero -o "$tmp/z.json"
expect_error "query /dev/urandom" "/dev/urandom: is a character device, not a regular file" "$kg" query /dev/urandom stats
expect_error "query - < /dev/zero" "<stdin>: is a character device" sh -c '"$0" query - stats </dev/zero' "$kg"
cat "$tmp/g.json" | "$kg" query - stats >/dev/null && passed=$((passed + 1)) || { echo "FAIL query - from a pipe" >&2; failures=$((failures + 1)); }
cp -r "$src/schema" "$tmp/zero_schema" && ln -sf /dev/zero "$tmp/zero_schema/schema.json"
expect_error "schema linked to /dev/zero" "schema.json: is a character device" "$kg" --schema "$tmp/zero_schema" build "$excerpt" -o "$tmp/z.json"

# 8. Write errors on stdout are errors.
if [ -w /dev/full ]; then
  expect_error "query > /dev/full" "cannot write to stdout" sh -c '"$0" query "$1" find 重庆 >/dev/full' "$kg" "$tmp/g.json"
  expect_error "query --json > /dev/full" "cannot write to stdout" sh -c '"$0" query "$1" stats --json >/dev/full' "$kg" "$tmp/g.json"
  expect_error "build -o /dev/full" "/dev/full: write error" "$kg" build "$excerpt" -o /dev/full
fi

# 9. Temp files: the output's mode is kept, stale temp files of dead processes are removed (never a
# link or another file), a neo4j folder keeps its mode, and a folder in it is never deleted.
chmod 600 "$tmp/g.json"
"$kg" -q build "$excerpt" -o "$tmp/g.json"
check "rewritten output keeps mode 600" test "$(stat -c %a "$tmp/g.json")" = 600
dead=4194000
while kill -0 "$dead" 2>/dev/null; do dead=$((dead + 1)); done
printf 'half' >"$tmp/g.json.tmp.$dead.0123456789abcdef"
ln -s "$tmp/in.txt" "$tmp/g.json.tmp.$dead.fedcba9876543210"
printf 'mine' >"$tmp/g.json.tmp.$dead.notours"
"$kg" -q build "$excerpt" -o "$tmp/g.json"
check "stale temp file removed" test ! -e "$tmp/g.json.tmp.$dead.0123456789abcdef"
check "link named like a temp file kept" test -L "$tmp/g.json.tmp.$dead.fedcba9876543210"
check "other file kept" test -e "$tmp/g.json.tmp.$dead.notours"
check "no temp file of this run left" test -z "$(ls "$tmp" | grep -E '^g\.json\.tmp\.[0-9]+\.[0-9a-f]{16}$' | grep -v "$dead")"
rm -f "$tmp/g.json.tmp.$dead."*
"$kg" -q export "$tmp/g.json" --format neo4j -o "$tmp/neo" && chmod 700 "$tmp/neo"
"$kg" -q export "$tmp/g.json" --format neo4j -o "$tmp/neo"
check "neo4j folder keeps mode 700" test "$(stat -c %a "$tmp/neo")" = 700
mkdir "$tmp/neo2" && mkdir "$tmp/neo2/nodes.csv" && printf 'keep' >"$tmp/neo2/nodes.csv/data"
expect_error "neo4j folder holding a folder" "neo2: exists and holds nodes.csv, not a regular file" "$kg" export "$tmp/g.json" --format neo4j -o "$tmp/neo2"
check "folder inside a neo4j folder kept" test -f "$tmp/neo2/nodes.csv/data"

# 11. Minor: a BOM alone is an empty file; mentions past the text are refused; -j -1 is refused.
printf '\357\273\277' >"$tmp/bom.txt"
expect_error "BOM only" "bom.txt: empty file \(only a byte order mark\)" "$kg" build "$tmp/bom.txt" -o "$tmp/b.json"
printf '{"format":"policykg","version":1,"documents":[{"id":"d1","path":"x","sha256":"","encoding":"UTF-8","chars":5,"text":"abcde"}],"nodes":[{"id":"Lab:a","name":"a","type":"Lab","aliases":[],"attributes":{},"mentions":[{"doc":"d1","start":3,"end":9}]}],"edges":[]}' >"$tmp/past.json"
expect_error "mention past the text" "past.json: /nodes/0/mentions/0/end: 9 is past the end of document d1 \(5 code points\)" "$kg" query "$tmp/past.json" stats
expect_error "-j -1" "threads" "$kg" build "$excerpt" -j -1 -o "$tmp/j.json"

# 7. Names never keep control or format characters: a zero-width joiner inside a name is dropped
# (one node, not a look-alike), and a graph file naming a node with one is refused.
printf '建设金\342\200\215凤实验室。建设金凤实验室。建设\033[31m红色实验室。' >"$tmp/zwj.txt"
"$kg" -q build "$tmp/zwj.txt" -o "$tmp/zwj.json"
check "ZWJ dropped from names" python3 -c "
import json, sys
names = [n['name'] for n in json.loads(open(sys.argv[1]).read(), strict=False)['nodes']]
assert '金凤实验室' in names and not any(c in n for n in names for c in '\u200d\x1b'), names" "$tmp/zwj.json"
sed 's/"Lab:a","name":"a"/"Lab:a","name":"a\\u202eb"/; s/"end":9/"end":4/' "$tmp/past.json" >"$tmp/bidi.json"
expect_error "bidi override in a name" "bidi.json: /nodes/0/name: control or format character U\+202E" "$kg" query "$tmp/bidi.json" stats
# Every SVG is well-formed: names with entity-like text and ampersands.
python3 - "$tmp/g.json" "$tmp/amp.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
for i, name in enumerate(['&xxe;实验室', 'a&amp;b实验室', '<b>&lt;实验室', 'x\\"y\\']):
    g['nodes'].append({'id': 'Lab:' + name, 'name': name, 'type': 'Lab', 'aliases': ['&' + name],
                       'attributes': {}, 'mentions': []})
g['nodes'].sort(key=lambda n: n['id'])
json.dump(g, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
"$kg" -q render "$tmp/amp.json" --format svg -o "$tmp/amp.svg" --max-nodes 0
check "SVG passes xmllint" xmllint --noout "$tmp/amp.svg"
check "SVG title keeps &xxe; as text" grep -qF '<title>Lab:&amp;xxe;实验室</title>' "$tmp/amp.svg"
check "SVG title keeps &amp; as text" grep -qF '<title>Lab:a&amp;amp;b实验室</title>' "$tmp/amp.svg"
"$kg" -q render "$tmp/amp.json" --format html -o "$tmp/amp.html" --max-nodes 0

# 10. Export fidelity: DOT ids read back exactly; CSV cells that look like formulas are quoted;
# names from hostile files never reach the terminal raw.
"$kg" -q export "$tmp/amp.json" --format dot -o "$tmp/amp.dot"
check "DOT ids round trip" python3 -c "
import subprocess, sys
names = subprocess.run(['gvpr', 'N { print(name) }', sys.argv[1]], capture_output=True, check=True, text=True).stdout.split('\\n')
assert 'Lab:x\\\\\"y\\\\' in names and 'Lab:&xxe;实验室' in names, [n for n in names if 'x' in n]" "$tmp/amp.dot"
python3 - "$tmp/g.json" "$tmp/formula.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
for name in ['+cmd实验室', '=1+2实验室', '-x实验室', '@y实验室']:
    g['nodes'].append({'id': 'Lab:' + name, 'name': name, 'type': 'Lab', 'aliases': [], 'attributes': {}, 'mentions': []})
g['nodes'].sort(key=lambda n: n['id'])
json.dump(g, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
"$kg" -q export "$tmp/formula.json" --format neo4j -o "$tmp/formula"
check "CSV formula cells quoted" python3 -c "
import sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
bad = [l for l in lines if l[:1] in '=+-@']
assert not bad, bad
assert any(',\"+cmd实验室\",' in l for l in lines), lines" "$tmp/formula/nodes.csv"
mkdir -p "$tmp/esc"
printf 'x' >"$tmp/esc/$(printf 'a\033]0;pwned\007b').json"
"$kg" query "$tmp/esc/"*.json stats 2>"$tmp/esc.err" >/dev/null
check "no raw escape sequence on stderr" python3 -c "
import sys
err = open(sys.argv[1], 'rb').read()
assert b'\x1b' not in err and b'\x07' not in err and b'\\\\x1b' in err, err" "$tmp/esc.err"

# 6. Schema styles: unknown keys (href, URL) and unsafe values are refused; ./schema is announced.
cp -r "$src/schema" "$tmp/href_schema"
sed -i '0,/"shape": "ellipse",/s//"shape": "ellipse", "href": "javascript:alert(1)",/' "$tmp/href_schema/schema.json"
expect_error "style href" 'schema.json: /entity_types/0/style/href: unknown style attribute "href"' \
  "$kg" --schema "$tmp/href_schema" render "$tmp/g.json" -o "$tmp/h.svg"
cp -r "$src/schema" "$tmp/color_schema"
sed -i '0,/"color": "#2b6cb0"/s//"color": "red\\" URL=\\"javascript:alert(1)"/' "$tmp/color_schema/schema.json"
expect_error "unsafe style value" 'schema.json: /entity_types/0/style/color: unsafe style value' \
  "$kg" --schema "$tmp/color_schema" render "$tmp/g.json" -o "$tmp/h.svg"
mkdir -p "$tmp/cwd" && cp -r "$src/schema" "$tmp/cwd/schema"
(cd "$tmp/cwd" && "$kg" query "$tmp/g.json" stats >/dev/null 2>"$tmp/cwd.err")
check "./schema announced" grep -q "using the schema in ./schema" "$tmp/cwd.err"

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
