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
python3 -c "import sys; sys.stdout.write('重庆' * 5_000_000 + '建设金凤实验室' * 1000)" >"$tmp/one_line.txt"  # 30 MB, one line
timeout 120 "$kg" -q build "$tmp/one_line.txt" -o "$tmp/one_line.json" --no-text \
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

# stdout carries data only.
"$kg" build "$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt" -o - 2>/dev/null | python3 -c "import json,sys; json.load(sys.stdin)" \
  && passed=$((passed + 1)) || { echo "FAIL build -o - is not clean JSON" >&2; failures=$((failures + 1)); }

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
