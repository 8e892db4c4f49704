#!/usr/bin/env bash
# `policykg explain`: per sentence, each fact with the rule that made it, on stdout only (with
# --dropped also the names no entity came from, with the reason); a
# relation pattern added to a copy of schema/rules.json shows up with its name; a bad rules.json
# is one error line naming file and JSON pointer (exit 2).
# usage: explain_test.sh POLICYKG_BINARY SOURCE_DIR
set -u
kg=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

check() {  # check NAME PATTERN FILE: FILE holds a line matching PATTERN
  if grep -qE -- "$2" "$3"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1: no line matching $2 in:" >&2
    sed 's/^/    /' "$3" | head -10 >&2
    failures=$((failures + 1))
  fi
}

"$kg" explain --text "支持彭水、酉阳和秀山加快建设川渝高竹新区。" >"$tmp/out" 2>"$tmp/err"
check "region_verb pattern" '^  彭水  develops  川渝高竹新区  develops.region_verb$' "$tmp/out"
check "name blend" '^  川渝高竹新区  involves  四川  involves.name_blend$' "$tmp/out"
check "entity rule" '^  entity  川渝高竹新区  Platform  entity.head$' "$tmp/out"
[ ! -s "$tmp/err" ] && passed=$((passed + 1)) || { echo "FAIL explain wrote to stderr" >&2; failures=$((failures + 1)); }

# --dropped: a name nested in a kept one, and a counted class, each with its reason.
"$kg" explain --dropped --text "加快巢马城际铁路建设，国家现代农业产业园、地理标志保护示范区分别增加2个。" >"$tmp/out" 2>"$tmp/err"
check "dropped inside" '^  dropped  巢马城际  Project  entity.head  \(inside 巢马城际铁路 \(Project entity.head\)\)$' "$tmp/out"
check "dropped generic" '^  dropped  地理标志保护示范区  Platform  entity.head  \(generic ' "$tmp/out"
"$kg" explain --text "加快巢马城际铁路建设。" >"$tmp/out" 2>"$tmp/err"
! grep -q dropped "$tmp/out" && passed=$((passed + 1)) || { echo "FAIL dropped listed without --dropped" >&2; failures=$((failures + 1)); }

cp -r "$src/schema" "$tmp/schema"
python3 - "$tmp/schema/rules.json" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('  {"name": "targets.document_region"}',
              '  {"name": "located_in.verb", "pattern": [{"span": "Entity", "types": ["Lab"]}, {"literal": ["落户"]},'
              ' {"span": "Region"}], "emit": {"relation": "located_in", "source": 0, "target": 2}},\n'
              '  {"name": "targets.document_region"}')
open(p, "w", encoding="utf-8").write(s)
PY
printf '金凤实验室落户万州区。\n' >"$tmp/t.txt"
"$kg" --schema "$tmp/schema" explain "$tmp/t.txt" >"$tmp/out" 2>"$tmp/err"
check "pattern added as data" '^  金凤实验室  located_in  万州  located_in.verb$' "$tmp/out"

sed -i 's/{"words": "develop_verbs"}/{"words": "develop_verb"}/' "$tmp/schema/rules.json"
"$kg" --schema "$tmp/schema" explain "$tmp/t.txt" >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" -eq 2 ] && [ "$(grep -c . "$tmp/err")" -eq 1 ] && passed=$((passed + 1)) \
  || { echo "FAIL bad rules.json: exit $code" >&2; failures=$((failures + 1)); }
# The pointer names the pattern's own index in rules.json, whatever rules come before it.
index=$(python3 -c 'import json,sys; print([i for i, r in enumerate(json.load(open(sys.argv[1]))["rules"]) if "develop_verb" in json.dumps(r)][0])' "$tmp/schema/rules.json")
check "bad word list" "rules.json: /rules/$index/pattern/1/words: unknown word list \"develop_verb\" \\(did you mean \"develop_verbs\"\\?\\)" "$tmp/err"

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
