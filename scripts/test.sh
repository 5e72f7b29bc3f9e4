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
# Under the sanitizers, the tests that measure wall-clock behaviour (serve's
# reload, the editor loop, kill -9 during a build) or drive Chromium over the
# whole site are left out: they run above at full speed, and ASan's slowdown
# turns their time limits into false failures. Every unit test, the shipped
# content and PDFs, the CLI and the bad-input corpus run under ASan + UBSan.
scripts/sanitize.sh -LE '^(site|serve|editor|nothing-lost)$'
FUZZ_SECONDS=${FUZZ_SECONDS:-60} scripts/fuzz.sh
