#!/usr/bin/env bash
# Every libFuzzer target of fuzz/ (a fuzz/<name>_fuzz.cc) has what
# scripts/fuzz.sh gives it: a dictionary fuzz/dict/<name>.dict in libFuzzer's
# syntax, at least one seed in fuzz/corpus/<name>/, a place in fuzz.sh's
# default list and in fuzz/CMakeLists.txt. Without this, a target added
# without its dictionary only fails in CI, after the 60 s runs of the others.
#   fuzz_inputs_test.sh PROJECT_DIR
set -u
project=$1
passed=0
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
shopt -s nullglob
sources=("$project"/fuzz/*_fuzz.cc)
[ ${#sources[@]} -gt 0 ] || fail "no fuzz/*_fuzz.cc found under $project"
for src in "${sources[@]}"; do
  name=$(basename "$src" _fuzz.cc)
  ok=1
  dict="$project/fuzz/dict/$name.dict"
  if [ ! -s "$dict" ]; then
    fail "fuzz/dict/$name.dict is missing or empty"; ok=0
  else
    # libFuzzer's dictionary syntax: blank lines, # comments, or "token"
    # (optionally name="token"); anything else makes libFuzzer refuse the file.
    bad=$(grep -nvE '^[[:space:]]*$|^[[:space:]]*#|^([A-Za-z0-9_]+=)?"([^"\\]|\\.)*"[[:space:]]*$' "$dict" | head -n 1)
    [ -z "$bad" ] || { fail "fuzz/dict/$name.dict:${bad%%:*}: not a libFuzzer dictionary line: ${bad#*:}"; ok=0; }
  fi
  seeds=("$project/fuzz/corpus/$name"/*)
  [ ${#seeds[@]} -gt 0 ] || { fail "fuzz/corpus/$name/ has no seed"; ok=0; }
  grep -qE "^\[ \\\$\{#targets\[@\]\} -gt 0 \] \|\| targets=\(.*\b$name\b.*\)" "$project/scripts/fuzz.sh" ||
    { fail "scripts/fuzz.sh does not run $name by default"; ok=0; }
  grep -qE "^bilan_fuzz_target\($name " "$project/fuzz/CMakeLists.txt" ||
    { fail "fuzz/CMakeLists.txt does not build fuzz_$name"; ok=0; }
  [ $ok = 1 ] && passed=$((passed + 1))
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
