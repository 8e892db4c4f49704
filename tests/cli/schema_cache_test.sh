#!/usr/bin/env bash
# The compiled schema cache through the CLI: the first `build` writes one file into
# $POLICYKG_CACHE_DIR, the next reads it; graphs and `explain` are byte-identical cold, warm and with
# --no-schema-cache / POLICYKG_SCHEMA_CACHE=off (which write nothing); a damaged or foreign cache
# file is replaced, a cache folder that cannot be made is no error; a schema copy with the same
# content reads the same file, an edited one writes another.
# usage: schema_cache_test.sh POLICYKG_BINARY SOURCE_DIR
set -u
kg=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

ok() { passed=$((passed + 1)); }
fail() {
  echo "FAIL $1" >&2
  failures=$((failures + 1))
}
same() {  # same NAME FILE1 FILE2
  if cmp -s "$2" "$3"; then ok; else fail "$1: $2 and $3 differ"; fi
}
files_in() { find "$1" -name 'schema-*.lexcache' 2>/dev/null | wc -l; }

report="$src/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt"
export POLICYKG_CACHE_DIR="$tmp/cache"
unset POLICYKG_SCHEMA_CACHE

"$kg" --schema "$src/schema" build "$report" -o "$tmp/cold.json" -j 1 2>"$tmp/err" || fail "cold build failed"
[ "$(files_in "$tmp/cache")" = 1 ] && ok || fail "the cold build wrote $(files_in "$tmp/cache") cache files, not 1"
grep -q 'schema cache' "$tmp/err" && fail "cache lines at the default log level: $(cat "$tmp/err")" || ok
"$kg" -v --schema "$src/schema" build "$report" -o "$tmp/warm.json" -j 1 2>"$tmp/err" || fail "warm build failed"
grep -q '(compiled schema cache)' "$tmp/err" && ok || fail "the warm build did not read the cache: $(grep schema "$tmp/err")"
same "warm" "$tmp/cold.json" "$tmp/warm.json"
"$kg" --schema "$src/schema" --no-schema-cache build "$report" -o "$tmp/off.json" -j 2 2>/dev/null || fail "--no-schema-cache build failed"
same "--no-schema-cache" "$tmp/cold.json" "$tmp/off.json"
"$kg" --schema "$src/schema" build "$report" -o "$tmp/warm_nt.json" -j 2 --no-text 2>/dev/null
"$kg" --schema "$src/schema" --no-schema-cache build "$report" -o "$tmp/off_nt.json" -j 1 --no-text 2>/dev/null
same "--no-text" "$tmp/warm_nt.json" "$tmp/off_nt.json"

# explain reads the same cache and says the same.
text="推进成渝地区双城经济圈建设，万州建设港口，支持川渝高竹新区建设。"
"$kg" -v --schema "$src/schema" explain --text "$text" >"$tmp/explain_warm" 2>"$tmp/err"
grep -q '(compiled schema cache)' "$tmp/err" && ok || fail "explain did not read the cache"
"$kg" --schema "$src/schema" --no-schema-cache explain --text "$text" >"$tmp/explain_off"
same "explain" "$tmp/explain_warm" "$tmp/explain_off"
[ -s "$tmp/explain_off" ] && ok || fail "explain printed nothing"

# Off: nothing read or written.
rm -rf "$tmp/cache"
"$kg" --schema "$src/schema" --no-schema-cache build "$report" -o "$tmp/x.json" 2>/dev/null
POLICYKG_SCHEMA_CACHE=off "$kg" --schema "$src/schema" build "$report" -o "$tmp/x.json" 2>/dev/null
[ "$(files_in "$tmp/cache")" = 0 ] && ok || fail "the cache was written while off"

# A damaged or foreign file is not used, and is replaced.
"$kg" --schema "$src/schema" build "$report" -o "$tmp/x.json" 2>/dev/null
cache_file=$(find "$tmp/cache" -name 'schema-*.lexcache')
size=$(stat -c %s "$cache_file")
for damage in truncate flip garbage; do
  case $damage in
    truncate) head -c $((size / 2)) "$cache_file" >"$tmp/damaged" ;;
    flip) python3 - "$cache_file" "$tmp/damaged" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
data[len(data) * 2 // 3] ^= 0x10
open(sys.argv[2], 'wb').write(data)
PY
      ;;
    garbage) printf 'not a cache' >"$tmp/damaged" ;;
  esac
  cp "$tmp/damaged" "$cache_file"
  "$kg" -v --schema "$src/schema" build "$report" -o "$tmp/damaged.json" -j 1 2>"$tmp/err" || fail "$damage: build failed"
  same "$damage" "$tmp/cold.json" "$tmp/damaged.json"
  grep -q 'schema cache: not used' "$tmp/err" && ok || fail "$damage: used: $(grep 'schema cache' "$tmp/err")"
  [ "$(stat -c %s "$cache_file")" = "$size" ] && ok || fail "$damage: not rewritten"
done

# A cache folder that cannot be made (its parent is a file): the build succeeds, quietly.
touch "$tmp/file"
POLICYKG_CACHE_DIR="$tmp/file/cache" "$kg" --schema "$src/schema" build "$report" -o "$tmp/nocache.json" -j 1 2>"$tmp/err" \
  && ok || fail "build with an unwritable cache folder failed"
same "unwritable cache folder" "$tmp/cold.json" "$tmp/nocache.json"
grep -qv '^info: ' "$tmp/err" && fail "unwritable cache folder: stderr: $(cat "$tmp/err")" || ok
# No HOME, no cache variables: no cache, no error.
env -u HOME -u XDG_CACHE_HOME -u POLICYKG_CACHE_DIR "$kg" --schema "$src/schema" build "$report" -o "$tmp/nohome.json" -j 1 2>"$tmp/err" \
  && ok || fail "build without HOME failed"
same "no HOME" "$tmp/cold.json" "$tmp/nohome.json"

# The same content elsewhere reads the same file; an edited copy writes a second one.
cp -r "$src/schema" "$tmp/schema_copy"
"$kg" -v --schema "$tmp/schema_copy" build "$report" -o "$tmp/copy.json" -j 1 2>"$tmp/err"
grep -q '(compiled schema cache)' "$tmp/err" && ok || fail "a copy of the schema did not read the cache"
same "schema copy" "$tmp/cold.json" "$tmp/copy.json"
python3 - "$tmp/schema_copy/lexicon/words.json" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding='utf-8').read()
open(path, 'w', encoding='utf-8').write(text.replace('"develop_verbs": [', '"develop_verbs": ["营造", ', 1))
PY
"$kg" -v --schema "$tmp/schema_copy" build "$report" -o "$tmp/edited.json" -j 1 2>"$tmp/err"
grep -q '(compiled schema cache)' "$tmp/err" && fail "an edited schema read the old cache" || ok
[ "$(files_in "$tmp/cache")" = 2 ] && ok || fail "an edited schema did not write its own cache file"
"$kg" --schema "$tmp/schema_copy" --no-schema-cache build "$report" -o "$tmp/edited_off.json" -j 1 2>/dev/null
"$kg" --schema "$tmp/schema_copy" build "$report" -o "$tmp/edited_warm.json" -j 1 2>/dev/null
same "edited schema, warm" "$tmp/edited_off.json" "$tmp/edited_warm.json"
same "edited schema, cold" "$tmp/edited_off.json" "$tmp/edited.json"

echo "schema_cache_test: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
