#!/bin/sh
# Generates the Marianne TrueType fonts the PDF backend embeds, from the DSFR
# WOFF2 files in node_modules (npm package @gouvfr/dsfr, see package.json),
# with Debian's woff2_decompress (package woff2).
#
#   scripts/fonts.sh            # from the project folder (or anywhere: paths are
#                               # taken relative to this script)
#
# Writes assets/fonts/Marianne-{Regular,Bold,Regular_Italic,Bold_Italic,Medium}.ttf
# (git-ignored, generated). The paths must match text_font in assets/style.yaml.
# Idempotent: a TTF newer than its WOFF2 source is left alone.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/node_modules/@gouvfr/dsfr/dist/fonts"
dst="$root/assets/fonts"
styles="Regular Bold Regular_Italic Bold_Italic Medium"

die() {
  echo "fonts.sh: error: $*" >&2
  exit 1
}

[ -d "$root/node_modules" ] ||
  die "$root/node_modules is missing; run 'npm ci' in $root first"
[ -d "$src" ] ||
  die "$src is missing; is @gouvfr/dsfr installed? run 'npm ci' in $root"
command -v woff2_decompress >/dev/null 2>&1 ||
  die "woff2_decompress not found; install Debian package 'woff2' (apt-get install woff2)"

mkdir -p "$dst"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

made=0
kept=0
for style in $styles; do
  in="$src/Marianne-$style.woff2"
  out="$dst/Marianne-$style.ttf"
  [ -f "$in" ] || die "$in is missing (DSFR font layout changed?)"
  if [ -s "$out" ] && [ ! "$in" -nt "$out" ]; then
    kept=$((kept + 1))
    continue
  fi
  # woff2_decompress writes NAME.ttf beside its input; work on a copy so the
  # node_modules folder is never written to, then move the result in place
  # atomically (a failed run leaves no half-written TTF behind).
  cp "$in" "$tmp/Marianne-$style.woff2"
  woff2_decompress "$tmp/Marianne-$style.woff2" >/dev/null ||
    die "woff2_decompress failed on $in"
  [ -s "$tmp/Marianne-$style.ttf" ] || die "woff2_decompress wrote no font for $in"
  mv "$tmp/Marianne-$style.ttf" "$out"
  made=$((made + 1))
done

echo "fonts.sh: $made font(s) generated, $kept up to date, in $dst"
