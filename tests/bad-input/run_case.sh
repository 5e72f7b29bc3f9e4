#!/usr/bin/env bash
# Runs one bad-input case: copies the project's content, templates and assets
# to a temporary folder, lays the case over it, runs `bilan check` and compares
# the exit status (1), stdout (empty) and stderr (exactly expected.stderr).
#
#   run_case.sh BILAN PROJECT_DIR CASE_DIR          check the case
#   run_case.sh --print BILAN PROJECT_DIR CASE_DIR  print what bilan says (to write a new case)
#
# A case folder holds (see README.md):
#   content/..., assets/...  files copied over the project copy, same paths
#   setup.sh                 optional; run with bash inside the project copy, for
#                            what git cannot hold (symbolic links, modes, pipes,
#                            files of several MiB)
#   unprivileged             optional marker: bilan must run as a user that file
#                            modes apply to (see below)
#   expected.stderr          what bilan must print, byte for byte
#
# Exit status: 0 pass, 1 fail, 77 skipped (CTest SKIP_RETURN_CODE).
set -u

print=0
if [ "${1:-}" = "--print" ]; then print=1; shift; fi
bilan=$1
project=$2
case_dir=$(cd "$3" && pwd)
name=$(basename "$case_dir")
# Seconds bilan gets before the case counts as a hang. Generous for sanitizer
# builds; a correct run takes a few milliseconds.
limit=${BAD_INPUT_TIMEOUT:-30}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bilan-bad-input.XXXXXX")
cleanup() { chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
p="$tmp/project"
mkdir -p "$p"
cp -r "$project/content" "$p/"
for d in templates assets; do
  [ -d "$project/$d" ] && cp -r "$project/$d" "$p/"
done
for d in content assets templates; do
  [ -d "$case_dir/$d" ] && cp -r "$case_dir/$d" "$p/"
done

run=("$bilan")
if [ -e "$case_dir/unprivileged" ] && [ "$(id -u)" = 0 ]; then
  # root reads any file whatever its mode, so a permission case says nothing
  # about bilan when run as root (CI does). Run bilan as 'nobody' instead, when
  # the system allows it; otherwise skip, saying so.
  if ! command -v setpriv >/dev/null 2>&1; then
    echo "SKIP $name: running as root and setpriv is missing, file modes cannot be tested"
    exit 77
  fi
  chmod 755 "$tmp"
  chmod -R a+rX "$p"
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups "$bilan")
  if ! "${run[@]}" --version >/dev/null 2>&1; then
    echo "SKIP $name: running as root, and user 'nobody' cannot run $bilan (folder modes), file modes cannot be tested"
    exit 77
  fi
fi

if [ -f "$case_dir/setup.sh" ]; then
  (cd "$p" && bash "$case_dir/setup.sh") || { echo "FAIL $name: setup.sh failed"; exit 1; }
fi

timeout -s KILL "$limit" "${run[@]}" check --source "$p" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?

if [ $print = 1 ]; then
  cat "$tmp/stderr"
  echo "(exit status $status)" >&2
  exit 0
fi

fail=0
if [ $status = 137 ]; then
  echo "FAIL $name: bilan did not finish within $limit s (killed)"
  fail=1
elif [ $status -gt 128 ]; then
  echo "FAIL $name: bilan died of signal $((status - 128))"
  fail=1
elif [ $status != 1 ]; then
  echo "FAIL $name: exit status $status, expected 1"
  fail=1
fi
if [ -s "$tmp/stdout" ]; then
  echo "FAIL $name: unexpected output on stdout:"
  head -c 2000 "$tmp/stdout"
  fail=1
fi
if ! diff -u --label expected.stderr --label "bilan's stderr" "$case_dir/expected.stderr" "$tmp/stderr"; then
  echo "FAIL $name: stderr differs from expected.stderr"
  fail=1
fi
[ $fail = 0 ] && echo "ok $name"
exit $fail
