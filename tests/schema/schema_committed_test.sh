#!/usr/bin/env bash
# assets/schema/ holds exactly what `bilan schema` writes: regenerate it with
#   bilan schema --source .
# after changing generator/load/schema.cc.
#   schema_committed_test.sh BILAN PROJECT_DIR
set -u
bilan=$1
project=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bilan" schema --source "$project" --out "$tmp/schema" -q || { echo "0 passed, 1 failed"; exit 1; }
if diff -r "$project/assets/schema" "$tmp/schema"; then
  echo "1 passed, 0 failed"
else
  echo "FAIL assets/schema differs from bilan schema's output (run: bilan schema --source .)"
  echo "0 passed, 1 failed"
  exit 1
fi
