#!/bin/sh
# Copies from the npm package @gouvfr/dsfr (node_modules/, installed by
# `npm ci`) only the DSFR files the site's pages use, into assets/vendor/dsfr/
# (git-ignored). `bilan build` then copies that folder into the site as is.
#
# The stylesheets below are the ones templates/layouts/default.mustache links,
# in the same order; every file they reference with url() (Marianne fonts,
# icons) is copied too, at the same relative place, so the CSS works unchanged.
# Adding a DSFR component to the pages: add its stylesheet here and in the layout.
#
# Usage: scripts/dsfr.sh [PROJECT_DIR]   (default: the folder above scripts/)
# Idempotent: the folder is rebuilt from scratch each time.
set -eu

project=${1:-$(cd "$(dirname "$0")/.." && pwd)}
dist="$project/node_modules/@gouvfr/dsfr/dist"
dest="$project/assets/vendor/dsfr"

STYLESHEETS="
core/core.main.min.css
component/skiplink/skiplink.main.min.css
component/logo/logo.main.min.css
component/link/link.main.min.css
component/header/header.main.min.css
component/footer/footer.main.min.css
component/breadcrumb/breadcrumb.main.min.css
component/tile/tile.main.min.css
component/card/card.main.min.css
component/table/table.main.min.css
component/tag/tag.main.min.css
component/callout/callout.main.min.css
component/highlight/highlight.main.min.css
"
FILES="
favicon/favicon.svg
favicon/favicon.ico
favicon/apple-touch-icon.png
"

if [ ! -d "$dist" ]; then
  echo "dsfr.sh: $dist not found; run 'npm ci' in $project first" >&2
  exit 1
fi
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dist/../package.json" | head -n 1)

tmp="$dest.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"

copy() {  # copy DIST_RELATIVE_PATH
  if [ ! -f "$dist/$1" ]; then
    echo "dsfr.sh: $dist/$1 not found (DSFR $version)" >&2
    exit 1
  fi
  mkdir -p "$tmp/$(dirname "$1")"
  cp "$dist/$1" "$tmp/$1"
}

for css in $STYLESHEETS; do
  copy "$css"
  dir=$(dirname "$css")
  # url(...) references other than data: URIs, resolved against the CSS file.
  for ref in $(grep -o 'url([^)]*)' "$dist/$css" | sed -e 's/^url(//' -e 's/)$//' -e "s/[\"']//g" \
               -e 's/[?#].*//' | grep -v '^data:' | sort -u); do
    copy "$(realpath -m --relative-to="$dist" "$dist/$dir/$ref")"
  done
done
for f in $FILES; do copy "$f"; done
cp "$dist/../LICENSE.md" "$tmp/LICENSE.md"
echo "$version" > "$tmp/VERSION"

rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$tmp" "$dest"
trap - EXIT
echo "dsfr.sh: DSFR $version: $(find "$dest" -type f | wc -l) files in ${dest#"$project"/}"
