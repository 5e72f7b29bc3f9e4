#!/usr/bin/env bash
# A failed `bilan build` leaves an existing --out folder exactly as it was:
# the same files, bytes, modes and modification times, and no temporary folder
# beside it. The bad contents are cases of the bad-input corpus.
#
#   failed_build_test.sh BILAN PROJECT_DIR
set -u
bilan=$1
project=$(cd "$2" && pwd)
cases="$project/tests/bad-input/cases"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bilan-failed-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# The project copy, with a bad-input case laid over it (see tests/bad-input/README.md).
fresh_project() {  # fresh_project [CASE_NAME]
  rm -rf "$tmp/p"
  mkdir -p "$tmp/p"
  for d in content templates assets; do
    [ -d "$project/$d" ] && cp -r "$project/$d" "$tmp/p/"
  done
  [ -n "${1:-}" ] || return 0
  for d in content assets templates; do
    [ -d "$cases/$1/$d" ] && cp -r "$cases/$1/$d" "$tmp/p/"
  done
  if [ -f "$cases/$1/setup.sh" ]; then (cd "$tmp/p" && bash "$cases/$1/setup.sh") || return 1; fi
}

# Everything that must not change: type, mode, size, mtime (ns), path, bytes.
snapshot() {  # snapshot DIR
  (cd "$1" && find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort &&
     find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# The previous site: a real build of the shipped project, plus a file of the
# editor's own, made older so that a rewrite would show in its mtime.
fresh_project
if ! "$bilan" build --quiet --source "$tmp/p" --out "$tmp/site" >"$tmp/out" 2>&1; then
  cat "$tmp/out"
  echo "FAIL the shipped project does not build, so there is no previous site to protect"
  exit 1
fi
echo "kept by the editor" >"$tmp/site/keep-me.txt"
touch -d '2016-03-01 12:00' "$tmp/site/keep-me.txt"
chmod 640 "$tmp/site/keep-me.txt"
snapshot "$tmp/site" >"$tmp/before"
echo "previous site: $(find "$tmp/site" -type f | wc -l) files"

for c in yaml-unclosed-flow-map yaml-alias-bomb invalid-utf8-latin1 too-large-file unknown-measure \
         missing-narrative-file installations-above-signes narrative-symlink-outside named-pipe-instead-of-file; do
  if [ ! -d "$cases/$c" ]; then fail "$c: no such bad-input case"; continue; fi
  if ! fresh_project "$c"; then fail "$c: setup.sh failed"; continue; fi
  timeout -s KILL 60 "$bilan" build --quiet --source "$tmp/p" --out "$tmp/site" >"$tmp/out" 2>&1
  status=$?
  if [ $status != 1 ]; then
    # A build that succeeded replaced the previous site: the cases after it would prove nothing.
    fail "$c: exit status $status, expected 1"; cat "$tmp/out"; break
  fi
  snapshot "$tmp/site" >"$tmp/after"
  if ! diff -u "$tmp/before" "$tmp/after" >"$tmp/diff"; then
    fail "$c: the failed build changed the output folder"; head -40 "$tmp/diff"; continue
  fi
  if ls -A "$tmp" | grep -q '^\.site\.new-'; then fail "$c: a temporary folder was left beside the output"; continue; fi
  passed=$((passed + 1))
done

# An --out that is a file: refused, the file untouched. (This build renders
# everything before it finds out, so it is the one slow case.)
fresh_project
printf 'not a folder\n' >"$tmp/file"
touch -d '2016-03-01 12:00' "$tmp/file"
before=$(stat -c '%s %Y %a' "$tmp/file"; sha256sum <"$tmp/file")
for out in "$tmp/file"; do
  "$bilan" build --quiet --source "$tmp/p" --out "$out" >"$tmp/out" 2>&1
  status=$?
  after=$(stat -c '%s %Y %a' "$tmp/file"; sha256sum <"$tmp/file")
  if [ $status != 1 ]; then fail "--out $out: exit status $status, expected 1"
  elif [ "$before" != "$after" ]; then fail "--out $out: the file was changed"
  elif ! grep -q '^bilan: error: ' "$tmp/out"; then fail "--out $out: no error message"; cat "$tmp/out"
  else passed=$((passed + 1))
  fi
done
if ls -A "$tmp" | grep -q '^\.file\.new-'; then fail "a temporary folder was left beside --out"; else passed=$((passed + 1)); fi

echo "$passed passed, $failures failed"
[ $failures = 0 ]
