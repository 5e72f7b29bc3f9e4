#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DBILAN_SANITIZE=ON) in build-asan/ and runs the whole CTest suite under
# them, leak checking included. Fails on a failed test and on any sanitizer
# report, even one from a program a test expected to fail: reports go to
# files (build-asan/sanitizer-reports/), which must stay empty.
#
#   scripts/sanitize.sh                     the system compiler (gcc)
#   CC=clang CXX=clang++ scripts/sanitize.sh
#   scripts/sanitize.sh -R bad-input        extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
reports=$root/build-asan/sanitizer-reports

# Warnings are not errors here: gcc 12 with -fsanitize=address warns about
# libstdc++'s own <regex> (maybe-uninitialized, a false positive). The normal
# build enforces warnings.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBILAN_SANITIZE=ON -DBILAN_WERROR=OFF \
  ${CC:+-DCMAKE_C_COMPILER=$CC} ${CXX:+-DCMAKE_CXX_COMPILER=$CXX} >/dev/null
cmake --build build-asan -j"$(nproc)"

rm -rf "$reports"
mkdir -p "$reports"
chmod 1777 "$reports"  # tests may run bilan as another user (tests/bad-input)
# exitcode=86: a report never looks like bilan's own exit status 1.
# fast_unwind_on_malloc=0: full allocation stacks, so that the suppressions
# (third-party leaks only) match by function name.
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:exitcode=86:log_path=$reports/asan:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$reports/ubsan"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0"

status=0
(cd build-asan && ctest --output-on-failure -j"$(nproc)" "$@") || status=$?

count=$(find "$reports" -type f | wc -l)
if [ "$count" -gt 0 ]; then
  for f in "$reports"/*; do
    echo "==== $f"
    head -n 80 "$f"
  done
  echo "sanitize.sh: $count sanitizer report(s), above"
  exit 1
fi
if [ $status != 0 ]; then
  echo "sanitize.sh: tests failed under the sanitizers"
  exit 1
fi
echo "sanitize.sh: every test passed under ASan + UBSan, no sanitizer report"
