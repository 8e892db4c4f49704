#!/usr/bin/env bash
# Builds the libFuzzer targets in tests/fuzz/ with clang (ASan + UBSan) into build-fuzz/ and runs
# each on a copy of its seed corpus (tests/fuzz/corpus/<target>/), so runs never write into the
# repository: for SECONDS_PER_TARGET seconds, or with --runs N for a bounded amount of work — every
# seed, then mutations up to N executions in all, from a fixed seed (-seed=1), so that the same
# inputs run every time and the pass does not depend on the machine's speed (tools/test.sh).
# Exits non-zero when any target crashes, times out (one input over 10 s: a hang), leaks or runs
# out of memory, and prints the saved input and how to reproduce it.
#
# usage: tools/fuzz.sh [SECONDS_PER_TARGET | --runs N] [TARGET...]
#   SECONDS_PER_TARGET  default 20; 0 only builds
#   --runs N            a bounded number of executions per target (seeds included), -seed=1: N for
#                       extract, the costliest per input, and for the others as many more as they
#                       run in the same time (graph_json 4 N, snapshot 4 N, text 10 N, json 20 N;
#                       lexicon_cache N/5, each input a whole payload to read); a later
#                       -seed= in FUZZ_ARGS picks other mutations
#   TARGET              text, extract, graph_json, snapshot, json, lexicon_cache (default: all, one
#                       after another)
# environment:
#   CXX                 clang++ to use (default: clang++-14 if present, else clang++)
#   FUZZ_JOBS           parallel compile jobs (default 2)
#   FUZZ_ARGS           extra libFuzzer flags for every target (e.g. "-seed=1"); to keep going
#                       after a finding and collect every distinct one (grouped in the summary):
#                       FUZZ_ARGS="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
#   FUZZ_KEEP_CORPUS=1  keep the grown corpus of the previous run instead of restarting from seeds
#
# Objects are cached in build-fuzz/obj (make, header dependencies tracked); a rerun after editing
# one source recompiles only that file. Reproduce a finding: build-fuzz/fuzz_<target> <input file>
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-20}
shift || true
runs=""
if [[ $seconds == --runs ]]; then
  runs=${1:-}
  shift || true
  [[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: --runs needs a positive whole number, got '$runs'" >&2; exit 2; }
  seconds=""
fi
all_targets=(text extract graph_json snapshot json lexicon_cache)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ -f tests/fuzz/fuzz_$t.cc ]] || { echo "fuzz.sh: unknown target '$t' (known: ${all_targets[*]})" >&2; exit 2; }
done
[[ -n $runs || $seconds =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number, got '$seconds'" >&2; exit 2; }

# Per-target libFuzzer settings: input size limit and dictionary.
max_len() {
  case $1 in
    text) echo 16384 ;;        # decode + layout are linear; long lines exercise sentence cutting
    extract) echo 8192 ;;      # a few paragraphs; whole reports would make each run slow
    graph_json) echo 16384 ;;
    snapshot) echo 16384 ;;    # snapshots of the small graphs in tests/data are 2-12 KB
    json) echo 4096 ;;
    lexicon_cache) echo 16384 ;;  # a payload's start, or edits of the bundled schema's payload
  esac
}
dict() {
  case $1 in
    text | extract) echo tests/fuzz/text.dict ;;
    graph_json | json) echo tests/fuzz/json.dict ;;
    snapshot | lexicon_cache) echo tests/fuzz/snapshot.dict ;;  # (extreme integers)
  esac
}
runs_of() {  # --runs N: executions of each target, about the same CPU time for each
  case $1 in
    extract) echo "$runs" ;;
    lexicon_cache) echo $(((runs + 4) / 5)) ;;  # each input reads the whole bundled payload
    graph_json | snapshot) echo $((4 * runs)) ;;
    text) echo $((10 * runs)) ;;
    json) echo $((20 * runs)) ;;
  esac
}
seed_dirs() {  # json also starts from the graph files
  case $1 in
    json) echo tests/fuzz/corpus/json tests/fuzz/corpus/graph_json ;;
    *) echo "tests/fuzz/corpus/$1" ;;
  esac
}

if [[ -z ${CXX:-} ]]; then
  if command -v clang++-14 >/dev/null; then CXX=clang++-14; else CXX=clang++; fi
fi
command -v "$CXX" >/dev/null || { echo "fuzz.sh: $CXX not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }

if pkg-config --exists spdlog fmt 2>/dev/null; then
  dep_cflags=$(pkg-config --cflags spdlog fmt)
  dep_libs=$(pkg-config --libs spdlog fmt)
else
  dep_cflags="-DSPDLOG_SHARED_LIB -DSPDLOG_COMPILED_LIB -DSPDLOG_FMT_EXTERNAL"
  dep_libs="-lspdlog -lfmt"
fi
# RapidJSON and Boost are header-only; use their pkg-config include path when there is one.
dep_cflags+=" $(pkg-config --cflags RapidJSON 2>/dev/null || true)"

# Everything the targets link: the library part of src/ (not the CLI, rendering, export, query or
# evaluation code, which no target reaches).
mapfile -t sources < <(cd "$root" && find src/common src/text src/schema src/lexicon src/extract src/graph \
  -name '*.cc' | LC_ALL=C sort)

out=build-fuzz
mkdir -p "$out/unity"
# Compiled in batches of 12 sources (a unity build, as CMake's POLICYKG_UNITY_BUILD does): the shared
# headers are parsed and instrumented once per batch, not once per source (156 s of CPU per clean
# build before). sha256.cc stays on its own (its SHA-NI code and target attributes; CMakeLists.txt).
# A batch file is rewritten only when its list changes, so make's header tracking keeps reruns cheap.
objects=()
batch=()
batches=0
flush_batch() {
  ((${#batch[@]})) || return 0
  local name="unity/batch_$((batches++)).cc" text=""
  for f in "${batch[@]}"; do text+="#include \"$root/$f\""$'\n'; done
  [[ -f $out/$name && $(<"$out/$name")$'\n' == "$text" ]] || printf '%s' "$text" >"$out/$name"
  objects+=("obj/${name%.cc}.o")
  batch=()
}
for f in "${sources[@]}"; do
  if [[ $f == src/text/sha256.cc ]]; then
    objects+=("obj/${f%.cc}.o")
    continue
  fi
  batch+=("$f")
  ((${#batch[@]} == 12)) && flush_batch
done
flush_batch
cflags="-std=c++20 -gline-tables-only -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
-fsanitize-ignorelist=$root/tests/fuzz/ubsan_ignorelist.txt \
-Wall -Wextra -Wno-missing-field-initializers -Wno-ambiguous-reversed-operator -DRAPIDJSON_HAS_STDSTRING=1 \
-DPOLICYKG_SOURCE_DIR=\"\\\"$root\\\"\" -DPOLICYKG_VERSION=\"\\\"fuzz\\\"\" \
-I$root/src -I$root/tests/fuzz $dep_cflags"
# Library objects get coverage instrumentation without libFuzzer's main; targets link libFuzzer.
{
  echo "# Generated by tools/fuzz.sh; do not edit."
  echo "CXX := $CXX"
  echo "CXXFLAGS := $cflags"
  echo "LIBS := $dep_libs -pthread"
  echo "ROOT := $root"
  printf 'LIB_OBJS :='; printf ' %s' "${objects[@]}"; echo
  printf 'TARGETS :='; printf ' fuzz_%s' "${all_targets[@]}"; echo
  cat <<'EOF'
.DELETE_ON_ERROR:
.SECONDARY:
all: $(TARGETS)
libpolicykg_fuzz.a: $(LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^
	@echo "  AR   $@"
obj/src/%.o: $(ROOT)/src/%.cc flags.txt $(ROOT)/tests/fuzz/ubsan_ignorelist.txt
	@mkdir -p $(dir $@)
	@echo "  CXX  src/$*.cc"
	@$(CXX) $(CXXFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
obj/unity/%.o: unity/%.cc flags.txt $(ROOT)/tests/fuzz/ubsan_ignorelist.txt
	@mkdir -p $(dir $@)
	@echo "  CXX  $<"
	@$(CXX) $(CXXFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
obj/tests/fuzz/%.o: $(ROOT)/tests/fuzz/%.cc flags.txt $(ROOT)/tests/fuzz/ubsan_ignorelist.txt
	@mkdir -p $(dir $@)
	@echo "  CXX  tests/fuzz/$*.cc"
	@$(CXX) $(CXXFLAGS) -fsanitize=fuzzer -MMD -MP -c $< -o $@
fuzz_%: obj/tests/fuzz/fuzz_%.o libpolicykg_fuzz.a
	@echo "  LINK $@"
	@$(CXX) $(CXXFLAGS) -fsanitize=fuzzer $^ $(LIBS) -o $@
-include $(shell find obj -name '*.d' 2>/dev/null)
EOF
} >"$out/Makefile.new"
# flags.txt changes only when the compiler or flags do, so a rerun reuses every object.
echo "$CXX $cflags $dep_libs" >"$out/flags.new"
cmp -s "$out/flags.new" "$out/flags.txt" 2>/dev/null || mv "$out/flags.new" "$out/flags.txt"
rm -f "$out/flags.new"
mv "$out/Makefile.new" "$out/Makefile"

build_start=$SECONDS
make -s -C "$out" --no-print-directory -j"${FUZZ_JOBS:-2}" "${targets[@]/#/fuzz_}"
echo "fuzz.sh: build took $((SECONDS - build_start)) s"
[[ -z $runs && $seconds -eq 0 ]] && exit 0
what="${seconds}s"
[[ -n $runs ]] && what="--runs $runs"

failed=()
for t in "${targets[@]}"; do
  run="$out/run/$t"
  if [[ ${FUZZ_KEEP_CORPUS:-0} != 1 || ! -d $run/corpus ]]; then
    rm -rf "$run/corpus"
    mkdir -p "$run/corpus"
    for d in $(seed_dirs "$t"); do cp "$d"/* "$run/corpus/"; done
  fi
  rm -rf "$run/artifacts"
  mkdir -p "$run/artifacts"
  if [[ -n $runs ]]; then
    bound=(-runs="$(runs_of "$t")" -seed=1)
  else
    bound=(-max_total_time="$seconds")
  fi
  echo "== fuzz_$t: ${bound[*]}, -max_len=$(max_len "$t"), corpus $run/corpus ($(ls "$run/corpus" | wc -l) inputs)"
  status=0
  # shellcheck disable=SC2086
  POLICYKG_FUZZ_SCHEMA="$root/schema" "$out/fuzz_$t" "$run/corpus" \
    "${bound[@]}" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
    -dict="$(dict "$t")" -artifact_prefix="$run/artifacts/" -print_final_stats=1 ${FUZZ_ARGS:-} \
    >"$run/log" 2>&1 || status=$?
  # The last status line (also in -fork mode) and the final statistics.
  grep -E '^#[0-9]+:?[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED|cov:)' "$run/log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$run/log" | tr -s ' ' | tr '\n' ' ' || true
  echo
  mapfile -t found < <(find "$run/artifacts" -type f | LC_ALL=C sort)
  if [[ $status -ne 0 || ${#found[@]} -gt 0 ]]; then
    failed+=("$t")
    echo "!! fuzz_$t FAILED (exit $status): ${#found[@]} input(s) in $run/artifacts/; log: $run/log"
    [[ ${#found[@]} -eq 0 ]] && tail -n 40 "$run/log"
    # Rerun each saved input (at most 50) and group them by what broke, so that a -fork run that
    # kept going after crashes shows each distinct problem once, with its smallest input.
    declare -A count=() example=() detail=()
    for f in "${found[@]:0:50}"; do
      report=$(POLICYKG_FUZZ_SCHEMA="$root/schema" timeout 60 "$out/fuzz_$t" -timeout=10 -rss_limit_mb=2048 "$f" 2>&1 || true)
      sig=$(grep -a -E -m1 -A1 'FUZZ_CHECK failed' <<<"$report" | tr '\n' ' ' | cut -c1-300 || true)
      [[ -z $sig ]] && sig=$(grep -a -E -m1 'SUMMARY: |ERROR: libFuzzer: timeout|runtime error:' <<<"$report" || true)
      [[ -z $sig ]] && sig="$(basename "$f" | cut -d- -f1) (did not reproduce on a single run)"
      sig=$(sed -E 's/[0-9]+/N/g' <<<"$sig")
      count[$sig]=$((${count[$sig]:-0} + 1))
      if [[ -z ${example[$sig]:-} || $(wc -c <"$f") -lt $(wc -c <"${example[$sig]}") ]]; then
        example[$sig]=$f
        detail[$sig]=$(grep -a -E -m1 -A25 'FUZZ_CHECK failed|runtime error:|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)' <<<"$report" |
          grep -a -v -E 'in fuzzer::|libc\.so|libc_start|_start \(|__sanitizer_print|pthread_kill|raise |abort |NOTE: libFuzzer|Combine libFuzzer' | head -n 20 || true)
      fi
    done
    for sig in "${!count[@]}"; do
      f=${example[$sig]}
      echo "-- ${count[$sig]} input(s): $sig"
      echo "   smallest: $f ($(wc -c <"$f") bytes)"
      echo "   reproduce: POLICYKG_FUZZ_SCHEMA=$root/schema $out/fuzz_$t $f"
      sed 's/^/   | /' <<<"${detail[$sig]}"
    done
    unset count example detail
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz.sh: all ${#targets[@]} targets ran $what without a finding"
