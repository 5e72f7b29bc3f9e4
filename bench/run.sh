#!/usr/bin/env bash
# The benchmark harness of issue 8: bilan side by side with Hugo and Typst.
#
#   bench/run.sh              everything, 5 runs of each measure (about 15 min)
#   bench/run.sh --runs 3     fewer runs
#   bench/run.sh --skip-large without the 35,000-page site (quick check)
#
# It builds bilan (build-bench/, RelWithDebInfo as the default build), writes
# the synthetic workloads (bench/generate.mjs) and the Typst brochure
# (bench/typst/brochure.mjs) under build-bench/bench-work/, then times, each
# measure alternating between the tools run by run, the median of N runs:
#   - bilan and Hugo on the same 3,500 and 35,000 pages (wall time, peak RSS);
#   - bilan's full real build (site + every PDF) from a new process, --clean;
#   - the brochure PDF alone, bilan against Typst;
#   - edit one region's YAML, rebuild (the manifest of the previous build kept).
# and writes the measured part of bench/RESULTS.md (between the run.sh
# markers; the profile notes below them are kept).
#
# Wall time and peak RSS come from GNU time (/usr/bin/time, Debian package
# `time`); without it the script says so and records wall time only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

RUNS=5
SKIP_LARGE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --skip-large) SKIP_LARGE=1; shift ;;
    *) echo "run.sh: error: unknown argument '$1' (see the comment at the top of bench/run.sh)" >&2; exit 2 ;;
  esac
done

BUILD=${BILAN_BENCH_BUILD:-$ROOT/build-bench}
WORK=$BUILD/bench-work
BILAN=$BUILD/generator/cli/bilan
RESULTS=$ROOT/bench/RESULTS.md
SIZES=(3500 35000)
[ "$SKIP_LARGE" = 1 ] && SIZES=(3500)

say() { echo "run.sh: $*" >&2; }

# --- Tools -----------------------------------------------------------------

# What the benchmarks need beyond scripts/setup.sh: Hugo and GNU time.
missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -d node_modules/@myriaddreamin/typst-ts-node-compiler ] || npm ci --no-audit --no-fund --loglevel=error

for tool in cmake node hugo; do
  command -v "$tool" >/dev/null || { say "error: '$tool' is missing (Debian package: ${tool/node/nodejs})"; exit 1; }
done
GNU_TIME=/usr/bin/time
if [ ! -x "$GNU_TIME" ] || ! "$GNU_TIME" -f %M true >/dev/null 2>&1; then
  say "warning: GNU time (/usr/bin/time, Debian package 'time') is missing: peak memory is NOT measured,"
  say "warning: only wall time (install it with: apt-get install time)"
  GNU_TIME=""
fi
for pkg in @etalab/decoupage-administratif @myriaddreamin/typst-ts-node-compiler js-yaml; do
  [ -d "node_modules/$pkg" ] || { say "error: node_modules/$pkg is missing: run npm ci"; exit 1; }
done

say "building bilan in $BUILD"
cmake -S "$ROOT" -B "$BUILD" >/dev/null
cmake --build "$BUILD" --target bilan -j"$(nproc)" >/dev/null
# The PDF stage's own benchmark (tests/pdf), for the brochure when bilan has
# no way to build one document alone.
PDF_PERFTEST=$BUILD/tests/pdf/pdf_perftest
cmake --build "$BUILD" --target pdf_perftest -j"$(nproc)" >/dev/null 2>&1 || PDF_PERFTEST=""

# --- Measuring -------------------------------------------------------------

mkdir -p "$WORK"
SAMPLES=$WORK/samples.tsv   # name, run, wall µs, peak RSS KB, CPU (user + system) µs
: >"$SAMPLES"

# measure NAME CMD...: runs CMD once (output to $WORK/last.log), appends
# "NAME run wall_µs rss_kb cpu_µs" to $SAMPLES. The wall time is taken around
# the process with a nanosecond clock; the peak RSS and the CPU time (user +
# system, every thread) by GNU time. On a machine shared with other work the
# CPU time is the steadier of the two.
RUN_NO=0
measure() {
  local name=$1; shift
  local t0 t1 rss="" cpu=""
  t0=$(date +%s%N)
  if [ -n "$GNU_TIME" ]; then
    "$GNU_TIME" -f "%M %U %S" -o "$WORK/time.out" "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; say "error: '$*' failed"; exit 1; }
    t1=$(date +%s%N)
    read -r rss cpu_user cpu_sys < <(tail -n 1 "$WORK/time.out")
    cpu=$(awk -v u="$cpu_user" -v s="$cpu_sys" 'BEGIN { printf "%d", (u + s) * 1e6 }')
  else
    "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; say "error: '$*' failed"; exit 1; }
    t1=$(date +%s%N)
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$RUN_NO" "$(( (t1 - t0) / 1000 ))" "${rss:--}" "${cpu:--}" >>"$SAMPLES"
}

# settle N: the same kernel state before each run of either tool at N pages.
# Each run creates then deletes tens of thousands of files, and without this
# every run was slower than the one before (bilan at 35,000 pages: 3.7, 5.2,
# 7.1, 8.3, 9.2 s, all of it system time; Hugo less so, its time being its
# own): dirty data is written (sync), the kernel's caches are dropped (as
# root), and both tools' inputs, programs and libraries are read back into
# the page cache, so that the run starts warm.
SETTLE="syncs (not root: the caches could not be dropped)"
settle() {
  sync
  if [ "$(id -u)" = 0 ] && [ -w /proc/sys/vm/drop_caches ]; then
    SETTLE="syncs, drops the kernel's caches and reads the inputs back"
    echo 3 >/proc/sys/vm/drop_caches
    find "$WORK/w$1" -type f -exec cat {} + >/dev/null
    cat /usr/share/hyphen/hyph_fr.dic /usr/share/fonts/truetype/dejavu/*.ttf >/dev/null 2>&1 || true
    "$BILAN" --version >/dev/null
    hugo version >/dev/null
  fi
}

# median NAME COLUMN (3 = wall µs, 4 = RSS KB, 5 = CPU µs): the median of the samples.
median() {
  awk -F'\t' -v n="$1" -v c="$2" '$1 == n && $c != "-" { print $c }' "$SAMPLES" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ms() { awk -v v="$1" 'BEGIN { if (v == "") print "–"; else if (v >= 10000000) printf "%.2f s", v / 1e6; else printf "%.1f ms", v / 1e3 }'; }
mb() { awk -v v="$1" 'BEGIN { if (v == "") print "–"; else printf "%.0f MB", v / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f", a / b }'; }

# --- Workloads -------------------------------------------------------------

for n in "${SIZES[@]}"; do
  if [ ! -f "$WORK/w$n/stamp" ] || [ "$WORK/w$n/stamp" -ot bench/generate.mjs ] ||
     [ -n "$(find content templates assets bench/hugo -newer "$WORK/w$n/stamp" -type f -print -quit)" ]; then
    say "generating the $n-page workload"
    node bench/generate.mjs --pages "$n" --out "$WORK/w$n" >&2
    touch "$WORK/w$n/stamp"
  fi
done

# --- bilan vs Hugo at each size ----------------------------------------------

for n in "${SIZES[@]}"; do
  say "bilan vs Hugo, $n pages, $RUNS runs each"
  "$BILAN" check --source "$WORK/w$n/bilan" >&2
  for RUN_NO in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/w$n/bilan-out" "$WORK/w$n/hugo-out"
    settle "$n"
    measure "bilan-$n" "$BILAN" build --source "$WORK/w$n/bilan" --out "$WORK/w$n/bilan-out" --clean --quiet
    settle "$n"
    measure "hugo-$n" hugo --quiet --source "$WORK/w$n/hugo" --destination "$WORK/w$n/hugo-out"
  done
  find "$WORK/w$n/bilan-out" -name '*.html' | wc -l >"$WORK/w$n/bilan-pages"
  find "$WORK/w$n/hugo-out" -name '*.html' | wc -l >"$WORK/w$n/hugo-pages"
  du -sm "$WORK/w$n/bilan-out" | cut -f1 >"$WORK/w$n/bilan-mb"
  du -sm "$WORK/w$n/hugo-out" | cut -f1 >"$WORK/w$n/hugo-mb"
  rm -rf "$WORK/w$n/bilan-out" "$WORK/w$n/hugo-out"
done

# --- bilan's real build: site + every PDF, new process, nothing kept -----------

say "full real build, $RUNS runs"
for RUN_NO in $(seq 1 "$RUNS"); do
  sync  # no writeback of the large sites' files running during the build
  measure full "$BILAN" build --source "$ROOT" --out "$WORK/real-site" --clean --quiet
done
"$BILAN" build --source "$ROOT" --out "$WORK/real-site" --clean >"$WORK/full-summary.txt"
FULL_PAGES=$(find "$WORK/real-site" -name '*.html' | wc -l)
FULL_PDFS=$(find "$WORK/real-site" -name '*.pdf' | wc -l)

# --- The brochure PDF: bilan alone vs Typst ----------------------------------

BROCHURE=pdf/bilan-2016.pdf
node bench/typst/brochure.mjs --typ "$WORK/brochure.typ" --pdf "$WORK/brochure-typst.pdf" >"$WORK/typst-first.json"
TYPST_PAGES=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).pages)' "$WORK/typst-first.json")
: >"$WORK/typst.jsonl"
# Each tool from a new process: bilan through the PDF stage's benchmark in
# its --only mode (load the project, read fonts, patterns, pictograms and map
# geometry, write the brochure; `bilan build` has no option to make one
# document alone), Typst through node and its compiler.
say "brochure: bilan vs Typst, $RUNS runs"
for RUN_NO in $(seq 1 "$RUNS"); do
  if [ -n "$PDF_PERFTEST" ]; then
    measure brochure-bilan-process "$PDF_PERFTEST" --source "$ROOT" --only "$BROCHURE" --out "$WORK/brochure-bilan"
  fi
  measure brochure-typst-process node bench/typst/brochure.mjs
  cat "$WORK/last.log" >>"$WORK/typst.jsonl"
done
# Inside the process: the brochure alone from the PDF stage's benchmark
# (fonts, hyphenation patterns and pictograms already loaded; best of 5, wall
# time: the document is written on one thread, which packs its fonts and
# pages on two), against Typst's compiler once made (its fonts loaded in it).
PERFTEST_MS=""
PERFTEST_CPU_MS=""
if [ -n "$PDF_PERFTEST" ]; then
  "$PDF_PERFTEST" --source "$ROOT" --repeat 5 >"$WORK/pdf-perftest.txt"
  PERFTEST_MS=$(awk -v p="$BROCHURE" '$1 == p { print $5 }' "$WORK/pdf-perftest.txt")
  PERFTEST_CPU_MS=$(awk -v p="$BROCHURE" '$1 == p { print $4 }' "$WORK/pdf-perftest.txt")
fi
# The Typst work inside the process (fonts, compile, PDF), without node's start.
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
  for (const [i, l] of lines.entries()) console.log(["brochure-typst", i + 1, Math.round(JSON.parse(l).total_ms * 1000), "-", "-"].join("\t"));
' "$WORK/typst.jsonl" >>"$SAMPLES"
BILAN_BROCHURE_PAGES="–"
if [ -f "$WORK/real-site/$BROCHURE" ] && command -v pdfinfo >/dev/null; then
  BILAN_BROCHURE_PAGES=$(pdfinfo "$WORK/real-site/$BROCHURE" | awk '/^Pages:/ { print $2 }')
fi

# --- Edit one region, rebuild ------------------------------------------------

say "one-region edit, $RUNS runs"
rm -rf "$WORK/incremental"
mkdir -p "$WORK/incremental"
for d in content templates assets; do cp -r "$ROOT/$d" "$WORK/incremental/"; done
REGION_YAML=$WORK/incremental/content/regions/bretagne/region.yaml
"$BILAN" build --source "$WORK/incremental" --out "$WORK/incremental/site" --quiet
for RUN_NO in $(seq 1 "$RUNS"); do
  # A real edit: the MSP figure changes (78 <-> 79), so the region's page and
  # PDFs must change.
  if grep -q 'ouvertes: 78' "$REGION_YAML"; then sed -i 's/ouvertes: 78/ouvertes: 79/' "$REGION_YAML"
  else sed -i 's/ouvertes: 79/ouvertes: 78/' "$REGION_YAML"; fi
  sync
  measure edit-region "$BILAN" build --source "$WORK/incremental" --out "$WORK/incremental/site" --quiet
done
"$BILAN" build --source "$WORK/incremental" --out "$WORK/incremental/site" --verbose >"$WORK/noop-summary.txt" || true

# --- RESULTS.md --------------------------------------------------------------

check() { awk -v ok="$1" 'BEGIN { print (ok == "1" ? "met" : "**not met**") }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && b != "" && a + 0 <= b + 0) ? 1 : 0 }'; }

{
  echo "<!-- run.sh: begin (generated by bench/run.sh; edit outside these markers) -->"
  echo "## Measured $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n1), $(free -g | awk '/^Mem:/ { print $2 }') GB memory;"
  echo "$(uname -sr); bilan $("$BILAN" --version | awk '{ print $2 }') built $(grep -m1 CMAKE_BUILD_TYPE "$BUILD/CMakeCache.txt" | cut -d= -f2) in build-bench/;"
  echo "$(hugo version | awk '{ print $1, $2 }'); Typst through @myriaddreamin/typst-ts-node-compiler $(node -p 'require("./node_modules/@myriaddreamin/typst-ts-node-compiler/package.json").version'); node $(node --version)."
  echo "Median of $RUNS runs per line, tools alternating run by run; wall time around the process, peak RSS and CPU"
  echo "time from GNU time$([ -n "$GNU_TIME" ] || echo ' (**missing on this machine: no memory or CPU figures**)'). The page cache is warm"
  echo "(the same files were just read); before each run at 3,500 and 35,000 pages, of either tool, \`settle\`"
  echo "$SETTLE (see run.sh). Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores:"
  echo "other work shares this machine, so wall times carry its noise; CPU times much less."
  echo
  echo "| measure | bilan | other | ratio | target | status |"
  echo "|---|---|---|---|---|---|"
  for n in "${SIZES[@]}"; do
    bw=$(median "bilan-$n" 3); hw=$(median "hugo-$n" 3); br=$(median "bilan-$n" 4); hr=$(median "hugo-$n" 4)
    pages_b=$(cat "$WORK/w$n/bilan-pages"); pages_h=$(cat "$WORK/w$n/hugo-pages")
    speed=$(ratio "$hw" "$bw")
    echo "| $n-page site, wall ($pages_b / $pages_h .html files) | $(ms "$bw") | Hugo $(ms "$hw") | Hugo/bilan $speed× | ≥ 5× | $(check "$(le 5 "$speed")") |"
    if [ -n "$GNU_TIME" ]; then
      bc=$(median "bilan-$n" 5); hc=$(median "hugo-$n" 5)
      echo "| $n-page site, CPU time (user + system) | $(ms "$bc") | Hugo $(ms "$hc") | Hugo/bilan $(ratio "$hc" "$bc")× | (wall ≥ 5×) | |"
    fi
    if [ -n "$GNU_TIME" ]; then
      mem=$(ratio "$br" "$hr")
      echo "| $n-page site, peak RSS | $(mb "$br") | Hugo $(mb "$hr") | bilan/Hugo $mem | ≤ 0.25 | $(check "$(le "$mem" 0.25)") |"
    fi
  done
  if [ "$SKIP_LARGE" = 0 ]; then
    lin=$(ratio "$(median bilan-35000 3)" "$(median bilan-3500 3)")
    echo "| 35,000 / 3,500 pages, bilan wall | $(ms "$(median bilan-35000 3)") / $(ms "$(median bilan-3500 3)") | | $lin | ≤ 11 | $(check "$(le "$lin" 11)") |"
    [ -n "$GNU_TIME" ] && echo "| 35,000 / 3,500 pages, bilan CPU | $(ms "$(median bilan-35000 5)") / $(ms "$(median bilan-3500 5)") | | $(ratio "$(median bilan-35000 5)" "$(median bilan-3500 5)") | (wall ≤ 11) | |"
  fi
  fw=$(median full 3)
  echo "| full real build, --clean ($FULL_PAGES pages, $FULL_PDFS PDFs) | $(ms "$fw")$([ -n "$GNU_TIME" ] && echo " (CPU $(ms "$(median full 5)"))") | | | ≤ 100 ms | $(check "$(le "$fw" 100000)") |"
  tw=$(median brochure-typst 3); tpw=$(median brochure-typst-process 3)
  if [ -n "$PDF_PERFTEST" ]; then
    bpw=$(median brochure-bilan-process 3); sp=$(ratio "$tpw" "$bpw")
    echo "| brochure PDF ($BILAN_BROCHURE_PAGES / $TYPST_PAGES pages), each from a new process (bilan: \`pdf_perftest --only\`; Typst: node and its compiler) | $(ms "$bpw") | Typst $(ms "$tpw") | Typst/bilan $sp× | ≥ 4× | $(check "$(le 4 "$sp")") |"
    pus=$(awk -v v="$PERFTEST_MS" 'BEGIN { printf "%d", v * 1000 }'); sp=$(ratio "$tw" "$pus")
    echo "| brochure PDF, inside the process (bilan: fonts already loaded; Typst: compiler made, fonts loaded in its time), wall | $(ms "$pus") (CPU ${PERFTEST_CPU_MS} ms) | Typst $(ms "$tw") | Typst/bilan $sp× | (≥ 4×) | $(check "$(le 4 "$sp")") |"
  else
    echo "| brochure PDF ($BILAN_BROCHURE_PAGES / $TYPST_PAGES pages) | not measured: tests/pdf/pdf_perftest did not build | Typst $(ms "$tw") in process, $(ms "$tpw") with node | | ≥ 4× | **not measured** |"
  fi
  ew=$(median edit-region 3)
  echo "| edit one region's YAML, rebuild | $(ms "$ew")$([ -n "$GNU_TIME" ] && echo " (CPU $(ms "$(median edit-region 5)"))") | | | ≤ 50 ms | $(check "$(le "$ew" 50000)") |"
  echo
  echo "Commands (as run; \`\$W\` = build-bench/bench-work):"
  echo
  echo '```'
  echo "node bench/generate.mjs --pages N --out \$W/wN"
  echo "bilan build --source \$W/wN/bilan --out \$W/wN/bilan-out --clean --quiet      # after rm -rf of the output"
  echo "hugo --quiet --source \$W/wN/hugo --destination \$W/wN/hugo-out               # after rm -rf of the output"
  echo "bilan build --source . --out \$W/real-site --clean --quiet"
  echo "tests/pdf/pdf_perftest --source . --only $BROCHURE --out \$W/brochure-bilan  # new process"
  echo "node bench/typst/brochure.mjs                                               # prints its in-process times"
  echo "sed -i 's/ouvertes: 78/ouvertes: 79/' content/regions/bretagne/region.yaml; bilan build --source \$W/incremental --out \$W/incremental/site --quiet"
  echo '```'
  echo
  echo "bilan's own stage times for one full real build (\`bilan build --clean\`):"
  echo
  echo '```'
  sed -n '/time/,$p' "$WORK/full-summary.txt"
  echo '```'
  echo
  echo "Every sample (µs, KB) is in \`build-bench/bench-work/samples.tsv\`."
  echo "<!-- run.sh: end -->"
} >"$WORK/results-block.md"

if [ -f "$RESULTS" ] && grep -q '<!-- run.sh: begin' "$RESULTS"; then
  awk -v block="$WORK/results-block.md" '
    /<!-- run.sh: begin/ { while ((getline l < block) > 0) print l; skip = 1; next }
    /<!-- run.sh: end/ { skip = 0; next }
    !skip { print }' "$RESULTS" >"$RESULTS.new"
  mv "$RESULTS.new" "$RESULTS"
else
  { echo "# Benchmark results (issue 8)"; echo; cat "$WORK/results-block.md"; } >"$RESULTS"
fi
cat "$WORK/results-block.md"
