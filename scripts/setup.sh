#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm packages, fonts), builds
# bilan, and generates site/ (HTML + PDFs) from the shipped content.
# Idempotent: a second run only rebuilds what changed.
#
#   scripts/setup.sh            install, build, bilan build
#   scripts/setup.sh --no-site  install and build only (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

build_site=1
[ "${1:-}" = "--no-site" ] && build_site=0

# Debian packages, chosen on purpose (see README.md).
packages=(
  build-essential cmake pkg-config git
  libyaml-cpp-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libhpdf-dev zlib1g-dev libdeflate-dev libxxhash-dev catch2
  libkainjow-mustache-dev libcli11-dev libfmt-dev libhyphen-dev hyphen-fr libcpp-httplib-dev libssl-dev
  woff2 fonts-dejavu-core fonts-dejavu-extra
  qpdf poppler-utils default-jre-headless chromium
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages (DSFR, browser test tools, map source), exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.bilan-lock; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.bilan-lock
fi

# Generated assets: Marianne TTF from the DSFR woff2 files, the DSFR files the site uses.
for s in scripts/fonts.sh scripts/dsfr.sh; do
  [ -x "$s" ] && "$s"
done

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

if [ $build_site = 1 ]; then
  ./build/generator/cli/bilan build --source . --out site
fi
