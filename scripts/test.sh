#!/usr/bin/env bash
# Builds bilan (installing what is missing) and runs the whole test suite
# through CTest, then again under AddressSanitizer + UndefinedBehaviorSanitizer
# (scripts/sanitize.sh, build-asan/), then each libFuzzer target for
# FUZZ_SECONDS seconds (scripts/fuzz.sh, build-fuzz/; default 60).
# Idempotent. .ci/run calls this. Arguments go to the first ctest run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-site
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
scripts/sanitize.sh
FUZZ_SECONDS=${FUZZ_SECONDS:-60} scripts/fuzz.sh
