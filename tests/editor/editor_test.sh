#!/usr/bin/env bash
# bilan build (summary, incremental = clean, --clean, --quiet) and bilan new,
# on a copy of the shipped project.
#   editor_test.sh BILAN PROJECT_DIR
set -u
bilan=$1
project=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

mkdir -p "$tmp/p"
for d in content templates assets; do [ -d "$project/$d" ] && cp -r "$project/$d" "$tmp/p/"; done
p=$tmp/p

# A first build prints the summary table; output not a terminal: no progress bar.
"$bilan" build --source "$p" --out "$tmp/site" >"$tmp/out" 2>"$tmp/err" || { fail "first build"; cat "$tmp/err"; }
grep -q '^  pages       | *[1-9][0-9]*$' "$tmp/out" && ok || fail "summary counts pages"
grep -q '^  written     | *[1-9]' "$tmp/out" && ok || fail "summary counts written files"
grep -q '^  unchanged   | *0$' "$tmp/out" && ok || fail "a first build keeps nothing"
grep -q '^  load     | *[0-9]' "$tmp/out" && ok || fail "summary times load"
grep -q '^  html     | *[0-9]' "$tmp/out" && ok || fail "summary times html"
grep -q '^  write    | *[0-9]' "$tmp/out" && ok || fail "summary times write"
grep -q "^bilan: built $tmp/site in " "$tmp/out" && ok || fail "summary closing line"
grep -q $'\r' "$tmp/out" && fail "progress bar drawn when stdout is not a terminal" || ok
[ -f "$tmp/.bilan-cache/site.manifest" ] && ok || fail "manifest beside the output folder"
[ -e "$tmp/site/.bilan-cache" ] || ls -a "$tmp/site" | grep -q manifest && fail "manifest inside the output" || ok

# Nothing changed: every renderer up to date, nothing written.
"$bilan" build --source "$p" --out "$tmp/site" >"$tmp/out" 2>&1 || fail "second build"
grep -q '^  written     | *0$' "$tmp/out" && ok || fail "unchanged build wrote files: $(cat "$tmp/out")"
grep -q '| up to date$' "$tmp/out" && ok || fail "unchanged build re-rendered"

# --quiet prints nothing on success.
"$bilan" build --source "$p" --out "$tmp/site" -q >"$tmp/out" 2>&1 || fail "quiet build"
[ -s "$tmp/out" ] && fail "--quiet printed: $(cat "$tmp/out")" || ok

# Edits: the incremental output equals a clean build of the same sources.
same_as_clean() {  # same_as_clean NAME
  rm -rf "$tmp/clean"
  "$bilan" build --source "$p" --out "$tmp/clean" --clean -q || { fail "$1: clean build"; return; }
  if diff -r "$tmp/site" "$tmp/clean" >"$tmp/diff"; then ok; else fail "$1: incremental differs from clean"; head -20 "$tmp/diff"; fi
}
sed -i 's/signes: 92\b/signes: 93/' "$p/content/regions/bretagne/region.yaml"
"$bilan" build --source "$p" --out "$tmp/site" -v >"$tmp/out" 2>&1 || fail "build after a content edit"
grep -q '^  written  regions/bretagne/index.html$' "$tmp/out" && ok || fail "region page rewritten: $(cat "$tmp/out")"
grep -q '^  unchanged   | *[1-9]' "$tmp/out" && ok || fail "other files kept"
same_as_clean "content edit"

css=$(ls "$p"/assets/css/*.css 2>/dev/null | head -1)
if [ -n "$css" ]; then
  echo "/* edited */" >>"$css"
  "$bilan" build --source "$p" --out "$tmp/site" -q || fail "build after an asset edit"
  same_as_clean "asset edit"
fi
rm -r "$p/content/regions/corse"
sed -i 's/\bcorse\b//' "$p"/content/documents/*.yaml 2>/dev/null
if "$bilan" check --source "$p" >/dev/null 2>&1; then
  "$bilan" build --source "$p" --out "$tmp/site" -q || fail "build after removing a region"
  [ -e "$tmp/site/regions/corse" ] && fail "removed region's page left behind" || ok
  same_as_clean "region removed"
fi

# --clean writes every file.
"$bilan" build --source "$p" --out "$tmp/site" --clean >"$tmp/out" 2>&1 || fail "--clean build"
grep -q '^  unchanged   | *0$' "$tmp/out" && ok || fail "--clean kept files"

# bilan new: skeletons that check and build; no overwrite; accents removed.
rm -rf "$p" && mkdir -p "$p" && for d in content templates assets; do [ -d "$project/$d" ] && cp -r "$project/$d" "$p/"; done
"$bilan" new --source "$p" region "Saint-Barthélemy" >"$tmp/out" 2>&1 && ok || { fail "new region"; cat "$tmp/out"; }
[ -f "$p/content/regions/saint-barthelemy/region.yaml" ] && ok || fail "new region folder slug"
grep -q '^# key_figures:' "$p/content/regions/saint-barthelemy/region.yaml" && ok || fail "figures shown commented out"
grep -q '^key_figures:' "$p/content/regions/saint-barthelemy/region.yaml" && fail "figures filled in" || ok
"$bilan" new --source "$p" example "Saint-Barthélemy" "Gustavia" >"$tmp/out" 2>&1 && ok || { fail "new example"; cat "$tmp/out"; }
[ -f "$p/content/regions/saint-barthelemy/examples/gustavia.md" ] && ok || fail "new example file"
"$bilan" check --source "$p" >"$tmp/out" 2>&1 && ok || { fail "skeletons do not pass check"; cat "$tmp/out"; }
"$bilan" build --source "$p" --out "$tmp/site2" -q >"$tmp/out" 2>&1 && ok || { fail "skeletons do not build"; cat "$tmp/out"; }
before=$(cat "$p/content/regions/bretagne/region.yaml")
"$bilan" new --source "$p" region "Bretagne" >"$tmp/out" 2>"$tmp/err" && fail "new region overwrote" || ok
[ "$(cat "$tmp/err")" = "bilan: error: region 'bretagne' already exists (content/regions/bretagne)" ] && ok || fail "refusal message: $(cat "$tmp/err")"
[ "$(cat "$p/content/regions/bretagne/region.yaml")" = "$before" ] && ok || fail "existing region changed"
"$bilan" new --source "$p" example bretagne "Retiers" >/dev/null 2>"$tmp/err" && fail "new example overwrote" || ok
"$bilan" new --source "$p" example bretagen "X" >/dev/null 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "bilan: error: unknown region 'bretagen' (did you mean 'bretagne'?)" ] && ok || fail "unknown region message: $(cat "$tmp/err")"

echo "$passed passed, $failed failed"
[ $failed = 0 ]
