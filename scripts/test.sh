#!/usr/bin/env bash
# Builds bilan (installing what is missing) and runs the whole test suite
# through CTest. Idempotent. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-site
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
