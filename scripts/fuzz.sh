#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) in
# build-fuzz/ and runs each for FUZZ_SECONDS (default 60) from its committed
# seeds, fuzz/corpus/<target>/. Fails on any crash, sanitizer report, leak,
# timeout (an input taking more than 10 s) or memory blow-up (> 2 GiB).
#
#   scripts/fuzz.sh                         every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh loader one target, longer
#
# Inputs found during a run go to build-fuzz/corpus/<target>/ (kept from run
# to run, never committed); a failing input is saved as
# build-fuzz/artifacts/<target>/crash-* (or timeout-*, leak-*, oom-*) and can be
# replayed with: build-fuzz/fuzz/fuzz_<target> build-fuzz/artifacts/<target>/crash-...
# Worth adding to the seeds: a small input reaching new code (`-merge=1`).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(loader markdown yaml_subset linebreak)

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ not found; install Debian packages clang and libclang-rt-14-dev" >&2
  exit 1
fi

# Everything is instrumented for coverage (fuzzer-no-link) and built with the
# sanitizers; only the fuzz_* programs link libFuzzer's main. Warnings are not
# errors here: clang warns differently from the gcc build, which enforces them.
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DBILAN_FUZZ=ON -DBILAN_SANITIZE=ON -DBILAN_WERROR=OFF \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=()
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/artifacts/$t"
  log="build-fuzz/$t.log"
  echo "fuzz.sh: $t for ${seconds} s (log: $log)"
  status=0
  "build-fuzz/fuzz/fuzz_$t" "build-fuzz/corpus/$t" "fuzz/corpus/$t" \
    -dict="fuzz/dict/$t.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="build-fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  # One summary line: executions, speed, coverage, corpus.
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/' || true)
  if [ $status = 0 ]; then
    echo "fuzz.sh: $t: ok, ${runs:-?} runs (${speed:-?}/s), $last"
  else
    echo "fuzz.sh: $t: FAILED (exit status $status); the end of $log:"
    tail -n 60 "$log"
    ls -1 "build-fuzz/artifacts/$t" | sed 's/^/  reproducer: build-fuzz\/artifacts\/'"$t"'\//'
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failed: ${failed[*]}"
  exit 1
fi
