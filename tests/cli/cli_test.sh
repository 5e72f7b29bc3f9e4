#!/usr/bin/env bash
# The bilan command as a user runs it: exit status and exact output.
#   cli_test.sh BILAN PROJECT_DIR
set -u
bilan=$1
project=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

expect() {  # expect NAME WANT_STATUS WANT_STDERR_FILE -- command...
  local name=$1 want_status=$2 want_err=$3
  shift 4
  "$@" >"$tmp/stdout" 2>"$tmp/err"
  local status=$?
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $name: exit status $status, expected $want_status"; cat "$tmp/err"; failures=$((failures + 1)); return
  fi
  if [ -n "$want_err" ] && ! diff -u "$want_err" "$tmp/err"; then
    echo "FAIL $name: stderr differs"; failures=$((failures + 1)); return
  fi
  passed=$((passed + 1))
}

copy_project() {
  rm -rf "$tmp/p"; mkdir -p "$tmp/p"
  cp -r "$project/content" "$tmp/p/"
  mkdir -p "$tmp/p/assets" && cp -r "$project/assets/." "$tmp/p/assets/"
  [ -d "$project/templates" ] && cp -r "$project/templates" "$tmp/p/"
  true
}

"$bilan" --version | grep -q '^bilan [0-9]' && passed=$((passed + 1)) || { echo "FAIL --version"; failures=$((failures + 1)); }
expect "check shipped content" 0 "" -- "$bilan" check --source "$project"

# A misspelt key, with the line quoted and a caret under it; a second error in
# another file is reported in the same run.
copy_project
sed -i 's/^population:/populaton:/' "$tmp/p/content/regions/bretagne/region.yaml"
line=$(grep -n '^populaton:' "$tmp/p/content/regions/bretagne/region.yaml" | cut -d: -f1)
sed -i 's/^name: France/nme: France/' "$tmp/p/content/national.yaml"
nline=$(grep -n '^nme:' "$tmp/p/content/national.yaml" | cut -d: -f1)
idline=$(grep -n '^id:' "$tmp/p/content/national.yaml" | cut -d: -f1)
cat >"$tmp/want" <<WANT
bilan: error: content/national.yaml:$nline:1: unknown key 'nme' (did you mean 'name'?)
    nme: France
    ^
bilan: error: content/national.yaml:$idline:1: missing required key 'name'
$(sed -n "${idline}p" "$tmp/p/content/national.yaml" | sed 's/^/    /')
    ^
bilan: error: content/regions/bretagne/region.yaml:$line:1: unknown key 'populaton' (did you mean 'population'?)
    $(sed -n "${line}p" "$tmp/p/content/regions/bretagne/region.yaml")
    ^
bilan: 3 errors
WANT
expect "unknown keys in two files" 1 "$tmp/want" -- "$bilan" check --source "$tmp/p"

# A wrong --source.
cat >"$tmp/want" <<WANT
bilan: error: content: no content folder (is --source the project folder?)
WANT
expect "no content folder" 1 "$tmp/want" -- "$bilan" check --source "$tmp/nowhere"

# A failed build leaves the previous output untouched.
copy_project
mkdir -p "$tmp/out" && echo "old site" >"$tmp/out/index.html"
sed -i 's/^order: 3$/order: trois/' "$tmp/p/content/regions/bretagne/region.yaml"
expect "failed build" 1 "" -- "$bilan" build --source "$tmp/p" --out "$tmp/out"
if [ "$(cat "$tmp/out/index.html")" = "old site" ] && [ "$(ls -A "$tmp/out")" = "index.html" ]; then
  passed=$((passed + 1))
else
  echo "FAIL failed build changed the output folder"; failures=$((failures + 1))
fi
if ls -a "$tmp" | grep -q '^\.out\.new-'; then
  echo "FAIL failed build left a temporary folder"; failures=$((failures + 1))
else
  passed=$((passed + 1))
fi

echo "$passed passed, $failures failed"
[ $failures = 0 ]
